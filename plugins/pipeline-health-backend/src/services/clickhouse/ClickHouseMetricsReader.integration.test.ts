import { ClickHouseClient } from '@clickhouse/client';
import { mockServices } from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import {
  ClickHouseEventStore,
  ClickHouseConnectionOptions,
  createClickHouseClient,
  DeadLetterRow,
  EventRow,
  IngestBatchRow,
} from '@plinth/event-pipeline';
// The pipeline's test infrastructure is not part of its public exports: it only runs from
// the source tree, as in the pipeline's own integration tests.
// eslint-disable-next-line @backstage/no-forbidden-package-imports
import {
  applySchema,
  ChdbEngine,
  startChdb,
} from '@plinth/event-pipeline/src/testing/chdb';
// eslint-disable-next-line @backstage/no-forbidden-package-imports
import { TestClickHouse } from '@plinth/event-pipeline/src/testing/infra';
import { ClickHouseTableRef } from '@plinth/plugin-pipeline-health-common';
import { readPipelineHealthConfig } from '../../config';
import { createClickHouseCollector } from './ClickHouseCollector';
import {
  ClickHouseClientQueryPort,
  ClickHouseQueryPort,
  ClickHouseQueryTimeoutError,
} from './ClickHouseQueryPort';
import {
  ClickHouseMetricsReader,
  TrackedClickHouseTables,
} from './ClickHouseMetricsReader';

// The metrics reader's statements on two engines from one table of cases: Debian's
// ClickHouse 18.16 server (through the read-only plinth_dashboard user, as in production)
// and chDB 3.4.0 (ClickHouse 26.x in this process; `make chdb`). Known rows go in, exact
// metrics come out. Engine differences are named where they matter:
// - chDB 3.4.0 creates no system logs (no system.query_log, even with a <query_log> config
//   section), so on chDB the query_log statement runs against a stand-in table with the
//   current release's column types (type Enum8, user LowCardinality(String)); on 18.16 it
//   reads the server's real system.query_log.
// - chDB has no users: everything runs as its default user.
jest.setTimeout(120_000);

const now = Date.now();
const clock = { now: () => now };
const MINUTE = 60_000;

