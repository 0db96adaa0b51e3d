import type { RulesetDefinition } from '@stoplight/spectral-core';
import { oas } from '@stoplight/spectral-rulesets';
import { paginatedLists } from './functions/paginatedLists';
import { problemJsonErrors } from './functions/problemJsonErrors';
import { securityApplied } from './functions/securityApplied';
import { uniqueOperationIds } from './functions/uniqueOperationIds';
import { unusedComponents } from './functions/unusedComponents';
import { versionedBasePath } from './functions/versionedBasePath';

// Spectral's own example validation (oasExample) knows OpenAPI's schema dialects, nullable
// and formats; reusing its rules keeps one validator instead of a second, subtly different one.
const ossRules = (oas as { rules: Record<string, any> }).rules;

/** The Plinth API guidelines as a Spectral ruleset. Rule ids are stable. */
// No ruleset-level formats: the loader has already checked that the document is
// OpenAPI 3.0/3.1 (the reused example rules carry their own oas3 format).
export const plinthRuleset = {
  rules: {
    'plinth-versioned-base-path': {
      description:
        'The major version is in the base path: server URLs end in /v<major>, or every path starts with it.',
      severity: 'error',
      message: '{{error}}',
      given: '$',
      then: { function: versionedBasePath },
    },
    'plinth-operation-id-unique': {
      description: 'Every operation has an operationId and no two share one.',
      severity: 'error',
      message: '{{error}}',
      given: '$',
      then: { function: uniqueOperationIds },
    },
    'plinth-security-applied': {
      description:
        'A security scheme is declared, and every operation has a security requirement (global or its own) naming declared schemes.',
      severity: 'error',
      message: '{{error}}',
      given: '$',
      then: { function: securityApplied },
    },
    'plinth-problem-json-errors': {
      description:
        '4xx and 5xx responses return application/problem+json with type, title and status.',
      severity: 'error',
      message: '{{error}}',
      given: '$',
      then: { function: problemJsonErrors },
    },
    'plinth-paginated-lists': {
      description:
        'GET endpoints returning a list accept pageSize + pageToken (or limit + cursor / offset) and wrap the array in an object.',
      severity: 'warn',
      message: '{{error}}',
      given: '$',
      then: { function: paginatedLists },
    },
    'plinth-examples-valid': {
      ...ossRules['oas3-valid-media-example'],
      description:
        'Examples of media types, parameters and headers validate against their schemas.',
      severity: 'error',
    },
    'plinth-schema-examples-valid': {
      ...ossRules['oas3-valid-schema-example'],
      description:
        'Schema examples and defaults validate against their schemas.',
      severity: 'error',
    },
    'plinth-no-unused-components': {
      description:
        'Every component is referenced, and every security scheme is used.',
      severity: 'warn',
      message: '{{error}}',
      given: '$',
      resolved: false,
      then: { function: unusedComponents },
    },
  },
} satisfies RulesetDefinition;

export type PlinthRuleId = keyof typeof plinthRuleset.rules;
