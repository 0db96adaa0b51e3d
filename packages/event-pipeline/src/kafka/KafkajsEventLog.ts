import {
  Admin,
  Consumer,
  Kafka,
  KafkaConfig,
  logLevel as KafkajsLogLevel,
  LogEntry,
  Message,
  Partitioners,
  Producer,
} from 'kafkajs';
import {
  KafkaUnreachableError,
  PipelineError,
  TopicMissingError,
} from '../errors';
import { Logger } from '../logging/Logger';
import {
  BatchHandler,
  EventConsumer,
  EventLogAdmin,
  EventPublisher,
  OutgoingRecord,
  PartitionOffsets,
} from './EventLog';

export interface KafkaClientOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
  /** Per-connection timeout; short so a wrong address fails fast. */
  connectionTimeoutMs?: number;
  /** Retries of the client's own requests (metadata, connect). */
  retries?: number;
}

/**
 * kafkajs logs a lot, including at error level for every reconnect it then handles itself.
 * Route everything it says to our logger at warn (or lower), tagged with its namespace.
 */
function logCreator(logger: Logger) {
  return () => (entry: LogEntry) => {
    const { message, ...fields } = entry.log;
    // We bound the producer's retries on purpose (a send that fails is retried by our own
    // loop, which heartbeats and can give up on stop); duplicates that could cause are
    // absorbed by the ReplacingMergeTree, so this warning is noise.
    if (message.startsWith('Limiting retries for the idempotent producer')) {
      return;
    }
    const line = {
      component: 'kafkajs',
      namespace: entry.namespace,
      ...fields,
    };
    if (entry.level <= KafkajsLogLevel.WARN) {
      logger.warn(`kafkajs: ${message}`, line);
    } else {
      logger.debug(`kafkajs: ${message}`, line);
    }
  };
}

export function createKafka(options: KafkaClientOptions): Kafka {
  const config: KafkaConfig = {
    clientId: options.clientId,
    brokers: options.brokers,
    connectionTimeout: options.connectionTimeoutMs ?? 3000,
    requestTimeout: 30000,
    retry: {
      retries: options.retries ?? 8,
      initialRetryTime: 200,
      maxRetryTime: 5000,
    },
    logLevel: KafkajsLogLevel.WARN,
    logCreator: logCreator(options.logger),
  };
  return new Kafka(config);
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { originalError?: unknown }).originalError;
    return cause instanceof Error && cause.message !== error.message
      ? `${error.message} (${cause.message})`
      : error.message;
  }
  return String(error);
}

/** Turns kafkajs' connection failures into one clear, typed error. */
export function unreachable(brokers: string[], error: unknown): PipelineError {
  if (error instanceof PipelineError) {
    return error;
  }
  return new KafkaUnreachableError(
    `cannot reach Kafka at ${brokers.join(',')}: ${describe(error)}`,
    'is Kafka running and are the bootstrap servers right? (infra/kafka/kafka.sh up; --brokers / KAFKA_BOOTSTRAP_SERVERS)',
    { cause: error },
  );
}

/**
 * Idempotent producer: the broker de-duplicates retried batches by producer id and sequence
 * number, so a retry after a lost acknowledgement cannot write an event twice; acks from all
 * in-sync replicas (-1). kafkajs requires one in-flight request per broker for this.
 *
 * Each send() call to kafkajs covers exactly one partition. kafkajs 2.2.4 keeps the
 * responses of a multi-broker send across its retries: when one broker answers "not the
 * leader" and the partition moves to a broker that already answered, the moved records are
 * never re-sent and send() still resolves (tulios/kafkajs#1303, fix proposed in #1798), and
 * the sequence numbers it rolls back can desynchronize ("out of order sequence number").
 * Found by the three-broker restart test; one partition per request avoids both.
 *
 * One idempotent producer sends one request per broker at a time, so per-partition requests
 * would queue behind each other (six partitions on one broker: six round trips for the last).
 * Partitions are therefore spread over a few producers ("lanes"); a partition always uses the
 * same lane, which keeps its records in order.
 */
export class KafkajsPublisher implements EventPublisher {
  private readonly partitioner = Partitioners.DefaultPartitioner();
  private readonly partitionCounts = new Map<
    string,
    { count: number; at: number }
  >();
  private admin?: Admin;

  private constructor(
    private readonly kafka: Kafka,
    private readonly lanes: Producer[],
    private readonly brokers: string[],
  ) {}

