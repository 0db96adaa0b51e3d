import type { LagSecondsMethod } from '@plinth/plugin-pipeline-health-common';
import { OffsetSampleRing } from './OffsetSampleRing';

/**
 * An estimate of how far behind in time a consumer is on one partition.
 * - `interpolated`: the true value lies within `errorBoundSeconds` of `lagSeconds`;
 * - `beyond-samples`: the consumer is at least `atLeastSeconds` behind (certain);
 *   `lagSeconds` extrapolates further back and is only as good as the assumed rate;
 * - `insufficient-samples`: no estimate (`lagSeconds` undefined).
 */
export type LagSecondsEstimate =
  | { method: Method<'caught-up'>; lagSeconds: 0 }
  | {
      method: Method<'interpolated'>;
      lagSeconds: number;
      errorBoundSeconds: number;
    }
  | {
      method: Method<'beyond-samples'>;
      lagSeconds: number;
      atLeastSeconds: number;
    }
  | { method: Method<'insufficient-samples'>; lagSeconds: undefined };

// The methods are the shared ones PartitionLag reports (never when a name drifts).
type Method<M extends LagSecondsMethod> = M;

/**
 * Lag in seconds, the way kafka-lag-exporter computes it. The ring records when the log's
 * end offset had which value. The consumer's committed offset `c` is where the log's end
 * was at some past time T; the consumer is `now - T` behind. T is found by linear
 * interpolation between the two samples that bracket `c`: the last sample with end <= c
 * and the next with end > c.
 *
 * Error bound: end offsets only grow, so T lies between the two bracketing sample times;
 * interpolation (which assumes a steady produce rate between them) is off by at most their
 * distance, one poll interval. A bursty producer moves the estimate within that interval,
 * never beyond it.
 *
 * When `c` is older than the oldest sample, T is before the ring: the consumer is certainly
 * at least `now - oldest sample time` behind (the lower bound reported), and the estimate
 * extrapolates back at the rate of the oldest pair of samples that shows any production.
 */
export function estimateLagSeconds(
  ring: OffsetSampleRing,
  committedOffset: number,
  now: number,
): LagSecondsEstimate {
  const latest = ring.latest();
  if (latest && committedOffset >= latest.endOffset) {
    return { method: 'caught-up', lagSeconds: 0 };
  }
  if (ring.size < 2) {
    return { method: 'insufficient-samples', lagSeconds: undefined };
  }
  const seconds = (time: number) => Math.max(0, (now - time) / 1000);

  const oldest = ring.at(0);
  if (committedOffset < oldest.endOffset) {
    const atLeastSeconds = seconds(oldest.time);
    for (let i = 1; i < ring.size; i++) {
      const next = ring.at(i);
      const produced = next.endOffset - oldest.endOffset;
      if (produced > 0) {
        const msPerMessage = (next.time - oldest.time) / produced;
        const time =
          oldest.time - (oldest.endOffset - committedOffset) * msPerMessage;
        return {
          method: 'beyond-samples',
          lagSeconds: Math.max(seconds(time), atLeastSeconds),
          atLeastSeconds,
        };
      }
    }
    // Nothing was produced within the ring: only the lower bound is known.
    return {
      method: 'beyond-samples',
      lagSeconds: atLeastSeconds,
      atLeastSeconds,
    };
  }

  // Binary search for the last sample with end offset <= committed (one exists: oldest).
  let low = 0;
  let high = ring.size - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (ring.at(middle).endOffset <= committedOffset) {
      low = middle;
    } else {
      high = middle - 1;
    }
  }
  const before = ring.at(low);
  // Not caught up, so the newest sample is past the committed offset: low + 1 exists.
  const after = ring.at(low + 1);
  const fraction =
    (committedOffset - before.endOffset) / (after.endOffset - before.endOffset);
  const time = before.time + fraction * (after.time - before.time);
  return {
    method: 'interpolated',
    lagSeconds: seconds(time),
    errorBoundSeconds: (after.time - before.time) / 1000,
  };
}
