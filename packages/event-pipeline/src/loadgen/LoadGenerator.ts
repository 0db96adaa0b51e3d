import { EventPublisher } from '../kafka/EventLog';
import { Logger } from '../logging/Logger';
import { EventFactory } from './EventFactory';
import { RatePacer, TargetRate } from './RatePacer';

/**
 * Default shortest pause between sends when paced, like a producer's linger.ms: at 10,000
 * events/s, a hundred events per send instead of ten, which spares the CPU of a small machine
 * (each send is one request per partition). Events are stamped when created, just before
 * their send, so this adds nothing to the measured latency.
 */
export const DEFAULT_LINGER_MS = 10;

export interface LoadGeneratorOptions {
  topic: string;
  rate: TargetRate;
  /** Stop after this long (ms); with `count`, whichever comes first; neither = until stop(). */
  durationMs?: number;
  /** Stop after this many records (valid and invalid). */
  count?: number;
  /** Most records per produce request. */
  chunkSize: number;
  /** Shortest pause between paced sends (default DEFAULT_LINGER_MS). */
  lingerMs?: number;
  factory: EventFactory;
  logger: Logger;
  /** Progress log interval (ms); 0 = none. */
  reportIntervalMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface LoadReport {
  /** Records acknowledged by Kafka (all in-sync replicas). */
  produced: number;
  /** Of those, deliberately invalid ones (--invalid-every). */
  invalid: number;
  elapsedMs: number;
  targetRate: TargetRate;
  achievedRate: number;
  stoppedEarly: boolean;
}

/** Produces synthetic events at a target rate, for a duration or a count. */
export class LoadGenerator {
  private stopped = false;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly publisher: EventPublisher,
    private readonly options: LoadGeneratorOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? (ms => new Promise(r => setTimeout(r, ms)));
  }

  /** Ends the run after the send in progress (that one still completes and is counted). */
  stop() {
    this.stopped = true;
  }

  async run(): Promise<LoadReport> {
    const { rate, durationMs, count, chunkSize, factory, topic } = this.options;
    const pacer = new RatePacer(rate);
    const start = this.now();
    let produced = 0;
    let invalid = 0;
    let lastReport = { at: start, produced: 0 };
    const reportEvery = this.options.reportIntervalMs ?? 0;

    for (;;) {
      const elapsed = this.now() - start;
      if (this.stopped) break;
      if (count !== undefined && produced >= count) break;
      if (durationMs !== undefined && elapsed >= durationMs) break;

      let due = pacer.due(elapsed, produced);
      if (count !== undefined) due = Math.min(due, count - produced);
      if (due <= 0) {
        const left = durationMs !== undefined ? durationMs - elapsed : Infinity;
        const linger = this.options.lingerMs ?? DEFAULT_LINGER_MS;
        await this.sleep(
          Math.max(
            1,
            Math.min(Math.max(pacer.waitMs(elapsed, produced), linger), left),
          ),
        );
        continue;
      }
      const n = Math.min(due, chunkSize);
      const batch = factory.records(n);
      await this.publisher.send(topic, batch.records);
      produced += n;
      invalid += batch.invalid;

      if (reportEvery > 0 && this.now() - lastReport.at >= reportEvery) {
        const at = this.now();
        this.options.logger.info('loadgen progress', {
          produced,
          rate: Math.round(
            ((produced - lastReport.produced) * 1000) / (at - lastReport.at),
          ),
        });
        lastReport = { at, produced };
      }
    }
    const elapsedMs = Math.max(1, this.now() - start);
    return {
      produced,
      invalid,
      elapsedMs,
      targetRate: rate,
      achievedRate: Math.round((produced * 1000) / elapsedMs),
      stoppedEarly: this.stopped,
    };
  }
}
