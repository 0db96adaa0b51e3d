export { CatalogServiceApiCatalog } from './CatalogServiceApiCatalog';
export type { ApiCatalog, ApiEntity, ConsumerEntity } from './types';
