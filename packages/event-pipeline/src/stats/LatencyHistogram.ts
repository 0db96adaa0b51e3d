/**
 * Fixed-bucket latency histogram stored with every ingest_batches row, so the health page can
 * compute quantiles over any window by adding bucket counts (sumForEach) instead of scanning
 * per-event rows. Buckets are fine around the 100 ms target and coarse far from it.
 */
export const LATENCY_BOUNDS_MS: readonly number[] = [
  5, 10, 15, 20, 25, 30, 40, 50, 60, 70, 80, 90, 100, 125, 150, 200, 250, 300,
  400, 500, 750, 1000, 1500, 2000, 3000, 5000, 10000, 30000, 60000, 300000,
];

/** Counts per bucket: counts[i] = latencies <= bounds[i] (and > bounds[i-1]); last = above. */
export function latencyCounts(
  latenciesMs: Iterable<number>,
  bounds = LATENCY_BOUNDS_MS,
): number[] {
  const counts = new Array<number>(bounds.length + 1).fill(0);
  for (const latency of latenciesMs) {
    let lo = 0;
    let hi = bounds.length;
    // First bound >= latency (binary search: bounds are sorted).
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (bounds[mid] >= latency) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    counts[lo] += 1;
  }
  return counts;
}

/**
 * Quantile q (0..1) from bucket counts, interpolating linearly inside the bucket. Values in
 * the overflow bucket are reported as the last bound (a lower bound of the truth).
 */
export function quantileFromCounts(
  counts: readonly number[],
  q: number,
  bounds = LATENCY_BOUNDS_MS,
): number | undefined {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) {
    return undefined;
  }
  const rank = Math.min(Math.max(q, 0), 1) * total;
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    if (counts[i] > 0 && seen + counts[i] >= rank) {
      if (i >= bounds.length) {
        return bounds[bounds.length - 1];
      }
      const lower = i === 0 ? 0 : bounds[i - 1];
      const fraction = (rank - seen) / counts[i];
      return lower + (bounds[i] - lower) * fraction;
    }
    seen += counts[i];
  }
  return bounds[bounds.length - 1];
}
