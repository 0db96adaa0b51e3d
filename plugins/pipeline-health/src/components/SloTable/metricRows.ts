import {
  SLO_DEFINITIONS,
  type PipelineStatus,
  type PipelineSummary,
  type SloKind,
  type SloResult,
  type SloWindow,
} from '@plinth/plugin-pipeline-health-common';
import {
  formatCount,
  formatDurationMs,
  formatRate,
  formatSloValue,
} from '../../format';

/** One line of a pipeline's numbers: what was measured, against which objective. */
export type MetricRow = {
  id: string;
  label: string;
  value: string;
  /** "< 100 ms", or "no objective" for numbers without an SLO (events/s). */
  objective: string;
  /** Undefined for numbers without an SLO. */
  status?: PipelineStatus;
  window?: SloWindow;
};

const sloOf = (summary: PipelineSummary, kind: SloKind) =>
  summary.slos.find(s => s.objective === kind);

const objectiveOf = (slo: SloResult | undefined) =>
  slo ? `< ${formatSloValue(slo.target, slo.unit)}` : 'not configured';

const sloRow = (
  summary: PipelineSummary,
  kind: SloKind,
  label: string,
  value: string | undefined,
): MetricRow => {
  const slo = sloOf(summary, kind);
  return {
    id: kind,
    label,
    value:
      value ??
      (slo?.value !== undefined
        ? formatSloValue(slo.value, slo.unit)
        : 'no data'),
    objective: objectiveOf(slo),
    status: slo?.status ?? 'no-data',
    window: slo?.window,
  };
};

/**
 * The card's and the detail header's numbers in reading order: lag (messages and
 * seconds), ingestion P99, events/s, freshness, query P99, dead letters. The SLO result is
 * the judge; extra context (messages, per-minute rates) comes from the panels.
 */
export function metricRows(summary: PipelineSummary): MetricRow[] {
  const lag = summary.kafka?.lag;
  const metrics = summary.clickhouse?.metrics;
  const lagSlo = sloOf(summary, 'consumerLag');
  const lagParts: string[] = [];
  if (lag) lagParts.push(`${formatCount(lag.offsetLag)} messages`);
  if (lagSlo?.value !== undefined)
    lagParts.push(formatDurationMs(lagSlo.value));
  else if (lag?.maxLagSeconds !== undefined)
    lagParts.push(formatDurationMs(lag.maxLagSeconds * 1_000));
  const deadSlo = sloOf(summary, 'deadLetterRatio');
  const deadParts: string[] = [];
  if (deadSlo?.value !== undefined)
    deadParts.push(formatSloValue(deadSlo.value, 'ratio'));
  if (metrics)
    deadParts.push(`${formatRate(metrics.deadLettersPerMinute)}/min`);

  return [
    sloRow(
      summary,
      'consumerLag',
      'Consumer lag',
      lagParts.length ? lagParts.join(' · ') : undefined,
    ),
    sloRow(
      summary,
      'ingestionP99',
      SLO_DEFINITIONS.ingestionP99.title,
      undefined,
    ),
    {
      id: 'eventsPerSecond',
      label: 'Events per second',
      value: metrics ? formatRate(metrics.eventsPerSecond) : 'no data',
      objective: 'no objective',
    },
    sloRow(summary, 'freshness', SLO_DEFINITIONS.freshness.title, undefined),
    sloRow(summary, 'queryP99', SLO_DEFINITIONS.queryP99.title, undefined),
    sloRow(
      summary,
      'deadLetterRatio',
      SLO_DEFINITIONS.deadLetterRatio.title,
      deadParts.length ? deadParts.join(' · ') : undefined,
    ),
  ];
}
