export { PipelinesRoutes } from './PipelinesRoutes';
