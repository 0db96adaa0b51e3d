import { useEffect, useRef } from 'react';
import UPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { toUPlotData, xRangeOfData, type TrendSeries } from './trendData';

const HEIGHT = 260;

function optionsFor(series: TrendSeries[], width: number): UPlot.Options {
  return {
    width,
    height: HEIGHT,
    legend: { show: true },
    scales: {
      x: {
        time: true,
        range: (u, min, max) => xRangeOfData(u.data[0], min, max),
      },
      pct: { range: [0, 100] },
    },
    series: [
      {},
      ...series.map(s => ({
        label: s.label,
        scale: 'pct',
        stroke: s.color,
        width: 2,
        spanGaps: true,
        value: (_u: UPlot, v: number | null) =>
          v === null ? '–' : `${Math.round(v)} %`,
      })),
    ],
    axes: [
      {},
      {
        scale: 'pct',
        values: (_u: UPlot, ticks: number[]) => ticks.map(t => `${t} %`),
      },
    ],
  };
}

/**
 * The canvas chart, in its own module so uPlot (and its CSS) loads only when the trend is
 * on screen. Rebuilt when the set of series changes (uPlot fixes its series at creation).
 */
export default function UPlotTrend({ series }: { series: TrendSeries[] }) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (!element) return undefined;
    const plot = new UPlot(
      optionsFor(series, element.clientWidth || 600),
      toUPlotData(series) as UPlot.AlignedData,
      element,
    );
    const observer = new ResizeObserver(() => {
      plot.setSize({ width: element.clientWidth, height: HEIGHT });
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [series]);
  return <div ref={container} aria-hidden="true" />;
}
