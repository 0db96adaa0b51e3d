import type { Logger } from './logger';
import type {
  BatchControl,
  DeadLetterPublisher,
  EventConsumer,
  EventRow,
  EventStore,
  LogRecord,
  PartitionBatch,
} from './ports';

export type DecodeResult =
  | { ok: true; row: Omit<EventRow, 'ingested_at_ms' | 'kafka_partition' | 'kafka_offset'> }
  | { ok: false; reason: 'empty' | 'not-json' | 'invalid'; error: string };

/** The event contract: JSON with an id, a dotted type and an occurrence time. */
export function decodeEvent(record: LogRecord): DecodeResult {
  if (!record.value || record.value.length === 0) {
    return { ok: false, reason: 'empty', error: 'the record has no value' };
  }
  let event: unknown;
  try {
    event = JSON.parse(record.value.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: 'not-json', error: (error as Error).message };
  }
  const e = event as Record<string, unknown>;
  if (typeof e !== 'object' || e === null) {
    return { ok: false, reason: 'invalid', error: 'the value is not a JSON object' };
  }
  if (typeof e.id !== 'string' || e.id === '' || e.id.length > 128) {
    return { ok: false, reason: 'invalid', error: 'id must be a non-empty string (at most 128 characters)' };
  }
  if (typeof e.type !== 'string' || !/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/.test(e.type)) {
    return { ok: false, reason: 'invalid', error: 'type must look like "checkout.completed"' };
  }
  const occurredAt = typeof e.occurredAt === 'string' ? Date.parse(e.occurredAt) : NaN;
  if (!Number.isFinite(occurredAt)) {
    return { ok: false, reason: 'invalid', error: 'occurredAt must be an ISO 8601 date-time' };
  }
  return {
    ok: true,
    row: {
      event_id: e.id,
      type: e.type,
      occurred_at_ms: occurredAt,
      payload: JSON.stringify(e.payload ?? null),
    },
  };
}

export interface IngesterOptions {
  consumer: EventConsumer;
  store: EventStore;
  deadLetters: DeadLetterPublisher;
  logger: Logger;
  maxBatchRows: number;
  /** Retry delays for a failed insert: doubles from initial to max, until stopped. */
  retry?: { initialMs: number; maxMs: number };
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Consumes partition batches and writes them to ClickHouse without losing an event:
 * invalid records go to the dead-letter topic, valid ones are inserted in chunks of at
 * most maxBatchRows, and only then is the batch's last offset resolved and committed. A
 * crash before the commit re-reads the batch (at-least-once); the table de-duplicates.
 */
export class Ingester {
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: IngesterOptions) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? (ms => new Promise(resolve => setTimeout(resolve, ms)));
  }

  start(): Promise<void> {
    return this.options.consumer.start((batch, control) => this.handle(batch, control));
  }

  async stop(): Promise<void> {
    await this.options.consumer.stop();
    await this.options.deadLetters.disconnect();
    await this.options.store.close();
  }

  async handle(batch: PartitionBatch, control: BatchControl): Promise<void> {
    if (batch.records.length === 0) {
      return;
    }
    const ingestedAt = this.now();
    const rows: EventRow[] = [];
    const deadLetters: Parameters<DeadLetterPublisher['send']>[0] = [];
    for (const record of batch.records) {
      const decoded = decodeEvent(record);
      if (decoded.ok) {
        rows.push({
          ...decoded.row,
          ingested_at_ms: ingestedAt,
          kafka_partition: batch.partition,
          kafka_offset: record.offset,
        });
      } else {
        deadLetters.push({
          key: record.key,
          value: record.value,
          headers: {
            'dlq.reason': decoded.reason,
            'dlq.error': decoded.error.slice(0, 1000),
            'source.topic': batch.topic,
            'source.partition': String(batch.partition),
            'source.offset': record.offset,
          },
        });
      }
    }
    if (deadLetters.length > 0) {
      const ok = await this.withRetry('dead-letter publish', control, () =>
        this.options.deadLetters.send(deadLetters),
      );
      if (!ok) return;
      this.options.logger.warn('dead-lettered invalid records', {
        topic: batch.topic,
        partition: batch.partition,
        count: deadLetters.length,
      });
    }
    for (let i = 0; i < rows.length; i += this.options.maxBatchRows) {
      const chunk = rows.slice(i, i + this.options.maxBatchRows);
      const ok = await this.withRetry('insert', control, () => this.options.store.insert(chunk));
      if (!ok) return;
    }
    // Only now: everything up to the last offset is in ClickHouse or the dead-letter topic.
    control.resolveOffset(batch.records[batch.records.length - 1].offset);
    await control.commit();
    this.options.logger.debug('batch committed', {
      topic: batch.topic,
      partition: batch.partition,
      rows: rows.length,
      deadLettered: deadLetters.length,
    });
  }

  /** Retries until it succeeds (true) or the consumer stops (false: nothing is committed). */
  private async withRetry(what: string, control: BatchControl, attempt: () => Promise<void>) {
    const { initialMs, maxMs } = this.options.retry ?? { initialMs: 100, maxMs: 5_000 };
    let delay = initialMs;
    for (;;) {
      try {
        await attempt();
        return true;
      } catch (error) {
        if (!control.isRunning()) {
          this.options.logger.warn(`${what} abandoned: stopping; the batch will be read again`, { error });
          return false;
        }
        this.options.logger.error(`${what} failed, retrying`, { error, retryInMs: delay });
        await this.sleep(delay);
        await control.heartbeat();
        delay = Math.min(delay * 2, maxMs);
      }
    }
  }
}
