import type { LoggerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import {
  CLICKHOUSE_TABLE_ANNOTATION,
  ClickHouseMetrics,
  ClickHousePanel,
  ClickHouseTableRef,
  SourceState,
} from '@plinth/plugin-pipeline-health-common';
import {
  DEFAULT_DEAD_LETTERS_TABLE,
  DEFAULT_INGEST_BATCHES_TABLE,
  PipelineHealthConfig,
} from '../../config';
import {
  ClickHouseClientQueryPort,
  ClickHouseQueryPort,
} from './ClickHouseQueryPort';
import {
  ClickHouseMetricsReader,
  ClickHouseMetricsReaderOptions,
  TrackedClickHouseTables,
} from './ClickHouseMetricsReader';

/** Tables read at once per poll (each runs 5 queries: the dashboard quota is 1,200/min). */
export const DEFAULT_CLICKHOUSE_CONCURRENCY = 2;
/** The client-side backstop above every query's own timeout. */
const REQUEST_TIMEOUT_MARGIN_MS = 1_000;

export type ClickHouseCollectorOptions = {
  port: ClickHouseQueryPort;
  logger: LoggerService;
  reader: Omit<ClickHouseMetricsReaderOptions, 'clock'>;
  /** Epoch ms; injectable for tests. */
  now?: () => number;
  concurrency?: number;
};

type TableState = {
  tables: TrackedClickHouseTables;
  source: SourceState;
  metrics?: ClickHouseMetrics;
};

/** Bad names, missing tables, ClickHouse down or slow: shown on the page, logged once. */
const EXPECTED_FAILURES = new Set([
  'InputError',
  'NotFoundError',
  'ServiceUnavailableError',
]);

const keyOf = (ref: ClickHouseTableRef) => `${ref.database}.${ref.table}`;

/**
 * Polls ClickHouse metrics for every tracked events table in the background; requests read
 * `snapshot()`, never ClickHouse. Each table has its own source state: `ok`; `degraded`
 * when only the query_log part failed; `unavailable` when the server is down, a query
 * timed out or a table is missing, keeping the last good metrics on the page.
 */
export class ClickHouseCollector {
  private readonly port: ClickHouseQueryPort;
  private readonly reader: ClickHouseMetricsReader;
  private readonly logger: LoggerService;
  private readonly now: () => number;
  private readonly concurrency: number;
  private tracked: TrackedClickHouseTables[] = [];
  private readonly states = new Map<string, TableState>();
  private running?: Promise<void>;

  constructor(options: ClickHouseCollectorOptions) {
    this.port = options.port;
    this.logger = options.logger;
    this.now = options.now ?? Date.now;
    this.concurrency = Math.max(
      1,
      options.concurrency ?? DEFAULT_CLICKHOUSE_CONCURRENCY,
    );
    this.reader = new ClickHouseMetricsReader(this.port, {
      ...options.reader,
      clock: { now: this.now },
    });
  }

  /**
   * The tables to read: the configured pipelines' and those named by
   * `plinth.dev/clickhouse-table` annotations (their ingest_batches and dead_letters
   * defaulting to the same database). One entry per events table; the first wins. Takes
   * effect at the next poll; tables no longer tracked are forgotten.
   */
  setTrackedTables(tables: TrackedClickHouseTables[]): void {
    const unique = new Map<string, TrackedClickHouseTables>();
    for (const t of tables) {
      if (!unique.has(keyOf(t.events))) {
        unique.set(keyOf(t.events), t);
      }
    }
    this.tracked = [...unique.values()];
    for (const key of [...this.states.keys()]) {
      if (!unique.has(key)) {
        this.states.delete(key);
      }
    }
  }

  /** One poll cycle; a call while one runs returns the running one. Never rejects. */
  poll(): Promise<void> {
    if (!this.running) {
      this.running = this.cycle().finally(() => {
        this.running = undefined;
      });
    }
    return this.running;
  }

  /** The panel of one events table (`database.table`); undefined when it is not tracked. */
  snapshot(eventsTable: string): ClickHousePanel | undefined {
    const tracked = this.tracked.find(t => keyOf(t.events) === eventsTable);
    if (!tracked) {
      return undefined;
    }
    const state = this.states.get(eventsTable);
    if (!state) {
      return {
        table: eventsTable,
        source: {
          state: 'unavailable',
          error: `ClickHouse table ${eventsTable} has not been polled yet`,
        },
      };
    }
    return {
      table: eventsTable,
      source: { ...state.source },
      metrics: state.metrics,
    };
  }

  async close(): Promise<void> {
    await this.running;
    await this.port.close();
  }

  private async cycle(): Promise<void> {
    const queue = [...this.tracked];
    const worker = async () => {
      for (let t = queue.shift(); t; t = queue.shift()) {
        await this.pollTable(t);
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(this.concurrency, queue.length) }, worker),
    );
  }

  private async pollTable(tables: TrackedClickHouseTables): Promise<void> {
    const key = keyOf(tables.events);
    const previous = this.states.get(key);
    const at = new Date(this.now()).toISOString();
    let next: TableState;
    try {
      const reading = await this.reader.read(tables);
      next = {
        tables,
        metrics: reading.metrics,
        source: reading.queryLogProblem
          ? {
              state: 'degraded',
              lastSuccessAt: at,
              error: reading.queryLogProblem,
            }
          : { state: 'ok', lastSuccessAt: at },
      };
    } catch (error) {
      next = {
        tables,
        metrics: previous?.metrics,
        source: {
          state: 'unavailable',
          lastSuccessAt: previous?.source.lastSuccessAt,
          error: isError(error) ? error.message : String(error),
        },
      };
      if (!isError(error) || !EXPECTED_FAILURES.has(error.name)) {
        // Not one of the expected failures: keep the stack for whoever debugs it.
        this.logger.error(`ClickHouse metrics of ${key} failed unexpectedly`, {
          table: key,
          error: isError(error) ? error.stack : String(error),
        });
      }
    }
    // A table dropped from tracking during the poll stays dropped.
    if (!this.tracked.some(t => keyOf(t.events) === key)) {
      return;
    }
    this.states.set(key, next);
    this.logChange(key, previous?.source, next.source);
  }

  /** Logs when a table's state or error changes, not on every poll. */
  private logChange(
    table: string,
    before: SourceState | undefined,
    after: SourceState,
  ) {
    if (before?.state === after.state && before?.error === after.error) {
      return;
    }
    if (after.state === 'ok') {
      this.logger.info(`ClickHouse metrics of ${table} are available`, {
        table,
        state: after.state,
        previousState: before?.state ?? 'not-polled',
      });
    } else {
      this.logger.warn(`ClickHouse metrics of ${table} are ${after.state}`, {
        table,
        state: after.state,
        error: after.error,
      });
    }
  }
}

