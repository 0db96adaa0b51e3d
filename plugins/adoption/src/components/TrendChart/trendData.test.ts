import {
  describeTrend,
  toUPlotData,
  xRangeOf,
  xRangeOfData,
} from './trendData';

const series = [
  {
    label: 'Billing',
    color: '#000',
    values: { '2026-11-29': 80, '2026-11-30': 90 },
  },
  { label: 'Growth', color: '#111', values: { '2026-11-30': 50 } },
];

describe('trend data', () => {
  it('puts each day at UTC midnight in epoch seconds, with gaps as null', () => {
    expect(toUPlotData(series)).toEqual([
      [Date.UTC(2026, 10, 29) / 1000, Date.UTC(2026, 10, 30) / 1000],
      [80, 90],
      [null, 50],
    ]);
  });

  it('shows a single day around that day, not from 1970', () => {
    const day = Date.UTC(2026, 10, 30) / 1000;
    const [min, max] = xRangeOf(day, day);
    expect(min).toBeLessThan(day);
    expect(max).toBeGreaterThan(day);
    expect(max - min).toBe(6 * 86_400);
  });

  it('pads several days by half a day on each side', () => {
    expect(xRangeOf(0, 86_400)).toEqual([-43_200, 129_600]);
  });

  it('takes the range from the x values, not from the padded min and max uPlot passes', () => {
    const day = Date.parse('2026-11-30T00:00:00Z') / 1_000;
    // What uPlot passed for one day: the day and a thousand days later.
    expect(xRangeOfData([day], day, day + 1_000 * 86_400)).toEqual([
      day - 3 * 86_400,
      day + 3 * 86_400,
    ]);
    expect(xRangeOfData([day, day + 86_400], 0, 1)).toEqual([
      day - 43_200,
      day + 86_400 + 43_200,
    ]);
    expect(xRangeOfData([], 5, 7)).toEqual([5, 7]);
  });

  it('describes each team from its first to its last day', () => {
    expect(describeTrend(series)).toBe(
      'Trend of % passing from 2026-11-29 to 2026-11-30. Billing: 80 % on 2026-11-29, 90 % on 2026-11-30; Growth: 50 % on 2026-11-30, 50 % on 2026-11-30.',
    );
  });
});
