/**
 * Types, SLO definitions, annotation parsers and permissions shared by Plinth's
 * pipeline-health plugins.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './permissions';
export * from './slo';
export * from './types';
