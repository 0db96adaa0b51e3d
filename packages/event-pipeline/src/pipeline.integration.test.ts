import { ClickHouseClient } from '@clickhouse/client';
import { DEAD_LETTER_HEADERS } from './ingester/Ingester';
import { KafkajsAdmin } from './kafka/KafkajsEventLog';
import { eventually } from '@plinth/testing';
import {
  queryRows,
  spawnCli,
  TestClickHouse,
  TestKafka,
} from './testing/infra';
import {
  finalCount,
  groupLag,
  ingesterArgs,
  partitionCoverage,
  PipelineTarget,
  produce,
  readCounts,
  startProducing,
  readTopic,
  startIngester,
} from './testing/pipeline';

// The pipeline against a real single-broker Kafka and a real ClickHouse, both started here
// through infra/kafka/kafka.sh and infra/clickhouse/clickhouse.sh on test ports. Each test
// has its own topics, consumer group and tables. Assertions are about correctness (counts,
// offsets, dead letters), never about speed.
jest.setTimeout(120_000);

const kafka = new TestKafka('it-b1-p29092', 29092, 1);
const clickhouse = new TestClickHouse('it-p28123', 28123);
let admin: KafkajsAdmin;
let ch: ClickHouseClient;

async function target(name: string, partitions = 6): Promise<PipelineTarget> {
  const topic = `it-${name}`;
  const deadLetterTopic = `it-${name}-dlq`;
  await admin.createTopics([
    { topic, partitions, replicationFactor: 1 },
    { topic: deadLetterTopic, partitions: 1, replicationFactor: 1 },
  ]);
  const tables = await clickhouse.createTables(
    ch,
    `it_${name.replace(/-/g, '_')}`,
  );
  return {
    brokers: kafka.brokers,
    topic,
    deadLetterTopic,
    clickhouseUrl: clickhouse.url,
    tables,
  };
}

async function expectComplete(t: PipelineTarget, expected: number) {
  const coverage = await partitionCoverage(ch, admin, t.topic, [
    t.tables.events,
  ]);
  expect(coverage.reduce((sum, p) => sum + p.high, 0)).toBe(expected);
  for (const p of coverage) {
    expect(p).toEqual({
      partition: p.partition,
      high: p.high,
      distinctOffsets: p.high,
      minOffset: p.high > 0 ? 0 : -1,
      maxOffset: p.high - 1,
    });
  }
}

/** Waits until `table` holds at least `n` distinct events. */
const ingested = (what: string, table: string, n: number, timeoutMs = 60_000) =>
  eventually(what, () => readCounts(ch, table), {
    until: counts => counts.distinct >= n,
    timeoutMs,
  });

/** Waits until the group has committed up to the high watermark of every partition. */
const lagDrained = (what: string, group: string, topic: string) =>
  eventually(what, () => groupLag(admin, group, topic), {
    until: lag => lag === 0,
    timeoutMs: 60_000,
  });

beforeAll(async () => {
  await Promise.all([kafka.up(), clickhouse.up()]);
  admin = await kafka.admin();
  ch = clickhouse.client();
}, 300_000);

afterAll(async () => {
  await admin?.disconnect();
  await ch?.close();
  await Promise.all([kafka.down(), clickhouse.down()]);
}, 120_000);

