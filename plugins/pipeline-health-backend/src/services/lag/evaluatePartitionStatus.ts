import type { LagStatus } from '@plinth/plugin-pipeline-health-common';

/**
 * One poll's view of a group on a partition. An offset is undefined when it could not be
 * read (broker unreachable, request failed) or, for the committed offset, when the group
 * has never committed on this partition.
 */
export type PartitionObservation = {
  /** Epoch ms of the poll. */
  time: number;
  endOffset?: number;
  committedOffset?: number;
};

export type PartitionStatusInput = {
  /** The window's observations, oldest first (e.g. the last 10 polls). */
  observations: PartitionObservation[];
  /** Whether the group currently has members (from describeGroups). */
  hasMembers: boolean;
  now: number;
  /**
   * Epoch ms of the last time the committed offset was seen to move, when the caller tracks
   * it beyond the window; the window's own evidence is used otherwise.
   */
  lastCommitMovedAt?: number;
  /** A group whose commits have not moved for this long is STOPPED. Default 5 minutes. */
  stoppedAfterMs?: number;
};

/** Which rule decided the status, for the page and the logs. */
export type PartitionStatusRule =
  | 'offsets-unavailable'
  | 'caught-up'
  | 'too-few-observations'
  | 'no-members'
  | 'commits-stale'
  | 'commits-stuck'
  | 'caught-up-in-window'
  | 'lag-growing'
  | 'keeping-up';

export type PartitionStatusVerdict = {
  status: LagStatus;
  rule: PartitionStatusRule;
};

export const DEFAULT_STOPPED_AFTER_MS = 5 * 60_000;

type Complete = Required<PartitionObservation>;

/**
 * The status of a group on one partition over a window, in the spirit of Burrow's consumer
 * lag evaluation rules. The rules, applied in this order (the first that matches decides):
 *
 * 1. ERROR (`offsets-unavailable`): the newest observation lacks the end or committed offset.
 * 2. OK (`caught-up`): the newest lag is 0.
 * 3. OK (`too-few-observations`): fewer than 2 complete observations; nothing to compare.
 * 4. If the committed offset did not move across the window (and lag > 0):
 *    STOPPED (`no-members`) when the group has no members; STOPPED (`commits-stale`) when it
 *    has not moved for `stoppedAfterMs`; otherwise STALLED (`commits-stuck`): members hold
 *    the partition but do not commit.
 * 5. OK (`caught-up-in-window`): the lag was 0 at some point in the window (Burrow's rule:
 *    a consumer that catches up between bursts is healthy).
 * 6. WARNING (`lag-growing`): commits move but the lag never shrank between two
 *    observations and is larger at the end of the window than at its start.
 * 7. OK (`keeping-up`): commits move and the lag is not growing.
 *
 * Lag is end offset minus committed offset, clamped at 0 (the committed offset can be read
 * after a newer end offset within one poll).
 */
export function evaluatePartitionStatus(
  input: PartitionStatusInput,
): PartitionStatusVerdict {
  const { observations, hasMembers, now } = input;
  const stoppedAfterMs = input.stoppedAfterMs ?? DEFAULT_STOPPED_AFTER_MS;
  const newest = observations[observations.length - 1];
  if (
    !newest ||
    newest.endOffset === undefined ||
    newest.committedOffset === undefined
  ) {
    return { status: 'ERROR', rule: 'offsets-unavailable' };
  }
  const lagOf = (o: Complete) => Math.max(0, o.endOffset - o.committedOffset);
  if (lagOf(newest as Complete) === 0) {
    return { status: 'OK', rule: 'caught-up' };
  }

  const complete = observations.filter(
    (o): o is Complete =>
      o.endOffset !== undefined && o.committedOffset !== undefined,
  );
  if (complete.length < 2) {
    return { status: 'OK', rule: 'too-few-observations' };
  }

  const first = complete[0];
  const last = complete[complete.length - 1];
  const commitsMoved = complete.some(
    o => o.committedOffset !== last.committedOffset,
  );
  if (!commitsMoved) {
    if (!hasMembers) {
      return { status: 'STOPPED', rule: 'no-members' };
    }
    const stillSince = input.lastCommitMovedAt ?? first.time;
    if (now - stillSince >= stoppedAfterMs) {
      return { status: 'STOPPED', rule: 'commits-stale' };
    }
    return { status: 'STALLED', rule: 'commits-stuck' };
  }

  const lags = complete.map(lagOf);
  if (lags.some(lag => lag === 0)) {
    return { status: 'OK', rule: 'caught-up-in-window' };
  }
  const neverShrank = lags.every((lag, i) => i === 0 || lag >= lags[i - 1]);
  if (neverShrank && lags[lags.length - 1] > lags[0]) {
    return { status: 'WARNING', rule: 'lag-growing' };
  }
  return { status: 'OK', rule: 'keeping-up' };
}
