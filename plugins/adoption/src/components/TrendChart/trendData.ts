/** One line of the trend chart: a team's % passing per day. */
export type TrendSeries = {
  label: string;
  color: string;
  /** By day (YYYY-MM-DD). */
  values: Record<string, number | undefined>;
};

const PALETTE = [
  '#1f77b4',
  '#d62728',
  '#2ca02c',
  '#9467bd',
  '#ff7f0e',
  '#17becf',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
];

export const colorOf = (index: number) => PALETTE[index % PALETTE.length];

/** Every day any series has a value for, sorted. */
export function daysOf(series: TrendSeries[]): string[] {
  return [...new Set(series.flatMap(s => Object.keys(s.values)))].sort();
}

/** uPlot's columnar data: x in epoch seconds (UTC midnight), one column per series. */
export function toUPlotData(
  series: TrendSeries[],
): Array<Array<number | null>> {
  const days = daysOf(series);
  return [
    days.map(day => Date.parse(`${day}T00:00:00Z`) / 1_000),
    ...series.map(s => days.map(day => s.values[day] ?? null)),
  ];
}

const DAY_SECONDS = 86_400;

/**
 * The x range of the chart: the days shown with half a day on each side, and a week
 * around a single day. uPlot's own range for one time value spans from the epoch, so a
 * team's first day of scores was drawn in January 1970.
 */
export function xRangeOf(min: number, max: number): [number, number] {
  if (min === max) {
    return [min - 3 * DAY_SECONDS, max + 3 * DAY_SECONDS];
  }
  return [min - DAY_SECONDS / 2, max + DAY_SECONDS / 2];
}

/**
 * The x range from the chart's own x values (sorted epoch seconds), not from the min and
 * max uPlot hands its range callback: for a single day those are already padded by uPlot
 * (by a thousand days: a millisecond day on a scale in seconds), which drew one day of
 * scores at the left edge of an axis running almost three years into the future.
 */
export function xRangeOfData(
  xs: ArrayLike<number>,
  uPlotMin: number,
  uPlotMax: number,
): [number, number] {
  if (xs.length === 0) {
    return [uPlotMin, uPlotMax];
  }
  return xRangeOf(xs[0], xs[xs.length - 1]);
}

/** What a screen reader hears instead of the canvas: each team's first and last value. */
export function describeTrend(series: TrendSeries[]): string {
  const days = daysOf(series);
  if (days.length === 0) {
    return 'Trend: no data yet.';
  }
  const parts = series.map(s => {
    const known = days.filter(d => s.values[d] !== undefined);
    if (known.length === 0) {
      return `${s.label}: no data`;
    }
    const first = known[0];
    const last = known[known.length - 1];
    return `${s.label}: ${Math.round(
      s.values[first]!,
    )} % on ${first}, ${Math.round(s.values[last]!)} % on ${last}`;
  });
  return `Trend of % passing from ${days[0]} to ${
    days[days.length - 1]
  }. ${parts.join('; ')}.`;
}
