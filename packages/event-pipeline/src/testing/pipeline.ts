import { ClickHouseClient } from '@clickhouse/client';
import { Kafka } from 'kafkajs';
import { sqlString } from '../clickhouse/sql';
import { parseIngesterConfig } from '../config/IngesterConfig';
import { parseLoadgenConfig } from '../config/LoadgenConfig';
import { connectIngester } from '../ingester/connectIngester';
import { Ingester } from '../ingester/Ingester';
import { EventLogAdmin } from '../kafka/EventLog';
import { createKafka } from '../kafka/KafkajsEventLog';
import { connectLoadGenerator } from '../loadgen/connectLoadGenerator';
import { LoadReport } from '../loadgen/LoadGenerator';
import { JsonLogger, Logger, silentLogger } from '../logging/Logger';
import { queryRows } from './infra';

/** PIPELINE_TEST_LOGS=1 shows the pipeline's own logs while a test runs. */
export function testLogger(): Logger {
  return process.env.PIPELINE_TEST_LOGS
    ? new JsonLogger({ level: 'info' })
    : silentLogger;
}

export interface PipelineTarget {
  brokers: string[];
  topic: string;
  deadLetterTopic: string;
  clickhouseUrl: string;
  tables: { events: string; batches: string; deadLetters: string };
}

/** Ingester flags for a target, as a user would pass them. */
export function ingesterArgs(
  target: PipelineTarget,
  group: string,
  extra: string[] = [],
) {
  return [
    '--brokers',
    target.brokers.join(','),
    '--topic',
    target.topic,
    '--dlq-topic',
    target.deadLetterTopic,
    '--group',
    group,
    '--clickhouse-url',
    target.clickhouseUrl,
    '--events-table',
    target.tables.events,
    '--batches-table',
    target.tables.batches,
    '--dead-letters-table',
    target.tables.deadLetters,
    '--session-timeout',
    '6s',
    '--retry-max',
    '1s',
    ...extra,
  ];
}

/** An in-process ingester on the real Kafka and ClickHouse. */
export async function startIngester(
  target: PipelineTarget,
  group: string,
  extra: string[] = [],
): Promise<Ingester> {
  const config = parseIngesterConfig(
    ingesterArgs(target, group, ['--stats-interval', '0s', ...extra]),
    {},
  )!;
  const { ingester } = await connectIngester(config, testLogger());
  await ingester.start();
  return ingester;
}

export interface ProduceOptions {
  rate: number | 'max';
  count?: number;
  durationMs?: number;
  invalidEvery?: number;
  source?: string;
}

/** Runs the load generator in-process until its rate/count/duration is done. */
export async function produce(
  target: Pick<PipelineTarget, 'brokers' | 'topic'>,
  options: ProduceOptions,
): Promise<LoadReport> {
  const running = await startProducing(target, options);
  return running.report;
}

/** Starts the load generator in-process; runs until its bound or until stop(). */
export async function startProducing(
  target: Pick<PipelineTarget, 'brokers' | 'topic'>,
  options: ProduceOptions,
): Promise<{ stop(): void; report: Promise<LoadReport> }> {
  const config = parseLoadgenConfig(
    [
      '--brokers',
      target.brokers.join(','),
      '--topic',
      target.topic,
      '--rate',
      String(options.rate),
      '--report-interval',
      '0s',
      '--source',
      options.source ?? 'integration-test',
      '--invalid-every',
      String(options.invalidEvery ?? 0),
      ...(options.count !== undefined
        ? ['--count', String(options.count)]
        : []),
      ...(options.durationMs !== undefined
        ? ['--duration', `${options.durationMs}ms`]
        : []),
    ],
    {},
  )!;
  const { generator, close } = await connectLoadGenerator(config, testLogger());
  const report = generator.run().finally(close);
  return { stop: () => generator.stop(), report };
}

export interface ReadCounts {
  /** Rows stored, duplicates included. */
  raw: number;
  /** Distinct event ids. */
  distinct: number;
}

