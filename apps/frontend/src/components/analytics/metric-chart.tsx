'use client';

import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { MetricSeries } from '../../lib/api-types';
import styles from './analytics.module.css';

const HEIGHT = 160;
const DAY_MS = 86_400_000;

function cssVar(element: HTMLElement, name: string, fallback: string): string {
  return getComputedStyle(element).getPropertyValue(name).trim() || fallback;
}

/** One metric over the period as a uPlot line chart, redrawn at the card's width. */
export function MetricChart({ series, days }: { series: MetricSeries; days: number }) {
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const xs = series.points.map((p) => Date.parse(`${p.date}T00:00:00Z`) / 1000);
    const ys = series.points.map((p) => p.value);
    const stroke = cssVar(element, '--accent', '#4f46e5');
    // Neutral greys read on both themes, so a theme switch needs no redraw.
    const grid = 'rgba(128, 136, 150, 0.28)';
    const text = 'rgba(128, 136, 150, 0.95)';
    // The whole period on the x axis, whatever days have figures (a new channel has one point: it sits at today).
    const today = Math.floor(Date.now() / DAY_MS) * (DAY_MS / 1000);
    const range: uPlot.Range.MinMax = [today - (days - 1) * 86_400 - 43_200, today + 43_200];
    const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    const chart = new uPlot(
      {
        width: Math.max(200, element.clientWidth),
        height: HEIGHT,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true, range: () => range } },
        axes: [axis, { ...axis, size: 56 }],
        series: [{}, { label: series.label, stroke, width: 2, fill: `${stroke}22`, points: { show: xs.length < 2 } }],
      },
      [xs, ys],
      element,
    );
    const observer = new ResizeObserver(() => chart.setSize({ width: Math.max(200, element.clientWidth), height: HEIGHT }));
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.destroy();
    };
  }, [series, days]);

  return <div ref={host} className={styles.chart} data-chart={series.metric} role="img" aria-label={`${series.label} per day`} />;
}