describe('event pipeline on real Kafka and ClickHouse', () => {
  it('stores N produced events as exactly N distinct ids, with contiguous offsets per partition', async () => {
    const t = await target('complete');
    const n = 30_000;
    const report = await produce(t, { rate: 'max', count: n });
    expect(report.produced).toBe(n);

    const ingester = await startIngester(t, 'it-complete');
    await ingested('all events in ClickHouse', t.tables.events, n);
    await ingester.stop();

    expect(await readCounts(ch, t.tables.events)).toEqual({
      raw: n,
      distinct: n,
    });
    expect(await finalCount(ch, t.tables.events)).toBe(n);
    await expectComplete(t, n);
    expect(await groupLag(admin, 'it-complete', t.topic)).toBe(0);

    const [batches] = await queryRows<{ rows: string }>(
      ch,
      `SELECT sum(rows) AS rows FROM plinth_events.${t.tables.batches}`,
    );
    expect(Number(batches.rows)).toBe(n);
  });

  it('counts a redelivered event once in reads', async () => {
    const t = await target('redelivery');
    const n = 5_000;
    await produce(t, { rate: 'max', count: n });
    // Two groups deliver every event twice into the same table: the worst case of
    // at-least-once delivery.
    const deliverAll = async (group: string) => {
      const ingester = await startIngester(t, group);
      await lagDrained('a full delivery', group, t.topic);
      await ingester.stop();
    };
    await deliverAll('it-redelivery-1');
    await deliverAll('it-redelivery-2');
    const counts = await readCounts(ch, t.tables.events);
    expect(counts).toEqual({ raw: 2 * n, distinct: n });
    expect(await finalCount(ch, t.tables.events)).toBe(n);
  });

  it('loses nothing when the ingester is killed with SIGKILL mid-stream and restarted', async () => {
    const t = await target('sigkill');
    const n = 40_000;
    const env = { PLINTH_TEST: '1' };
    const args = ingesterArgs(t, 'it-sigkill', ['--stats-interval', '1s']);
    let ingester = spawnCli('ingester', args, env);
    await ingester.waitFor('ingester started');

    const loading = produce(t, { rate: 5000, count: n });
    await ingested('the ingester to be mid-stream', t.tables.events, 5_000);
    ingester.child.kill('SIGKILL');
    expect(await ingester.exited).toBe('SIGKILL');
    const atKill = await readCounts(ch, t.tables.events);
    expect(atKill.distinct).toBeLessThan(n);

    ingester = spawnCli('ingester', args, env);
    await ingester.waitFor('ingester started');
    expect((await loading).produced).toBe(n);
    await ingested('all events after the restart', t.tables.events, n);

    // A graceful stop commits what was inserted and exits 0.
    ingester.child.kill('SIGTERM');
    expect(await ingester.exited).toBe(0);
    expect(await groupLag(admin, 'it-sigkill', t.topic)).toBe(0);

    const counts = await readCounts(ch, t.tables.events);
    expect(counts.distinct).toBe(n);
    expect(counts.raw).toBeGreaterThanOrEqual(n); // re-inserted rows, if any, are duplicates
    expect(await finalCount(ch, t.tables.events)).toBe(n);
    await expectComplete(t, n);
  });

  it('retries while ClickHouse is down, lets lag grow, then drains it without loss', async () => {
    const t = await target('ch-outage');
    const ingester = await startIngester(t, 'it-ch-outage');
    // Produces until stopped, so the stream spans the whole outage however slow the machine.
    const loading = await startProducing(t, { rate: 2000 });
    await ingested('ingestion under way', t.tables.events, 3_000);

    await clickhouse.stop();
    let lagAtStop: number;
    let duringOutage: { lag: number; retries: number };
    try {
      lagAtStop = await groupLag(admin, 'it-ch-outage', t.topic);
      // Nothing can be committed while ClickHouse is down: the lag grows with the load
      // and the ingester retries. Waits for both, however slow the machine.
      duringOutage = await eventually(
        'the lag to grow and the ingester to retry while ClickHouse is down',
        async () => ({
          lag: await groupLag(admin, 'it-ch-outage', t.topic),
          retries: ingester.stats().retries,
        }),
        {
          until: ({ lag, retries }) => lag > lagAtStop + 1_000 && retries > 0,
          timeoutMs: 60_000,
          intervalMs: 500,
        },
      );
    } finally {
      await clickhouse.up({ wipe: false });
      await ch.close(); // its keep-alive sockets died with the server
      ch = clickhouse.client();
    }
    expect(duringOutage.lag).toBeGreaterThan(lagAtStop + 1_000);
    expect(duringOutage.retries).toBeGreaterThan(0);

    // Keep the load on until the ingester stores events again, so the stream spans the
    // recovery (a wait for progress, not a fixed pause).
    const atRecovery = (await readCounts(ch, t.tables.events)).distinct;
    await ingested(
      'ingestion to resume after the outage',
      t.tables.events,
      atRecovery + 2_000,
    );
    loading.stop();
    const n = (await loading.report).produced;
    await lagDrained('the lag to drain', 'it-ch-outage', t.topic);
    await ingester.stop();

    expect((await readCounts(ch, t.tables.events)).distinct).toBe(n);
    expect(await finalCount(ch, t.tables.events)).toBe(n);
    await expectComplete(t, n);
  });

  it('sends poison messages to the dead-letter topic with partition and offset, and keeps the rest flowing', async () => {
    const t = await target('poison', 3);
    const n = 6_000;
    const report = await produce(t, {
      rate: 'max',
      count: n,
      invalidEvery: 10,
    });
    expect(report.invalid).toBe(600);
    const valid = n - report.invalid;

    const ingester = await startIngester(t, 'it-poison');
    await ingested('valid events in ClickHouse', t.tables.events, valid);
    await eventually(
      'dead letters recorded',
      async () => {
        const [row] = await queryRows<{ n: string }>(
          ch,
          `SELECT count() AS n FROM plinth_events.${t.tables.deadLetters}`,
        );
        return Number(row.n);
      },
      { until: recorded => recorded >= report.invalid, timeoutMs: 60_000 },
    );
    expect(ingester.stats().deadLettered).toBe(report.invalid);
    await ingester.stop();

    // The dead-letter topic holds the original bytes, with where they came from.
    const letters = await readTopic(
      t.brokers,
      t.deadLetterTopic,
      report.invalid,
    );
    const fromHeaders = letters
      .map(
        l =>
          `${l.headers[DEAD_LETTER_HEADERS.sourcePartition]}/${
            l.headers[DEAD_LETTER_HEADERS.sourceOffset]
          }`,
      )
      .sort();
    const recorded = await queryRows<{ p: number; o: string; reason: string }>(
      ch,
      `SELECT kafka_partition AS p, kafka_offset AS o, reason FROM plinth_events.${t.tables.deadLetters}`,
    );
    expect(fromHeaders).toEqual(recorded.map(r => `${r.p}/${r.o}`).sort());
    expect(new Set(recorded.map(r => r.reason))).toEqual(
      new Set(['not-json', 'invalid-event']),
    );
    expect(
      letters.every(
        l => l.headers[DEAD_LETTER_HEADERS.sourceTopic] === t.topic,
      ),
    ).toBe(true);
    expect(letters.some(l => l.value.startsWith('not json #'))).toBe(true);

    // Every offset of the topic is accounted for: an event row or a dead letter, never both.
    const coverage = await partitionCoverage(ch, admin, t.topic, [
      t.tables.events,
      t.tables.deadLetters,
    ]);
    for (const p of coverage) {
      expect(p.distinctOffsets).toBe(p.high);
      expect(p.maxOffset).toBe(p.high - 1);
    }
    expect((await readCounts(ch, t.tables.events)).distinct).toBe(valid);
  });

  it('fails fast with a clear message and a non-zero exit on bad configuration', async () => {
    const t = await target('config');
    const base = ingesterArgs(t, 'it-config');
    const cases: Array<{
      cli: 'ingester' | 'loadgen';
      args: string[];
      env?: Record<string, string>;
      code: number;
      message: RegExp;
    }> = [
      {
        cli: 'ingester',
        args: [...base, '--brokers', '127.0.0.1:1'],
        code: 3,
        message: /ingester: error: cannot reach Kafka at 127\.0\.0\.1:1/,
      },
      {
        cli: 'ingester',
        args: base,
        env: { CLICKHOUSE_WRITER_PASSWORD: 'wrong-password' },
        code: 3,
        message:
          /ingester: error: ClickHouse at http:\/\/127\.0\.0\.1:28123 rejected user "plinth_writer"/,
      },
      {
        cli: 'ingester',
        args: [...base, '--events-table', 'no_such_table'],
        code: 3,
        message: /table plinth_events\.no_such_table does not exist/,
      },
      {
        cli: 'ingester',
        args: [...base, '--clickhouse-url', 'http://127.0.0.1:1'],
        code: 3,
        message: /cannot reach ClickHouse at http:\/\/127\.0\.0\.1:1/,
      },
      {
        cli: 'ingester',
        args: [...base, '--topic', 'no-such-topic'],
        code: 3,
        message: /topic no-such-topic not found/,
      },
      {
        cli: 'ingester',
        args: [...base, '--max-batch-wait', '20'],
        code: 2,
        message: /--max-batch-wait: must be a duration with a unit/,
      },
      {
        cli: 'loadgen',
        args: ['--brokers', '127.0.0.1:1', '--count', '1'],
        code: 3,
        message: /loadgen: error: cannot reach Kafka/,
      },
      {
        cli: 'loadgen',
        args: ['--rate', 'fast'],
        code: 2,
        message: /loadgen: error: --rate: must be events per second/,
      },
    ];
    // Two at a time: each is a Node process, and this machine has two cores.
    for (let i = 0; i < cases.length; i += 2) {
      await Promise.all(
        cases.slice(i, i + 2).map(async c => {
          const proc = spawnCli(c.cli, c.args, c.env ?? {});
          const code = await proc.exited;
          expect({
            args: c.args.slice(-2),
            code,
            output: proc.output(),
          }).toEqual({
            args: c.args.slice(-2),
            code: c.code,
            output: expect.stringMatching(c.message),
          });
        }),
      );
    }
  });
});
