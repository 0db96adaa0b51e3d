export { PipelineHealthClient } from './PipelineHealthClient';
export type { PipelineHealthClientOptions } from './PipelineHealthClient';
export type { PipelineHealthApi } from './types';
