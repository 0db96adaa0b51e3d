/*
 * The example catalog under examples/ is what a fresh checkout shows in the
 * portal and what the Plinth plugins are demonstrated with. These tests hold
 * it to the rules the catalog backend applies at ingestion (entity policies,
 * kind schemas, resolvable relations) and to Plinth's own conventions (tiers,
 * one API entity per major version line, RFC 7807 errors), so a broken
 * reference fails here instead of as a processing warning in a backend log.
 */
import fs from 'fs';
import path from 'path';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import SwaggerParser from '@apidevtools/swagger-parser';
import {
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  parseEntityRef,
  resourceEntityV1alpha1Validator,
  stringifyEntityRef,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import {
  EscalationPolicyProcessor,
  findUnknownEscalationRefs,
  validateEscalationPolicy,
} from '@plinth/plugin-catalog-backend-module-plinth';

const EXAMPLES_ROOT = path.resolve(__dirname, '../../../examples');
const ENTRY_FILE = path.join(EXAMPLES_ROOT, 'all.yaml');
// Scaffolder templates (examples/templates) are registered through their own locations in
// app-config.yaml; their skeletons are Nunjucks sources, not catalog files.
const NOT_IN_CATALOG = [path.join(EXAMPLES_ROOT, 'templates')];

type CatalogEntry = {
  entity: Entity;
  /** Path relative to examples/, for messages. */
  file: string;
};

type LoadedCatalog = {
  entries: CatalogEntry[];
  /** Every file read: entity files and placeholder targets. */
  filesRead: Set<string>;
  problems: string[];
};

type JsonObject = { [key: string]: unknown };

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const relative = (file: string) => path.relative(EXAMPLES_ROOT, file);

const isInside = (root: string, file: string) =>
  !path.relative(root, file).startsWith('..') &&
  !path.isAbsolute(path.relative(root, file));

/**
 * Resolves $text / $json / $yaml the way the catalog's PlaceholderProcessor
 * does: an object whose only key is one of them is replaced by the content
 * of the file it names, relative to the entity's file.
 */
function resolvePlaceholders(
  value: unknown,
  baseDir: string,
  onFile: (file: string) => void,
  problems: string[],
  where: string,
): unknown {
  if (Array.isArray(value)) {
    return value.map(item =>
      resolvePlaceholders(item, baseDir, onFile, problems, where),
    );
  }
  if (!isObject(value)) {
    return value;
  }
  const keys = Object.keys(value);
  const placeholder =
    keys.length === 1 && ['$text', '$json', '$yaml'].includes(keys[0])
      ? keys[0]
      : undefined;
  if (!placeholder) {
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => [
        key,
        resolvePlaceholders(child, baseDir, onFile, problems, where),
      ]),
    );
  }
  const target = value[placeholder];
  if (typeof target !== 'string' || /^[a-z]+:/i.test(target)) {
    problems.push(
      `${where}: ${placeholder} must name a relative file, got ${JSON.stringify(
        target,
      )}`,
    );
    return value;
  }
  const file = path.resolve(baseDir, target);
  if (!isInside(EXAMPLES_ROOT, file) || !fs.existsSync(file)) {
    problems.push(
      `${where}: ${placeholder} ${target} is not a file under examples/`,
    );
    return value;
  }
  onFile(file);
  const content = fs.readFileSync(file, 'utf8');
  try {
    if (placeholder === '$json') return JSON.parse(content);
    if (placeholder === '$yaml') return parseYaml(content);
  } catch (error) {
    problems.push(
      `${where}: ${placeholder} ${target} does not parse: ${error}`,
    );
    return value;
  }
  return content;
}

