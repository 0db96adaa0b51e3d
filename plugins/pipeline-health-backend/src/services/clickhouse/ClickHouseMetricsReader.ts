import { NotFoundError } from '@backstage/errors';
import {
  ClickHouseMetrics,
  ClickHouseTableRef,
} from '@plinth/plugin-pipeline-health-common';
import {
  DEFAULT_QUERY_LOG_FLUSH_INTERVAL_MS,
  PipelineClickHouseTables,
} from '../../config';
import {
  ClickHouseQueryPort,
  shortClickHouseMessage,
} from './ClickHouseQueryPort';
import {
  LatencyHistogram,
  mergeLatencyHistograms,
  quantileFromCounts,
} from './latencyHistogram';
import {
  checkedIdentifier,
  identifierLiteral,
  integerLiteral,
  qualifiedName,
} from './sql';

/** How far back ingestion latency, events/s and dead letters are measured. */
export const DEFAULT_METRICS_WINDOW_MS = 5 * 60_000;
/**
 * Active parts in one partition: 300 is where the page starts to worry (ClickHouse delays
 * inserts from parts_to_delay_insert: 150 on 18.x, 1,000 on current releases), 1,000 a
 * warning, 3,000 current releases' parts_to_throw_insert (inserts are refused: "Too many
 * parts").
 */
export const PARTS_THRESHOLDS = {
  delayingInserts: 300,
  warning: 1_000,
  rejectingInserts: 3_000,
} as const;

/** Where each table name came from, so a missing table names the key to fix. */
export type TrackedClickHouseTables = PipelineClickHouseTables & {
  origin?: Partial<Record<keyof PipelineClickHouseTables, string>>;
};

export type ClickHouseMetricsReaderOptions = {
  queryTimeoutMs: number;
  /** @default 5 min */
  windowMs?: number;
  queryLogWindowMs: number;
  /**
   * A stock server flushes system.query_log every 7.5 s, so query latency lags by up to
   * that; configurable (pipelineHealth.clickhouse.queryLogFlushInterval).
   */
  queryLogFlushIntervalMs?: number;
  /** The reader's own user: its queries are not analytics and are left out of query_log. */
  ownUser: string;
  /**
   * Where query_log lives; system.query_log on a server. chDB (the in-process engine the
   * two-engine tests use) has no system logs, so its test points this at a stand-in.
   */
  queryLogTable?: ClickHouseTableRef;
  clock?: { now(): number };
};

export type ClickHouseReading = {
  metrics: ClickHouseMetrics;
  /** Set when the query_log part failed; the rest of the metrics are current. */
  queryLogProblem?: string;
};

const ROLE_NAMES: Record<keyof PipelineClickHouseTables, string> = {
  events: 'events',
  ingestBatches: 'ingest_batches',
  deadLetters: 'dead_letters',
};

const ROLES = Object.keys(ROLE_NAMES) as Array<keyof PipelineClickHouseTables>;

/** JSON numbers from either engine: 18.16 quotes UInt64, current releases do not. */
const num = (value: unknown): number => {
  const n = Number(value);
  return Number.isFinite(n) ? n : 0;
};

export function partsStatusOf(
  maxActivePartsPerPartition: number,
): ClickHouseMetrics['partsStatus'] {
  if (maxActivePartsPerPartition >= PARTS_THRESHOLDS.rejectingInserts) {
    return 'rejecting-inserts';
  }
  if (maxActivePartsPerPartition >= PARTS_THRESHOLDS.warning) {
    return 'warning';
  }
  if (maxActivePartsPerPartition >= PARTS_THRESHOLDS.delayingInserts) {
    return 'delaying-inserts';
  }
  return 'ok';
}

/**
 * Reads one pipeline's ClickHouse metrics through a read-only user. Every statement runs on
 * ClickHouse 18.16 and on current releases: epoch-ms UInt64 columns, no DateTime64, no
 * query parameters, no window functions, no settings sent with a query.
 */
export class ClickHouseMetricsReader {
  private readonly windowMs: number;
  private readonly queryLogFlushIntervalMs: number;
  private readonly queryLogTable: string;
  private readonly clock: { now(): number };

  constructor(
    private readonly port: ClickHouseQueryPort,
    private readonly options: ClickHouseMetricsReaderOptions,
  ) {
    this.windowMs = options.windowMs ?? DEFAULT_METRICS_WINDOW_MS;
    this.queryLogFlushIntervalMs =
      options.queryLogFlushIntervalMs ?? DEFAULT_QUERY_LOG_FLUSH_INTERVAL_MS;
    this.queryLogTable = qualifiedName(
      options.queryLogTable ?? { database: 'system', table: 'query_log' },
      'query_log',
    );
    this.clock = options.clock ?? Date;
  }

