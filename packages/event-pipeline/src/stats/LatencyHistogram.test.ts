import { latencyCounts, quantileFromCounts } from './LatencyHistogram';

describe('latency histogram', () => {
  const bounds = [10, 20, 50];

  it('counts each latency in the first bucket whose bound is >= it', () => {
    expect(latencyCounts([0, 10, 11, 20, 49, 50, 51, 9999], bounds)).toEqual([
      2, 2, 2, 2,
    ]);
  });

  it('interpolates a quantile inside its bucket', () => {
    // 10 values in (10, 20]: the median of 20 values sits at the end of bucket 1.
    expect(quantileFromCounts([10, 10, 0, 0], 0.5, bounds)).toBe(10);
    expect(quantileFromCounts([0, 10, 0, 0], 0.5, bounds)).toBe(15);
    expect(quantileFromCounts([0, 0, 0, 4], 0.99, bounds)).toBe(50);
  });

  it('has no quantile without samples', () => {
    expect(quantileFromCounts([0, 0, 0, 0], 0.5, bounds)).toBeUndefined();
  });
});
