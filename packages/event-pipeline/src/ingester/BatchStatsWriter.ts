import { EventStore, IngestBatchRow } from '../clickhouse/EventStore';
import { Logger } from '../logging/Logger';

export interface BatchStatsWriterOptions {
  /** How often buffered rows are inserted. */
  flushIntervalMs: number;
  /** Rows kept while ClickHouse is unavailable; beyond that the oldest are dropped. */
  maxBuffered: number;
  logger: Logger;
}

/**
 * Writes ingest_batches rows off the critical path: one insert per interval instead of one
 * per flush, so the statistics neither add latency to events nor double the insert rate.
 * They are statistics, not events: rows buffered when the process dies are lost, and rows
 * beyond maxBuffered during a long outage are dropped (and counted in the log).
 */
export class BatchStatsWriter {
  private buffer: IngestBatchRow[] = [];
  private timer?: NodeJS.Timeout;
  private writing?: Promise<void>;
  private failures = 0;
  private dropped = 0;

  constructor(
    private readonly store: EventStore,
    private readonly options: BatchStatsWriterOptions,
  ) {}

  start() {
    this.timer ??= setInterval(
      () => void this.flush(),
      this.options.flushIntervalMs,
    );
    this.timer.unref();
  }

  add(rows: IngestBatchRow[]) {
    this.buffer.push(...rows);
    const excess = this.buffer.length - this.options.maxBuffered;
    if (excess > 0) {
      this.buffer.splice(0, excess);
      this.dropped += excess;
    }
  }

  /** Rows waiting to be written. */
  pending(): number {
    return this.buffer.length;
  }

  /** Inserts what is buffered (one insert at a time); failures keep the rows for later. */
  flush(): Promise<void> {
    if (this.writing || this.buffer.length === 0) {
      return this.writing ?? Promise.resolve();
    }
    const rows = this.buffer;
    this.buffer = [];
    this.writing = this.store
      .insertBatches(rows)
      .then(
        () => {
          if (this.failures > 0 || this.dropped > 0) {
            this.options.logger.info('batch statistics written again', {
              failedAttempts: this.failures,
              droppedRows: this.dropped,
            });
          }
          this.failures = 0;
          this.dropped = 0;
        },
        error => {
          this.failures += 1;
          this.buffer = rows.concat(this.buffer);
          this.add([]);
          if (this.failures === 1 || this.failures % 30 === 0) {
            this.options.logger.warn(
              'writing batch statistics failed; keeping them for the next attempt',
              {
                error,
                buffered: this.buffer.length,
                failedAttempts: this.failures,
              },
            );
          }
        },
      )
      .finally(() => {
        this.writing = undefined;
      });
    return this.writing;
  }

  /** Stops the timer and makes one last attempt. */
  async close(): Promise<void> {
    if (this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
    await this.writing;
    await this.flush();
    if (this.buffer.length > 0) {
      this.options.logger.warn('batch statistics not written at shutdown', {
        rows: this.buffer.length,
      });
    }
  }
}
