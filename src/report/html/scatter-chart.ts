import { escapeHtml } from './escape.js';
import { linearScale, logScale, wantsLogScale } from './scale.js';
import { marker, markerShape, px, svgOpen, textWidth, xAxis, yAxis } from './svg.js';

export interface ScatterPoint {
  readonly label: string;
  readonly x: number;
  readonly y: number;
  /** The tooltip and screen-reader text, e.g. `json: 2.33 ms, 263.5 KiB`. */
  readonly text: string;
}

export interface ScatterChartSpec {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly xFormat: (v: number) => string;
  readonly yFormat: (v: number) => string;
  readonly points: readonly ScatterPoint[];
  /** Labels of the points on the trade-off front, joined by a dashed line. */
  readonly front?: readonly string[];
}

const LAYOUT = { width: 640, wideWidth: 960, height: 300, tallHeight: 420, left: 78, right: 24, top: 12, bottom: 46 } as const;

/** Above this many points the chart is taller, so the labels find room. */
export const CROWDED_POINTS = 6;

/** Points no other point beats on both axes (lower is better on both): the trade-off front, by x. */
export function paretoFront<T extends { readonly x: number; readonly y: number }>(points: readonly T[]): T[] {
  const valid = points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const front = valid.filter((p) => !valid.some((q) => q !== p && q.x <= p.x && q.y <= p.y && (q.x < p.x || q.y < p.y)));
  return front.sort((a, b) => a.x - b.x || a.y - b.y);
}

interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

const overlaps = (a: Box, b: Box): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/**
 * Places each label beside its point, moving it up or down in steps until it clears
 * the labels already placed (codecs with near-identical figures would otherwise print
 * on top of each other); returns the label positions in input order.
 */
export function placeLabels(anchors: readonly { x: number; y: number; text: string }[], bounds: { left: number; right: number; top: number; bottom: number }): { x: number; y: number; anchor: 'start' | 'end' }[] {
  // Markers are obstacles too: a label must not cover another codec's point.
  const placed: Box[] = anchors.map((a) => ({ x: a.x - 6, y: a.y - 6, w: 12, h: 12 }));
  const order = anchors.map((_, i) => i).sort((a, b) => (anchors[a]?.y ?? 0) - (anchors[b]?.y ?? 0));
  const result: { x: number; y: number; anchor: 'start' | 'end' }[] = anchors.map(() => ({ x: 0, y: 0, anchor: 'start' }));
  const offsets = [0, 14, -14, 28, -28, 42, -42, 56, -56, 70, -70, 84, -84];
  for (const i of order) {
    const a = anchors[i];
    if (!a) continue;
    const w = textWidth(a.text) + 4;
    const h = 14;
    const sides: ('start' | 'end')[] = a.x + 8 + w > bounds.right ? ['end'] : a.x - 8 - w < bounds.left ? ['start'] : ['start', 'end'];
    let best: { box: Box; anchor: 'start' | 'end'; hits: number } | undefined;
    for (const offset of offsets) {
      for (const anchor of sides) {
        const box: Box = { x: anchor === 'start' ? a.x + 8 : a.x - 8 - w, y: Math.min(bounds.bottom - h, Math.max(bounds.top, a.y - h / 2 + offset)), w, h };
        const hits = placed.filter((p) => overlaps(p, box)).length;
        if (!best || hits < best.hits) best = { box, anchor, hits };
        if (hits === 0) break;
      }
      if (best?.hits === 0) break;
    }
    if (!best) continue;
    placed.push(best.box);
    result[i] = { x: best.anchor === 'start' ? best.box.x : best.box.x + w, y: best.box.y + h / 2, anchor: best.anchor };
  }
  return result;
}

/** A scatter plot with labelled points (each codec has its own marker shape and a text label). */
export function renderScatterChart(spec: ScatterChartSpec): string {
  const { left, right, top, bottom } = LAYOUT;
  const points = spec.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y) && p.x > 0);
  const crowded = points.length > CROWDED_POINTS;
  const width = crowded ? LAYOUT.wideWidth : LAYOUT.width;
  const height = crowded ? LAYOUT.tallHeight : LAYOUT.height;
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const xRange: [number, number] = [left + 8, width - right - 90];
  const yRange: [number, number] = [height - bottom, top];
  const xScale = wantsLogScale(xs) ? logScale(Math.min(...xs), Math.max(...xs), xRange) : linearScale(0, xs.length > 0 ? Math.max(...xs) : 1, xRange);
  const yScale = wantsLogScale(ys) ? logScale(Math.min(...ys), Math.max(...ys), yRange) : linearScale(0, ys.length > 0 ? Math.max(...ys) : 1, yRange);
  const parts: string[] = [svgOpen(spec.id, width, height, spec.title, spec.description)];
  parts.push(xAxis(xScale, height - bottom, top, spec.xLabel + (xScale.kind === 'log' ? ' (log scale)' : ''), spec.xFormat));
  parts.push(yAxis(yScale, left, width - right, spec.yLabel + (yScale.kind === 'log' ? ' (log)' : ''), spec.yFormat));
  const front = points.filter((p) => spec.front?.includes(p.label)).sort((a, b) => a.x - b.x);
  if (front.length > 1) {
    const d = front.map((p, i) => `${i === 0 ? 'M' : 'L'}${px(xScale.position(p.x))} ${px(yScale.position(p.y))}`).join('');
    parts.push(`<path class="front" d="${d}"><title>trade-off front: ${escapeHtml(front.map((p) => p.label).join(', '))}</title></path>`);
  }
  const anchors = points.map((p) => ({ x: xScale.position(p.x), y: yScale.position(p.y), text: p.label }));
  const labels = placeLabels(anchors, { left, right: width - right, top, bottom: height - bottom });
  points.forEach((p, i) => {
    const a = anchors[i];
    const l = labels[i];
    if (!a || !l) return;
    const index = spec.points.indexOf(p);
    parts.push(marker(markerShape(index), a.x, a.y, 5, `class="point" data-label="${escapeHtml(p.label)}"`, p.text));
    if (Math.abs(l.y - a.y) > 3) parts.push(`<line class="leader" x1="${px(a.x)}" y1="${px(a.y)}" x2="${px(l.anchor === 'start' ? l.x - 2 : l.x + 2)}" y2="${px(l.y)}"/>`);
    parts.push(`<text class="point-label" x="${px(l.x)}" y="${px(l.y)}" text-anchor="${l.anchor}" dominant-baseline="middle">${escapeHtml(p.label)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}
