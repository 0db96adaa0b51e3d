/**
 * Exponential backoff with jitter for retrying ClickHouse and the dead-letter topic. Jitter
 * keeps a fleet of ingesters from hammering a recovering ClickHouse in lockstep.
 */
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  /** Growth per attempt (default 2). */
  factor?: number;
  /** Fraction of the delay that is randomized, 0..1 (default 0.2). */
  jitter?: number;
  random?: () => number;
}

export class Backoff {
  private readonly factor: number;
  private readonly jitter: number;
  private readonly random: () => number;

  constructor(private readonly options: BackoffOptions) {
    if (!(options.initialMs > 0) || !(options.maxMs >= options.initialMs)) {
      throw new RangeError(
        `backoff needs 0 < initialMs <= maxMs, got ${options.initialMs} and ${options.maxMs}`,
      );
    }
    this.factor = options.factor ?? 2;
    this.jitter = Math.min(Math.max(options.jitter ?? 0.2, 0), 1);
    this.random = options.random ?? Math.random;
  }

  /** Delay before retry number `attempt` (1 = the first retry). */
  delayMs(attempt: number): number {
    const exponent = Math.max(0, Math.min(attempt - 1, 30));
    const base = Math.min(
      this.options.maxMs,
      this.options.initialMs * this.factor ** exponent,
    );
    return Math.round(base * (1 - this.jitter + this.jitter * this.random()));
  }
}
