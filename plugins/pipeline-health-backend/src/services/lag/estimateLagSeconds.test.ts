import { OffsetSampleRing } from './OffsetSampleRing';
import { estimateLagSeconds } from './estimateLagSeconds';

const POLL_MS = 5_000;

/**
 * A synthetic producer: `writes[i]` messages are written at `i * stepMs`. It knows the true
 * time each offset was written and the end offset at any time, so a test can compare the
 * estimate with the true age of the oldest unconsumed message.
 */
function producer(writes: number[], stepMs: number) {
  const endAt = (time: number) => {
    let end = 0;
    for (let i = 0; i < writes.length && i * stepMs <= time; i++) {
      end += writes[i];
    }
    return end;
  };
  const writtenAt = (offset: number) => {
    let end = 0;
    for (let i = 0; i < writes.length; i++) {
      end += writes[i];
      if (end > offset) return i * stepMs;
    }
    throw new Error(`offset ${offset} was never written`);
  };
  return { endAt, writtenAt };
}

function sampled(
  endAt: (time: number) => number,
  until: number,
  capacity = 60,
) {
  const ring = new OffsetSampleRing(capacity);
  for (let time = 0; time <= until; time += POLL_MS) {
    ring.add({ endOffset: endAt(time), time });
  }
  return ring;
}

/** Deterministic pseudo-random numbers (a linear congruential generator). */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 2 ** 32;
    return state / 2 ** 32;
  };
}

describe('estimateLagSeconds', () => {
  it('is 0 when the consumer has committed the end of the log', () => {
    const ring = sampled(time => time / 10, 60_000);
    expect(estimateLagSeconds(ring, 6_000, 61_000)).toEqual({
      method: 'caught-up',
      lagSeconds: 0,
    });
  });

  it('gives no estimate from fewer than 2 samples', () => {
    const ring = new OffsetSampleRing(10);
    expect(estimateLagSeconds(ring, 0, 0).method).toBe('insufficient-samples');
    ring.add({ endOffset: 100, time: 0 });
    expect(estimateLagSeconds(ring, 50, 1000)).toEqual({
      method: 'insufficient-samples',
      lagSeconds: undefined,
    });
  });

  it('is exact (within 1 ms) for a producer at a steady rate', () => {
    // 100 messages/s: offset o is written at o * 10 ms.
    const ring = sampled(time => Math.floor(time / 10), 295_000);
    const now = 297_000;
    for (const committed of [500, 1_234, 15_000, 29_000]) {
      const estimate = estimateLagSeconds(ring, committed, now);
      expect(estimate.method).toBe('interpolated');
      expect(estimate.lagSeconds).toBeCloseTo((now - committed * 10) / 1000, 3);
    }
  });

  it('stays within one poll interval of the true age for a bursty producer', () => {
    // Bursts of 0-2,000 messages every 100 ms, idle stretches of up to 20 s in between.
    const next = random(42);
    const writes: number[] = [];
    while (writes.length < 3_000) {
      const idleSteps = next() < 0.3 ? Math.floor(next() * 200) : 0;
      writes.push(...new Array(idleSteps).fill(0), Math.floor(next() * 2_000));
    }
    const { endAt, writtenAt } = producer(writes, 100);
    const until = 290_000;
    const ring = sampled(endAt, until);
    const now = until + 1_000;
    const oldestEnd = ring.at(0).endOffset;
    let checked = 0;
    for (
      let committed = oldestEnd;
      committed < endAt(until);
      committed += 997
    ) {
      const estimate = estimateLagSeconds(ring, committed, now);
      if (estimate.method !== 'interpolated') {
        throw new Error(`expected interpolation, got ${estimate.method}`);
      }
      const trueAge = (now - writtenAt(committed)) / 1000;
      expect(estimate.errorBoundSeconds).toBeLessThanOrEqual(POLL_MS / 1000);
      expect(Math.abs(estimate.lagSeconds - trueAge)).toBeLessThanOrEqual(
        estimate.errorBoundSeconds,
      );
      checked += 1;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('extrapolates beyond the oldest sample and reports the certain lower bound', () => {
    // Ring of 10 samples (45 s) over a steady 100 messages/s producer.
    const ring = sampled(time => Math.floor(time / 10), 295_000, 10);
    const now = 300_000;
    const estimate = estimateLagSeconds(ring, 1_000, now);
    expect(estimate).toEqual({
      method: 'beyond-samples',
      lagSeconds: 290,
      atLeastSeconds: 50,
    });
  });

  it('falls back to the lower bound when nothing was produced within the ring', () => {
    const ring = new OffsetSampleRing(5);
    for (let time = 100_000; time <= 120_000; time += POLL_MS) {
      ring.add({ endOffset: 5_000, time });
    }
    expect(estimateLagSeconds(ring, 4_000, 130_000)).toEqual({
      method: 'beyond-samples',
      lagSeconds: 30,
      atLeastSeconds: 30,
    });
  });

  it('dates a backlog written before an idle stretch to the last sample before it', () => {
    // 1,000 messages by t=10 s, then nothing until t=60 s, then 1,000 more.
    const ring = new OffsetSampleRing(20);
    ring.add({ endOffset: 0, time: 0 });
    ring.add({ endOffset: 1_000, time: 10_000 });
    ring.add({ endOffset: 1_000, time: 60_000 });
    ring.add({ endOffset: 2_000, time: 65_000 });
    // Offset 1,000 was written between 60 s and 65 s; the log sat at 1,000 until then.
    expect(estimateLagSeconds(ring, 1_000, 70_000)).toEqual({
      method: 'interpolated',
      lagSeconds: 10,
      errorBoundSeconds: 5,
    });
  });
});
