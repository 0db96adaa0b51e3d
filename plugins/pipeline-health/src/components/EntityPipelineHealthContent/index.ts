export { EntityPipelineHealthContent } from './EntityPipelineHealthContent';
