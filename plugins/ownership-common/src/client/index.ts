export { OwnershipClient, isNotFoundResponse } from './OwnershipClient';
export { MATRIX_PAGE_LIMIT_MAX } from './types';
export type {
  MatrixCsvExport,
  MatrixPageRequest,
  OwnershipApi,
  OwnershipClientOptions,
} from './types';
