/**
 * The narrow view of ClickHouse the ingester writes through. Row types mirror the tables in
 * infra/clickhouse/schema/001_plinth_events.sql (snake_case, like the columns).
 */

/** plinth_events.events: one row per delivered event. */
export interface EventRow {
  event_id: string;
  type: string;
  source: string;
  tenant: string;
  occurred_at_ms: number;
  /** When the insert carrying this row was sent (ClickHouse acknowledged it afterwards). */
  ingested_at_ms: number;
  payload: string;
  topic: string;
  kafka_partition: number;
  kafka_offset: number;
}

/** plinth_events.ingest_batches: one row per partition range of an acknowledged insert. */
export interface IngestBatchRow {
  batch_id: string;
  ingester_id: string;
  /** When ClickHouse acknowledged the events insert (before the Kafka offset commit). */
  committed_at_ms: number;
  topic: string;
  kafka_partition: number;
  first_offset: number;
  last_offset: number;
  rows: number;
  min_latency_ms: number;
  max_latency_ms: number;
  sum_latency_ms: number;
  insert_duration_ms: number;
  /** Upper bounds (ms, inclusive) of the latency histogram buckets. */
  latency_bounds_ms: number[];
  /** Events per bucket; one more entry than bounds (the last counts everything above). */
  latency_counts: number[];
}

/** plinth_events.dead_letters: one row per message sent to the dead-letter topic. */
export interface DeadLetterRow {
  dead_lettered_at_ms: number;
  reason: string;
  error: string;
  event_id: string;
  topic: string;
  kafka_partition: number;
  kafka_offset: number;
}

export interface EventStore {
  /** Resolves once ClickHouse acknowledged every row (the data is in a part on disk). */
  insertEvents(rows: EventRow[]): Promise<void>;
  insertBatches(rows: IngestBatchRow[]): Promise<void>;
  insertDeadLetters(rows: DeadLetterRow[]): Promise<void>;
  close(): Promise<void>;
}