export async function readCounts(
  client: ClickHouseClient,
  table: string,
): Promise<ReadCounts> {
  const [row] = await queryRows<{ raw: string; distinct: string }>(
    client,
    `SELECT count() AS raw, uniqExact(event_id) AS distinct FROM plinth_events.${table}`,
  );
  return { raw: Number(row.raw), distinct: Number(row.distinct) };
}

/** What a reader sees after de-duplication (FINAL collapses redelivered rows). */
export async function finalCount(
  client: ClickHouseClient,
  table: string,
): Promise<number> {
  const [row] = await queryRows<{ n: string }>(
    client,
    `SELECT count() AS n FROM plinth_events.${table} FINAL`,
  );
  return Number(row.n);
}

export interface PartitionCoverage {
  partition: number;
  /** Next offset to be written in Kafka. */
  high: number;
  /** Distinct offsets found in ClickHouse (events plus dead letters if given). */
  distinctOffsets: number;
  minOffset: number;
  maxOffset: number;
}

/**
 * For every partition of the topic: which offsets reached ClickHouse. Complete means
 * distinct offsets == high watermark, min 0, max high-1 (the topic starts empty).
 */
export async function partitionCoverage(
  client: ClickHouseClient,
  admin: EventLogAdmin,
  topic: string,
  tables: string[],
): Promise<PartitionCoverage[]> {
  const union = tables
    .map(
      t =>
        `SELECT kafka_partition, kafka_offset FROM plinth_events.${t} WHERE topic = ${sqlString(
          topic,
        )}`,
    )
    .join(' UNION ALL ');
  const rows = await queryRows<{
    p: number;
    n: string;
    lo: string;
    hi: string;
  }>(
    client,
    `SELECT kafka_partition AS p, uniqExact(kafka_offset) AS n, min(kafka_offset) AS lo, max(kafka_offset) AS hi
     FROM (${union}) GROUP BY p ORDER BY p`,
  );
  const offsets = await admin.topicOffsets(topic);
  return offsets.map(o => {
    const row = rows.find(r => Number(r.p) === o.partition);
    return {
      partition: o.partition,
      high: Number(o.high),
      distinctOffsets: row ? Number(row.n) : 0,
      minOffset: row ? Number(row.lo) : -1,
      maxOffset: row ? Number(row.hi) : -1,
    };
  });
}

/** Records the group has not committed yet, summed over partitions. */
export async function groupLag(
  admin: EventLogAdmin,
  group: string,
  topic: string,
): Promise<number> {
  const [high, committed] = await Promise.all([
    admin.topicOffsets(topic),
    admin.committedOffsets(group, topic),
  ]);
  return high.reduce((sum, p) => {
    const c = Number(committed.get(p.partition) ?? '-1');
    return sum + Number(p.high) - Math.max(c, 0);
  }, 0);
}

export interface ConsumedRecord {
  partition: number;
  offset: string;
  value: string;
  headers: Record<string, string>;
}

/** Reads `count` records of a topic from the beginning (dead-letter checks). */
export async function readTopic(
  brokers: string[],
  topic: string,
  count: number,
  timeoutMs = 30_000,
): Promise<ConsumedRecord[]> {
  const kafka: Kafka = createKafka({
    brokers,
    clientId: 'test-reader',
    logger: silentLogger,
  });
  const consumer = kafka.consumer({
    groupId: `test-reader-${topic}-${Date.now()}`,
  });
  const records: ConsumedRecord[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `read ${records.length} of ${count} records from ${topic}`,
            ),
          ),
        timeoutMs,
      );
      consumer
        .run({
          eachMessage: async ({ partition, message }) => {
            records.push({
              partition,
              offset: message.offset,
              value: message.value?.toString() ?? '',
              headers: Object.fromEntries(
                Object.entries(message.headers ?? {}).map(([k, v]) => [
                  k,
                  String(v),
                ]),
              ),
            });
            if (records.length >= count) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return records;
}
