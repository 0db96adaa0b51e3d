/**
 * Fact retriever ids: the keys under `techInsights.factRetrievers` in app-config (the
 * Tech Insights backend schedules a retriever only when its key is configured) and the
 * `factIds` the checks read.
 */
export const FACT_RETRIEVER_IDS = {
  catalog: 'plinthCatalogFactRetriever',
  escalation: 'plinthEscalationFactRetriever',
  techdocs: 'plinthTechDocsFactRetriever',
  pipelineAnnotations: 'plinthPipelineAnnotationsFactRetriever',
  pipelineHealth: 'plinthPipelineHealthFactRetriever',
  api: 'plinthApiFactRetriever',
  template: 'plinthTemplateFactRetriever',
  adoptionTrend: 'plinthAdoptionTrendFactRetriever',
} as const;
