import { escapeHtml } from './escape.js';
import { linearScale, logScale, type Scale } from './scale.js';
import { dash, marker, markerShape, px, SERIES_STYLES, svgOpen, textWidth, xAxis, yAxis } from './svg.js';

export interface LinePoint {
  readonly x: number;
  readonly y: number;
  /** Tooltip / screen-reader text of the point. */
  readonly text: string;
  /** An interval around y, drawn as a band behind the line. */
  readonly lower?: number;
  readonly upper?: number;
  /** Drawn hollow and left out of the line (an outlier the reader should see but not follow). */
  readonly hollow?: boolean;
}

/** A vertical line at x across the plot, e.g. where a series changed. */
export interface LineMark {
  readonly x: number;
  /** Tooltip text. */
  readonly text: string;
  /** Extra class on the mark (`regression`, `improvement`, …). */
  readonly kind: string;
  /** A short label at the top of the mark (e.g. `+10.6%`). */
  readonly label?: string;
}

export interface LineSeries {
  readonly label: string;
  readonly points: readonly LinePoint[];
  /** Marker, dash and colour index; defaults to the series' position. Keep it per name so a variant looks the same in every chart. */
  readonly style?: number;
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
  /** Where x ticks go: at the x values that occur (`data`, the default: worker counts, batch sizes) or at round steps (`nice`: time). */
  readonly xSpacing?: 'data' | 'nice';
  /** Markers at every point (the default) or only at each line's last one (dense series such as samples over time). */
  readonly markers?: 'all' | 'last';
  readonly series: readonly LineSeries[];
  /** A dashed horizontal reference line, e.g. 100% efficiency. */
  readonly reference?: { readonly y: number; readonly label: string };
  /** Vertical marks across the plot. */
  readonly marks?: readonly LineMark[];
  /** `data`: the y axis spans the points (bands are cut at its edges) instead of starting at zero. */
  readonly yFit?: 'zero' | 'data';
  /** x ticks to label, the axis spanning exactly the x values (commit positions); default every x value that occurs, on a nice axis from 0. */
  readonly xTicks?: readonly number[];
  /** Without a legend and end labels (a chart of one series named by its caption). */
  readonly compact?: boolean;
  readonly plotHeight?: number;
}

const LAYOUT = { width: 640, plotHeight: 204, left: 78, right: 24, legendRow: 18, bottom: 46, gap: 8 } as const;

/** The band of a run of points that have intervals: upper edge left to right, lower edge back. */
function bandPath(points: readonly LinePoint[], x: (v: number) => number, y: (v: number) => number): string {
  const paths: string[] = [];
  let run: LinePoint[] = [];
  const flush = () => {
    if (run.length > 1) {
      const upper = run.map((p, i) => `${i === 0 ? 'M' : 'L'}${px(x(p.x))} ${px(y(p.upper as number))}`).join('');
      const lower = [...run].reverse().map((p) => `L${px(x(p.x))} ${px(y(p.lower as number))}`).join('');
      paths.push(`${upper}${lower}Z`);
    }
    run = [];
  };
  for (const point of points) {
    if (point.lower !== undefined && point.upper !== undefined && Number.isFinite(point.lower) && Number.isFinite(point.upper)) run.push(point);
    else flush();
  }
  flush();
  return paths.join('');
}

interface LegendItem {
  readonly x: number;
  readonly row: number;
  readonly series: LineSeries;
  readonly style: number;
}

/** Legend entries left to right, wrapping to a new row before the right edge. */
export function legendLayout(series: readonly LineSeries[], left: number, right: number): LegendItem[] {
  const items: LegendItem[] = [];
  let cursor = left;
  let row = 0;
  series.forEach((s, position) => {
    const width = 27 + textWidth(s.label) + 16;
    if (cursor + width > right && cursor > left) {
      row += 1;
      cursor = left;
    }
    items.push({ x: cursor, row, series: s, style: s.style ?? position });
    cursor += width;
  });
  return items;
}

/**
 * Vertical positions for end-of-line labels: each label keeps `gap` from the next,
 * and each run of labels that had to be pushed apart is centred on its points
 * (so a stack of labels stays beside the points it names).
 */