  static async connect(
    kafka: Kafka,
    brokers: string[],
    options: { lanes?: number } = {},
  ): Promise<KafkajsPublisher> {
    const lanes = Array.from({ length: Math.max(1, options.lanes ?? 4) }, () =>
      kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      }),
    );
    try {
      await Promise.all(lanes.map(p => p.connect()));
    } catch (e) {
      await Promise.all(lanes.map(p => p.disconnect().catch(() => undefined)));
      throw unreachable(brokers, e);
    }
    return new KafkajsPublisher(kafka, lanes, brokers);
  }

  async send(topic: string, records: OutgoingRecord[]): Promise<void> {
    if (records.length === 0) {
      return;
    }
    const partitionMetadata = Array.from(
      { length: await this.partitionCount(topic) },
      (_, i) => ({
        partitionId: i,
        leader: 0,
        partitionErrorCode: 0,
        replicas: [],
        isr: [],
      }),
    );
    const byPartition = new Map<number, Message[]>();
    for (const r of records) {
      const message: Message = {
        key: r.key,
        value: r.value,
        headers: r.headers,
      };
      // The same murmur2 hash as Java clients: a key always lands on the same partition.
      const partition = this.partitioner({ topic, partitionMetadata, message });
      message.partition = partition;
      const list = byPartition.get(partition);
      if (list) {
        list.push(message);
      } else {
        byPartition.set(partition, [message]);
      }
    }
    // allSettled: a retry must not overlap a send still in flight for the same partition
    // (the idempotent producer's sequence numbers would go out of order).
    const results = await Promise.allSettled(
      [...byPartition.entries()].map(([partition, messages]) =>
        this.lanes[partition % this.lanes.length].send({
          topic,
          acks: -1,
          messages,
        }),
      ),
    );
    const failed = results.find(
      (r): r is PromiseRejectedResult => r.status === 'rejected',
    );
    if (failed) {
      throw failed.reason;
    }
  }

  async disconnect(): Promise<void> {
    await this.admin?.disconnect().catch(() => undefined);
    await Promise.all(this.lanes.map(p => p.disconnect()));
  }

  /** Partition count per topic, refreshed every minute (partitions can be added). */
  private async partitionCount(topic: string): Promise<number> {
    const cached = this.partitionCounts.get(topic);
    if (cached && Date.now() - cached.at < 60_000) {
      return cached.count;
    }
    if (!this.admin) {
      this.admin = this.kafka.admin();
      await this.admin.connect();
    }
    const metadata = await this.admin.fetchTopicMetadata({ topics: [topic] });
    const count = metadata.topics[0]?.partitions.length ?? 0;
    if (count === 0) {
      throw new TopicMissingError(
        `topic ${topic} has no partitions on Kafka at ${this.brokers.join(
          ',',
        )}`,
      );
    }
    this.partitionCounts.set(topic, { count, at: Date.now() });
    return count;
  }
}

export interface ConsumerOptions {
  groupId: string;
  topic: string;
  /** Where a group without committed offsets starts. */
  fromBeginning: boolean;
  /**
   * How many partition batches kafkajs hands to the handler at once. The ingester joins
   * the batches of one fetch into one ClickHouse insert, so this should be at least the
   * number of partitions one consumer may own.
   */
  partitionsConsumedConcurrently: number;
  maxBytesPerPartition?: number;
  maxWaitTimeMs?: number;
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
}

export class KafkajsConsumer implements EventConsumer {
  private readonly consumer: Consumer;
  private readonly fatalListeners: Array<(error: Error) => void> = [];

  constructor(
    kafka: Kafka,
    private readonly brokers: string[],
    private readonly options: ConsumerOptions,
  ) {
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: options.sessionTimeoutMs ?? 30000,
      rebalanceTimeout: 60000,
      heartbeatInterval: options.heartbeatIntervalMs ?? 3000,
      maxBytesPerPartition: options.maxBytesPerPartition ?? 1048576,
      maxBytes: 10 * 1048576,
      minBytes: 1,
      // The broker answers as soon as data is there; this only bounds an idle poll.
      maxWaitTimeInMs: options.maxWaitTimeMs ?? 500,
      retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 10000 },
    });
    this.consumer.on(this.consumer.events.CRASH, event => {
      const { error, restart } = event.payload as {
        error: Error;
        restart: boolean;
      };
      if (!restart) {
        this.fatalListeners.forEach(l => l(error));
      }
    });
  }

  onFatalError(listener: (error: Error) => void) {
    this.fatalListeners.push(listener);
  }

  async start(handler: BatchHandler): Promise<void> {
    try {
      await this.consumer.connect();
      await this.consumer.subscribe({
        topics: [this.options.topic],
        fromBeginning: this.options.fromBeginning,
      });
    } catch (e) {
      throw unreachable(this.brokers, e);
    }
    await this.consumer.run({
      // The ingester resolves each batch itself, after ClickHouse acknowledged it.
      eachBatchAutoResolve: false,
      // Commits only what was resolved; threshold 1 makes commitOffsetsIfNecessary()
      // commit at once instead of waiting for an interval.
      autoCommit: true,
      autoCommitThreshold: 1,
      partitionsConsumedConcurrently:
        this.options.partitionsConsumedConcurrently,
      eachBatch: async ({
        batch,
        resolveOffset,
        commitOffsetsIfNecessary,
        heartbeat,
        isRunning,
        isStale,
      }) =>
        handler(
          {
            topic: batch.topic,
            partition: batch.partition,
            highWatermark: batch.highWatermark,
            records: batch.messages.map(m => ({
              key: m.key,
              value: m.value,
              offset: m.offset,
            })),
          },
          {
            resolveOffset,
            commitOffsetsIfNecessary: () => commitOffsetsIfNecessary(),
            heartbeat,
            isRunning,
            isStale,
          },
        ),
    });
  }

  async stop(): Promise<void> {
    await this.consumer.stop();
    await this.consumer.disconnect();
  }
}

