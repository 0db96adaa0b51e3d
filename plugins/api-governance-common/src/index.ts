/**
 * REST shapes, constants, the `api-governance.read` permission and the client shared by
 * Plinth's api-governance plugins.
 *
 * @packageDocumentation
 */
export * from './constants';
export * from './permissions';
export * from './types';
export * from './client';
// The client generated from the backend's OpenAPI spec; ApiGovernanceClient wraps it.
export {
  DefaultApiClient,
  type RequestOptions,
  type TypedResponse,
} from './schema/openapi';
