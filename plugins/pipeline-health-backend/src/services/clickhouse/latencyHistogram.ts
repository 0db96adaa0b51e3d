/**
 * Quantiles from the latency histograms the ingester stores with every ingest_batches row
 * (`latency_bounds_ms`: inclusive bucket upper bounds; `latency_counts`: one more entry, the
 * last counts everything above the last bound).
 *
 * quantileFromCounts is the same method as @plinth/event-pipeline's (which writes the
 * histograms); the backend cannot depend on that package at run time, so a test checks that
 * both give the same answers.
 */

/**
 * Quantile q (0..1) from bucket counts, interpolating linearly inside the bucket. The error
 * is at most the width of the bucket the quantile falls in (e.g. 25 ms between the 100 and
 * 125 ms bounds the ingester uses around the 100 ms target); values in the overflow bucket
 * are reported as the last bound, a lower bound of the truth.
 */
export function quantileFromCounts(
  counts: readonly number[],
  q: number,
  bounds: readonly number[],
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

export type LatencyHistogram = { bounds: number[]; counts: number[] };

/**
 * Adds histograms that may use different bucket bounds (an ingester upgraded mid-window)
 * into one over the union of the bounds. A count moves to the bucket with the same upper
 * bound, so "at most this" stays exact; only its lower edge gets finer than measured, which
 * can pull an interpolated quantile down by at most the original bucket's width. An
 * overflow count goes to the union bucket just above that histogram's last bound.
 */
export function mergeLatencyHistograms(
  histograms: readonly LatencyHistogram[],
): LatencyHistogram {
  const usable = histograms.filter(
    h => h.bounds.length > 0 && h.counts.length === h.bounds.length + 1,
  );
  const bounds = [...new Set(usable.flatMap(h => h.bounds))].sort(
    (a, b) => a - b,
  );
  const counts = new Array<number>(bounds.length + 1).fill(0);
  const index = new Map(bounds.map((bound, i) => [bound, i]));
  for (const h of usable) {
    h.counts.forEach((count, i) => {
      // Above its last bound: the union bucket just above that bound (the first place
      // the union can tell apart; beyond it the old histogram knew nothing).
      const target =
        i < h.bounds.length
          ? index.get(h.bounds[i])!
          : index.get(h.bounds[h.bounds.length - 1])! + 1;
      counts[target] += count;
    });
  }
  return { bounds, counts };
}