/** Follows Location targets from the entry file, like a file location would. */
function loadCatalog(entryFile: string): LoadedCatalog {
  const entries: CatalogEntry[] = [];
  const filesRead = new Set<string>();
  const problems: string[] = [];

  const visit = (file: string, referencedFrom: string) => {
    if (filesRead.has(file)) return;
    if (!fs.existsSync(file)) {
      problems.push(
        `${referencedFrom}: target ${relative(file)} does not exist`,
      );
      return;
    }
    filesRead.add(file);
    const documents = Array.from(
      parseAllDocuments(fs.readFileSync(file, 'utf8')),
    );
    documents.forEach((document, index) => {
      const where = `${relative(file)} (document ${index + 1})`;
      if (document.errors.length > 0) {
        problems.push(`${where}: ${document.errors[0].message}`);
        return;
      }
      const raw = document.toJS();
      if (raw === null || raw === undefined) return;
      if (!isObject(raw)) {
        problems.push(`${where}: is not a YAML mapping`);
        return;
      }
      const entity = resolvePlaceholders(
        raw,
        path.dirname(file),
        placeholderFile => filesRead.add(placeholderFile),
        problems,
        where,
      ) as Entity;
      entries.push({ entity, file: relative(file) });

      if (entity.kind === 'Location') {
        const spec = (entity.spec ?? {}) as JsonObject;
        const targets = [
          ...(typeof spec.target === 'string' ? [spec.target] : []),
          ...(Array.isArray(spec.targets) ? spec.targets : []),
        ];
        for (const target of targets) {
          if (typeof target !== 'string' || /^[a-z]+:/i.test(target)) {
            problems.push(`${where}: target ${target} must be a relative path`);
            continue;
          }
          const targetFile = path.resolve(path.dirname(file), target);
          if (!isInside(EXAMPLES_ROOT, targetFile)) {
            problems.push(`${where}: target ${target} leaves examples/`);
            continue;
          }
          visit(targetFile, where);
        }
      }
    });
  };

  visit(entryFile, 'entry');
  return { entries, filesRead, problems };
}

const refOf = (entity: Entity) =>
  stringifyEntityRef(entity).toLocaleLowerCase('en-US');

const describeEntry = ({ entity, file }: CatalogEntry) =>
  `${stringifyEntityRef(entity)} (${file})`;

/** Plinth's own kinds, validated the way catalog-backend-module-plinth does. */
const PLINTH_KIND_VALIDATORS: Record<string, (entity: Entity) => string[]> = {
  EscalationPolicy: validateEscalationPolicy,
};

const KIND_VALIDATORS = [
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
];

// The policies the catalog backend enforces on every entity before storing it.
const ENTITY_POLICIES = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);

type RelationField = {
  field: string;
  /** Kind assumed when the ref omits it; none means the ref must name its kind. */
  defaultKind?: string;
  allowedKinds: string[];
};

// Mirrors the relations BuiltinKindsEntityProcessor emits from spec fields.
const OWNER: RelationField = {
  field: 'owner',
  defaultKind: 'Group',
  allowedKinds: ['group', 'user'],
};
const SYSTEM: RelationField = {
  field: 'system',
  defaultKind: 'System',
  allowedKinds: ['system'],
};
const DEPENDENCIES: RelationField[] = [
  { field: 'dependsOn', allowedKinds: ['component', 'resource'] },
  { field: 'dependencyOf', allowedKinds: ['component', 'resource'] },
];
const RELATION_FIELDS: Record<string, RelationField[]> = {
  component: [
    OWNER,
    SYSTEM,
    {
      field: 'subcomponentOf',
      defaultKind: 'Component',
      allowedKinds: ['component'],
    },
    { field: 'providesApis', defaultKind: 'API', allowedKinds: ['api'] },
    { field: 'consumesApis', defaultKind: 'API', allowedKinds: ['api'] },
    ...DEPENDENCIES,
  ],
  api: [OWNER, SYSTEM],
  resource: [OWNER, SYSTEM, ...DEPENDENCIES],
  system: [
    OWNER,
    { field: 'domain', defaultKind: 'Domain', allowedKinds: ['domain'] },
  ],
  domain: [
    OWNER,
    { field: 'subdomainOf', defaultKind: 'Domain', allowedKinds: ['domain'] },
  ],
  group: [
    { field: 'parent', defaultKind: 'Group', allowedKinds: ['group'] },
    { field: 'children', defaultKind: 'Group', allowedKinds: ['group'] },
    { field: 'members', defaultKind: 'User', allowedKinds: ['user'] },
  ],
  user: [{ field: 'memberOf', defaultKind: 'Group', allowedKinds: ['group'] }],
  escalationpolicy: [
    { field: 'owner', defaultKind: 'Group', allowedKinds: ['group'] },
  ],
};

