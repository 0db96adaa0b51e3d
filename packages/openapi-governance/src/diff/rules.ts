import type { ChangeSeverity } from './types';

/**
 * Every rule the diff engine reports, with its default severity. The ids are a public
 * contract (CI gates and the backend store them): add new ones, never rename.
 */
export const CHANGE_RULES = {
  'operation-added': {
    severity: 'non-breaking',
    description: 'A new operation (path + method).',
  },
  'operation-removed': {
    severity: 'breaking',
    description:
      'An operation was removed without being marked `deprecated: true` first.',
  },
  'operation-removed-before-sunset': {
    severity: 'breaking',
    description: 'A deprecated operation was removed before its sunset date.',
  },
  'deprecated-operation-removed': {
    severity: 'potentially-breaking',
    description:
      'A deprecated operation without a sunset date was removed; clients may still call it.',
  },
  'operation-removed-after-sunset': {
    severity: 'non-breaking',
    description:
      'A deprecated operation was removed after its sunset date (the policy allows it).',
  },
  'operation-deprecated': {
    severity: 'non-breaking',
    description: 'An operation became `deprecated: true`.',
  },
  'new-required-parameter': {
    severity: 'breaking',
    description: 'A new required parameter (path, query, header or cookie).',
  },
  'optional-parameter-added': {
    severity: 'non-breaking',
    description: 'A new optional parameter.',
  },
  'parameter-became-required': {
    severity: 'breaking',
    description: 'An optional parameter became required.',
  },
  'parameter-removed': {
    severity: 'potentially-breaking',
    description:
      'A parameter was removed; clients still sending it may be rejected or silently ignored.',
  },
  'new-required-request-body': {
    severity: 'breaking',
    description: 'An operation now requires a request body it did not have.',
  },
  'request-body-became-required': {
    severity: 'breaking',
    description: 'An optional request body became required.',
  },
  'request-media-type-removed': {
    severity: 'breaking',
    description: 'A request content type is no longer accepted.',
  },
  'request-body-removed': {
    severity: 'breaking',
    description:
      'An operation no longer takes the request body it took; potentially breaking for GET and HEAD, where HTTP gives a body no meaning and browsers cannot send one.',
  },
  'new-required-request-property': {
    severity: 'breaking',
    description: 'A new required property in a request body.',
  },
  'request-property-became-required': {
    severity: 'breaking',
    description: 'An optional request property became required.',
  },
  'request-property-added': {
    severity: 'non-breaking',
    description: 'A new optional request property.',
  },
  'request-property-removed': {
    severity: 'potentially-breaking',
    description:
      'A request property was removed; breaking when the schema sets `additionalProperties: false` (clients sending it are rejected).',
  },
  'success-response-removed': {
    severity: 'breaking',
    description: 'A 2xx response status was removed.',
  },
  'response-media-type-removed': {
    severity: 'breaking',
    description: 'A response content type is no longer returned.',
  },
  'response-property-removed': {
    severity: 'breaking',
    description:
      'A required response property (one the schema promised) was removed.',
  },
  'response-optional-property-removed': {
    severity: 'potentially-breaking',
    description:
      'An optional response property was removed: correct clients cope with its absence, clients that relied on it being sent may not.',
  },
  'response-property-became-optional': {
    severity: 'breaking',
    description: 'A response property that was always present became optional.',
  },
  'response-property-added': {
    severity: 'non-breaking',
    description: 'A new response property.',
  },
  'type-changed': {
    severity: 'breaking',
    description:
      'A schema type changed incompatibly: a request no longer accepts a type (incl. null) it accepted, or a response may return a type (incl. null) it did not.',
  },
  'format-changed': {
    severity: 'breaking',
    description:
      'A schema format changed (or was added to a request / removed from a response).',
  },
  'request-enum-value-removed': {
    severity: 'breaking',
    description: 'A request enum no longer accepts a value.',
  },
  'request-enum-value-added': {
    severity: 'non-breaking',
    description: 'A request enum accepts a new value.',
  },
  'response-enum-value-added': {
    severity: 'breaking',
    description: 'A response enum may return a value clients do not know.',
  },
  'request-constraint-tightened': {
    severity: 'breaking',
    description:
      'A request constraint became stricter (maxLength/maximum/maxItems/maxProperties lowered, min* raised, pattern/enum/multipleOf/uniqueItems added or changed).',
  },
  'response-constraint-loosened': {
    severity: 'breaking',
    description:
      'A response constraint became looser (max* raised or removed, min* lowered or removed, pattern/enum removed or changed).',
  },
  'request-additional-properties-restricted': {
    severity: 'potentially-breaking',
    description:
      'A request object no longer accepts the undeclared properties it accepted (`additionalProperties` became `false` or a schema): clients that send properties the schema does not declare are rejected, clients that send only declared ones are not.',
  },
  'request-alternative-removed': {
    severity: 'breaking',
    description:
      "A request oneOf/anyOf no longer accepts an alternative (members match by `$ref`, then by signature, a `$ref` by its target's, then inline ones by structural similarity).",
  },
  'request-alternative-added': {
    severity: 'non-breaking',
    description: 'A request oneOf/anyOf accepts a new alternative.',
  },
  'response-alternative-added': {
    severity: 'breaking',
    description:
      'A response oneOf/anyOf has a new alternative, or a response schema became a oneOf/anyOf: clients may receive a shape they do not know.',
  },
  'response-alternative-removed': {
    severity: 'non-breaking',
    description: 'A response oneOf/anyOf no longer returns an alternative.',
  },
  'security-requirement-added': {
    severity: 'breaking',
    description:
      'An operation that allowed anonymous calls now requires authentication.',
  },
  'security-alternative-removed': {
    severity: 'breaking',
    description:
      'A way of authenticating (a security requirement alternative) was removed.',
  },
  'security-alternative-added': {
    severity: 'non-breaking',
    description: 'A new way of authenticating was added.',
  },
  'security-scope-added': {
    severity: 'breaking',
    description: 'A security requirement needs an additional scope.',
  },
  'security-scope-removed': {
    severity: 'non-breaking',
    description: 'A security requirement needs one scope less.',
  },
  'breaking-change-without-major-bump': {
    severity: 'breaking',
    description:
      'The head has breaking changes but `info.version` did not get a new major version (semver).',
  },
  'version-not-semver': {
    severity: 'potentially-breaking',
    description:
      '`info.version` is not a semantic version, so the major-bump rule cannot be checked.',
  },
} as const satisfies Record<
  string,
  { severity: ChangeSeverity; description: string }
>;

export type ChangeRuleId = keyof typeof CHANGE_RULES;
