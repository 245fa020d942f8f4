import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { STEP_TICK_INCREMENTS, toColumns, type Series } from '../chart-data';

export type { Series } from '../chart-data';

const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2'];

/**
 * A line chart of metric series against their step (uPlot: a small canvas
 * chart that redraws thousands of points in a millisecond). New points are
 * drawn as they arrive, without rebuilding the chart.
 */
export function LineChart({ series, title }: { series: Series[]; title: string }) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | undefined>(undefined);
  const names = series.map((s) => s.name).join('\n');
  useEffect(() => {
    if (!host.current) return;
    const width = () => Math.max(280, host.current!.clientWidth);
    const plot = new uPlot(
      {
        title,
        width: width(),
        height: 240,
        scales: { x: { time: false } },
        series: [
          { label: 'step' },
          ...series.map((s, i) => ({
            label: s.name,
            stroke: COLORS[i % COLORS.length],
            width: 2,
            spanGaps: true,
            points: { show: s.points.length < 60 },
          })),
        ],
        axes: [{ label: 'step', incrs: STEP_TICK_INCREMENTS }, {}],
      },
      toColumns(series),
      host.current,
    );
    chart.current = plot;
    const resize = new ResizeObserver(() => plot.setSize({ width: width(), height: 240 }));
    resize.observe(host.current);
    return () => {
      resize.disconnect();
      plot.destroy();
      chart.current = undefined;
    };
    // A new chart only when the set of series changes; new points go through setData below.
  }, [names, title]);
  useEffect(() => {
    chart.current?.setData(toColumns(series));
  }, [series]);
  const count = series.reduce((n, s) => n + s.points.length, 0);
  return <div class="chart" ref={host} data-points={count} aria-label={`${title}: ${count} points`} />;
}
