/** The end offset (high watermark) of one partition as seen at one time (epoch ms). */
export type OffsetSample = { endOffset: number; time: number };

/** What `add` did with a sample. */
export type OffsetSampleOutcome =
  | 'added'
  /** Not newer than the last sample (a late or repeated poll): dropped. */
  | 'ignored-stale'
  /** The end offset went down (topic recreated, log truncated): history discarded. */
  | 'reset';

/**
 * The last `capacity` (end offset, time) samples of one partition, oldest first: the lookup
 * table lag in seconds is estimated from. A fixed-size circular buffer, so memory stays
 * bounded at one ring per partition however long the backend runs.
 *
 * Invariant: times strictly increase and end offsets never decrease along the ring, which
 * is what makes interpolating a time for an offset well defined.
 */
export class OffsetSampleRing {
  readonly capacity: number;
  private readonly buffer: OffsetSample[];
  /** Index of the oldest sample. */
  private start = 0;
  private count = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 2) {
      throw new RangeError(
        `An offset sample ring needs room for at least 2 samples, got ${capacity}`,
      );
    }
    this.capacity = capacity;
    this.buffer = new Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** The newest sample, if any. */
  latest(): OffsetSample | undefined {
    return this.count === 0 ? undefined : this.at(this.count - 1);
  }

  /** The i-th sample, oldest first (0 <= i < size). */
  at(index: number): OffsetSample {
    if (index < 0 || index >= this.count) {
      throw new RangeError(`No sample ${index} in a ring of ${this.count}`);
    }
    return this.buffer[(this.start + index) % this.capacity];
  }

  /** A copy of the samples, oldest first. */
  samples(): OffsetSample[] {
    return Array.from({ length: this.count }, (_, i) => this.at(i));
  }

  add(sample: OffsetSample): OffsetSampleOutcome {
    const last = this.latest();
    if (last && sample.time <= last.time) {
      return 'ignored-stale';
    }
    let outcome: OffsetSampleOutcome = 'added';
    if (last && sample.endOffset < last.endOffset) {
      // Samples before a reset describe a different log: mixing them would invent a rate.
      this.start = 0;
      this.count = 0;
      outcome = 'reset';
    }
    if (this.count < this.capacity) {
      this.buffer[(this.start + this.count) % this.capacity] = sample;
      this.count += 1;
    } else {
      this.buffer[this.start] = sample;
      this.start = (this.start + 1) % this.capacity;
    }
    return outcome;
  }
}