export function dodgeLabels(ys: readonly number[], gap: number, top: number, bottom: number): number[] {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y);
  const clusters: { items: { y: number; i: number }[]; start: number }[] = [];
  for (const item of order) {
    const last = clusters[clusters.length - 1];
    if (last && last.start + last.items.length * gap > item.y) last.items.push(item);
    else clusters.push({ items: [item], start: item.y });
    // Re-centre the cluster, then merge with the one above while they overlap.
    for (let c = clusters.length - 1; c >= 0; c--) {
      const cluster = clusters[c];
      if (!cluster) break;
      const mean = cluster.items.reduce((sum, it) => sum + it.y, 0) / cluster.items.length;
      cluster.start = mean - ((cluster.items.length - 1) * gap) / 2;
      const above = clusters[c - 1];
      if (!above || above.start + above.items.length * gap <= cluster.start) break;
      above.items.push(...cluster.items);
      clusters.splice(c, 1);
    }
  }
  const out = new Array<number>(ys.length).fill(0);
  for (const cluster of clusters) {
    const height = (cluster.items.length - 1) * gap;
    const start = Math.min(Math.max(cluster.start, top), bottom - height);
    cluster.items.forEach((item, k) => (out[item.i] = start + k * gap));
  }
  return out;
}

/** A line chart: one line per series, each with its own marker shape, dash and colour, labelled at its last point. */
export function renderLineChart(spec: LineChartSpec): string {
  const { width, left, right, bottom } = LAYOUT;
  const compact = spec.compact === true;
  const labelRoom = compact ? 0 : Math.min(150, Math.max(0, ...spec.series.map((s) => textWidth(s.label) + 14)));
  const legend = compact ? [] : legendLayout(spec.series, left, width - right);
  const top = compact ? 10 : 8 + (Math.max(0, ...legend.map((item) => item.row)) + 1) * LAYOUT.legendRow + LAYOUT.gap;
  const height = top + (spec.plotHeight ?? LAYOUT.plotHeight) + bottom;
  const all = spec.series.flatMap((s) => s.points).filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const xValues = [...new Set(all.map((p) => p.x))].sort((a, b) => a - b);
  const xRange: [number, number] = [left + 10, width - right - labelRoom];
  const scale =
    spec.xScale === 'log' && xValues.length > 0 && (xValues[0] ?? 0) > 0
      ? logScale(Math.min(...xValues), Math.max(...xValues, (xValues[0] ?? 1) * 10), xRange)
      : spec.xTicks
        ? linearScale(Math.min(...xValues), Math.max(...xValues), xRange, 5, 1, 'exact')
        : linearScale(Math.min(0, ...xValues), Math.max(1, ...xValues), xRange);
  const xScale: Scale = spec.xSpacing === 'nice' ? scale : fixedTicks(scale, spec.xTicks ?? xValues);
  const yScale = spec.yFit === 'data' ? fittedYScale(all, [height - bottom, top]) : zeroYScale(Math.max(spec.reference?.y ?? 0, ...all.map((p) => p.y)), [height - bottom, top]);
  const parts: string[] = [svgOpen(spec.id, width, height, spec.title, spec.description)];
  parts.push(xAxis(xScale, height - bottom, top, spec.xLabel + (spec.xScale === 'log' ? ' (log scale)' : ''), spec.xFormat));
  parts.push(yAxis(yScale, left, width - right, spec.yLabel, spec.yFormat));
  if (spec.reference) {
    const y = yScale.position(spec.reference.y);
    parts.push(`<line class="reference" x1="${left}" x2="${px(width - right)}" y1="${px(y)}" y2="${px(y)}"/>`);
    parts.push(`<text class="reference-label" x="${px(width - right)}" y="${px(y - 5)}" text-anchor="end">${escapeHtml(spec.reference.label)}</text>`);
  }
  if (legend.length > 0) parts.push(renderLegend(legend));
  for (const mark of spec.marks ?? []) {
    const x = xScale.position(mark.x);
    parts.push(`<line class="mark ${escapeHtml(mark.kind)}" x1="${px(x)}" x2="${px(x)}" y1="${px(top)}" y2="${px(height - bottom)}"><title>${escapeHtml(mark.text)}</title></line>`);
    if (mark.label) parts.push(`<text class="mark-label ${escapeHtml(mark.kind)}" x="${px(x + 4)}" y="${px(top + 10)}">${escapeHtml(mark.label)}</text>`);
  }
  const ends: { x: number; y: number; label: string }[] = [];
  spec.series.forEach((series, position) => {
    const s = (series.style ?? position) % SERIES_STYLES;
    const points = series.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y)).sort((a, b) => a.x - b.x);
    if (points.length === 0) return;
    parts.push(`<g class="series" data-series="${escapeHtml(series.label)}">`);
    const followed = points.filter((p) => !p.hollow);
    const band = bandPath(followed, xScale.position, yScale.position);
    if (band) parts.push(`<path class="band line-${s}" d="${band}"/>`);
    if (followed.length > 1) {
      const d = followed.map((p, i) => `${i === 0 ? 'M' : 'L'}${px(xScale.position(p.x))} ${px(yScale.position(p.y))}`).join('');
      const dashes = dash(s);
      parts.push(`<path class="series-line line-${s}" d="${d}"${dashes ? ` stroke-dasharray="${dashes}"` : ''}/>`);
    }
    const radius = compact ? 3 : 4.5;
    // A compact chart has one series, named by its caption: its points need not repeat the name.
    const named = compact ? '' : ` data-series="${escapeHtml(series.label)}"`;
    for (const p of spec.markers === 'last' ? points.slice(-1) : points) {
      parts.push(marker(markerShape(s), xScale.position(p.x), yScale.position(p.y), radius, `class="point line-${s}${p.hollow ? ' hollow' : ''}"${named}`, compact ? p.text : `${series.label}: ${p.text}`));
    }
    parts.push('</g>');
    const last = points[points.length - 1];
    if (last && !compact) ends.push({ x: xScale.position(last.x), y: yScale.position(last.y), label: series.label });
  });
  // End-of-line labels name each line directly; labels at the same x are dodged apart.
  const byX = new Map<number, typeof ends>();
  for (const end of ends) byX.set(Math.round(end.x), [...(byX.get(Math.round(end.x)) ?? []), end]);
  for (const group of byX.values()) {
    const ys = dodgeLabels(group.map((e) => e.y), 12, top, height - bottom);
    group.forEach((end, i) => parts.push(`<text class="end-label" x="${px(end.x + 9)}" y="${px(ys[i] ?? end.y)}" dominant-baseline="middle">${escapeHtml(end.label)}</text>`));
  }
  parts.push('</svg>');
  return parts.join('');
}

