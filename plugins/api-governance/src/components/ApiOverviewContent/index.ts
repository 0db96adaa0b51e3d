export { ApiOverviewContent } from './ApiOverviewContent';
