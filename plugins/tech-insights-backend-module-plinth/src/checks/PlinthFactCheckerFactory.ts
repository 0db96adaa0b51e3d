import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  JsonRulesEngineFactCheckerFactory,
  type JsonRuleBooleanCheckResult,
  type TechInsightJsonRuleCheck,
} from '@backstage-community/plugin-tech-insights-backend-module-jsonfc';
import type { FactSchema } from '@backstage-community/plugin-tech-insights-common';
import type {
  FactChecker,
  FactCheckerFactory,
  TechInsightsStore,
} from '@backstage-community/plugin-tech-insights-node';
import { type TechInsightsDb, withBatchedFactReads } from './latestFacts';

export type PlinthFactChecker = FactChecker<
  TechInsightJsonRuleCheck,
  JsonRuleBooleanCheckResult
>;

const SCHEMA_CACHE_MS = 60_000;

/**
 * The store with fact schemas cached for a minute. The checker reads the schemas once per
 * entity and again once per check for the response (about 11 queries per entity); they
 * change only when a backend starts with a new retriever version, so scoring 10,000
 * components need not read them 110,000 times. Everything else goes to the store.
 */
export function withSchemaCache(
  store: TechInsightsStore,
  now: () => number = Date.now,
): TechInsightsStore {
  const cache = new Map<
    string,
    { at: number; schemas: Promise<FactSchema[]> }
  >();
  return {
    insertFacts: options => store.insertFacts(options),
    getLatestFactsByIds: (ids, entity) =>
      store.getLatestFactsByIds(ids, entity),
    getEntities: () => store.getEntities(),
    getFactsBetweenTimestampsByIds: (ids, entity, start, end) =>
      store.getFactsBetweenTimestampsByIds(ids, entity, start, end),
    insertFactSchema: async definition => {
      cache.clear();
      await store.insertFactSchema(definition);
    },
    getLatestSchemas: ids => {
      const key = JSON.stringify(ids ? [...ids].sort() : null);
      const hit = cache.get(key);
      if (hit && now() - hit.at < SCHEMA_CACHE_MS) {
        return hit.schemas;
      }
      const schemas = store.getLatestSchemas(ids);
      // A failed read is not cached: the next entity asks again.
      schemas.catch(() => cache.delete(key));
      cache.set(key, { at: now(), schemas });
      return schemas;
    },
  };
}

/**
 * The json-rules-engine checker with Plinth's checks, remembering the checker it built so
 * the trend retriever can score teams in-process (the store is only handed to a factory).
 * The checker stays Tech Insights' own; only its reads are cheaper: schemas cached, and
 * latest facts read in batches when a database client is given (see withBatchedFactReads).
 */
export class PlinthFactCheckerFactory
  implements
    FactCheckerFactory<TechInsightJsonRuleCheck, JsonRuleBooleanCheckResult>
{
  #checker?: PlinthFactChecker;
  readonly #inner: JsonRulesEngineFactCheckerFactory;
  readonly #db?: () => Promise<TechInsightsDb>;

  constructor(options: {
    checks: TechInsightJsonRuleCheck[];
    logger: LoggerService;
    /** The Tech Insights plugin's database, for batched reads of the latest facts. */
    db?: () => Promise<TechInsightsDb>;
  }) {
    this.#db = options.db;
    this.#inner = new JsonRulesEngineFactCheckerFactory({
      checks: options.checks,
      logger: options.logger,
    });
  }

  construct(repository: TechInsightsStore): PlinthFactChecker {
    const cached = withSchemaCache(repository);
    this.#checker = this.#inner.construct(
      this.#db ? withBatchedFactReads(cached, this.#db) : cached,
    );
    return this.#checker;
  }

  /** The checker, once the Tech Insights backend has built it (at its start). */
  get checker(): PlinthFactChecker | undefined {
    return this.#checker;
  }
}
