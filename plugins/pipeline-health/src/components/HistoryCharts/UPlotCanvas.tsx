import { useEffect, useRef } from 'react';
import UPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { HistoryPoint } from '@plinth/plugin-pipeline-health-common';
import { toUPlotData, type ChartSeries } from './chartData';

const HEIGHT = 220;

function optionsFor(series: ChartSeries[], width: number): UPlot.Options {
  const units = [...new Set(series.map(s => s.unit))];
  const formatOf = (unit: string) => series.find(s => s.unit === unit)!.format;
  return {
    width,
    height: HEIGHT,
    // uPlot's own legend is visual only; the aria-label and the table carry the numbers.
    legend: { show: true, live: true },
    scales: Object.fromEntries(units.map(unit => [unit, { auto: true }])),
    series: [
      {},
      ...series.map(s => ({
        label: s.label,
        scale: s.unit,
        stroke: s.color,
        width: 2,
        value: (_u: UPlot, v: number | null) =>
          v === null ? '–' : s.format(v),
      })),
    ],
    axes: [
      {},
      ...units.map((unit, i) => ({
        scale: unit,
        side: i === 0 ? 3 : 1,
        grid: { show: i === 0 },
        size: 70,
        values: (_u: UPlot, ticks: number[]) => ticks.map(formatOf(unit)),
      })),
    ],
  };
}

/**
 * The canvas chart, in its own module so uPlot (and its CSS) is fetched only when a chart
 * is on screen. Redrawn in place on new data; resized with its container.
 */
export default function UPlotCanvas({
  points,
  series,
}: {
  points: HistoryPoint[];
  series: ChartSeries[];
}) {
  const container = useRef<HTMLDivElement>(null);
  const plot = useRef<UPlot>();
  const seriesRef = useRef(series);
  seriesRef.current = series;

  useEffect(() => {
    const element = container.current;
    if (!element) return undefined;
    plot.current = new UPlot(
      optionsFor(seriesRef.current, element.clientWidth || 600),
      toUPlotData([], seriesRef.current),
      element,
    );
    const observer = new ResizeObserver(() => {
      plot.current?.setSize({ width: element.clientWidth, height: HEIGHT });
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      plot.current?.destroy();
      plot.current = undefined;
    };
  }, []);

  useEffect(() => {
    plot.current?.setData(toUPlotData(points, series));
  }, [points, series]);

  return <div ref={container} aria-hidden="true" />;
}
