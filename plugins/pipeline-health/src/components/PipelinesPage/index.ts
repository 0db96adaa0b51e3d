export { PipelinesPage } from './PipelinesPage';
export { PipelineCard } from './PipelineCard';