  /**
   * Throws InputError for a name that fails the identifier check, NotFoundError for a
   * table missing on the server, ServiceUnavailableError when ClickHouse does not answer.
   * A failing query_log read does not throw: it is reported in `queryLogProblem`.
   */
  async read(tables: TrackedClickHouseTables): Promise<ClickHouseReading> {
    for (const role of ROLES) {
      qualifiedName(tables[role], `${ROLE_NAMES[role]}`);
    }
    await this.checkTablesExist(tables);

    const to = Math.floor(this.clock.now());
    const from = to - this.windowMs;
    const [batches, deadLetters, parts, queryLog] = await Promise.all([
      this.readBatches(tables.ingestBatches, from),
      this.readDeadLetters(tables.deadLetters, from),
      this.readParts(tables.events),
      this.readQueryLog(tables.events, to).then(
        value => ({ value }),
        (error: unknown) => ({ error }),
      ),
    ]);
    let freshnessAt = batches.newestCommittedAtMs;
    if (freshnessAt === undefined) {
      // Nothing in the window: look further back (rare, so the unbounded read is fine).
      freshnessAt = await this.readNewestBefore(tables.ingestBatches, from);
    }

    const windowSeconds = this.windowMs / 1000;
    const deadLettersInWindow = deadLetters.reduce(
      (sum, r) => sum + r.count,
      0,
    );
    const metrics: ClickHouseMetrics = {
      window: {
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
      },
      ingestionLatencyMs: {
        p50: quantileFromCounts(
          batches.histogram.counts,
          0.5,
          batches.histogram.bounds,
        ),
        p95: quantileFromCounts(
          batches.histogram.counts,
          0.95,
          batches.histogram.bounds,
        ),
        p99: quantileFromCounts(
          batches.histogram.counts,
          0.99,
          batches.histogram.bounds,
        ),
      },
      eventsPerSecond: batches.events / windowSeconds,
      eventsInWindow: batches.events,
      freshnessMs:
        freshnessAt === undefined ? undefined : Math.max(0, to - freshnessAt),
      deadLettersPerMinute: deadLettersInWindow / (this.windowMs / 60_000),
      deadLettersInWindow,
      deadLettersByReason: deadLetters,
      rows: parts.rows,
      bytesOnDisk: parts.bytes,
      maxActivePartsPerPartition: parts.maxParts,
      partsStatus: partsStatusOf(parts.maxParts),
      queryLatencyMs: 'value' in queryLog ? queryLog.value : { queries: 0 },
      queryLogFlushIntervalMs: this.queryLogFlushIntervalMs,
    };
    return {
      metrics,
      queryLogProblem:
        'error' in queryLog
          ? `analytics query latency unavailable: ${shortClickHouseMessage(
              queryLog.error,
            )}`
          : undefined,
    };
  }

  private query<T>(sql: string): Promise<T[]> {
    return this.port.query<T>(sql, { timeoutMs: this.options.queryTimeoutMs });
  }

  /** Every table is confirmed in system.tables before a query names it. */
  private async checkTablesExist(tables: TrackedClickHouseTables) {
    const databases = [...new Set(ROLES.map(r => tables[r].database))];
    const names = [...new Set(ROLES.map(r => tables[r].table))];
    const rows = await this.query<{ database: string; name: string }>(
      `SELECT database, name FROM system.tables WHERE database IN (${databases
        .map(d => identifierLiteral(d, 'database'))
        .join(', ')}) AND name IN (${names
        .map(n => identifierLiteral(n, 'table'))
        .join(', ')})`,
    );
    const present = new Set(rows.map(r => `${r.database}.${r.name}`));
    const missing = ROLES.filter(
      role => !present.has(`${tables[role].database}.${tables[role].table}`),
    );
    if (missing.length > 0) {
      throw new NotFoundError(
        missing
          .map(role => {
            const where =
              tables.origin?.[role] ??
              `the ${ROLE_NAMES[role]} table of the pipeline`;
            return `table ${tables[role].database}.${tables[role].table} does not exist on ${this.port.location}; check ${where}`;
          })
          .join('; '),
      );
    }
  }

