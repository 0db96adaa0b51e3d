import { createHash } from 'node:crypto';
import type { DiscoveryService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { FactRetriever } from '@backstage-community/plugin-tech-insights-node';
import { lintOpenApi } from '@plinth/openapi-governance';
import type {
  ApiGovernanceSource,
  BreakingWithoutMajor,
} from '../services/ApiGovernanceSource';
import { ResponseError } from '@backstage/errors';
import { CatalogReader } from '../services/CatalogReader';
import { type PluginCallAuth, reasonOf } from '../services/pluginFetch';
import {
  factEntityOf,
  namespaceOf,
  refKeyOf,
  relationTargets,
  resolveRef,
} from './entityRefs';
import { FACT_RETRIEVER_IDS } from './ids';

export const API_FAMILY_ANNOTATION = 'plinth.dev/api-family';

/** Lint error counts by document hash: an unchanged document is not linted again. */
export type LintCache = Map<string, { errors: number; messages: string[] }>;

/** The APIs a component provides: spec.providesApis and providesApi relations. */
export function providedApiRefs(component: Entity): string[] {
  const declared = Array.isArray(component.spec?.providesApis)
    ? (component.spec!.providesApis as unknown[])
    : [];
  return [
    ...new Set([
      ...declared
        .map(ref => resolveRef(ref, 'API', namespaceOf(component)))
        .filter((ref): ref is string => ref !== undefined),
      ...relationTargets(component, 'providesApi'),
    ]),
  ].sort();
}

async function lintErrors(definition: string, cache: LintCache) {
  const key = createHash('sha256').update(definition).digest('hex');
  const cached = cache.get(key);
  if (cached) {
    return cached;
  }
  const findings = await lintOpenApi(definition);
  const errors = findings.filter(f => f.severity === 'error');
  const result = {
    errors: errors.length,
    messages: errors.slice(0, 20).map(f => `${f.ruleId}: ${f.message}`),
  };
  cache.set(key, result);
  return result;
}

/**
 * API facts for components that provide APIs: each API exists with a document, the
 * OpenAPI documents lint clean, and (from the api-governance backend) no family shipped a
 * breaking change without a major bump. When api-governance cannot be read, the row has no
 * `breakingChangesWithoutMajorBump` and says why in `breakingChangesNote`.
 */
export function createApiFactRetriever(options: {
  catalog: Pick<CatalogService, 'getEntities'>;
  governance: (ctx: {
    discovery: DiscoveryService;
    auth: PluginCallAuth;
  }) => ApiGovernanceSource;
  lintCache?: LintCache;
}): FactRetriever {
  const cache: LintCache = options.lintCache ?? new Map();
  return {
    id: FACT_RETRIEVER_IDS.api,
    version: '0.1.0',
    title: 'Plinth API facts',
    description:
      'API documents present and lint-clean, no breaking change without a major bump.',
    entityFilter: [{ kind: 'Component' }],
    schema: {
      providedApis: { type: 'set', description: 'APIs the component provides' },
      apiDocumentsMissing: {
        type: 'set',
        description:
          'Provided APIs missing from the catalog or without spec.definition',
      },
      apiDocumentsMissingCount: {
        type: 'integer',
        description: 'How many provided APIs have no document',
      },
      apiLintErrors: {
        type: 'integer',
        description: 'Lint errors over the OpenAPI documents (plinth-api lint)',
      },
      apiLintFindings: {
        type: 'set',
        description: 'The first lint errors, "rule: message"',
      },
      breakingChangesWithoutMajorBump: {
        type: 'integer',
        description:
          'Breaking changes without a major bump in the provided families',
      },
      breakingChanges: {
        type: 'set',
        description: 'Those breaking changes, as api-governance words them',
      },
      breakingChangesNote: {
        type: 'string',
        description:
          'Why breaking changes were not evaluated ("" when they were)',
      },
    },
    async handler({ auth, discovery, logger }) {
      const reader = new CatalogReader(options.catalog, auth);
      const [components, apis] = await Promise.all([
        reader.entities({ kind: 'Component' }, [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'spec.providesApis',
          'relations',
        ]),
        reader.entities({ kind: 'API' }, [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
          'spec.type',
          'spec.definition',
        ]),
      ]);
      const apisByRef = new Map(apis.map(api => [refKeyOf(api), api]));
      const governance = options.governance({ discovery, auth });
      const families = new Map<
        string,
        Promise<{ violations?: BreakingWithoutMajor[]; note: string }>
      >();
      let governanceDown: string | undefined;
      // One request per family per run, and none at all once the backend failed to answer.
      const familyVerdict = (family: string) => {
        if (!families.has(family)) {
          families.set(
            family,
            (async () => {
              if (governanceDown) {
                return { note: governanceDown };
              }
              try {
                return {
                  violations: await governance.breakingWithoutMajor(family),
                  note: '',
                };
              } catch (error) {
                if (
                  error instanceof ResponseError &&
                  error.statusCode === 404 &&
                  error.body.error.name === 'NotFoundError'
                ) {
                  // The plugin answered with its own error: it does not know this family.
                  // (Without the plugin, the root router's 404 has no error body.)
                  return {
                    note: `not evaluated: api-governance does not know family ${family}`,
                  };
                }
                governanceDown = `not evaluated yet: api-governance backend not available (${reasonOf(
                  error,
                )})`;
                logger.warn(
                  'Breaking changes not evaluated: the api-governance backend did not answer',
                  { family, reason: reasonOf(error) },
                );
                return { note: governanceDown };
              }
            })(),
          );
        }
        return families.get(family)!;
      };

      const facts = [];
      for (const component of components) {
        const provided = providedApiRefs(component);
        if (provided.length === 0) {
          continue;
        }
        const missing: string[] = [];
        let errors = 0;
        const findings: string[] = [];
        const breaking: string[] = [];
        let breakingCount: number | undefined = 0;
        const notes = new Set<string>();
        for (const ref of provided) {
          const api = apisByRef.get(ref);
          const definition = api?.spec?.definition;
          if (
            !api ||
            typeof definition !== 'string' ||
            definition.trim() === ''
          ) {
            missing.push(ref);
            continue;
          }
          if (api.spec?.type === 'openapi') {
            try {
              const lint = await lintErrors(definition, cache);
              errors += lint.errors;
              findings.push(...lint.messages.map(m => `${ref}: ${m}`));
            } catch (error) {
              // A document that does not even load is one error the team has to fix.
              errors += 1;
              findings.push(`${ref}: ${reasonOf(error)}`);
            }
          }
          const family =
            api.metadata.annotations?.[API_FAMILY_ANNOTATION] ??
            api.metadata.name;
          const verdict = await familyVerdict(family);
          if (!verdict.violations) {
            breakingCount = undefined;
            notes.add(verdict.note);
          } else if (breakingCount !== undefined) {
            const own = verdict.violations.filter(v => v.lineRef === ref);
            breakingCount += own.length;
            breaking.push(...own.map(v => `${ref}: ${v.message}`));
          }
        }
        facts.push({
          entity: factEntityOf(component),
          facts: {
            providedApis: provided,
            apiDocumentsMissing: missing,
            apiDocumentsMissingCount: missing.length,
            apiLintErrors: errors,
            apiLintFindings: findings.slice(0, 20),
            breakingChanges: breaking,
            breakingChangesNote: [...notes].join('; '),
            ...(breakingCount !== undefined
              ? { breakingChangesWithoutMajorBump: breakingCount }
              : {}),
          },
        });
      }
      logger.debug('API facts computed', {
        components: facts.length,
        lintCacheEntries: cache.size,
      });
      return facts;
    },
  };
}
