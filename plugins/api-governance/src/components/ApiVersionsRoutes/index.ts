export { ApiVersionsRoutes } from './ApiVersionsRoutes';
