/**
 * How many events should have been sent by a point in time, for a constant target rate.
 * Tracking the total since the start (not per tick) makes the achieved rate converge to the
 * target even when individual sends are late.
 */
export type TargetRate = number | 'max';

export class RatePacer {
  constructor(private readonly rate: TargetRate) {
    if (rate !== 'max' && !(rate > 0)) {
      throw new RangeError(`rate must be > 0 or 'max', got ${rate}`);
    }
  }

  /** Events still owed at `elapsedMs` after `sent` were sent (Infinity for 'max'). */
  due(elapsedMs: number, sent: number): number {
    if (this.rate === 'max') {
      return Infinity;
    }
    return Math.floor((this.rate * elapsedMs) / 1000) - sent;
  }

  /** Milliseconds until the next event is owed (0 when one is owed now). */
  waitMs(elapsedMs: number, sent: number): number {
    if (this.rate === 'max') {
      return 0;
    }
    const nextAt = ((sent + 1) * 1000) / this.rate;
    return Math.max(0, Math.ceil(nextAt - elapsedMs));
  }
}
