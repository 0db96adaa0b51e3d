export { PipelineDetailPage, PipelineDetailRoute } from './PipelineDetailPage';
