// The publish-lateness histogram is bucketed by Postgres, not observed in this process, so it is written in the
// Prometheus text format here instead of through prom-client's Histogram (which only takes single observations).

export interface HistogramSeries {
  labels: Record<string, string>;
  /** Upper bounds, ascending; `+Inf` is added. */
  bounds: readonly number[];
  /** Cumulative counts, one per bound. */
  cumulative: readonly number[];
  count: number;
  sum: number;
}

export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function labelText(labels: Record<string, string>): string {
  const pairs = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabelValue(v)}"`);
  return pairs.length === 0 ? '' : `{${pairs.join(',')}}`;
}

export function formatHistogram(name: string, help: string, series: readonly HistogramSeries[]): string {
  const lines = [`# HELP ${name} ${help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`, `# TYPE ${name} histogram`];
  for (const s of series) {
    s.bounds.forEach((bound, i) => {
      lines.push(`${name}_bucket${labelText({ ...s.labels, le: String(bound) })} ${s.cumulative[i] ?? 0}`);
    });
    lines.push(`${name}_bucket${labelText({ ...s.labels, le: '+Inf' })} ${s.count}`);
    lines.push(`${name}_sum${labelText(s.labels)} ${s.sum}`);
    lines.push(`${name}_count${labelText(s.labels)} ${s.count}`);
  }
  return `${lines.join('\n')}\n`;
}