// Mirrors the escalatesVia relation EscalationPolicyProcessor emits from the annotation.
const ESCALATION_POLICY_ANNOTATION = 'plinth.dev/escalation-policy';

type RelationTarget = {
  entry: CatalogEntry;
  /** e.g. spec.consumesApis[1] */
  field: string;
  raw: string;
  /** Lower-cased full ref, or undefined if the ref does not parse. */
  ref?: string;
  allowedKinds: string[];
  parseError?: string;
};

function annotationTargets(entries: CatalogEntry[]): RelationTarget[] {
  return entries.flatMap((entry): RelationTarget[] => {
    const raw =
      entry.entity.metadata.annotations?.[ESCALATION_POLICY_ANNOTATION];
    if (raw === undefined) return [];
    const field = `metadata.annotations["${ESCALATION_POLICY_ANNOTATION}"]`;
    const allowedKinds = ['escalationpolicy'];
    try {
      const ref = stringifyEntityRef(
        parseEntityRef(raw, {
          defaultKind: 'EscalationPolicy',
          defaultNamespace: entry.entity.metadata.namespace ?? 'default',
        }),
      ).toLocaleLowerCase('en-US');
      return [{ entry, field, raw, ref, allowedKinds }];
    } catch (error) {
      return [{ entry, field, raw, allowedKinds, parseError: String(error) }];
    }
  });
}

function relationTargets(entries: CatalogEntry[]): RelationTarget[] {
  return [...specTargets(entries), ...annotationTargets(entries)];
}

function specTargets(entries: CatalogEntry[]): RelationTarget[] {
  return entries.flatMap(entry => {
    const spec = (entry.entity.spec ?? {}) as JsonObject;
    const fields =
      RELATION_FIELDS[entry.entity.kind.toLocaleLowerCase('en-US')] ?? [];
    return fields.flatMap(({ field, defaultKind, allowedKinds }) => {
      const value = spec[field];
      if (value === undefined) return [];
      const values = Array.isArray(value) ? value : [value];
      return values.map((raw, index): RelationTarget => {
        const fieldPath = Array.isArray(value)
          ? `spec.${field}[${index}]`
          : `spec.${field}`;
        try {
          const ref = stringifyEntityRef(
            parseEntityRef(String(raw), {
              defaultKind,
              defaultNamespace: entry.entity.metadata.namespace ?? 'default',
            }),
          ).toLocaleLowerCase('en-US');
          return {
            entry,
            field: fieldPath,
            raw: String(raw),
            ref,
            allowedKinds,
          };
        } catch (error) {
          return {
            entry,
            field: fieldPath,
            raw: String(raw),
            allowedKinds,
            parseError: String(error),
          };
        }
      });
    });
  });
}

/*
 * OpenAPI helpers
 */

type ApiDocument = {
  entry: CatalogEntry;
  document?: JsonObject;
  parseError?: string;
};

function resolveLocalRef(document: JsonObject, value: unknown): unknown {
  if (!isObject(value) || typeof value.$ref !== 'string') return value;
  const pointer = value.$ref;
  if (!pointer.startsWith('#/')) return undefined;
  let current: unknown = document;
  for (const segment of pointer.slice(2).split('/')) {
    const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    current = isObject(current) ? current[key] : undefined;
  }
  return resolveLocalRef(document, current);
}

