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
export type { PipelineHealthApi } from './client/types';
