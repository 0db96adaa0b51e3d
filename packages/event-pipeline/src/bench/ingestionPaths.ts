import { ClickHouseClient } from '@clickhouse/client';
import path from 'node:path';
import { sqlString } from '../clickhouse/sql';
import {
  CliProcess,
  PACKAGE_ROOT,
  spawnCli,
  spawnScript,
} from '../testing/infra';
import { peakRssMiB } from './processStats';

/** One way of getting events from a Kafka topic into a ClickHouse table. */
export interface IngestionPath {
  readonly name: 'ingester' | 'kafka-engine' | 'naive';
  readonly eventsTable: string;
  /** How the latency figures of this path are measured. */
  readonly latencyBasis: string;
  /** Starts consuming `topic` (from its beginning) into eventsTable. */
  start(topic: string, options?: { cpuProfileDir?: string }): Promise<void>;
  /** Stops; returns the peak RSS of the path's own process, if it has one. */
  stop(): Promise<{ peakRssMiB?: number }>;
  /** pid of the path's own process (for CPU accounting), if any. */
  pid(): number | undefined;
}

export interface BenchTarget {
  brokers: string[];
  clickhouseUrl: string;
  deadLetterTopic: string;
}

/** A path that is a process of its own: stopped with SIGTERM, measured by its pid. */
abstract class ProcessPath {
  protected proc?: CliProcess;
  protected runs = 0;

  async stop(): Promise<{ peakRssMiB?: number }> {
    const proc = this.proc!;
    this.proc = undefined;
    const rss = proc.child.pid ? peakRssMiB(proc.child.pid) : undefined;
    proc.child.kill('SIGTERM');
    const timer = setTimeout(() => proc.child.kill('SIGKILL'), 60_000);
    await proc.exited;
    clearTimeout(timer);
    return { peakRssMiB: rss };
  }

  pid() {
    return this.proc?.child.pid;
  }
}

/** The pipeline's ingester CLI, one process, default settings. */
export class IngesterPath extends ProcessPath implements IngestionPath {
  readonly name = 'ingester' as const;
  readonly eventsTable = 'bench_ingester_events';
  readonly batchesTable = 'bench_ingester_batches';
  readonly latencyBasis =
    'occurred-at -> insert acknowledged (exact, per event)';

  constructor(private readonly target: BenchTarget) {
    super();
  }

  async start(topic: string, options: { cpuProfileDir?: string } = {}) {
    this.runs += 1;
    const args = [
      '--brokers',
      this.target.brokers.join(','),
      '--topic',
      topic,
      '--dlq-topic',
      this.target.deadLetterTopic,
      '--group',
      `bench-ingester-${topic}-${this.runs}`,
      '--clickhouse-url',
      this.target.clickhouseUrl,
      '--events-table',
      this.eventsTable,
      '--batches-table',
      this.batchesTable,
      '--dead-letters-table',
      'bench_ingester_dead_letters',
      '--stats-interval',
      '0s',
    ];
    const nodeArgs = options.cpuProfileDir
      ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir]
      : [];
    this.proc = spawnCli('ingester', args, {}, nodeArgs);
    await this.proc.waitFor('ingester started');
  }
}

/** The naive consumer (one insert per message), see naiveConsumer.ts. */
export class NaivePath extends ProcessPath implements IngestionPath {
  readonly name = 'naive' as const;
  readonly eventsTable = 'bench_naive_events';
  readonly latencyBasis =
    'occurred-at -> insert sent (its insert takes a few ms more)';

  constructor(private readonly target: BenchTarget) {
    super();
  }

  async start(topic: string) {
    this.runs += 1;
    this.proc = spawnScript(
      path.join(PACKAGE_ROOT, 'src/bench/naiveConsumer.ts'),
      [
        this.target.brokers.join(','),
        topic,
        `bench-naive-${topic}-${this.runs}`,
        this.target.clickhouseUrl,
        this.eventsTable,
      ],
      {},
    );
    await this.proc.waitFor('naive consumer started');
  }
}

/**
 * ClickHouse's own Kafka table engine with a materialized view into the same table layout,
 * with default settings (one consumer; blocks flushed every stream_flush_interval_ms =
 * 7.5 s or when kafka_max_block_size rows are read). 18.16 has no _partition/_offset
 * virtual columns and no sub-second now(): partition/offset are stored as 0 and the insert
 * time has one-second resolution (centred with +500 ms).
 */
export class KafkaEnginePath implements IngestionPath {
  readonly name = 'kafka-engine' as const;
  readonly eventsTable = 'bench_kafka_engine_events';
  readonly latencyBasis =
    'occurred-at -> materialized view insert (now(): 1 s resolution, centred)';
  private runs = 0;
  private current?: { queue: string; view: string };

  constructor(
    private readonly target: BenchTarget,
    private readonly client: () => ClickHouseClient,
  ) {}

  async start(topic: string) {
    this.runs += 1;
    const queue = `bench_kafka_queue_${this.runs}`;
    const view = `bench_kafka_view_${this.runs}`;
    const ch = this.client();
    try {
      await ch.command({
        query: `CREATE TABLE plinth_events.${queue} (id String, type String, source String, tenant String, occurredAtMs UInt64, payload String)
          ENGINE = Kafka SETTINGS kafka_broker_list = ${sqlString(
            this.target.brokers.join(','),
          )},
            kafka_topic_list = ${sqlString(
              topic,
            )}, kafka_group_name = ${sqlString(
          `bench-kafka-engine-${topic}-${this.runs}`,
        )},
            kafka_format = 'JSONEachRow', kafka_num_consumers = 1`,
      });
      await ch.command({
        query: `CREATE MATERIALIZED VIEW plinth_events.${view} TO plinth_events.${
          this.eventsTable
        } AS
          SELECT id AS event_id, type, source, tenant, occurredAtMs AS occurred_at_ms,
                 toUInt64(now()) * 1000 + 500 AS ingested_at_ms, payload,
                 ${sqlString(
                   topic,
                 )} AS topic, toUInt32(0) AS kafka_partition, toUInt64(0) AS kafka_offset
          FROM plinth_events.${queue}`,
      });
    } finally {
      await ch.close();
    }
    this.current = { queue, view };
  }

  async stop() {
    const { queue, view } = this.current!;
    this.current = undefined;
    const ch = this.client();
    try {
      await ch.command({ query: `DROP TABLE plinth_events.${view}` });
      await ch.command({ query: `DROP TABLE plinth_events.${queue}` });
    } finally {
      await ch.close();
    }
    return {};
  }

  pid() {
    return undefined;
  }
}
