import type { DatabaseService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { ForwardedError } from '@backstage/errors';
import type {
  FlatTechInsightFact,
  TechInsightsStore,
} from '@backstage-community/plugin-tech-insights-node';
import { DateTime } from 'luxon';

/** The Tech Insights plugin's own database client (a module shares its plugin's database). */
export type TechInsightsDb = Awaited<ReturnType<DatabaseService['getClient']>>;

/** The latest fact row of each retriever for one entity, as the store returns it. */
export type LatestFacts = Record<string, FlatTechInsightFact>;

// Four bound lists per query (the entities and the retriever ids, each in the outer query
// and in the subquery): 2 x 500 entities plus twice the ids stay far below SQLite's (32,766) and Postgres' (65,535) limits.
const ENTITIES_PER_QUERY = 500;

type FactRow = {
  id: string;
  entity: string;
  timestamp: string | Date;
  version: string;
  facts: string;
};

/**
 * The latest fact row per retriever for many entities: the query of Tech Insights 3.1.0's
 * `TechInsightsDatabase.getLatestFactsByIds` (rows at the greatest timestamp per retriever),
 * grouped by entity as well, so one query answers 500 entities instead of one. Rows are
 * converted exactly as the store converts them; when two rows share the latest timestamp,
 * the later one in the result wins, as in the store.
 *
 * A row that cannot be converted (facts that are not JSON, an entity ref that does not
 * parse) fails its entity only, as the store would fail a read of that entity alone: the
 * entity is left out of the result and its error put in `failed`, so one bad row does not
 * fail the other entities of the query.
 */
export async function readLatestFacts(
  db: TechInsightsDb,
  ids: string[],
  entities: string[],
  failed: Map<string, Error> = new Map(),
): Promise<Map<string, LatestFacts>> {
  const retrieverIds = [...new Set(ids)];
  const byEntity = new Map<string, LatestFacts>();
  const unique = [...new Set(entities)];
  for (let i = 0; i < unique.length; i += ENTITIES_PER_QUERY) {
    const chunk = unique.slice(i, i + ENTITIES_PER_QUERY);
    const latest = db('facts')
      .max('timestamp as maxTimestamp')
      .column('id as subId', 'entity as subEntity')
      .whereIn('entity', chunk)
      .whereIn('id', retrieverIds)
      .groupBy('id', 'entity')
      .as('subQ');
    const rows: FactRow[] = await db('facts')
      .whereIn('facts.entity', chunk)
      .whereIn('facts.id', retrieverIds)
      .join(latest, {
        'facts.id': 'subQ.subId',
        'facts.entity': 'subQ.subEntity',
        'facts.timestamp': 'subQ.maxTimestamp',
      })
      .select(
        'facts.id',
        'facts.entity',
        'facts.timestamp',
        'facts.version',
        'facts.facts',
      );
    for (const row of rows) {
      if (failed.has(row.entity)) continue;
      try {
        const { namespace, kind, name } = parseEntityRef(row.entity);
        const facts = byEntity.get(row.entity) ?? {};
        // The store's rows carry the schema version too (not in the type): kept, so both agree.
        const fact: FlatTechInsightFact & { version: string } = {
          id: row.id,
          entity: { namespace, kind, name },
          timestamp:
            typeof row.timestamp === 'string'
              ? DateTime.fromISO(row.timestamp)
              : DateTime.fromJSDate(row.timestamp),
          version: row.version,
          facts: JSON.parse(row.facts),
        };
        facts[row.id] = fact;
        byEntity.set(row.entity, facts);
      } catch (error) {
        byEntity.delete(row.entity);
        failed.set(
          row.entity,
          new ForwardedError(
            `The latest '${row.id}' fact of ${row.entity} cannot be read`,
            error,
          ),
        );
      }
    }
  }
  return byEntity;
}

type PendingRead = {
  ids: string[];
  entity: string;
  resolve: (facts: LatestFacts) => void;
  reject: (error: unknown) => void;
};

/**
 * The store with latest-fact reads batched: every `getLatestFactsByIds` call made in the
 * same turn of the event loop is answered by one query per 500 entities. The json-rules-
 * engine checker reads one entity at a time, and the bulk route (`POST /checks/run`) runs
 * a hundred entities at once, so scoring 10,000 components costs about a hundred queries
 * instead of 10,000; a single entity (the entity card) is one query, as before.
 */
export function withBatchedFactReads(
  store: TechInsightsStore,
  db: () => Promise<TechInsightsDb>,
): TechInsightsStore {
  let pending: PendingRead[] = [];

  const flush = async () => {
    const batch = pending;
    pending = [];
    const byIds = new Map<string, PendingRead[]>();
    for (const read of batch) {
      const key = JSON.stringify([...new Set(read.ids)].sort());
      byIds.set(key, [...(byIds.get(key) ?? []), read]);
    }
    for (const reads of byIds.values()) {
      try {
        const failed = new Map<string, Error>();
        const latest = await readLatestFacts(
          await db(),
          reads[0].ids,
          reads.map(r => r.entity),
          failed,
        );
        for (const read of reads) {
          const error = failed.get(read.entity);
          if (error) read.reject(error);
          else read.resolve(latest.get(read.entity) ?? {});
        }
      } catch (error) {
        for (const read of reads) {
          read.reject(error);
        }
      }
    }
  };

  return {
    insertFacts: options => store.insertFacts(options),
    getLatestFactsByIds: (ids, entity) =>
      new Promise<LatestFacts>((resolve, reject) => {
        if (pending.length === 0) {
          // After the reads queued in this turn; a lone read waits one turn only.
          setImmediate(flush);
        }
        pending.push({ ids, entity, resolve, reject });
      }),
    getEntities: () => store.getEntities(),
    getFactsBetweenTimestampsByIds: (ids, entity, start, end) =>
      store.getFactsBetweenTimestampsByIds(ids, entity, start, end),
    insertFactSchema: definition => store.insertFactSchema(definition),
    getLatestSchemas: ids => store.getLatestSchemas(ids),
  };
}
