export * from './readPipelineHealthConfig';
