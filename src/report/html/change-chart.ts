import { escapeHtml } from './escape.js';
import { linearScale } from './scale.js';
import { marker, px, svgOpen, textWidth, xAxis, type MarkerShape } from './svg.js';

export interface ChangeRow {
  readonly label: string;
  /** Fractions: 0.1 = 10% slower. */
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  readonly verdict: 'slower' | 'faster' | 'unchanged' | 'inconclusive';
  /** Printed at the right, e.g. `+12.0% slower`. */
  readonly text: string;
}

export interface ChangeChartSpec {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** The noise threshold as a fraction, drawn as a band around zero. */
  readonly threshold: number;
  /** Below the axis; default: the change of the median time from base to head. */
  readonly axisLabel?: string;
  readonly rows: readonly ChangeRow[];
}

const VERDICT_SHAPES: Readonly<Record<ChangeRow['verdict'], MarkerShape>> = { slower: 'triangle', faster: 'diamond', unchanged: 'circle', inconclusive: 'square' };

/** A forest plot: each case's change with its interval, the ±threshold band, and its verdict in words. */
export function renderChangeChart(spec: ChangeChartSpec): string {
  const width = 860;
  const rowHeight = 18;
  const top = 8;
  const labelWidth = Math.min(340, Math.max(80, ...spec.rows.map((r) => textWidth(r.label, 13) + 10)));
  const valueWidth = Math.max(100, ...spec.rows.map((r) => textWidth(r.text, 12) + 16));
  const plotBottom = top + spec.rows.length * rowHeight;
  const height = plotBottom + 40;
  const finite = spec.rows.flatMap((r) => [r.lower, r.upper, r.estimate]).filter(Number.isFinite);
  // One huge change would squeeze the rest: beyond +200% the interval is clipped (its text still says the figure).
  // A time cannot fall by more than 100%, so the left end never needs to go past −100%.
  const low = Math.max(-1, Math.min(-spec.threshold * 2, -0.05, ...finite));
  const high = Math.min(2, Math.max(spec.threshold * 2, 0.05, ...finite));
  const scale = linearScale(low, high, [labelWidth + 8, width - valueWidth]);
  const percent = (v: number): string => `${v > 0 ? '+' : ''}${Number((v * 100).toPrecision(3))}%`;
  const parts: string[] = [svgOpen(spec.id, width, height, spec.title, spec.description)];
  const bandLeft = scale.position(-spec.threshold);
  const bandRight = scale.position(spec.threshold);
  parts.push(`<rect class="threshold-band" x="${px(bandLeft)}" y="${top}" width="${px(bandRight - bandLeft)}" height="${px(plotBottom - top)}"><title>noise threshold ±${escapeHtml(percent(spec.threshold).replace('+', ''))}</title></rect>`);
  parts.push(xAxis(scale, plotBottom, top, spec.axisLabel ?? 'change of the median time, head vs base (negative is faster)', percent));
  parts.push(`<line class="zero-line" x1="${px(scale.position(0))}" x2="${px(scale.position(0))}" y1="${top}" y2="${px(plotBottom)}"/>`);
  spec.rows.forEach((row, i) => {
    const y = top + i * rowHeight + rowHeight / 2;
    const changed = row.verdict === 'slower' || row.verdict === 'faster';
    parts.push(`<g class="change-row verdict-${row.verdict}${changed ? ' changed' : ''}" data-case="${escapeHtml(row.label)}">`);
    if (changed) parts.push(`<rect class="changed-band" x="0" y="${px(y - rowHeight / 2)}" width="${width}" height="${rowHeight}"/>`);
    parts.push(`<text class="row-label" x="${px(labelWidth)}" y="${px(y)}" text-anchor="end" dominant-baseline="middle">${escapeHtml(row.label)}</text>`);
    if (Number.isFinite(row.lower) && Number.isFinite(row.upper)) {
      parts.push(`<line class="interval" x1="${px(scale.position(row.lower))}" x2="${px(scale.position(row.upper))}" y1="${px(y)}" y2="${px(y)}"/>`);
    }
    if (Number.isFinite(row.estimate)) parts.push(marker(VERDICT_SHAPES[row.verdict], scale.position(row.estimate), y, 4.5, `class="estimate"`, `${row.label}: ${row.text}`));
    parts.push(`<text class="value" x="${px(width - valueWidth + 8)}" y="${px(y)}" dominant-baseline="middle">${escapeHtml(row.text)}</text>`, '</g>');
  });
  parts.push('</svg>');
  return parts.join('');
}