interface Engine {
  name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Creates tables and inserts rows (18.16: the ingester's plinth_writer). */
  writer(): ClickHouseClient;
  /** SYSTEM statements (18.16: the loopback admin). */
  admin(): ClickHouseClient;
  writerOptions: ClickHouseConnectionOptions;
  /** The reader's port (18.16: plinth_dashboard, readonly=1). */
  port(): ClickHouseQueryPort;
  /** Where query_log is read from on this engine. */
  queryLogTable?: ClickHouseTableRef;
  /**
   * Runs the analytics queries the query_log case expects: 3 fast ones and one of at
   * least 600 ms naming the events table, plus ones that must not count.
   */
  runAnalytics(events: string, other: string): Promise<void>;
}

const server = new TestClickHouse('it-p28233', 28233);

function server1816(): Engine {
  let writer: ClickHouseClient;
  let admin: ClickHouseClient;
  let dashboard: ClickHouseQueryPort;
  return {
    name: 'ClickHouse 18.16 server',
    writerOptions: {
      url: server.url,
      username: 'plinth_writer',
      password: 'plinth-writer-dev',
      database: 'plinth_events',
    },
    async start() {
      await server.up();
      writer = server.client();
      admin = createClickHouseClient({
        url: server.url,
        username: 'default',
        password: '',
        database: 'plinth_events',
      });
      dashboard = ClickHouseClientQueryPort.connect({
        url: server.url,
        username: 'plinth_dashboard',
        password: 'plinth-dashboard-dev',
        requestTimeoutMs: 10_000,
      });
    },
    async stop() {
      await dashboard.close();
      await writer.close();
      await admin.close();
      await server.down();
    },
    writer: () => writer,
    admin: () => admin,
    port: () => dashboard,
    async runAnalytics(events, other) {
      const run = (client: ClickHouseClient, query: string) =>
        client.query({ query, format: 'JSONEachRow' }).then(r => r.json());
      for (let i = 0; i < 3; i++) {
        await run(writer, `SELECT count() FROM plinth_events.${events}`);
      }
      // sleep() runs once per block: one block of a few rows, 0.6 s.
      await run(
        writer,
        `SELECT sleep(0.6) FROM plinth_events.${events} LIMIT 1`,
      );
      // Not counted: another table, the dashboard user itself, a failed query.
      await run(writer, `SELECT count() FROM plinth_events.${other}`);
      await dashboard.query(`SELECT count() FROM plinth_events.${events}`, {
        timeoutMs: 5000,
      });
      await run(writer, `SELECT nope FROM plinth_events.${events}`).catch(
        () => undefined,
      );
      // The server writes query_log every 7.5 s; the admin flushes it now.
      await admin.command({ query: 'SYSTEM FLUSH LOGS' });
    },
  };
}

function chdb(): Engine {
  let engine: ChdbEngine;
  const port = (): ClickHouseQueryPort =>
    new ClickHouseClientQueryPort(engine.client, 'chdb');
  return {
    name: 'chDB (ClickHouse 26.x)',
    writerOptions: {
      url: 'chdb:',
      username: 'default',
      password: '',
      database: 'plinth_events',
    },
    queryLogTable: { database: 'plinth_qlog', table: 'query_log' },
    async start() {
      engine = await startChdb();
      await applySchema(engine.client);
    },
    stop: () => engine.close(),
    writer: () => engine.client,
    admin: () => engine.client,
    port,
    async runAnalytics(events, other) {
      const c = engine.client;
      await c.command({ query: 'CREATE DATABASE IF NOT EXISTS plinth_qlog' });
      // The columns the reader uses, with current ClickHouse's types.
      await c.command({
        query: `CREATE TABLE IF NOT EXISTS plinth_qlog.query_log (
          type Enum8('QueryStart' = 1, 'QueryFinish' = 2, 'ExceptionBeforeStart' = 3, 'ExceptionWhileProcessing' = 4),
          event_date Date, event_time DateTime, query_duration_ms UInt64, query String,
          user LowCardinality(String), is_initial_query UInt8
        ) ENGINE = MergeTree PARTITION BY toYYYYMM(event_date) ORDER BY event_time`,
      });
      const s = Math.floor(now / 1000);
      const row = (
        type: string,
        ageS: number,
        ms: number,
        query: string,
        user = 'analyst',
        initial = 1,
      ) => ({
        type,
        event_date: new Date((s - ageS) * 1000).toISOString().slice(0, 10),
        event_time: s - ageS,
        query_duration_ms: ms,
        query,
        user,
        is_initial_query: initial,
      });
      const q = `SELECT count() FROM plinth_events.${events}`;
      await c.insert({
        table: 'plinth_qlog.query_log',
        format: 'JSONEachRow',
        values: [
          row('QueryFinish', 10, 1, q),
          row('QueryFinish', 20, 2, `  with x AS (SELECT 1) ${q}`),
          row(
            'QueryFinish',
            30,
            3,
            q.replace(
              `plinth_events.${events}`,
              `\`plinth_events\`.\`${events}\``,
            ),
          ),
          row(
            'QueryFinish',
            40,
            600,
            `SELECT sleep(0.6) FROM plinth_events.${events} LIMIT 1`,
          ),
          // Not counted:
          row('QueryStart', 10, 0, q),
          row(
            'QueryFinish',
            10,
            9000,
            `SELECT count() FROM plinth_events.${other}`,
          ),
          row('QueryFinish', 10, 9000, q, 'plinth_dashboard'),
          row('QueryFinish', 10, 9000, q, 'analyst', 0),
          row('ExceptionWhileProcessing', 10, 9000, q),
          row(
            'QueryFinish',
            10,
            9000,
            `INSERT INTO plinth_events.${events} SELECT * FROM plinth_events.${events}`,
          ),
          row('QueryFinish', 3600, 9000, q),
        ],
      });
    },
  };
}

async function createTables(
  engine: Engine,
  prefix: string,
): Promise<TrackedClickHouseTables> {
  const tables = await server.createTables(engine.writer(), prefix);
  // Merges would make the parts count depend on timing.
  await engine.admin().command({
    query: `SYSTEM STOP MERGES plinth_events.${tables.events}`,
  });
  const ref = (table: string) => ({ database: 'plinth_events', table });
  return {
    events: ref(tables.events),
    ingestBatches: ref(tables.batches),
    deadLetters: ref(tables.deadLetters),
    origin: { events: 'pipelineHealth.pipelines[0].clickhouseTable' },
  };
}

async function store(engine: Engine, tables: TrackedClickHouseTables) {
  return ClickHouseEventStore.withClient(
    engine.writer(),
    engine.writerOptions,
    {
      events: tables.events.table,
      batches: tables.ingestBatches.table,
      deadLetters: tables.deadLetters.table,
    },
  );
}

function event(id: string, occurredAt: number): EventRow {
  return {
    event_id: id,
    type: 'deploy',
    source: 'metrics-test',
    tenant: 't1',
    occurred_at_ms: occurredAt,
    ingested_at_ms: occurredAt + 20,
    payload: '{}',
    topic: 'metrics-test',
    kafka_partition: 0,
    kafka_offset: 0,
  };
}

function batch(
  committedAgoMs: number,
  rows: number,
  counts: number[],
  bounds = [10, 20, 50],
): IngestBatchRow {
  return {
    batch_id: `b-${committedAgoMs}`,
    ingester_id: 'it',
    committed_at_ms: now - committedAgoMs,
    topic: 'metrics-test',
    kafka_partition: 0,
    first_offset: 0,
    last_offset: rows - 1,
    rows,
    min_latency_ms: 1,
    max_latency_ms: 99,
    sum_latency_ms: rows * 10,
    insert_duration_ms: 2,
    latency_bounds_ms: bounds,
    latency_counts: counts,
  };
}

function deadLetter(agoMs: number, reason: string, i: number): DeadLetterRow {
  return {
    dead_lettered_at_ms: now - agoMs,
    reason,
    error: 'bad',
    event_id: '',
    topic: 'metrics-test',
    kafka_partition: 0,
    kafka_offset: i,
  };
}

function reader(engine: Engine, port = engine.port()) {
  return new ClickHouseMetricsReader(port, {
    queryTimeoutMs: 5000,
    queryLogWindowMs: 15 * MINUTE,
    ownUser: 'plinth_dashboard',
    queryLogTable: engine.queryLogTable,
    clock,
  });
}

describe.each([server1816(), chdb()])('$name', engine => {
  let known: TrackedClickHouseTables;

  beforeAll(async () => {
    await engine.start();
    known = await createTables(engine, 'mr_known');
    const s = await store(engine, known);
    // Histograms with bounds [10, 20, 50] (+ overflow). In the 5-minute window:
    // [150, 90, 50, 10] over 300 events; outside it, 1,000 slow events that must not count.
    await s.insertBatches([
      batch(1 * MINUTE, 100, [50, 30, 20, 0]),
      batch(2 * MINUTE, 200, [100, 60, 30, 10]),
      batch(10 * MINUTE, 1000, [0, 0, 0, 1000]),
    ]);
    await s.insertDeadLetters([
      deadLetter(10_000, 'invalid-json', 1),
      deadLetter(11_000, 'invalid-json', 2),
      deadLetter(12_000, 'invalid-json', 3),
      deadLetter(20_000, 'schema', 4),
      deadLetter(21_000, 'schema', 5),
      deadLetter(10 * MINUTE, 'invalid-json', 6),
    ]);
    // Three inserts: two parts in today's partition, one in a partition 3 days back.
    await s.insertEvents([event('a', now - 1000), event('b', now - 1000)]);
    await s.insertEvents([event('c', now - 900), event('d', now - 900)]);
    await s.insertEvents([event('e', now - 3 * 86_400_000)]);
  });
  afterAll(() => engine.stop());

  it('computes ingestion latency quantiles from the summed histograms of the window', async () => {
    const { metrics } = await reader(engine).read(known);
    // p50: rank 150 ends bucket (0, 10]; p95: rank 285 is 90% into (20, 50];
    // p99: rank 297 is in the overflow bucket, reported as the last bound.
    expect(metrics.ingestionLatencyMs).toEqual({ p50: 10, p95: 47, p99: 50 });
    expect(metrics.window).toEqual({
      from: new Date(now - 5 * MINUTE).toISOString(),
      to: new Date(now).toISOString(),
    });
  });

  it('counts events and events per second over the window from ingest_batches', async () => {
    const { metrics } = await reader(engine).read(known);
    expect(metrics.eventsInWindow).toBe(300);
    expect(metrics.eventsPerSecond).toBe(1);
  });

  it('measures freshness from the newest ingest_batches row', async () => {
    const { metrics } = await reader(engine).read(known);
    expect(metrics.freshnessMs).toBe(1 * MINUTE);
  });

  it('looks past the window for freshness when nothing arrived in it', async () => {
    const idle = await createTables(engine, 'mr_idle');
    await (
      await store(engine, idle)
    ).insertBatches([batch(10 * MINUTE, 5, [5, 0, 0, 0])]);
    const { metrics } = await reader(engine).read(idle);
    expect(metrics.freshnessMs).toBe(10 * MINUTE);
    expect(metrics.eventsInWindow).toBe(0);
    expect(metrics.ingestionLatencyMs).toEqual({});
  });

  it('reports no freshness and zeros for empty tables', async () => {
    const empty = await createTables(engine, 'mr_empty');
    const { metrics } = await reader(engine).read(empty);
    expect(metrics).toMatchObject({
      freshnessMs: undefined,
      eventsInWindow: 0,
      eventsPerSecond: 0,
      deadLettersInWindow: 0,
      deadLettersByReason: [],
      rows: 0,
      bytesOnDisk: 0,
      maxActivePartsPerPartition: 0,
      partsStatus: 'ok',
    });
  });

  it('counts dead letters in the window per minute and by reason', async () => {
    const { metrics } = await reader(engine).read(known);
    expect(metrics.deadLettersInWindow).toBe(5);
    expect(metrics.deadLettersPerMinute).toBe(1);
    expect(metrics.deadLettersByReason).toEqual([
      { reason: 'invalid-json', count: 3 },
      { reason: 'schema', count: 2 },
    ]);
  });

  it('reads rows, bytes and the most active parts in one partition from system.parts', async () => {
    const { metrics } = await reader(engine).read(known);
    expect(metrics.rows).toBe(5);
    expect(metrics.bytesOnDisk).toBeGreaterThan(0);
    expect(metrics.maxActivePartsPerPartition).toBe(2);
    expect(metrics.partsStatus).toBe('ok');
  });

  it('reads analytics query latency from query_log: finished SELECTs on the events table by other users', async () => {
    // Tables of their own: the event store's table check (SELECT 1 FROM ... WHERE 0) on
    // the known tables is a finished SELECT too, and would count.
    const analytics = await createTables(engine, 'mr_ql');
    const other = await createTables(engine, 'mr_other');
    await engine.runAnalytics(analytics.events.table, other.events.table);
    const { metrics, queryLogProblem } = await reader(engine).read(analytics);
    expect(queryLogProblem).toBeUndefined();
    expect(metrics.queryLatencyMs.queries).toBe(4);
    // quantilesExact over 4 durations: the 3rd smallest and the largest.
    expect(metrics.queryLatencyMs.p50).toBeLessThan(600);
    expect(metrics.queryLatencyMs.p99).toBeGreaterThanOrEqual(600);
    expect(metrics.queryLogFlushIntervalMs).toBe(7_500);
  });

  it('names the missing table, the server and the config key to check', async () => {
    const missing = {
      ...known,
      events: { database: 'plinth_events', table: 'evnts' },
    };
    const port = engine.port();
    const error = await reader(engine, port)
      .read(missing)
      .catch(e => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe(
      `table plinth_events.evnts does not exist on ${port.location}; check pipelineHealth.pipelines[0].clickhouseTable`,
    );
  });
});

describe('ClickHouse 26.x (chDB) without system logs', () => {
  it('reports the query_log part as a problem and keeps the other metrics', async () => {
    const engine = await startChdb();
    try {
      await applySchema(engine.client);
      const ref = (table: string) => ({ database: 'plinth_events', table });
      const reading = await new ClickHouseMetricsReader(
        new ClickHouseClientQueryPort(engine.client, 'chdb'),
        {
          queryTimeoutMs: 5000,
          queryLogWindowMs: 15 * MINUTE,
          ownUser: 'x',
          clock,
        },
      ).read({
        events: ref('events'),
        ingestBatches: ref('ingest_batches'),
        deadLetters: ref('dead_letters'),
      });
      expect(reading.queryLogProblem).toMatch(
        /^analytics query latency unavailable: .*system\.query_log/,
      );
      expect(reading.metrics.queryLatencyMs).toEqual({ queries: 0 });
      expect(reading.metrics.eventsInWindow).toBe(0);
    } finally {
      await engine.close();
    }
  });
});

describe('ClickHouse 18.16 server: timeouts and outages', () => {
  const outage = new TestClickHouse('it-p28243', 28243);
  beforeAll(() => outage.up());
  afterAll(() => outage.down());

  it('abandons a query that runs past its timeout', async () => {
    const port = ClickHouseClientQueryPort.connect({
      url: outage.url,
      username: 'plinth_dashboard',
      password: 'plinth-dashboard-dev',
      requestTimeoutMs: 10_000,
    });
    try {
      const started = Date.now();
      const error = await port
        .query('SELECT sleep(3)', { timeoutMs: 500 })
        .catch(e => e);
      expect(error).toBeInstanceOf(ClickHouseQueryTimeoutError);
      expect(error.message).toBe('ClickHouse query timed out after 500 ms');
      expect(Date.now() - started).toBeLessThan(2500);
    } finally {
      await port.close();
    }
  });

  it('goes unavailable with the last metrics kept when the server stops, and ok when it is back', async () => {
    const writer = outage.client();
    const tables = await outage.createTables(writer, 'mr_outage');
    await writer.insert({
      table: `plinth_events.${tables.batches}`,
      format: 'JSONEachRow',
      values: [batch(MINUTE, 60, [60, 0, 0, 0])],
    });
    await writer.close();
    const config = readPipelineHealthConfig(
      mockServices.rootConfig({
        data: {
          pipelineHealth: {
            clickhouse: {
              url: outage.url,
              password: 'plinth-dashboard-dev',
              queryTimeout: '2s',
            },
            pipelines: [
              {
                id: 'outage',
                owner: 'group:default/data-platform',
                clickhouseTable: `plinth_events.${tables.events}`,
                clickhouseIngestBatchesTable: `plinth_events.${tables.batches}`,
                clickhouseDeadLettersTable: `plinth_events.${tables.deadLetters}`,
              },
            ],
          },
        },
      }),
    );
    const logger = mockServices.logger.mock();
    logger.child.mockReturnValue(logger);
    const collector = createClickHouseCollector(config, logger, {
      now: clock.now,
    })!;
    const key = `plinth_events.${tables.events}`;
    // 18.16 creates system.query_log at its first flush; without it the panel is degraded.
    const flushLogs = async () => {
      const admin = createClickHouseClient({
        url: outage.url,
        username: 'default',
        password: '',
        database: 'plinth_events',
      });
      await admin.command({ query: 'SYSTEM FLUSH LOGS' });
      await admin.close();
    };
    try {
      await flushLogs();
      await collector.poll();
      const before = collector.snapshot(key)!;
      expect(before.source).toEqual({
        state: 'ok',
        lastSuccessAt: new Date(now).toISOString(),
      });
      expect(before.metrics?.eventsInWindow).toBe(60);

      await outage.stop();
      await collector.poll();
      const down = collector.snapshot(key)!;
      expect(down.source.state).toBe('unavailable');
      expect(down.source.error).toMatch(
        new RegExp(
          `^ClickHouse at ${outage.url} is unreachable: .*ECONNREFUSED`,
        ),
      );
      expect(down.source.lastSuccessAt).toBe(before.source.lastSuccessAt);
      expect(down.metrics).toEqual(before.metrics);
      expect(logger.warn).toHaveBeenCalledWith(
        `ClickHouse metrics of ${key} are unavailable`,
        expect.objectContaining({ table: key, state: 'unavailable' }),
      );

      // up waits for /ping: the next poll must succeed, no retry needed.
      await outage.up({ wipe: false });
      await collector.poll();
      const back = collector.snapshot(key)!;
      expect(back.source.state).toBe('ok');
      expect(back.metrics?.eventsInWindow).toBe(60);
      expect(logger.info).toHaveBeenCalledWith(
        `ClickHouse metrics of ${key} are available`,
        expect.objectContaining({ previousState: 'unavailable' }),
      );
    } finally {
      await collector.close();
    }
  });
});