/** The configured pipelines' tables, each naming the config key it came from. */
export function trackedTablesFromConfig(
  config: PipelineHealthConfig,
): TrackedClickHouseTables[] {
  return config.pipelines.flatMap((pipeline, index) => {
    if (!pipeline.clickhouseTables) {
      return [];
    }
    const key = `pipelineHealth.pipelines[${index}]`;
    return [
      {
        ...pipeline.clickhouseTables,
        origin: {
          events: `${key}.clickhouseTable`,
          ingestBatches: `${key}.clickhouseIngestBatchesTable`,
          deadLetters: `${key}.clickhouseDeadLettersTable`,
        },
      },
    ];
  });
}

/**
 * The tables of a `plinth.dev/clickhouse-table` annotation: the annotated events table, with
 * ingest_batches and dead_letters in the same database (the ingester's defaults).
 */
export function trackedTablesForAnnotation(
  events: ClickHouseTableRef,
  entityRef: string,
): TrackedClickHouseTables {
  const where = `the ${CLICKHOUSE_TABLE_ANNOTATION} annotation of ${entityRef}`;
  return {
    events,
    ingestBatches: {
      database: events.database,
      table: DEFAULT_INGEST_BATCHES_TABLE,
    },
    deadLetters: {
      database: events.database,
      table: DEFAULT_DEAD_LETTERS_TABLE,
    },
    origin: {
      events: where,
      ingestBatches: `${where} (its database's ${DEFAULT_INGEST_BATCHES_TABLE} table)`,
      deadLetters: `${where} (its database's ${DEFAULT_DEAD_LETTERS_TABLE} table)`,
    },
  };
}

/**
 * The collector for `pipelineHealth.clickhouse`, tracking the configured pipelines'
 * tables; undefined when no ClickHouse is configured (pipelines then show Kafka only).
 */
export function createClickHouseCollector(
  config: PipelineHealthConfig,
  logger: LoggerService,
  options: { now?: () => number } = {},
): ClickHouseCollector | undefined {
  const clickhouse = config.clickhouse;
  if (!clickhouse) {
    return undefined;
  }
  const port = ClickHouseClientQueryPort.connect({
    url: clickhouse.url,
    username: clickhouse.username,
    password: clickhouse.password,
    requestTimeoutMs: clickhouse.queryTimeoutMs + REQUEST_TIMEOUT_MARGIN_MS,
  });
  const collector = new ClickHouseCollector({
    port,
    logger: logger.child({ source: 'clickhouse' }),
    now: options.now,
    reader: {
      queryTimeoutMs: clickhouse.queryTimeoutMs,
      queryLogWindowMs: clickhouse.queryLogWindowMs,
      queryLogFlushIntervalMs: clickhouse.queryLogFlushIntervalMs,
      ownUser: clickhouse.username,
    },
  });
  collector.setTrackedTables(trackedTablesFromConfig(config));
  return collector;
}
