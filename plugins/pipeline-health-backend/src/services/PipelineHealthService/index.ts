export * from './PipelineHealthService';
export type * from './ports';
