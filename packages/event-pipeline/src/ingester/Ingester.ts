import { randomUUID } from 'node:crypto';
import {
  DeadLetterRow,
  EventRow,
  EventStore,
  IngestBatchRow,
} from '../clickhouse/EventStore';
import { decodeEvent, DeadLetterReason } from '../events/EventSchema';
import {
  BatchControl,
  EventConsumer,
  EventPublisher,
  LogRecord,
  OutgoingRecord,
  PartitionBatch,
} from '../kafka/EventLog';
import { Logger } from '../logging/Logger';
import { LATENCY_BOUNDS_MS, latencyCounts } from '../stats/LatencyHistogram';
import { Backoff } from './Backoff';
import { BatchPolicy } from './BatchPolicy';
import { BatchStatsWriter } from './BatchStatsWriter';

/** Headers on a dead-letter record: why it failed and where it came from. */
export const DEAD_LETTER_HEADERS = {
  reason: 'plinth.dlq.reason',
  error: 'plinth.dlq.error',
  sourceTopic: 'plinth.source.topic',
  sourcePartition: 'plinth.source.partition',
  sourceOffset: 'plinth.source.offset',
  ingester: 'plinth.dlq.ingester',
} as const;

export interface IngesterOptions {
  ingesterId: string;
  deadLetterTopic: string;
  policy: BatchPolicy;
  backoff: Backoff;
  /** How long a graceful stop keeps retrying a pending insert before giving up on it. */
  drainTimeoutMs: number;
  /** How often ingest_batches rows are written (default 1000 ms). */
  statsFlushIntervalMs?: number;
  logger: Logger;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  newBatchId?: () => string;
}

export interface IngesterDependencies {
  consumer: EventConsumer;
  store: EventStore;
  /** Publishes dead letters (its own idempotent producer). */
  deadLetters: EventPublisher;
}

/** Running totals since start, for the periodic log line and tests. */
export interface IngesterStats {
  /** Event rows ClickHouse acknowledged (redeliveries after a crash count again). */
  eventsInserted: number;
  deadLettered: number;
  /** Acknowledged flushes (one or more inserts each). */
  flushes: number;
  /** Partition batches whose offsets were resolved after their insert. */
  batchesCommitted: number;
  /** Partition batches given up without resolving (stale, or stopped mid-retry). */
  batchesAborted: number;
  retries: number;
  /** Records behind the high watermark, per partition, as of each partition's last batch. */
  lag: Record<string, number>;
  lastFlush?: {
    rows: number;
    insertMs: number;
    maxLatencyMs: number;
    at: number;
  };
}

type Outcome = 'committed' | 'aborted';

interface DeadLetter {
  record: LogRecord;
  reason: DeadLetterReason;
  error: string;
  eventId: string;
}

/** One partition batch waiting in a flush. */
interface Segment {
  batch: PartitionBatch;
  control: BatchControl;
  rows: EventRow[];
  deadLetters: DeadLetter[];
  firstOffset: string;
  lastOffset: string;
  settle: (outcome: Outcome) => void;
}

/** Partition batches collected into one ClickHouse insert. */
interface PendingFlush {
  segments: Segment[];
  records: number;
  timer?: NodeJS.Timeout;
}

class FlushAborted extends Error {}

const MAX_ERROR_TEXT = 1000;

/**
 * Consumes the events topic and writes it to ClickHouse without losing an event:
 *
 * 1. kafkajs hands over partition batches (several at once, one per owned partition);
 *    they are decoded, invalid records become dead letters, and the batches of one fetch
 *    join one pending flush (bounded by rows and time, see BatchPolicy).
 * 2. The flush publishes dead letters (acks from all replicas) and records them, then
 *    inserts the events, retrying each step with backoff while heartbeating the group.
 * 3. Only after ClickHouse acknowledged do the batches resolve their last offset and commit.
 *    Per-partition batch statistics (ingest_batches) are written asynchronously.
 *
 * A crash anywhere before step 3 leaves the offsets where they were: the batch is read and
 * inserted again (at-least-once), and reads de-duplicate by event id.
 */