  /**
   * Ingestion latency, events and the newest commit from ingest_batches: one row per bucket
   * layout, histograms added with sumForEach (the quantiles are computed here, from the
   * bounds). committed_at_ms is the table's first sorting key and the partition key's
   * column, so the window reads only recent granules.
   */
  private async readBatches(table: ClickHouseTableRef, fromMs: number) {
    const rows = await this.query<{
      bounds: unknown[];
      counts: unknown[];
      events: unknown;
      newest: unknown;
    }>(
      `SELECT latency_bounds_ms AS bounds, sumForEach(latency_counts) AS counts, sum(rows) AS events, max(committed_at_ms) AS newest
       FROM ${qualifiedName(table, 'ingest_batches')}
       WHERE committed_at_ms >= ${integerLiteral(fromMs, 'window start')}
       GROUP BY latency_bounds_ms`,
    );
    const histograms: LatencyHistogram[] = rows.map(r => ({
      bounds: r.bounds.map(num),
      counts: r.counts.map(num),
    }));
    return {
      histogram: mergeLatencyHistograms(histograms),
      events: rows.reduce((sum, r) => sum + num(r.events), 0),
      newestCommittedAtMs:
        rows.length > 0 ? Math.max(...rows.map(r => num(r.newest))) : undefined,
    };
  }

  /**
   * Freshness source: ingest_batches.committed_at_ms, not max(events.ingested_at_ms). The
   * ingester writes a batches row after ClickHouse acknowledged the events insert, so the
   * newest row marks the newest event known to be stored, and the small table sorted by
   * that column answers without scanning the (large) events table.
   */
  private async readNewestBefore(
    table: ClickHouseTableRef,
    beforeMs: number,
  ): Promise<number | undefined> {
    const [row] = await this.query<{ newest: unknown; n: unknown }>(
      `SELECT max(committed_at_ms) AS newest, count() AS n FROM ${qualifiedName(
        table,
        'ingest_batches',
      )} WHERE committed_at_ms < ${integerLiteral(beforeMs, 'window start')}`,
    );
    return row && num(row.n) > 0 ? num(row.newest) : undefined;
  }

  private async readDeadLetters(table: ClickHouseTableRef, fromMs: number) {
    const rows = await this.query<{ reason: string; n: unknown }>(
      `SELECT reason, count() AS n FROM ${qualifiedName(table, 'dead_letters')}
       WHERE dead_lettered_at_ms >= ${integerLiteral(fromMs, 'window start')}
       GROUP BY reason ORDER BY n DESC, reason`,
    );
    return rows.map(r => ({ reason: String(r.reason), count: num(r.n) }));
  }

  /** Rows, bytes and parts of the events table from its active parts. */
  private async readParts(table: ClickHouseTableRef) {
    const rows = await this.query<{
      parts: unknown;
      part_rows: unknown;
      part_bytes: unknown;
    }>(
      `SELECT partition, count() AS parts, sum(rows) AS part_rows, sum(bytes_on_disk) AS part_bytes
       FROM system.parts
       WHERE active AND database = ${identifierLiteral(
         table.database,
         'database',
       )} AND table = ${identifierLiteral(table.table, 'table')}
       GROUP BY partition`,
    );
    return {
      rows: rows.reduce((sum, r) => sum + num(r.part_rows), 0),
      bytes: rows.reduce((sum, r) => sum + num(r.part_bytes), 0),
      maxParts: rows.reduce((max, r) => Math.max(max, num(r.parts)), 0),
    };
  }

  /**
   * Analytics query latency: finished (type 2, QueryFinish) initial SELECT/WITH queries
   * naming the events table as database.table, by any user but this reader's own. 18.16's
   * query_log has no `tables`, `databases` or `query_kind` columns, so the statement text
   * is matched; the regular expressions are built from checked identifiers only. Bounded
   * by event_date (the partition key) and event_time.
   */
  private async readQueryLog(
    table: ClickHouseTableRef,
    toMs: number,
  ): Promise<ClickHouseMetrics['queryLatencyMs']> {
    const fromS = Math.floor((toMs - this.options.queryLogWindowMs) / 1000);
    const db = checkedIdentifier(table.database, 'database');
    const name = checkedIdentifier(table.table, 'table');
    const [row] = await this.query<{ q: unknown[]; n: unknown }>(
      `SELECT quantilesExact(0.5, 0.99)(query_duration_ms) AS q, count() AS n
       FROM ${this.queryLogTable}
       WHERE event_date >= toDate(toDateTime(${integerLiteral(
         fromS,
         'query_log window start',
       )}))
         AND event_time >= toDateTime(${integerLiteral(
           fromS,
           'query_log window start',
         )})
         AND toUInt8(type) = 2
         AND is_initial_query = 1
         AND user != ${identifierLiteral(
           checkedIdentifier(this.options.ownUser, 'user'),
           'user',
         )}
         AND match(query, '(?i)^[[:space:](]*(select|with)[^a-z0-9_]')
         AND match(query, '(?i)(^|[^a-z0-9_])[\`]?${db}[\`]?[.][\`]?${name}[\`]?([^a-z0-9_]|$)')`,
    );
    const queries = row ? num(row.n) : 0;
    if (queries === 0) {
      return { queries: 0 };
    }
    return { p50: num(row.q[0]), p99: num(row.q[1]), queries };
  }
}