/** Property names of a schema, following $ref and allOf. */
function schemaPropertyNames(
  document: JsonObject,
  schemaOrRef: unknown,
): Set<string> {
  const schema = resolveLocalRef(document, schemaOrRef);
  const names = new Set<string>();
  if (!isObject(schema)) return names;
  if (isObject(schema.properties)) {
    Object.keys(schema.properties).forEach(name => names.add(name));
  }
  if (Array.isArray(schema.allOf)) {
    for (const part of schema.allOf) {
      schemaPropertyNames(document, part).forEach(name => names.add(name));
    }
  }
  return names;
}

const HTTP_METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
];

type Operation = { method: string; path: string; operation: JsonObject };

/** Operations under paths; callbacks are the subscriber's, so not included. */
function operationsOf(document: JsonObject): Operation[] {
  const paths = isObject(document.paths) ? document.paths : {};
  return Object.entries(paths).flatMap(([apiPath, item]) =>
    isObject(item)
      ? HTTP_METHODS.filter(method => isObject(item[method])).map(method => ({
          method,
          path: apiPath,
          operation: item[method] as JsonObject,
        }))
      : [],
  );
}

/** Every security requirement object in the document, with where it was found. */
function securityRequirements(
  document: JsonObject,
): Array<{ where: string; requirement: JsonObject }> {
  const found: Array<{ where: string; requirement: JsonObject }> = [];
  const collect = (where: string, security: unknown) => {
    if (!Array.isArray(security)) return;
    security.forEach(requirement => {
      if (isObject(requirement)) found.push({ where, requirement });
    });
  };
  collect('security', document.security);
  for (const { method, path: apiPath, operation } of operationsOf(document)) {
    collect(`${method.toUpperCase()} ${apiPath}`, operation.security);
  }
  return found;
}

/** Scopes each oauth2 / openIdConnect scheme declares, by scheme name. */
function declaredScopes(scheme: JsonObject): Set<string> | undefined {
  if (scheme.type !== 'oauth2' || !isObject(scheme.flows)) return undefined;
  const scopes = new Set<string>();
  for (const flow of Object.values(scheme.flows)) {
    if (isObject(flow) && isObject(flow.scopes)) {
      Object.keys(flow.scopes).forEach(scope => scopes.add(scope));
    }
  }
  return scopes;
}

function majorOfServers(document: JsonObject): number[] {
  const servers = Array.isArray(document.servers) ? document.servers : [];
  return servers.flatMap(server => {
    if (!isObject(server) || typeof server.url !== 'string') return [];
    const match = /\/v(\d+)\/?$/.exec(
      new URL(server.url, 'http://relative').pathname,
    );
    return match ? [Number(match[1])] : [];
  });
}

function majorOfPaths(document: JsonObject): number[] {
  const paths = isObject(document.paths) ? Object.keys(document.paths) : [];
  return paths.flatMap(apiPath => {
    const match = /^\/v(\d+)\//.exec(apiPath);
    return match ? [Number(match[1])] : [NaN];
  });
}

const PROBLEM_PROPERTIES = [
  'type',
  'title',
  'status',
  'detail',
  'instance',
  'traceId',
];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