export class Ingester {
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly newBatchId: () => string;
  private readonly log: Logger;
  private readonly statsWriter: BatchStatsWriter;
  private open?: PendingFlush;
  private lastFlushAt = 0;
  private flushChain: Promise<void> = Promise.resolve();
  private draining = false;
  private drainDeadline = Infinity;
  private stopping?: Promise<void>;
  private starting?: Promise<void>;
  private readonly counters: IngesterStats = {
    eventsInserted: 0,
    deadLettered: 0,
    flushes: 0,
    batchesCommitted: 0,
    batchesAborted: 0,
    retries: 0,
    lag: {},
  };

  constructor(
    private readonly deps: IngesterDependencies,
    private readonly options: IngesterOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? (ms => new Promise(r => setTimeout(r, ms)));
    this.newBatchId = options.newBatchId ?? randomUUID;
    this.log = options.logger;
    this.statsWriter = new BatchStatsWriter(deps.store, {
      flushIntervalMs: options.statsFlushIntervalMs ?? 1000,
      maxBuffered: 100_000,
      logger: options.logger,
    });
  }

  async start(): Promise<void> {
    this.statsWriter.start();
    this.starting = this.deps.consumer.start((batch, control) =>
      this.handleBatch(batch, control),
    );
    await this.starting;
  }

  stats(): IngesterStats {
    return { ...this.counters, lag: { ...this.counters.lag } };
  }

  /**
   * Graceful drain: flush what is pending now, let the consumer finish its batches (each
   * commits after its insert), leave the group, close connections. A pending insert keeps
   * retrying for up to drainTimeoutMs; after that it is abandoned uncommitted (no loss:
   * the next owner reads it again).
   */
  stop(): Promise<void> {
    if (!this.stopping) {
      this.draining = true;
      this.drainDeadline = this.now() + this.options.drainTimeoutMs;
      if (this.open) {
        this.closeAndFlush(this.open);
      }
      this.stopping = (async () => {
        // kafkajs ignores stop() while it is still joining the group and starts fetching
        // afterwards: let a start in progress finish (or fail) first.
        await this.starting?.catch(() => undefined);
        await this.deps.consumer.stop();
        await this.flushChain;
        await this.statsWriter.close();
        try {
          await this.deps.deadLetters.disconnect();
        } catch (error) {
          this.log.warn('dead-letter producer did not disconnect cleanly', {
            error,
          });
        }
        await this.deps.store.close();
      })();
    }
    return this.stopping;
  }

  /** The consumer's eachBatch handler: returns once the batch is committed or given up. */
  async handleBatch(
    batch: PartitionBatch,
    control: BatchControl,
  ): Promise<void> {
    if (batch.records.length === 0) {
      return;
    }
    const outcome = await new Promise<Outcome>(settle => {
      const segment = this.decode(batch, control, settle);
      this.enqueue(segment);
    });
    if (outcome === 'aborted') {
      this.counters.batchesAborted += 1;
    }
  }

  private decode(
    batch: PartitionBatch,
    control: BatchControl,
    settle: (outcome: Outcome) => void,
  ): Segment {
    const rows: EventRow[] = [];
    const deadLetters: DeadLetter[] = [];
    for (const record of batch.records) {
      const result = decodeEvent(record.value);
      if (result.ok) {
        const e = result.event;
        rows.push({
          event_id: e.id,
          type: e.type,
          source: e.source,
          tenant: e.tenant,
          occurred_at_ms: e.occurredAtMs,
          ingested_at_ms: 0,
          payload: e.payload,
          topic: batch.topic,
          kafka_partition: batch.partition,
          kafka_offset: Number(record.offset),
        });
      } else {
        deadLetters.push({
          record,
          reason: result.reason,
          error: result.error.slice(0, MAX_ERROR_TEXT),
          eventId: result.eventId,
        });
      }
    }
    return {
      batch,
      control,
      rows,
      deadLetters,
      firstOffset: batch.records[0].offset,
      lastOffset: batch.records[batch.records.length - 1].offset,
      settle,
    };
  }

  private enqueue(segment: Segment) {
    if (!this.open) {
      this.open = { segments: [], records: 0 };
    }
    const pending = this.open;
    pending.segments.push(segment);
    pending.records += segment.batch.records.length;
    const decision = this.options.policy.decide(
      pending.records,
      this.lastFlushAt,
      this.now(),
      this.draining,
    );
    if (decision.flush === 'now') {
      this.closeAndFlush(pending);
    } else if (!pending.timer) {
      // Even with no wait left, flush on a timer: kafkajs hands over the other partition
      // batches of the same fetch in this same turn of the event loop, and they should
      // join this insert rather than wait for the next one.
      pending.timer = setTimeout(
        () => this.closeAndFlush(pending),
        decision.waitMs,
      );
    }
  }

