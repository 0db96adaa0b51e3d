import type {
  EntityPipelineHealth,
  ConsumerGroupPartitions,
  HistoryRange,
  IncidentList,
  PipelineDetail,
  PipelineHistory,
  PipelineList,
} from '../snapshot';

/**
 * What the frontend needs from the pipeline-health backend. `PipelineHealthClient` (over the
 * client generated from the backend's OpenAPI spec) implements it; component tests use a fake.
 */
export interface PipelineHealthApi {
  listPipelines(): Promise<PipelineList>;
  getPipeline(id: string): Promise<PipelineDetail>;
  getGroupPartitions(
    id: string,
    group: string,
  ): Promise<ConsumerGroupPartitions>;
  getHistory(id: string, range: HistoryRange): Promise<PipelineHistory>;
  getIncidents(id: string): Promise<IncidentList>;
  getEntityHealth(entityRef: string): Promise<EntityPipelineHealth>;
}