function zeroYScale(maxY: number, range: readonly [number, number]): Scale {
  return linearScale(0, maxY > 0 ? maxY * 1.05 : 1, range);
}

/**
 * A y axis around the points, with a little room above and below; bands wider
 * than that are cut at the plot's edges (one noisy commit's interval must not
 * flatten every other point), and an axis of positive values does not go below 0.
 */
function fittedYScale(points: readonly LinePoint[], range: readonly [number, number]): Scale {
  const values = points.map((p) => p.y).filter(Number.isFinite);
  if (values.length === 0) return zeroYScale(1, range);
  const low = Math.min(...values);
  const high = Math.max(...values);
  const pad = (high - low) * 0.1 || Math.abs(high) * 0.05;
  return linearScale(low >= 0 ? Math.max(0, low - pad) : low - pad, high + pad, range, 4, 1, 'data');
}

function fixedTicks(scale: Scale, ticks: readonly number[]): Scale {
  return ticks.length > 0 ? { ...scale, ticks } : scale;
}

function renderLegend(items: readonly LegendItem[]): string {
  const parts = ['<g class="legend">'];
  for (const { x, row, series, style } of items) {
    const s = style % SERIES_STYLES;
    const y = 8 + row * LAYOUT.legendRow + LAYOUT.legendRow / 2;
    const dashes = dash(s);
    parts.push(`<line class="series-line line-${s}" x1="${px(x)}" x2="${px(x + 22)}" y1="${px(y)}" y2="${px(y)}"${dashes ? ` stroke-dasharray="${dashes}"` : ''}/>`);
    parts.push(marker(markerShape(s), x + 11, y, 4, `class="legend-marker line-${s}"`, series.label));
    parts.push(`<text class="legend-label" x="${px(x + 27)}" y="${px(y)}" dominant-baseline="middle">${escapeHtml(series.label)}</text>`);
  }
  parts.push('</g>');
  return parts.join('');
}