  private closeAndFlush(pending: PendingFlush) {
    if (this.open !== pending) {
      return;
    }
    this.open = undefined;
    this.lastFlushAt = this.now();
    if (pending.timer) {
      clearTimeout(pending.timer);
    }
    // One flush at a time: commits stay in offset order per partition.
    this.flushChain = this.flushChain.then(() => this.flush(pending.segments));
  }

  private async flush(all: Segment[]): Promise<void> {
    const segments = all.filter(s => {
      if (s.control.isStale()) {
        s.settle('aborted');
        return false;
      }
      return true;
    });
    if (segments.length === 0) {
      return;
    }
    try {
      await this.writeDeadLetters(segments);
      const rows = segments.flatMap(s => s.rows);
      const insertStart = this.now();
      for (const chunk of this.options.policy.chunks(rows)) {
        await this.retry('insert events', segments, () => {
          const sentAt = this.now();
          for (const row of chunk) {
            row.ingested_at_ms = sentAt;
          }
          return this.deps.store.insertEvents(chunk);
        });
        // kafkajs heartbeats only when asked: a long series of chunks must not get us
        // evicted from the group (it rate-limits this to the heartbeat interval).
        await segments[0].control.heartbeat().catch(() => undefined);
      }
      const ackedAt = this.now();
      const batchRows = segments.map(s =>
        this.batchRow(s, ackedAt, ackedAt - insertStart),
      );
      this.statsWriter.add(batchRows);
      this.commit(segments, rows.length, ackedAt - insertStart, batchRows);
      await segments[0].control.commitOffsetsIfNecessary().catch(e =>
        // Not fatal: kafkajs commits resolved offsets again after the handler returns, and
        // an offset that is never committed only means a redelivery, not a loss.
        this.log.warn('offset commit failed; will be retried', { error: e }),
      );
      segments.forEach(s => s.settle('committed'));
    } catch (e) {
      if (!(e instanceof FlushAborted)) {
        this.log.error('flush failed unexpectedly; offsets not committed', {
          error: e,
        });
      }
      segments.forEach(s => s.settle('aborted'));
    }
  }

  private commit(
    segments: Segment[],
    rows: number,
    insertMs: number,
    batchRows: IngestBatchRow[],
  ) {
    for (const s of segments) {
      if (s.control.isStale()) {
        continue;
      }
      s.control.resolveOffset(s.lastOffset);
      this.counters.batchesCommitted += 1;
      const lag = Number(s.batch.highWatermark) - Number(s.lastOffset) - 1;
      this.counters.lag[`${s.batch.topic}/${s.batch.partition}`] = Math.max(
        0,
        lag,
      );
    }
    this.counters.eventsInserted += rows;
    this.counters.flushes += 1;
    this.counters.lastFlush = {
      rows,
      insertMs,
      maxLatencyMs: Math.max(0, ...batchRows.map(b => b.max_latency_ms)),
      at: this.now(),
    };
  }

  private batchRow(
    segment: Segment,
    ackedAt: number,
    insertMs: number,
  ): IngestBatchRow {
    let min = Infinity;
    let max = 0;
    let sum = 0;
    const latencies = segment.rows.map(r => {
      // A producer clock ahead of ours would give negative latencies: count them as 0.
      const latency = Math.max(0, ackedAt - r.occurred_at_ms);
      min = Math.min(min, latency);
      max = Math.max(max, latency);
      sum += latency;
      return latency;
    });
    return {
      batch_id: this.newBatchId(),
      ingester_id: this.options.ingesterId,
      committed_at_ms: ackedAt,
      topic: segment.batch.topic,
      kafka_partition: segment.batch.partition,
      first_offset: Number(segment.firstOffset),
      last_offset: Number(segment.lastOffset),
      rows: segment.rows.length,
      min_latency_ms: latencies.length > 0 ? min : 0,
      max_latency_ms: max,
      sum_latency_ms: sum,
      insert_duration_ms: insertMs,
      latency_bounds_ms: [...LATENCY_BOUNDS_MS],
      latency_counts: latencyCounts(latencies),
    };
  }

