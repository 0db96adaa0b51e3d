/**
 * Backstage signals channel on which the backend announces a new snapshot after each poll;
 * pages refetch on it instead of polling. The message carries no data, only the time, so
 * a client never learns anything it could not read through the permission-checked API.
 */
export const PIPELINE_HEALTH_SIGNAL_CHANNEL = 'pipeline-health:snapshot';

export type PipelineHealthSignal = { generatedAt: string };
