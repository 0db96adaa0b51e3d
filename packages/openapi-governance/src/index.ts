/**
 * OpenAPI governance for Plinth: load and check documents, classify the changes between
 * two versions, lint a document against the Plinth API guidelines.
 *
 * @packageDocumentation
 */
export { SpecInputError } from './errors';
export type { SpecErrorCode } from './errors';
export { loadSpec, parseSpec } from './load/loadSpec';
export type {
  LoadedSpec,
  LoadLimits,
  OpenApiDocument,
  OpenApiLine,
} from './load/types';
export { diffOpenApi } from './diff/diffOpenApi';
export { CHANGE_RULES } from './diff/rules';
export type { ChangeRuleId } from './diff/rules';
export type {
  Change,
  ChangeLocation,
  ChangeSeverity,
  DiffOptions,
} from './diff/types';
export { lintOpenApi } from './lint/lintOpenApi';
export { plinthRuleset } from './lint/plinthRuleset';
export type { PlinthRuleId } from './lint/plinthRuleset';
export type { Finding, FindingSeverity } from './lint/types';
