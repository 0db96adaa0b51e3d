import fs from 'node:fs';
import path from 'node:path';
import { ClickHouseClient } from '@clickhouse/client';
import { EventLogAdmin } from '../kafka/EventLog';
import { LATENCY_BOUNDS_MS, latencyCounts } from '../stats/LatencyHistogram';
import { applySchema, ChdbEngine, startChdb } from '../testing/chdb';
import { queryRows, REPO_ROOT, TestClickHouse } from '../testing/infra';
import { finalCount, partitionCoverage, readCounts } from '../testing/pipeline';
import {
  ClickHouseConnectionOptions,
  ClickHouseEventStore,
  createClickHouseClient,
  EXPECTED_COLUMNS,
  verifyTables,
} from './ClickHouseEventStore';
import { DeadLetterRow, EventRow, IngestBatchRow } from './EventStore';

// Every statement the pipeline sends to ClickHouse, on two engines through one table of
// cases: Debian's ClickHouse 18.16 server (the only server package any reachable registry
// has; started through infra/clickhouse/clickhouse.sh) and chDB 3.4.0, ClickHouse 26.x in
// this process (installed by `make chdb`). Production runs current releases, development
// 18.16: a statement that only works on one of them fails here. Where the engines differ,
// the engine's description below says so and the case asserts each engine's behaviour.
jest.setTimeout(120_000);

interface Engine {
  name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Schema changes (18.16: the loopback-only admin user). */
  admin(): ClickHouseClient;
  /** The ingester's user (18.16: plinth_writer). */
  writer(): ClickHouseClient;
  options: ClickHouseConnectionOptions;
  /** Applies infra/clickhouse/schema the way each engine gets it in practice. */
  applySchema(): Promise<void>;
  /**
   * Two rows with the same sorting key inside ONE insert into a ReplacingMergeTree:
   * 18.16 stores both until a background merge; current releases collapse them while
   * inserting (optimize_on_insert, on by default since 21.x).
   */
  collapsesDuplicatesWithinOneInsert: boolean;
}

function server1816(): Engine {
  const ch = new TestClickHouse('it-p28223', 28223);
  let admin: ClickHouseClient | undefined;
  let writer: ClickHouseClient | undefined;
  return {
    name: 'ClickHouse 18.16 server',
    options: {
      url: ch.url,
      username: 'plinth_writer',
      password: 'plinth-writer-dev',
      database: 'plinth_events',
    },
    async start() {
      await ch.up();
      admin = createClickHouseClient({
        url: ch.url,
        username: 'default',
        password: '',
        database: 'plinth_events',
      });
      writer = ch.client();
    },
    async stop() {
      await admin?.close();
      await writer?.close();
      await ch.down();
    },
    admin: () => admin!,
    writer: () => writer!,
    // The real script, as `make start` and every integration test apply it.
    applySchema: () => ch.up({ wipe: false }),
    collapsesDuplicatesWithinOneInsert: false,
  };
}

function chdb(): Engine {
  let engine: ChdbEngine | undefined;
  return {
    name: 'chDB (ClickHouse 26.x)',
    // chDB has no users: one client does everything.
    options: {
      url: 'chdb:',
      username: 'default',
      password: '',
      database: 'plinth_events',
    },
    async start() {
      engine = await startChdb();
      expect(engine.version).toMatch(/^2[6-9]\./);
      await applySchema(engine.client);
    },
    async stop() {
      await engine?.close();
    },
    admin: () => engine!.client,
    writer: () => engine!.client,
    // clickhouse.sh cannot reach an in-process engine: the same files, applied the same
    // way (testing/chdb.ts applySchema).
    applySchema: async () => {
      await applySchema(engine!.client);
    },
    collapsesDuplicatesWithinOneInsert: true,
  };
}

