/**
 * When the ingester sends what it has collected to ClickHouse.
 *
 * Bounded by rows: ClickHouse wants inserts of thousands of rows (every insert makes a part
 * that background merges must fold in), and one insert must stay a sane size.
 *
 * Bounded by time: at most one flush starts per `maxWaitMs`, and a pending record never
 * waits longer than that for its insert to start. The bound counts from the previous flush,
 * not from the record's arrival: records pile up in Kafka while a flush runs, so when
 * enough time has passed the next fetch can go straight to ClickHouse. That keeps an idle
 * pipeline's first event fast and a busy pipeline at <= 1000/maxWaitMs inserts per second.
 */
export interface BatchPolicyOptions {
  /** Flush as soon as this many records are pending; also the largest single insert. */
  maxRows: number;
  /** Minimum time between flush starts, and so the longest a record waits for one. */
  maxWaitMs: number;
}

/** `waitMs: 0` means "now, once the batches of the current fetch have joined". */
export type FlushDecision =
  | { flush: 'now' }
  | { flush: 'after'; waitMs: number };

export class BatchPolicy {
  constructor(readonly options: BatchPolicyOptions) {
    if (!Number.isInteger(options.maxRows) || options.maxRows < 1) {
      throw new RangeError(
        `maxRows must be a positive integer, got ${options.maxRows}`,
      );
    }
    if (!Number.isFinite(options.maxWaitMs) || options.maxWaitMs < 0) {
      throw new RangeError(`maxWaitMs must be >= 0, got ${options.maxWaitMs}`);
    }
  }

  /**
   * @param pendingRecords records collected and not yet flushing
   * @param lastFlushAtMs when the previous flush started (0 if none yet)
   * @param draining the ingester is shutting down: flush whatever there is
   */
  decide(
    pendingRecords: number,
    lastFlushAtMs: number,
    nowMs: number,
    draining: boolean,
  ): FlushDecision {
    if (
      pendingRecords > 0 &&
      (draining || pendingRecords >= this.options.maxRows)
    ) {
      return { flush: 'now' };
    }
    return {
      flush: 'after',
      waitMs: Math.max(
        0,
        Math.min(
          this.options.maxWaitMs,
          lastFlushAtMs + this.options.maxWaitMs - nowMs,
        ),
      ),
    };
  }

  /** Splits rows into inserts of at most maxRows each, in order. */
  chunks<T>(rows: T[]): T[][] {
    const out: T[][] = [];
    for (let i = 0; i < rows.length; i += this.options.maxRows) {
      out.push(rows.slice(i, i + this.options.maxRows));
    }
    return out;
  }
}
