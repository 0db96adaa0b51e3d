import type { HistoryPoint } from '@plinth/plugin-pipeline-health-common';
import { formatCount } from '../../format';

/** The numeric fields of a history point that can be drawn. */
export type HistoryField = Exclude<keyof HistoryPoint, 'at'>;

export type ChartSeries = {
  field: HistoryField;
  label: string;
  /** Series with the same unit share a y axis. */
  unit: string;
  format: (value: number) => string;
  color: string;
};

export type SeriesSummary = {
  series: ChartSeries;
  latest?: number;
  min?: number;
  max?: number;
  /** Points with a value. */
  count: number;
};

/** Latest, min and max of one series over the points (gaps skipped). */
export function summarise(
  points: HistoryPoint[],
  series: ChartSeries,
): SeriesSummary {
  let latest: number | undefined;
  let min: number | undefined;
  let max: number | undefined;
  let count = 0;
  for (const point of points) {
    const value = point[series.field];
    if (value === undefined || !Number.isFinite(value)) continue;
    latest = value;
    min = min === undefined ? value : Math.min(min, value);
    max = max === undefined ? value : Math.max(max, value);
    count += 1;
  }
  return { series, latest, min, max, count };
}

/** The sentence a screen reader hears for a chart: range, then latest, min and max per series. */
export function describeChart(
  title: string,
  rangeLabel: string,
  points: HistoryPoint[],
  series: ChartSeries[],
): string {
  const parts = series.map(s => {
    const summary = summarise(points, s);
    if (summary.count === 0) return `${s.label}: no data`;
    return `${s.label}: latest ${s.format(summary.latest!)}, min ${s.format(
      summary.min!,
    )}, max ${s.format(summary.max!)}`;
  });
  return `${title} over the last ${rangeLabel}, ${formatCount(
    points.length,
  )} points. ${parts.join('; ')}.`;
}

/**
 * uPlot's columnar data: x in Unix seconds, then one array per series with null for gaps
 * (uPlot draws a break there instead of a misleading line).
 */
export function toUPlotData(
  points: HistoryPoint[],
  series: ChartSeries[],
): [number[], ...(number | null)[][]] {
  const xs = points.map(p => Date.parse(p.at) / 1_000);
  const ys = series.map(s =>
    points.map(p => {
      const value = p[s.field];
      return value === undefined || !Number.isFinite(value) ? null : value;
    }),
  );
  return [xs, ...ys];
}