/** The ingest_batches CREATE TABLE as first shipped: without the .columns additions. */
function ingestBatchesBeforeHistogram(): string {
  const sql = fs.readFileSync(
    path.join(REPO_ROOT, 'infra/clickhouse/schema/001_plinth_events.sql'),
    'utf8',
  );
  const start = sql.indexOf(
    'CREATE TABLE IF NOT EXISTS plinth_events.ingest_batches',
  );
  const statement = sql.slice(start, sql.indexOf(';', start));
  const withoutHistogram = statement
    .split('\n')
    .filter(line => !/latency_(bounds_ms|counts)/.test(line))
    .join('\n')
    // The column before the removed ones ended with a comma.
    .replace(/insert_duration_ms UInt64,\n/, 'insert_duration_ms UInt64\n');
  expect(withoutHistogram).not.toMatch(/latency_counts/);
  return withoutHistogram;
}

const now = Date.now();

function event(
  id: string,
  partition: number,
  offset: number,
  ingestedAt = now,
): EventRow {
  return {
    event_id: id,
    type: 'deploy',
    source: 'two-engines',
    tenant: 't1',
    occurred_at_ms: now - 1000,
    ingested_at_ms: ingestedAt,
    payload: '{"it\'s":"quoted"}',
    topic: 'two-engines',
    kafka_partition: partition,
    kafka_offset: offset,
  };
}

/** A fake Kafka admin with the high watermarks partitionCoverage compares against. */
function adminWithHighWatermarks(highs: number[]): EventLogAdmin {
  return {
    requireTopics: async () => {},
    topicOffsets: async () =>
      highs.map((high, partition) => ({
        partition,
        low: '0',
        high: String(high),
      })),
    committedOffsets: async () => new Map(),
    disconnect: async () => {},
  };
}

