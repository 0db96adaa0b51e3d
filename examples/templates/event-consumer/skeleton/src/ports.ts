/**
 * The narrow views of Kafka and ClickHouse the ingester needs. kafkajs and
 * @clickhouse/client stay behind them (adapters.ts), so the ingester is tested with fakes.
 */

/** One record as consumed. Offsets are strings: Kafka offsets are int64. */
export interface LogRecord {
  key: Buffer | null;
  value: Buffer | null;
  offset: string;
}

export interface PartitionBatch {
  topic: string;
  partition: number;
  records: LogRecord[];
}

/** Offsets are committed only through resolveOffset + commit, after the insert was acknowledged. */
export interface BatchControl {
  resolveOffset(offset: string): void;
  commit(): Promise<void>;
  /** Keeps the group membership alive during a long retry. */
  heartbeat(): Promise<void>;
  isRunning(): boolean;
}

export interface EventConsumer {
  start(handler: (batch: PartitionBatch, control: BatchControl) => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

export interface DeadLetterPublisher {
  /** Resolves once every in-sync replica has the records. */
  send(records: Array<{ key: Buffer | null; value: Buffer | null; headers: Record<string, string> }>): Promise<void>;
  disconnect(): Promise<void>;
}

/** One row of the table in schema/table.sql. */
export interface EventRow {
  event_id: string;
  type: string;
  occurred_at_ms: number;
  ingested_at_ms: number;
  payload: string;
  kafka_partition: number;
  kafka_offset: string;
}

export interface EventStore {
  /** Resolves once ClickHouse acknowledged the insert. */
  insert(rows: EventRow[]): Promise<void>;
  close(): Promise<void>;
}
