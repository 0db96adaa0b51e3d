/**
 * Types, SLO definitions, annotation parsers, permissions and the client shared by Plinth's
 * pipeline-health plugins.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './permissions';
export * from './signals';
export * from './slo';
export * from './snapshot';
export * from './types';
export * from './client';
// The client generated from the backend's OpenAPI spec; PipelineHealthClient wraps it.
export {
  DefaultApiClient,
  type RequestOptions,
  type TypedResponse,
} from './schema/openapi';
