import {
  describeChart,
  summarise,
  toUPlotData,
  type ChartSeries,
} from './chartData';

const lag: ChartSeries = {
  field: 'lagMessages',
  label: 'Lag (messages)',
  unit: 'messages',
  format: v => `${v} msg`,
  color: '#000',
};

const points = [
  { at: '2026-11-30T12:00:00.000Z', lagMessages: 5 },
  { at: '2026-11-30T12:01:00.000Z' },
  { at: '2026-11-30T12:02:00.000Z', lagMessages: 2 },
];

describe('chartData', () => {
  it('summarises latest, min and max, skipping gaps', () => {
    expect(summarise(points, lag)).toMatchObject({
      latest: 2,
      min: 2,
      max: 5,
      count: 2,
    });
  });

  it('describes the chart for screen readers, counts with separators', () => {
    expect(describeChart('Consumer lag', '1 hour', points, [lag])).toBe(
      'Consumer lag over the last 1 hour, 3 points. Lag (messages): latest 2 msg, min 2 msg, max 5 msg.',
    );
    expect(describeChart('Consumer lag', '1 hour', [], [lag])).toBe(
      'Consumer lag over the last 1 hour, 0 points. Lag (messages): no data.',
    );
    const day = Array.from({ length: 17_280 }, (_, i) => ({
      at: new Date(i * 5_000).toISOString(),
      lagMessages: i,
    }));
    expect(describeChart('Consumer lag', '24 hours', day, [lag])).toBe(
      'Consumer lag over the last 24 hours, 17,280 points. Lag (messages): latest 17279 msg, min 0 msg, max 17279 msg.',
    );
  });

  it('gives uPlot seconds on x and null for gaps', () => {
    expect(toUPlotData(points, [lag])).toEqual([
      [1796040000, 1796040060, 1796040120],
      [5, null, 2],
    ]);
  });
});
