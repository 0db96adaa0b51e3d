import type {
  HistoryPoint,
  HistoryRange,
} from '@plinth/plugin-pipeline-health-common';
import type { HistoryConfig } from '../../config';

export type MetricKey = Exclude<keyof HistoryPoint, 'at'>;

/**
 * How a bucket of samples becomes one value. Lag and freshness take the maximum: they are
 * "how far behind were we", and an average would shave off exactly the spike an on-call
 * engineer looks for (a 4-minute lag peak must not read as 40 s a day later). Rates and
 * latencies take the sample-weighted mean: the mean of per-poll rates over equal intervals
 * is the rate over the bucket, and the mean of per-poll P99s is a smoothed line (not the
 * bucket's true P99, which the raw samples cannot give back) that a single slow poll does
 * not dominate.
 */
export const METRICS: ReadonlyArray<{
  key: MetricKey;
  column: string;
  merge: 'max' | 'mean';
}> = [
  { key: 'lagMessages', column: 'lag_messages', merge: 'max' },
  { key: 'lagSeconds', column: 'lag_seconds', merge: 'max' },
  { key: 'freshnessMs', column: 'freshness_ms', merge: 'max' },
  { key: 'ingestionP50Ms', column: 'ingestion_p50_ms', merge: 'mean' },
  { key: 'ingestionP99Ms', column: 'ingestion_p99_ms', merge: 'mean' },
  { key: 'queryP99Ms', column: 'query_p99_ms', merge: 'mean' },
  { key: 'eventsPerSecond', column: 'events_per_second', merge: 'mean' },
  {
    key: 'deadLettersPerMinute',
    column: 'dead_letters_per_minute',
    merge: 'mean',
  },
];

/** A stored bucket: its start, how many poll samples it stands for, and its values. */
export type Bucket = {
  at: number;
  sampleCount: number;
  values: Partial<Record<MetricKey, number>>;
};

export const HISTORY_RANGE_MS: Record<HistoryRange, number> = {
  '1h': 3_600_000,
  '6h': 6 * 3_600_000,
  '24h': 24 * 3_600_000,
};

/** The start of the bucket of size `sizeMs` that `at` falls in (epoch-aligned). */
export function bucketStart(at: number, sizeMs: number): number {
  return at - (((at % sizeMs) + sizeMs) % sizeMs);
}

/**
 * The spacing of a range's points: the poll interval while the whole range is kept at
 * poll resolution, else the downsampled size (older rows exist only at that size, so the
 * recent ones are merged to match and the chart's x axis stays even).
 */
export function historyResolutionMs(
  rangeMs: number,
  history: HistoryConfig,
  pollIntervalMs: number,
): number {
  return rangeMs <= history.fullResolutionMs
    ? pollIntervalMs
    : Math.max(history.downsampledResolutionMs, pollIntervalMs);
}

/**
 * Merges buckets into buckets of `sizeMs`, oldest first. Already-merged buckets keep their
 * weight (sampleCount), so merging twice gives the same means as merging once. A value
 * missing in a sample (not measured then) neither counts nor weighs.
 */
export function mergeBuckets(buckets: Bucket[], sizeMs: number): Bucket[] {
  const groups = new Map<number, Bucket[]>();
  for (const bucket of buckets) {
    const at = bucketStart(bucket.at, sizeMs);
    const group = groups.get(at);
    if (group) {
      group.push(bucket);
    } else {
      groups.set(at, [bucket]);
    }
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([at, group]) => {
      const values: Partial<Record<MetricKey, number>> = {};
      for (const { key, merge } of METRICS) {
        let max = -Infinity;
        let sum = 0;
        let weight = 0;
        for (const bucket of group) {
          const value = bucket.values[key];
          if (value === undefined) {
            continue;
          }
          max = Math.max(max, value);
          sum += value * bucket.sampleCount;
          weight += bucket.sampleCount;
        }
        if (weight > 0) {
          values[key] = merge === 'max' ? max : sum / weight;
        }
      }
      return {
        at,
        sampleCount: group.reduce((n, b) => n + b.sampleCount, 0),
        values,
      };
    });
}

/**
 * The newest bucket start before which poll-resolution samples are downsampled: rows
 * older than `fullResolutionMs`, rounded down to a whole downsampled bucket so a bucket is
 * never merged while part of it is still kept at poll resolution.
 */
export function downsampleBefore(now: number, history: HistoryConfig): number {
  return bucketStart(
    now - history.fullResolutionMs,
    history.downsampledResolutionMs,
  );
}

/** Rows older than this are deleted. */
export function expireBefore(now: number, history: HistoryConfig): number {
  return now - history.retentionMs;
}
