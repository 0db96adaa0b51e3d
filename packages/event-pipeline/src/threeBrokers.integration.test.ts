import { ClickHouseClient } from '@clickhouse/client';
import { KafkajsAdmin } from './kafka/KafkajsEventLog';
import { eventually } from '@plinth/testing';
import { TestClickHouse, TestKafka } from './testing/infra';
import {
  finalCount,
  groupLag,
  partitionCoverage,
  PipelineTarget,
  readCounts,
  startIngester,
  startProducing,
} from './testing/pipeline';

// Three combined Kafka nodes (replication factor 3, min.insync.replicas 2) and ClickHouse,
// started here on their own test ports. One broker is restarted while the load generator
// and the ingester run: acknowledged events must all arrive, once each in reads.
jest.setTimeout(180_000);

const kafka = new TestKafka('it-b3-p29192', 29192, 3);
const clickhouse = new TestClickHouse('it-p28133', 28133);
let admin: KafkajsAdmin;
let ch: ClickHouseClient;

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

describe('event pipeline on a three-broker Kafka', () => {
  it('loses nothing when a broker restarts under load', async () => {
    const t: PipelineTarget = {
      brokers: kafka.brokers,
      topic: 'it3-events',
      deadLetterTopic: 'it3-events-dlq',
      clickhouseUrl: clickhouse.url,
      tables: await clickhouse.createTables(ch, 'it3'),
    };
    await admin.createTopics([
      { topic: t.topic, partitions: 6, replicationFactor: 3 },
      { topic: t.deadLetterTopic, partitions: 1, replicationFactor: 3 },
    ]);

    const ingester = await startIngester(t, 'it3-ingester');
    const loading = await startProducing(t, { rate: 3000 });
    await eventually(
      'ingestion under way',
      () => readCounts(ch, t.tables.events),
      {
        until: counts => counts.distinct >= 5_000,
        timeoutMs: 60_000,
      },
    );
    // Node 2 leads some partitions (and may coordinate the group): SIGTERM, restart, wait
    // until it is back in the cluster metadata.
    await kafka.restartBroker(2);
    // Keep the load on until events produced after the restart are being stored, so the
    // stream spans the failover (a wait for progress, not a fixed pause).
    const afterRestart = (await readCounts(ch, t.tables.events)).distinct;
    await eventually(
      'ingestion to go on after the restart',
      () => readCounts(ch, t.tables.events),
      {
        until: counts => counts.distinct >= afterRestart + 3_000,
        timeoutMs: 60_000,
      },
    );
    loading.stop();
    const report = await loading.report;
    const n = report.produced;

    await eventually(
      'every acknowledged event in ClickHouse',
      () => readCounts(ch, t.tables.events),
      { until: counts => counts.distinct >= n, timeoutMs: 90_000 },
    );
    await eventually(
      'the group to commit everything',
      () => groupLag(admin, 'it3-ingester', t.topic),
      { until: lag => lag === 0, timeoutMs: 60_000 },
    );
    await ingester.stop();

    expect((await readCounts(ch, t.tables.events)).distinct).toBe(n);
    expect(await finalCount(ch, t.tables.events)).toBe(n);
    // The idempotent producer wrote each acknowledged event exactly once to Kafka, and every
    // offset of every partition reached ClickHouse.
    const coverage = await partitionCoverage(ch, admin, t.topic, [
      t.tables.events,
    ]);
    expect(coverage.reduce((sum, p) => sum + p.high, 0)).toBe(n);
    for (const p of coverage) {
      expect(p.distinctOffsets).toBe(p.high);
      expect(p.maxOffset).toBe(p.high - 1);
    }
  });
});
