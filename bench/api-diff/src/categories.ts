import type { Change, ChangeRuleId } from '@plinth/openapi-governance';

/**
 * The small set of categories both rule sets are mapped onto, so a Plinth finding and an
 * oasdiff finding about the same kind of change in the same operation match.
 */
export type Category =
  | 'operation-removed'
  | 'response-removed'
  | 'parameter-required'
  | 'parameter-removed'
  | 'request-body-required'
  | 'request-body-removed'
  | 'request-property-required'
  | 'media-type-removed'
  | 'security-changed'
  | 'type-changed'
  | 'enum-changed'
  | 'constraint-changed'
  | 'property-removed'
  | 'property-became-optional'
  | 'composition-changed'
  | 'other';

const PLINTH: Partial<Record<ChangeRuleId, Category>> = {
  'operation-removed': 'operation-removed',
  'operation-removed-before-sunset': 'operation-removed',
  'deprecated-operation-removed': 'operation-removed',
  'success-response-removed': 'response-removed',
  'new-required-parameter': 'parameter-required',
  'parameter-became-required': 'parameter-required',
  'parameter-removed': 'parameter-removed',
  'new-required-request-body': 'request-body-required',
  'request-body-became-required': 'request-body-required',
  'request-body-removed': 'request-body-removed',
  'new-required-request-property': 'request-property-required',
  'request-property-became-required': 'request-property-required',
  'request-media-type-removed': 'media-type-removed',
  'response-media-type-removed': 'media-type-removed',
  'security-requirement-added': 'security-changed',
  'security-alternative-removed': 'security-changed',
  'security-scope-added': 'security-changed',
  // oasdiff reports format changes as type changes ("type/format changed").
  'type-changed': 'type-changed',
  'format-changed': 'type-changed',
  'request-enum-value-removed': 'enum-changed',
  'response-enum-value-added': 'enum-changed',
  'request-constraint-tightened': 'constraint-changed',
  'request-additional-properties-restricted': 'constraint-changed',
  'response-constraint-loosened': 'constraint-changed',
  'request-property-removed': 'property-removed',
  'response-property-removed': 'property-removed',
  'response-optional-property-removed': 'property-removed',
  'response-property-became-optional': 'property-became-optional',
  'response-alternative-added': 'composition-changed',
  'request-alternative-removed': 'composition-changed',
};

/**
 * The category of a Plinth change, or undefined for document-level rules (the version
 * bump), which have no operation to match. An enum added to or removed from a schema is
 * reported by Plinth as a constraint change and by oasdiff as an enum change.
 */
export function plinthCategory(change: Change): Category | undefined {
  if (!change.location.method) return undefined;
  const category = PLINTH[change.id];
  if (!category) return 'other';
  if (
    category === 'constraint-changed' &&
    /\/enum$/.test(change.location.pointer)
  ) {
    return 'enum-changed';
  }
  return category;
}

/** oasdiff's rule ids (`oasdiff checks changelog`) by pattern; first match wins. */
const OASDIFF: Array<[RegExp, Category]> = [
  [/^api-(path-)?removed-/, 'operation-removed'],
  [/^response-success-status-removed$/, 'response-removed'],
  [
    /^(new-required-request(-default)?-parameter|new-request-path-parameter|request-parameter-became-required)/,
    'parameter-required',
  ],
  [/^request-parameter-removed$/, 'parameter-removed'],
  [/^request-body-(added-required|became-required)$/, 'request-body-required'],
  [/^request-body-removed$/, 'request-body-removed'],
  [
    /^(new-required-request-property|new-required-request-header-property|request-property-became-required|request-header-property-became-required)/,
    'request-property-required',
  ],
  // A media type renamed (vnd.github.x-preview+json -> json) is one removed for Plinth.
  [
    /media-type-(removed|name-(changed|generalized)|parameter-(removed|changed))$/,
    'media-type-removed',
  ],
  [/security|scope/, 'security-changed'],
  [
    /(type-changed|became-nullable|became-not-nullable|list-of-types-(narrowed|widened)|type-(specialized|generalized))$/,
    'type-changed',
  ],
  [/enum/, 'enum-changed'],
  [
    /-(max|min|exclusive-max|exclusive-min|max-length|min-length|max-items|min-items|max-properties|min-properties|pattern|multiple-of|unique-items)-/,
    'constraint-changed',
  ],
  [
    /^(request-property|response-(required|optional)-property)-removed$/,
    'property-removed',
  ],
  [/^response-property-became-optional$/, 'property-became-optional'],
  // A schema that became a oneOf: Plinth's response-alternative-added ("is now oneOf").
  [/-wrapped-in-one-of(-original-preserved)?$/, 'composition-changed'],
  [/-(one|any|all)-of-(added|removed)$/, 'composition-changed'],
];

export function oasdiffCategory(id: string): Category {
  for (const [pattern, category] of OASDIFF) {
    if (pattern.test(id)) return category;
  }
  return 'other';
}

/** `/users/{id}` and `/users/{userId}` are the same route in both tools. */
export function operationKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path.replace(/\{[^}]+\}/g, '{}')}`;
}
