/**
 * Plinth's adoption scorecard for the Tech Insights backend: fact retrievers and checks from
 * the platform adoption guide.
 *
 * @packageDocumentation
 */
export { techInsightsModulePlinth as default } from './module';
export { PLINTH_CHECKS } from './checks/plinthChecks';
export {
  ADOPTION_GUIDE_ANCHORS,
  ADOPTION_GUIDE_PATH,
  adoptionGuideLink,
} from './checks/adoptionGuide';
export { FACT_RETRIEVER_IDS } from './factRetrievers/ids';
export type { TeamCheckCounts } from './factRetrievers/adoptionTrendFactRetriever';