describe.each([server1816(), chdb()])('$name', engine => {
  let prefixCount = 0;
  const tablesFor = async (name: string) =>
    new TestClickHouse('unused', 1).createTables(
      engine.writer(),
      `te_${name}_${++prefixCount}`,
    );

  beforeAll(() => engine.start());
  afterAll(() => engine.stop());

  it('has the three pipeline tables with the columns the ingester writes', async () => {
    await verifyTables(engine.writer(), engine.options, {
      events: 'events',
      batches: 'ingest_batches',
      deadLetters: 'dead_letters',
    });
    const columns = await queryRows<{
      table: string;
      name: string;
      type: string;
    }>(
      engine.admin(),
      `SELECT table, name, type FROM system.columns WHERE database = 'plinth_events' AND table IN ('events', 'ingest_batches', 'dead_letters') ORDER BY table, name`,
    );
    const byRole = {
      events: 'events',
      batches: 'ingest_batches',
      deadLetters: 'dead_letters',
    } as const;
    for (const [role, table] of Object.entries(byRole)) {
      expect(
        Object.fromEntries(
          columns.filter(c => c.table === table).map(c => [c.name, c.type]),
        ),
      ).toEqual(EXPECTED_COLUMNS[role as keyof typeof byRole]);
    }
  });

  it('applies the schema again without changes (every statement is idempotent)', async () => {
    await engine.applySchema();
    await expect(
      verifyTables(engine.writer(), engine.options, {
        events: 'events',
        batches: 'ingest_batches',
        deadLetters: 'dead_letters',
      }),
    ).resolves.toBeUndefined();
  });

  it('adds the .columns additions to an ingest_batches table from before the histogram', async () => {
    await engine
      .admin()
      .command({ query: 'DROP TABLE plinth_events.ingest_batches' });
    await engine.admin().command({ query: ingestBatchesBeforeHistogram() });
    await expect(
      verifyTables(engine.writer(), engine.options, {
        events: 'events',
        batches: 'ingest_batches',
        deadLetters: 'dead_letters',
      }),
    ).rejects.toThrow(/latency_bounds_ms Array\(UInt64\) is missing/);

    await engine.applySchema();

    await verifyTables(engine.writer(), engine.options, {
      events: 'events',
      batches: 'ingest_batches',
      deadLetters: 'dead_letters',
    });
  });

  it('copies the tables for a test (TestClickHouse.createTables)', async () => {
    const tables = await tablesFor('copy');
    await expect(
      verifyTables(engine.writer(), engine.options, tables),
    ).resolves.toBeUndefined();
  });

  it('stores events, batches and dead letters through the event store and reads them back with the test helpers', async () => {
    const tables = await tablesFor('store');
    const store = await ClickHouseEventStore.withClient(
      engine.writer(),
      engine.options,
      tables,
    );
    // Event a is delivered twice, in two inserts (a redelivery after a crash).
    await store.insertEvents([
      event('a', 0, 0),
      event('b', 0, 1),
      event('c', 1, 0),
    ]);
    await store.insertEvents([event('a', 0, 0, now + 5)]);
    const batch: IngestBatchRow = {
      batch_id: 'b1',
      ingester_id: 'i1',
      committed_at_ms: now,
      topic: 'two-engines',
      kafka_partition: 0,
      first_offset: 0,
      last_offset: 1,
      rows: 2,
      min_latency_ms: 10,
      max_latency_ms: 90,
      sum_latency_ms: 100,
      insert_duration_ms: 3,
      latency_bounds_ms: [...LATENCY_BOUNDS_MS],
      latency_counts: latencyCounts([10, 90]),
    };
    await store.insertBatches([batch]);
    const dead: DeadLetterRow = {
      dead_lettered_at_ms: now,
      reason: 'invalid-json',
      error: "Unexpected token ' in JSON",
      event_id: '',
      topic: 'two-engines',
      kafka_partition: 1,
      kafka_offset: 1,
    };
    await store.insertDeadLetters([dead]);

    // Raw rows: 4 until a background merge collapses a's copies, then 3; distinct is exact.
    const counts = await readCounts(engine.writer(), tables.events);
    expect([3, 4]).toContain(counts.raw);
    expect(counts.distinct).toBe(3);
    expect(await finalCount(engine.writer(), tables.events)).toBe(3);

    const coverage = await partitionCoverage(
      engine.writer(),
      adminWithHighWatermarks([2, 2]),
      'two-engines',
      [tables.events, tables.deadLetters],
    );
    expect(coverage).toEqual([
      { partition: 0, high: 2, distinctOffsets: 2, minOffset: 0, maxOffset: 1 },
      { partition: 1, high: 2, distinctOffsets: 2, minOffset: 0, maxOffset: 1 },
    ]);

    const [stored] = await queryRows<{ counts: Array<string | number> }>(
      engine.writer(),
      `SELECT latency_counts AS counts FROM plinth_events.${tables.batches}`,
    );
    expect(stored.counts.map(Number)).toEqual(batch.latency_counts);
    const [payload] = await queryRows<{ payload: string }>(
      engine.writer(),
      `SELECT payload FROM plinth_events.${tables.events} WHERE event_id = 'b'`,
    );
    expect(payload.payload).toBe('{"it\'s":"quoted"}');
  });

  it(`${
    engine.collapsesDuplicatesWithinOneInsert
      ? 'collapses two rows with one key inside one insert while inserting (26.x: optimize_on_insert)'
      : 'keeps two rows with one key inside one insert until a merge (18.16)'
  }`, async () => {
    const tables = await tablesFor('dupe');
    // Merges would make 18.16's count depend on timing; stop them for this table.
    await engine.admin().command({
      query: `SYSTEM STOP MERGES plinth_events.${tables.events}`,
    });
    const store = await ClickHouseEventStore.withClient(
      engine.writer(),
      engine.options,
      tables,
    );
    await store.insertEvents([event('x', 0, 0), event('x', 0, 0, now + 5)]);

    const counts = await readCounts(engine.writer(), tables.events);
    expect(counts).toEqual({
      raw: engine.collapsesDuplicatesWithinOneInsert ? 1 : 2,
      distinct: 1,
    });
    // FINAL reads the same on both engines, keeping the newest ingestion.
    expect(await finalCount(engine.writer(), tables.events)).toBe(1);
    const [row] = await queryRows<{ at: string | number }>(
      engine.writer(),
      `SELECT ingested_at_ms AS at FROM plinth_events.${tables.events} FINAL`,
    );
    expect(Number(row.at)).toBe(now + 5);
  });
});

describe('startChdb', () => {
  it('names `make chdb` when chDB is not installed', async () => {
    const prefix = path.join(REPO_ROOT, '.cache/no-chdb-here');
    await expect(startChdb({ prefix })).rejects.toThrow(
      `chDB is not installed in ${prefix}: run \`make chdb\` (infra/clickhouse/chdb.sh install) first`,
    );
  });
});
