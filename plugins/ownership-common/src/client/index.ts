export { OwnershipClient, isNotFoundResponse } from './OwnershipClient';
export {
  createServiceOwnershipClient,
  type ServiceOwnershipClientOptions,
} from './createServiceOwnershipClient';
export { MATRIX_PAGE_LIMIT_MAX } from './types';
export type {
  MatrixCsvExport,
  MatrixPageRequest,
  OwnershipApi,
  OwnershipClientOptions,
} from './types';