/** How long a missing topic is looked for again before it counts as missing. */
const TOPIC_METADATA_GRACE_MS = 3_000;

export class KafkajsAdmin implements EventLogAdmin {
  private constructor(
    private readonly admin: Admin,
    private readonly brokers: string[],
  ) {}

  static async connect(kafka: Kafka, brokers: string[]): Promise<KafkajsAdmin> {
    const admin = kafka.admin();
    try {
      await admin.connect();
      // connect() succeeds lazily; a metadata request proves a broker answers.
      await admin.describeCluster();
    } catch (e) {
      await admin.disconnect().catch(() => undefined);
      throw unreachable(brokers, e);
    }
    return new KafkajsAdmin(admin, brokers);
  }

  async requireTopics(topics: string[]): Promise<void> {
    // Each broker answers metadata from its own cache, which learns of a new topic a moment
    // after it was created: on a multi-broker cluster a topic created just before the
    // ingester starts can be missing from one broker's answer. Ask again before giving up.
    const deadline = Date.now() + TOPIC_METADATA_GRACE_MS;
    let missing: string[];
    for (;;) {
      let existing: string[];
      try {
        existing = await this.admin.listTopics();
      } catch (e) {
        throw unreachable(this.brokers, e);
      }
      missing = topics.filter(t => !existing.includes(t));
      if (missing.length === 0 || Date.now() >= deadline) break;
      await new Promise(resolve => setTimeout(resolve, 250));
    }
    if (missing.length > 0) {
      throw new TopicMissingError(
        `topic${missing.length > 1 ? 's' : ''} ${missing.join(
          ', ',
        )} not found on Kafka at ${this.brokers.join(',')}`,
        'topics are not auto-created: create them (infra/kafka/kafka.sh topics) or fix --topic / --dlq-topic',
      );
    }
  }

  async topicOffsets(topic: string): Promise<PartitionOffsets[]> {
    const offsets = await this.admin.fetchTopicOffsets(topic);
    return offsets
      .map(o => ({ partition: o.partition, low: o.low, high: o.high }))
      .sort((a, b) => a.partition - b.partition);
  }

  async committedOffsets(
    groupId: string,
    topic: string,
  ): Promise<Map<number, string>> {
    const result = await this.admin.fetchOffsets({ groupId, topics: [topic] });
    const out = new Map<number, string>();
    for (const t of result) {
      for (const p of t.partitions) {
        out.set(p.partition, p.offset);
      }
    }
    return out;
  }

  /** Creates topics that do not exist yet (tests and benchmarks; production uses kafka.sh). */
  async createTopics(
    topics: Array<{
      topic: string;
      partitions: number;
      replicationFactor?: number;
    }>,
  ): Promise<void> {
    await this.admin.createTopics({
      // kafkajs' own wait only retries LEADER_NOT_AVAILABLE, but a KRaft broker that has not
      // seen the new topic yet answers UNKNOWN_TOPIC_OR_PARTITION: wait here instead.
      waitForLeaders: false,
      topics: topics.map(t => ({
        topic: t.topic,
        numPartitions: t.partitions,
        replicationFactor: t.replicationFactor ?? -1,
      })),
    });
    const names = topics.map(t => t.topic);
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        const { topics: metadata } = await this.admin.fetchTopicMetadata({
          topics: names,
        });
        const ready = metadata.every(
          t =>
            t.partitions.length > 0 && t.partitions.every(p => p.leader >= 0),
        );
        if (ready && metadata.length === names.length) return;
      } catch (e) {
        if (Date.now() >= deadline) throw e;
      }
      if (Date.now() >= deadline) {
        throw new Error(
          `topics ${names.join(', ')} have no leaders after 30 s`,
        );
      }
      await new Promise(resolve => setTimeout(resolve, 250));
    }
  }

  async disconnect(): Promise<void> {
    await this.admin.disconnect();
  }
}