describe('example catalog (examples/all.yaml)', () => {
  const catalog = loadCatalog(ENTRY_FILE);
  const { entries } = catalog;
  const ofKind = (kind: string) => entries.filter(e => e.entity.kind === kind);
  const existingRefs = new Set(entries.map(e => refOf(e.entity)));

  const apiDocuments: ApiDocument[] = ofKind('API')
    .filter(
      entry =>
        (entry.entity.spec as JsonObject | undefined)?.type === 'openapi',
    )
    .map(entry => {
      const definition = (entry.entity.spec as JsonObject).definition;
      if (typeof definition !== 'string') {
        return { entry, parseError: 'spec.definition is not a string' };
      }
      try {
        const document = parseYaml(definition);
        return isObject(document)
          ? { entry, document }
          : { entry, parseError: 'definition is not a YAML mapping' };
      } catch (error) {
        return { entry, parseError: String(error) };
      }
    });
  const parsedApis = apiDocuments.filter(
    (api): api is Required<ApiDocument> => api.document !== undefined,
  );

  describe('loading', () => {
    it('reads every file reachable from all.yaml without YAML, target or placeholder errors', () => {
      expect(catalog.problems).toEqual([]);
    });

    it('registers every YAML file under examples/ except the scaffolder template', () => {
      const walk = (dir: string): string[] =>
        fs.readdirSync(dir, { withFileTypes: true }).flatMap(dirent => {
          const file = path.join(dir, dirent.name);
          if (NOT_IN_CATALOG.includes(file)) return [];
          if (dirent.isDirectory()) return walk(file);
          return /\.ya?ml$/.test(dirent.name) ? [file] : [];
        });
      const unreached = walk(EXAMPLES_ROOT)
        .filter(file => !catalog.filesRead.has(file))
        .map(relative);
      expect(unreached).toEqual([]);
    });

    it('finds entities of every kind the example set is meant to show', () => {
      const kinds = new Set(entries.map(e => e.entity.kind));
      expect([...kinds].sort()).toEqual([
        'API',
        'Component',
        'Domain',
        'EscalationPolicy',
        'Group',
        'Location',
        'Resource',
        'System',
        'User',
      ]);
    });
  });

  describe('catalog model', () => {
    it('passes the entity policies the catalog backend enforces at ingestion', async () => {
      const rejections: string[] = [];
      for (const entry of entries) {
        try {
          await ENTITY_POLICIES.enforce(structuredClone(entry.entity));
        } catch (error) {
          rejections.push(`${describeEntry(entry)}: ${error}`);
        }
      }
      expect(rejections).toEqual([]);
    });

    it('matches every entity to the schema of a built-in kind or a Plinth kind', async () => {
      const rejections: string[] = [];
      for (const entry of entries) {
        const plinthValidator = PLINTH_KIND_VALIDATORS[entry.entity.kind];
        if (plinthValidator) {
          rejections.push(
            ...plinthValidator(entry.entity).map(
              problem => `${describeEntry(entry)}: ${problem}`,
            ),
          );
          continue;
        }
        try {
          const results = await Promise.all(
            KIND_VALIDATORS.map(validator => validator.check(entry.entity)),
          );
          if (!results.some(Boolean)) {
            rejections.push(
              `${describeEntry(entry)}: no built-in kind validator accepts it`,
            );
          }
        } catch (error) {
          rejections.push(`${describeEntry(entry)}: ${error}`);
        }
      }
      expect(rejections).toEqual([]);
    });

    it('gives every entity a unique kind, namespace and name', () => {
      const seen = new Map<string, CatalogEntry>();
      const duplicates: string[] = [];
      for (const entry of entries) {
        const ref = refOf(entry.entity);
        const first = seen.get(ref);
        if (first) {
          duplicates.push(
            `${describeEntry(entry)} duplicates ${describeEntry(first)}`,
          );
        }
        seen.set(ref, entry);
      }
      expect(duplicates).toEqual([]);
    });

    it('keeps every entity in the default namespace', () => {
      const elsewhere = entries
        .filter(e => (e.entity.metadata.namespace ?? 'default') !== 'default')
        .map(describeEntry);
      expect(elsewhere).toEqual([]);
    });
  });

  describe('relations', () => {
    const targets = relationTargets(entries);

    it('writes every relation target as a parseable entity ref', () => {
      const unparseable = targets
        .filter(t => t.parseError)
        .map(
          t =>
            `${describeEntry(t.entry)} ${t.field} "${t.raw}": ${t.parseError}`,
        );
      expect(unparseable).toEqual([]);
    });

    it('resolves every relation target to an entity in the example set', () => {
      const dangling = targets
        .filter(t => t.ref && !existingRefs.has(t.ref))
        .map(
          t =>
            `${describeEntry(t.entry)} ${t.field} -> ${t.ref} does not exist`,
        );
      expect(dangling).toEqual([]);
    });

    it('points every relation at an entity of a kind that relation allows', () => {
      const wrongKind = targets
        .filter(t => t.ref && !t.allowedKinds.includes(t.ref.split(':')[0]))
        .map(
          t =>
            `${describeEntry(t.entry)} ${t.field} -> ${
              t.ref
            } is not one of ${t.allowedKinds.join(', ')}`,
        );
      expect(wrongKind).toEqual([]);
    });
  });

  describe('org', () => {
    it('gives every group and user a profile with a displayName and an email', () => {
      const incomplete = [...ofKind('Group'), ...ofKind('User')]
        .filter(entry => {
          const profile = (entry.entity.spec as JsonObject | undefined)
            ?.profile;
          return !(
            isObject(profile) &&
            typeof profile.displayName === 'string' &&
            typeof profile.email === 'string' &&
            /^[^@\s]+@[^@\s]+\.[a-z]+$/.test(profile.email)
          );
        })
        .map(describeEntry);
      expect(incomplete).toEqual([]);
    });

    it('keeps exactly one user in no group, as the case the ownership views flag', () => {
      const groupless = ofKind('User')
        .filter(entry => {
          const memberOf = (entry.entity.spec as JsonObject | undefined)
            ?.memberOf;
          return !Array.isArray(memberOf) || memberOf.length === 0;
        })
        .map(entry => entry.entity.metadata.name);
      expect(groupless).toEqual(['contractor-sam']);
    });
  });

  describe('escalation', () => {
    const policies = ofKind('EscalationPolicy');
    const policyOwners = new Set(
      policies.map(entry =>
        stringifyEntityRef(
          parseEntityRef(String((entry.entity.spec as JsonObject).owner), {
            defaultKind: 'Group',
          }),
        ),
      ),
    );

    it('passes the checks the escalation processor runs on every entity', async () => {
      const processor = new EscalationPolicyProcessor();
      const location = { type: 'file', target: ENTRY_FILE };
      const rejections: string[] = [];
      for (const entry of entries) {
        try {
          await processor.validateEntityKind(entry.entity);
          await processor.postProcessEntity(entry.entity, location, () => {});
        } catch (error) {
          rejections.push(`${entry.file}: ${error}`);
        }
      }
      expect(rejections).toEqual([]);
    });

    it('gives every policy an owner group and every annotation a policy that exist', () => {
      expect(findUnknownEscalationRefs(entries.map(e => e.entity))).toEqual([]);
    });

    it('gives every team a policy except growth, the deliberate no-policy gap', () => {
      const teamsWithoutPolicy = ofKind('Group')
        .filter(entry => (entry.entity.spec as JsonObject).type === 'team')
        .map(entry => stringifyEntityRef(entry.entity))
        .filter(ref => !policyOwners.has(ref));
      expect(teamsWithoutPolicy).toEqual(['group:default/growth']);
    });

    it('keeps a tier-1 entity on a policy whose first tier is business hours, as the case the coverage view flags', () => {
      const byRef = new Map(policies.map(e => [refOf(e.entity), e.entity]));
      const flagged = entries
        .filter(
          entry =>
            entry.entity.metadata.annotations?.['plinth.dev/tier'] === 'tier-1',
        )
        .filter(entry => {
          const raw =
            entry.entity.metadata.annotations?.[ESCALATION_POLICY_ANNOTATION];
          if (!raw) return false;
          const policy = byRef.get(
            stringifyEntityRef(
              parseEntityRef(raw, { defaultKind: 'EscalationPolicy' }),
            ),
          );
          const tiers = (policy?.spec as JsonObject | undefined)?.tiers as
            | Array<{ hours: { type: string } }>
            | undefined;
          return tiers?.[0]?.hours.type === 'business-hours';
        })
        .map(entry => stringifyEntityRef(entry.entity));
      expect(flagged).toEqual(['resource:default/billing-db']);
    });
  });

  describe('components', () => {
    it('annotates every component with plinth.dev/tier tier-1, tier-2 or tier-3', () => {
      const untiered = ofKind('Component')
        .filter(
          entry =>
            !['tier-1', 'tier-2', 'tier-3'].includes(
              entry.entity.metadata.annotations?.['plinth.dev/tier'] ?? '',
            ),
        )
        .map(
          entry =>
            `${describeEntry(entry)}: plinth.dev/tier is ${JSON.stringify(
              entry.entity.metadata.annotations?.['plinth.dev/tier'],
            )}`,
        );
      expect(untiered).toEqual([]);
    });
  });

  describe('APIs', () => {
    it('gives every API entity an owner, a system and a lifecycle', () => {
      const incomplete = ofKind('API').flatMap(entry => {
        const spec = (entry.entity.spec ?? {}) as JsonObject;
        return ['owner', 'system', 'lifecycle']
          .filter(
            field => typeof spec[field] !== 'string' || spec[field] === '',
          )
          .map(field => `${describeEntry(entry)}: spec.${field} is missing`);
      });
      expect(incomplete).toEqual([]);
    });

    it('groups every API line into a family with plinth.dev/api-family', () => {
      const familyless = ofKind('API')
        .filter(
          entry =>
            !entry.entity.metadata.annotations?.['plinth.dev/api-family'],
        )
        .map(describeEntry);
      expect(familyless).toEqual([]);
    });

    it('dates the deprecation and the later sunset of every deprecated API line', () => {
      const undated = ofKind('API')
        .filter(
          entry => (entry.entity.spec as JsonObject).lifecycle === 'deprecated',
        )
        .flatMap(entry => {
          const annotations = entry.entity.metadata.annotations ?? {};
          const deprecatedAt = annotations['plinth.dev/deprecated-at'] ?? '';
          const sunsetAt = annotations['plinth.dev/sunset-at'] ?? '';
          if (!ISO_DATE.test(deprecatedAt) || !ISO_DATE.test(sunsetAt)) {
            return [
              `${describeEntry(
                entry,
              )}: needs plinth.dev/deprecated-at and plinth.dev/sunset-at as YYYY-MM-DD, has "${deprecatedAt}" and "${sunsetAt}"`,
            ];
          }
          return sunsetAt > deprecatedAt
            ? []
            : [
                `${describeEntry(
                  entry,
                )}: sunset ${sunsetAt} is not after deprecation ${deprecatedAt}`,
              ];
        });
      expect(undated).toEqual([]);
    });

    it('parses every OpenAPI definition as an OpenAPI 3.x document', () => {
      const broken = apiDocuments.flatMap(({ entry, document, parseError }) => {
        if (parseError) return [`${describeEntry(entry)}: ${parseError}`];
        const version = document?.openapi;
        return typeof version === 'string' && /^3\.\d+\.\d+$/.test(version)
          ? []
          : [
              `${describeEntry(entry)}: openapi is ${JSON.stringify(
                version,
              )}, expected 3.x`,
            ];
      });
      expect(apiDocuments.length).toBeGreaterThan(0);
      expect(broken).toEqual([]);
    });

    it('validates every OpenAPI definition against the OpenAPI schema, including its $refs', async () => {
      const invalid: string[] = [];
      for (const { entry, document } of parsedApis) {
        try {
          // validate() dereferences in place, so hand it a copy.
          await SwaggerParser.validate(structuredClone(document) as any);
        } catch (error) {
          invalid.push(`${describeEntry(entry)}: ${error}`);
        }
      }
      expect(invalid).toEqual([]);
    });

    it('matches the info.version major to the API line in the name and the base path', () => {
      const mismatched = parsedApis.flatMap(({ entry, document }) => {
        const info = isObject(document.info) ? document.info : {};
        const version = typeof info.version === 'string' ? info.version : '';
        const semver = /^(\d+)\.\d+\.\d+(?:[-+].*)?$/.exec(version);
        if (!semver) {
          return [
            `${describeEntry(entry)}: info.version "${version}" is not semver`,
          ];
        }
        const major = Number(semver[1]);
        const problems: string[] = [];

        const nameLine = /-v(\d+)$/.exec(entry.entity.metadata.name);
        if (nameLine && Number(nameLine[1]) !== major) {
          problems.push(
            `${describeEntry(entry)}: name says v${
              nameLine[1]
            } but info.version is ${version}`,
          );
        }

        const serverMajors = majorOfServers(document);
        const basePathMajors =
          serverMajors.length > 0 ? serverMajors : majorOfPaths(document);
        if (
          basePathMajors.length === 0 ||
          basePathMajors.some(m => m !== major)
        ) {
          problems.push(
            `${describeEntry(
              entry,
            )}: base paths (servers or /vN/ path prefixes) say ${JSON.stringify(
              [
                ...new Set(
                  basePathMajors.map(m =>
                    Number.isNaN(m) ? 'unversioned' : `v${m}`,
                  ),
                ),
              ],
            )} but info.version is ${version}`,
          );
        }
        return problems;
      });
      expect(mismatched).toEqual([]);
    });

    it('declares securitySchemes and every scheme and scope its operations require', () => {
      const problems = parsedApis.flatMap(({ entry, document }) => {
        const components = isObject(document.components)
          ? document.components
          : {};
        const schemes = isObject(components.securitySchemes)
          ? components.securitySchemes
          : {};
        if (Object.keys(schemes).length === 0) {
          return [
            `${describeEntry(entry)}: components.securitySchemes is empty`,
          ];
        }
        return securityRequirements(document).flatMap(
          ({ where, requirement }) =>
            Object.entries(requirement).flatMap(([name, scopes]) => {
              const scheme = schemes[name];
              if (!isObject(scheme)) {
                return [
                  `${describeEntry(
                    entry,
                  )}: ${where} requires undeclared scheme ${name}`,
                ];
              }
              const declared = declaredScopes(scheme);
              return (Array.isArray(scopes) ? scopes : [])
                .filter(scope => declared && !declared.has(String(scope)))
                .map(
                  scope =>
                    `${describeEntry(
                      entry,
                    )}: ${where} requires scope ${scope} that ${name} does not declare`,
                );
            }),
        );
      });
      expect(problems).toEqual([]);
    });

    it('defines an RFC 7807 problem schema with a traceId in every OpenAPI definition', () => {
      const missing = parsedApis
        .filter(({ document }) => {
          const components = isObject(document.components)
            ? document.components
            : {};
          const schemas = isObject(components.schemas)
            ? components.schemas
            : {};
          return !Object.values(schemas).some(schema => {
            const names = schemaPropertyNames(document, schema);
            return PROBLEM_PROPERTIES.every(name => names.has(name));
          });
        })
        .map(
          ({ entry }) =>
            `${describeEntry(entry)}: no schema with ${PROBLEM_PROPERTIES.join(
              ', ',
            )}`,
        );
      expect(missing).toEqual([]);
    });

    it('answers every 4xx and 5xx response with that problem schema as application/problem+json', () => {
      const problems = parsedApis.flatMap(({ entry, document }) =>
        operationsOf(document).flatMap(
          ({ method, path: apiPath, operation }) => {
            const responses = isObject(operation.responses)
              ? operation.responses
              : {};
            return Object.entries(responses)
              .filter(([status]) => /^[45]/.test(status))
              .flatMap(([status, responseOrRef]) => {
                const where = `${describeEntry(
                  entry,
                )}: ${method.toUpperCase()} ${apiPath} ${status}`;
                const response = resolveLocalRef(document, responseOrRef);
                const content =
                  isObject(response) && isObject(response.content)
                    ? response.content
                    : {};
                const problemJson = content['application/problem+json'];
                if (!isObject(problemJson)) {
                  return [`${where} has no application/problem+json content`];
                }
                const names = schemaPropertyNames(document, problemJson.schema);
                const absent = PROBLEM_PROPERTIES.filter(
                  name => !names.has(name),
                );
                return absent.length === 0
                  ? []
                  : [`${where} problem schema lacks ${absent.join(', ')}`];
              });
          },
        ),
      );
      expect(problems).toEqual([]);
    });
  });
});
