/**
 * The narrow view of Kafka the pipeline needs. kafkajs (in maintenance mode) stays behind it
 * in KafkajsEventLog.ts; the ingester and the load generator are tested against fakes.
 */

/** One record as the consumer sees it. Offsets are strings: Kafka offsets are int64. */
export interface LogRecord {
  key: Buffer | null;
  value: Buffer | null;
  offset: string;
}

/** Consecutive records of one partition, in offset order, as fetched together. */
export interface PartitionBatch {
  topic: string;
  partition: number;
  records: LogRecord[];
  /** The partition's high watermark when fetched (next offset to be written). */
  highWatermark: string;
}

/**
 * What a batch handler may do with the consumer group. Offsets are committed only through
 * resolveOffset + commitOffsetsIfNecessary: nothing is committed for a batch the handler
 * did not resolve.
 */
export interface BatchControl {
  /** Marks everything up to and including `offset` as processed. */
  resolveOffset(offset: string): void;
  /** Commits the resolved offsets of every partition of this consumer. */
  commitOffsetsIfNecessary(): Promise<void>;
  /** Keeps the group membership alive during long work; throws when a rebalance started. */
  heartbeat(): Promise<void>;
  /** False once the consumer is stopping. */
  isRunning(): boolean;
  /** True when this partition was revoked or sought: the batch must not be resolved. */
  isStale(): boolean;
}

export type BatchHandler = (
  batch: PartitionBatch,
  control: BatchControl,
) => Promise<void>;

/** A consumer-group member reading one topic in batches. */
export interface EventConsumer {
  /** Joins the group and starts calling `handler`; resolves once consuming has started. */
  start(handler: BatchHandler): Promise<void>;
  /** Stops fetching, waits for running handlers, leaves the group and disconnects. */
  stop(): Promise<void>;
  /** Called when the client gives up (a crash it will not restart from). */
  onFatalError(listener: (error: Error) => void): void;
}

export interface OutgoingRecord {
  key: string | Buffer | null;
  value: string | Buffer;
  headers?: Record<string, string>;
}

/** Appends records to topics; `send` resolves once every in-sync replica has them. */
export interface EventPublisher {
  send(topic: string, records: OutgoingRecord[]): Promise<void>;
  disconnect(): Promise<void>;
}

export interface PartitionOffsets {
  partition: number;
  /** First offset still in the log. */
  low: string;
  /** Next offset to be written. */
  high: string;
}

/** Cluster-level questions: preflight checks, lag, test assertions. */
export interface EventLogAdmin {
  /** Fails with TopicMissingError naming every missing topic. */
  requireTopics(topics: string[]): Promise<void>;
  topicOffsets(topic: string): Promise<PartitionOffsets[]>;
  /** Committed offset per partition of a group (-1 when nothing was committed). */
  committedOffsets(
    groupId: string,
    topic: string,
  ): Promise<Map<number, string>>;
  disconnect(): Promise<void>;
}
