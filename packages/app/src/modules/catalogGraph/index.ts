export {
  catalogGraphModule,
  CATALOG_GRAPH_RELATIONS,
  CATALOG_GRAPH_RELATION_PAIRS,
} from './catalogGraphModule';