  private async writeDeadLetters(segments: Segment[]) {
    const letters = segments.flatMap(s => s.deadLetters.map(d => ({ s, d })));
    if (letters.length === 0) {
      return;
    }
    const records: OutgoingRecord[] = letters.map(({ s, d }) => ({
      key: d.record.key,
      value: d.record.value ?? '',
      headers: {
        [DEAD_LETTER_HEADERS.reason]: d.reason,
        [DEAD_LETTER_HEADERS.error]: d.error,
        [DEAD_LETTER_HEADERS.sourceTopic]: s.batch.topic,
        [DEAD_LETTER_HEADERS.sourcePartition]: String(s.batch.partition),
        [DEAD_LETTER_HEADERS.sourceOffset]: d.record.offset,
        [DEAD_LETTER_HEADERS.ingester]: this.options.ingesterId,
      },
    }));
    await this.retry('publish dead letters', segments, () =>
      this.deps.deadLetters.send(this.options.deadLetterTopic, records),
    );
    const at = this.now();
    const rows: DeadLetterRow[] = letters.map(({ s, d }) => ({
      dead_lettered_at_ms: at,
      reason: d.reason,
      error: d.error,
      event_id: d.eventId,
      topic: s.batch.topic,
      kafka_partition: s.batch.partition,
      kafka_offset: Number(d.record.offset),
    }));
    await this.retry('record dead letters', segments, () =>
      this.deps.store.insertDeadLetters(rows),
    );
    this.counters.deadLettered += letters.length;
    this.log.warn('dead-lettered invalid events', {
      count: letters.length,
      topic: this.options.deadLetterTopic,
      reasons: [...new Set(letters.map(l => l.d.reason))],
      first: {
        partition: letters[0].s.batch.partition,
        offset: letters[0].d.record.offset,
        error: letters[0].d.error,
      },
    });
  }

  /** Give up (without committing) when every batch went stale or a stop ran out of time. */
  private shouldAbort(segments: Segment[]): string | undefined {
    if (segments.every(s => s.control.isStale())) {
      return 'partitions were reassigned';
    }
    const running = segments[0].control.isRunning();
    if (!running && !this.draining) {
      return 'consumer stopped';
    }
    if (this.draining && this.now() > this.drainDeadline) {
      return 'drain timeout reached';
    }
    return undefined;
  }

  private async retry<T>(
    what: string,
    segments: Segment[],
    attempt: () => Promise<T>,
  ): Promise<T> {
    for (let n = 1; ; n++) {
      try {
        const result = await attempt();
        if (n > 1) {
          this.log.info(`${what}: succeeded after retrying`, { attempts: n });
        }
        return result;
      } catch (error) {
        this.counters.retries += 1;
        const delayMs = this.options.backoff.delayMs(n);
        const abort = this.shouldAbort(segments);
        // First failure and then every 10th, so an outage does not flood the log.
        if (n === 1 || n % 10 === 0 || abort) {
          this.log.warn(`${what} failed; ${abort ? 'giving up' : 'retrying'}`, {
            attempt: n,
            delayMs: abort ? undefined : delayMs,
            reason: abort,
            error,
            partitions: segments.map(s => s.batch.partition),
          });
        }
        if (abort) {
          throw new FlushAborted(abort);
        }
        await this.waitHeartbeating(delayMs, segments);
      }
    }
  }

  /** Sleeps in slices, heartbeating so the group does not evict us during an outage. */
  private async waitHeartbeating(ms: number, segments: Segment[]) {
    const until = this.now() + ms;
    for (;;) {
      const left = until - this.now();
      if (left <= 0) {
        return;
      }
      await this.sleep(Math.min(left, 1000));
      try {
        await segments[0].control.heartbeat();
      } catch (error) {
        // A rebalance started: our partitions may move. Give up this flush uncommitted;
        // whoever owns them next reads them again.
        this.log.warn('heartbeat failed during retry; abandoning the flush', {
          error,
        });
        throw new FlushAborted('rebalance');
      }
      const abort = this.shouldAbort(segments);
      if (abort) {
        throw new FlushAborted(abort);
      }
    }
  }
}
