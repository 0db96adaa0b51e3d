/**
 * Types, constants and permissions shared by Plinth's ownership and escalation plugins.
 *
 * @packageDocumentation
 */
export * from './contacts';
export * from './escalationPolicy';
export * from './matrix';
export * from './permissions';
export * from './snapshot';
export * from './client';
// The client generated from the backend's OpenAPI spec; OwnershipClient wraps it.
export {
  DefaultApiClient,
  type RequestOptions,
  type TypedResponse,
} from './schema/openapi';
