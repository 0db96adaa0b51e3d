import {
  ApiBlueprint,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import {
  ALL_RELATION_PAIRS,
  ALL_RELATIONS,
  catalogGraphApiRef,
  DefaultCatalogGraphApi,
} from '@backstage/plugin-catalog-graph';
import {
  RELATION_ESCALATES_VIA,
  RELATION_ESCALATION_FOR,
} from '@plinth/plugin-ownership';

/** The built-in relations plus who-to-call: entity -> policy -> next policy. */
export const CATALOG_GRAPH_RELATIONS: string[] = [
  ...ALL_RELATIONS,
  RELATION_ESCALATES_VIA,
  RELATION_ESCALATION_FOR,
];

/**
 * Each pair is drawn as one edge labelled with both names, pointing from the entity that
 * has the first relation: from the covered entity to its policy, and on to the next one.
 */
export const CATALOG_GRAPH_RELATION_PAIRS: [string, string][] = [
  ...ALL_RELATION_PAIRS,
  [RELATION_ESCALATES_VIA, RELATION_ESCALATION_FOR],
];

/**
 * Replaces the catalog graph plugin's API so both the entity card and the graph page
 * know the escalation relations and draw them by default.
 */
export const catalogGraphApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: catalogGraphApiRef,
      deps: {},
      factory: () =>
        new DefaultCatalogGraphApi({
          knownRelations: CATALOG_GRAPH_RELATIONS,
          knownRelationPairs: CATALOG_GRAPH_RELATION_PAIRS,
          defaultRelationTypes: { exclude: [] },
        }),
    }),
});

export const catalogGraphModule = createFrontendModule({
  pluginId: 'catalog-graph',
  extensions: [catalogGraphApi],
});
