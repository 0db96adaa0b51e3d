export { ApiVersionsPage, CountChip } from './ApiVersionsPage';
