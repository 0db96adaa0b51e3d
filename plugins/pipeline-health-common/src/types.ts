/**
 * Domain types shared by the pipeline-health backend and its (planned) frontend. Plain JSON
 * shapes: they travel over REST unchanged.
 */

/**
 * Status of a consumer group on a partition, judged over a window of observations (see the
 * backend README for the rules). Listed from best to worst: the order is the severity.
 */
export const LAG_STATUSES = [
  'OK',
  'WARNING',
  'STALLED',
  'STOPPED',
  'ERROR',
] as const;

export type LagStatus = (typeof LAG_STATUSES)[number];

/**
 * The worse of two statuses. ERROR ranks worst: a partition whose offsets cannot be read
 * may hide any of the others, so a summary must not look healthier than what it cannot see.
 */
export function worseLagStatus(a: LagStatus, b: LagStatus): LagStatus {
  return LAG_STATUSES.indexOf(a) >= LAG_STATUSES.indexOf(b) ? a : b;
}

/** How many partitions are in each status; every status is present (0 when none). */
export type LagStatusCounts = Record<LagStatus, number>;

export function emptyLagStatusCounts(): LagStatusCounts {
  return { OK: 0, WARNING: 0, STALLED: 0, STOPPED: 0, ERROR: 0 };
}

/** Health of one upstream (a Kafka cluster, a ClickHouse server), reported on its own. */
export type SourceState = {
  state: 'ok' | 'degraded' | 'unavailable';
  /** ISO 8601 time of the last successful poll of this source. */
  lastSuccessAt?: string;
  /** What went wrong on the last failed poll (no secrets: shown on the page). */
  error?: string;
};

/**
 * How `lagSeconds` was obtained:
 * - `caught-up`: the committed offset is at the end of the log (0 s);
 * - `interpolated`: between two samples of the end offset; off by at most one poll interval;
 * - `beyond-samples`: the committed offset is older than every sample; extrapolated, and only
 *   a lower bound is certain;
 * - `insufficient-samples`: fewer than two samples yet: no estimate.
 */
export type LagSecondsMethod =
  | 'caught-up'
  | 'interpolated'
  | 'beyond-samples'
  | 'insufficient-samples';

/**
 * One consumer group's position on one partition. Offsets are numbers: Kafka's are int64,
 * but exact up to 2^53 (9e15 messages) is more than any partition reaches.
 */
export type PartitionLag = {
  topic: string;
  partition: number;
  /** Next offset to be written (the high watermark). */
  endOffset: number;
  /** The group's committed offset; undefined when the group never committed here. */
  committedOffset?: number;
  /** endOffset - committedOffset, clamped at 0. */
  offsetLag: number;
  /** Estimated age of the oldest unconsumed message; undefined without an estimate. */
  lagSeconds?: number;
  lagSecondsMethod: LagSecondsMethod;
  status: LagStatus;
};

/** A summary over many partitions: sums, the worst, and counts per status. */
export type LagSummary = {
  /** Sum of the partitions' offset lag (messages). */
  offsetLag: number;
  /** Largest lagSeconds among the partitions; undefined when none has an estimate. */
  maxLagSeconds?: number;
  /** The worst status among the partitions (OK when there are none). */
  status: LagStatus;
  statusCounts: LagStatusCounts;
  partitionCount: number;
};

/** One consumer group over every partition it consumes. */
export type ConsumerGroupLag = LagSummary & {
  group: string;
  topics: string[];
};

/** One topic over every tracked group that consumes it. */
export type TopicLag = LagSummary & {
  topic: string;
  groups: string[];
};
