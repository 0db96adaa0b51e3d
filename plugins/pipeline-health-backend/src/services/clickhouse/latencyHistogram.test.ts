import {
  LATENCY_BOUNDS_MS,
  latencyCounts,
  quantileFromCounts as pipelineQuantile,
} from '@plinth/event-pipeline';
import { mergeLatencyHistograms, quantileFromCounts } from './latencyHistogram';

describe('quantileFromCounts', () => {
  it('gives the same answers as the event pipeline that writes the histograms', () => {
    // A seeded spread of latencies around the 100 ms target, with a tail.
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let run = 0; run < 50; run++) {
      const latencies = Array.from(
        { length: 1 + Math.floor(random() * 500) },
        () => Math.floor(random() ** 3 * 400_000),
      );
      const counts = latencyCounts(latencies);
      for (const q of [0, 0.5, 0.95, 0.99, 1]) {
        expect(quantileFromCounts(counts, q, LATENCY_BOUNDS_MS)).toBe(
          pipelineQuantile(counts, q),
        );
      }
    }
  });

  it('stays within one bucket of the exact quantile', () => {
    const latencies = Array.from({ length: 1000 }, (_, i) => i % 140);
    const counts = latencyCounts(latencies);
    const p99 = quantileFromCounts(counts, 0.99, LATENCY_BOUNDS_MS)!;
    // Exact p99 is 138; it lies in the (125, 150] bucket.
    expect(p99).toBeGreaterThan(125);
    expect(p99).toBeLessThanOrEqual(150);
  });
});

describe('mergeLatencyHistograms', () => {
  it('adds histograms with the same bounds bucket by bucket', () => {
    expect(
      mergeLatencyHistograms([
        { bounds: [10, 20], counts: [1, 2, 3] },
        { bounds: [10, 20], counts: [4, 5, 6] },
      ]),
    ).toEqual({ bounds: [10, 20], counts: [5, 7, 9] });
  });

  it('keeps each count under its own upper bound when the bounds differ', () => {
    expect(
      mergeLatencyHistograms([
        { bounds: [10, 50], counts: [1, 2, 3] },
        { bounds: [20, 50], counts: [4, 5, 6] },
      ]),
    ).toEqual({ bounds: [10, 20, 50], counts: [1, 4, 7, 9] });
  });

  it('puts an overflow count just above that histogram’s last bound', () => {
    expect(
      mergeLatencyHistograms([
        { bounds: [10], counts: [1, 2] },
        { bounds: [10, 20, 50], counts: [0, 0, 0, 1] },
      ]),
    ).toEqual({ bounds: [10, 20, 50], counts: [1, 2, 0, 1] });
  });

  it('ignores rows written before the histogram columns existed (empty arrays)', () => {
    expect(
      mergeLatencyHistograms([
        { bounds: [], counts: [] },
        { bounds: [10], counts: [1, 1] },
      ]),
    ).toEqual({ bounds: [10], counts: [1, 1] });
  });
});
