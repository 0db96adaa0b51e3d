import { percentile, summarize } from './percentiles';

describe('percentile', () => {
  const sorted = Array.from({ length: 100 }, (_, i) => i + 1);

  it('uses the nearest rank', () => {
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
    expect(percentile(sorted, 0)).toBe(1);
    expect(percentile([7], 99)).toBe(7);
  });

  it('rejects an empty sample and out-of-range percentiles', () => {
    expect(() => percentile([], 50)).toThrow(/empty/);
    expect(() => percentile(sorted, 101)).toThrow(/0\.\.100/);
  });
});

describe('summarize', () => {
  it('sorts the samples itself', () => {
    expect(summarize([5, 1, 3, 2, 4])).toEqual({
      count: 5,
      min: 1,
      p50: 3,
      p90: 5,
      p99: 5,
      max: 5,
      mean: 3,
    });
  });

  it('returns undefined for no samples', () => {
    expect(summarize([])).toBeUndefined();
  });
});
