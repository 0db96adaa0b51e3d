import {
  emptyLagStatusCounts,
  LAG_STATUSES,
  worseLagStatus,
  type LagSummary,
} from '@plinth/plugin-pipeline-health-common';

/**
 * One summary over several (a pipeline's consumer groups): lags and counts add up, the
 * worst status and the largest lag in seconds win. Undefined for no summaries, so a
 * pipeline without numbers does not look like one with zero lag.
 */
export function sumLagSummaries(
  summaries: readonly LagSummary[],
): LagSummary | undefined {
  if (summaries.length === 0) {
    return undefined;
  }
  const total: LagSummary = {
    offsetLag: 0,
    status: 'OK',
    statusCounts: emptyLagStatusCounts(),
    partitionCount: 0,
  };
  for (const summary of summaries) {
    total.offsetLag += summary.offsetLag;
    total.partitionCount += summary.partitionCount;
    total.status = worseLagStatus(total.status, summary.status);
    for (const status of LAG_STATUSES) {
      total.statusCounts[status] += summary.statusCounts[status];
    }
    if (
      summary.maxLagSeconds !== undefined &&
      (total.maxLagSeconds === undefined ||
        summary.maxLagSeconds > total.maxLagSeconds)
    ) {
      total.maxLagSeconds = summary.maxLagSeconds;
    }
  }
  return total;
}
