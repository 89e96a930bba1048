import { escapeHtml } from './escape.js';
import { linearScale, logScale, type Scale } from './scale.js';
import { dash, marker, markerShape, px, svgOpen, textWidth, xAxis, yAxis } from './svg.js';

export interface LinePoint {
  readonly x: number;
  readonly y: number;
  /** Tooltip / screen-reader text of the point. */
  readonly text: string;
}

export interface LineSeries {
  readonly label: string;
  readonly points: readonly LinePoint[];
}

export interface LineChartSpec {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly xFormat: (v: number) => string;
  readonly yFormat: (v: number) => string;
  /** `log` for batch sizes (1 … 10 000); ticks are the x values that occur. */
  readonly xScale: 'linear' | 'log';
  readonly series: readonly LineSeries[];
  /** A dashed horizontal reference line, e.g. 100% efficiency. */
  readonly reference?: { readonly y: number; readonly label: string };
}

const LAYOUT = { width: 640, height: 280, left: 78, right: 24, top: 30, bottom: 46 } as const;

/** A line chart: one line per series, each with its own marker shape and dash, labelled at its last point. */
export function renderLineChart(spec: LineChartSpec): string {
  const { width, height, left, right, top, bottom } = LAYOUT;
  const labelRoom = Math.min(150, Math.max(0, ...spec.series.map((s) => textWidth(s.label) + 14)));
  const all = spec.series.flatMap((s) => s.points).filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const xValues = [...new Set(all.map((p) => p.x))].sort((a, b) => a - b);
  const xRange: [number, number] = [left + 10, width - right - labelRoom];
  const xScale: Scale = fixedTicks(
    spec.xScale === 'log' && xValues.length > 0 && (xValues[0] ?? 0) > 0
      ? logScale(Math.min(...xValues), Math.max(...xValues, (xValues[0] ?? 1) * 10), xRange)
      : linearScale(Math.min(0, ...xValues), Math.max(1, ...xValues), xRange),
    xValues,
  );
  const maxY = Math.max(spec.reference?.y ?? 0, ...all.map((p) => p.y));
  const yScale = linearScale(0, maxY > 0 ? maxY * 1.05 : 1, [height - bottom, top]);
  const parts: string[] = [svgOpen(spec.id, width, height, spec.title, spec.description)];
  parts.push(xAxis(xScale, height - bottom, top, spec.xLabel + (spec.xScale === 'log' ? ' (log scale)' : ''), spec.xFormat));
  parts.push(yAxis(yScale, left, width - right, spec.yLabel, spec.yFormat));
  if (spec.reference) {
    const y = yScale.position(spec.reference.y);
    parts.push(`<line class="reference" x1="${left}" x2="${px(width - right)}" y1="${px(y)}" y2="${px(y)}"/>`);
    parts.push(`<text class="reference-label" x="${px(width - right)}" y="${px(y - 5)}" text-anchor="end">${escapeHtml(spec.reference.label)}</text>`);
  }
  parts.push(legend(spec.series, left));
  const ends: { y: number; index: number }[] = [];
  spec.series.forEach((series, s) => {
    const points = series.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y)).sort((a, b) => a.x - b.x);
    if (points.length === 0) return;
    parts.push(`<g class="series" data-series="${escapeHtml(series.label)}">`);
    if (points.length > 1) {
      const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${px(xScale.position(p.x))} ${px(yScale.position(p.y))}`).join('');
      const dashes = dash(s);
      parts.push(`<path class="series-line line-${s % 5}" d="${d}"${dashes ? ` stroke-dasharray="${dashes}"` : ''}/>`);
    }
    for (const p of points) parts.push(marker(markerShape(s), xScale.position(p.x), yScale.position(p.y), 4.5, `class="point line-${s % 5}" data-series="${escapeHtml(series.label)}"`, `${series.label}: ${p.text}`));
    parts.push('</g>');
    const last = points[points.length - 1];
    if (last) ends.push({ y: yScale.position(last.y), index: s });
  });
  // End-of-line labels name each line directly, nudged apart so they never overlap.
  ends.sort((a, b) => a.y - b.y);
  let previous = -Infinity;
  for (const end of ends) {
    const y = Math.max(end.y, previous + 13);
    previous = y;
    const series = spec.series[end.index];
    const last = series?.points.filter((p) => Number.isFinite(p.y)).sort((a, b) => a.x - b.x).at(-1);
    if (!series || !last) continue;
    parts.push(`<text class="end-label" x="${px(xScale.position(last.x) + 9)}" y="${px(y)}" dominant-baseline="middle">${escapeHtml(series.label)}</text>`);
  }
  parts.push('</svg>');
  return parts.join('');
}

function fixedTicks(scale: Scale, ticks: readonly number[]): Scale {
  return ticks.length > 0 ? { ...scale, ticks } : scale;
}

function legend(series: readonly LineSeries[], x: number): string {
  let cursor = x;
  const parts = ['<g class="legend">'];
  series.forEach((s, i) => {
    const dashes = dash(i);
    parts.push(`<line class="series-line line-${i % 5}" x1="${px(cursor)}" x2="${px(cursor + 22)}" y1="10" y2="10"${dashes ? ` stroke-dasharray="${dashes}"` : ''}/>`);
    parts.push(marker(markerShape(i), cursor + 11, 10, 4, `class="legend-marker line-${i % 5}"`, s.label));
    parts.push(`<text class="legend-label" x="${px(cursor + 27)}" y="10" dominant-baseline="middle">${escapeHtml(s.label)}</text>`);
    cursor += 27 + textWidth(s.label) + 16;
  });
  parts.push('</g>');
  return parts.join('');
}
