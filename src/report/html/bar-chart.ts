import { escapeHtml } from './escape.js';
import { linearScale, logScale, wantsLogScale, type Scale } from './scale.js';
import { px, svgOpen, textWidth, xAxis } from './svg.js';

/** Bar fills: solid, hatched, dotted — series stay distinct without colour. */
export const BAR_FILLS = ['solid', 'hatch', 'dots'] as const;

export interface BarSeries {
  readonly key: string;
  readonly label: string;
}

export interface BarValue {
  readonly value: number;
  /** Printed at the end of the bar, e.g. `1.50× · 1.49 ms`. */
  readonly text: string;
}

export interface BarRow {
  readonly label: string;
  /** One entry per series; a string says why there is no bar (`failed`, `skipped`, `not measured`). */
  readonly values: readonly (BarValue | string)[];
}

export interface BarChartSpec {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly axisLabel: string;
  readonly series: readonly BarSeries[];
  readonly rows: readonly BarRow[];
  readonly format: (value: number) => string;
  /** `auto` picks log when values spread over more than 10×. */
  readonly scale?: 'linear' | 'log' | 'auto';
  /** The log axis starts here (1 for "relative to best" ratios, so the best bar starts at the axis). */
  readonly logFloor?: number;
  /** Linear ticks fall on multiples of this (see byteTickUnit). */
  readonly tickUnit?: number;
  readonly width?: number;
}

const LAYOUT = { width: 640, barHeight: 16, groupedBarHeight: 12, rowGap: 8, top: 6, axisHeight: 40, gap: 8, legendHeight: 22 } as const;

export function barValues(rows: readonly BarRow[]): number[] {
  return rows.flatMap((r) => r.values.flatMap((v) => (typeof v === 'string' || !Number.isFinite(v.value) ? [] : [v.value])));
}

function chooseScale(spec: BarChartSpec, range: readonly [number, number]): Scale {
  const values = barValues(spec.rows);
  const max = values.length > 0 ? Math.max(...values) : 1;
  const kind = spec.scale === 'auto' || spec.scale === undefined ? (wantsLogScale(spec.logFloor !== undefined ? [...values, spec.logFloor] : values) ? 'log' : 'linear') : spec.scale;
  if (kind === 'log') return logScale(Math.min(...values), max, range, spec.logFloor !== undefined ? { floor: spec.logFloor } : {});
  return linearScale(0, max, range, 5, spec.tickUnit ?? 1);
}

/** A horizontal bar chart (rows × series) as inline SVG; every bar also carries its figure as text. */
export function renderBarChart(spec: BarChartSpec): string {
  const width = spec.width ?? LAYOUT.width;
  const grouped = spec.series.length > 1;
  const barHeight = grouped ? LAYOUT.groupedBarHeight : LAYOUT.barHeight;
  const labelWidth = Math.min(170, Math.max(60, ...spec.rows.map((r) => textWidth(r.label) + 10)));
  const seriesLabelWidth = grouped ? Math.max(...spec.series.map((s) => textWidth(s.label, 10))) + 6 : 0;
  const valueWidth = Math.min(190, Math.max(50, ...spec.rows.flatMap((r) => r.values.map((v) => textWidth(typeof v === 'string' ? v : v.text, 11) + 10))));
  const x0 = labelWidth + seriesLabelWidth + LAYOUT.gap;
  const x1 = width - valueWidth;
  const scale = chooseScale(spec, [x0, x1]);
  const groupHeight = spec.series.length * barHeight + (spec.series.length - 1) * 2;
  const top = LAYOUT.top + (grouped ? LAYOUT.legendHeight : 0);
  const plotBottom = top + spec.rows.length * (groupHeight + LAYOUT.rowGap);
  const height = plotBottom + LAYOUT.axisHeight;
  const base = scale.kind === 'log' ? scale.position(scale.domain[0]) : scale.position(0);
  const parts: string[] = [svgOpen(spec.id, width, height, spec.title, spec.description), patternDefs(spec.id)];
  if (grouped) parts.push(legend(spec, x0));
  parts.push(xAxis(scale, plotBottom, top - 4, spec.axisLabel + (scale.kind === 'log' ? ' (log scale)' : ''), spec.format));
  spec.rows.forEach((row, r) => {
    const y = top + r * (groupHeight + LAYOUT.rowGap) + LAYOUT.rowGap / 2;
    parts.push(`<g class="bar-row" data-row="${escapeHtml(row.label)}">`);
    parts.push(`<text class="row-label" x="${px(labelWidth)}" y="${px(y + groupHeight / 2)}" text-anchor="end" dominant-baseline="middle">${escapeHtml(row.label)}</text>`);
    spec.series.forEach((series, s) => {
      const value = row.values[s] ?? 'not measured';
      const by = y + s * (barHeight + 2);
      const middle = by + barHeight / 2;
      if (grouped) parts.push(`<text class="series-label" x="${px(x0 - 4)}" y="${px(middle)}" text-anchor="end" dominant-baseline="middle">${escapeHtml(series.label)}</text>`);
      if (typeof value === 'string' || !Number.isFinite(value.value)) {
        const text = typeof value === 'string' ? value : value.text;
        parts.push(`<text class="missing" x="${px(base + 4)}" y="${px(middle)}" dominant-baseline="middle">${escapeHtml(text)}</text>`);
        return;
      }
      const end = scale.position(value.value);
      const barWidth = Math.max(2, end - base);
      const tooltip = `${row.label}${grouped ? ` ${series.label}` : ''}: ${value.text}`;
      parts.push(
        `<rect class="bar fill-${BAR_FILLS[s % BAR_FILLS.length]}" data-series="${escapeHtml(series.key)}" x="${px(base)}" y="${px(by)}" width="${px(barWidth)}" height="${barHeight}" ` +
          `style="fill:url(#${escapeHtml(spec.id)}-${BAR_FILLS[s % BAR_FILLS.length]})"><title>${escapeHtml(tooltip)}</title></rect>`,
      );
      parts.push(`<text class="value" x="${px(base + barWidth + 4)}" y="${px(middle)}" dominant-baseline="middle">${escapeHtml(value.text)}</text>`);
    });
    parts.push('</g>');
  });
  parts.push('</svg>');
  return parts.join('');
}

function patternDefs(id: string): string {
  const e = escapeHtml(id);
  return (
    `<defs><pattern id="${e}-solid" width="4" height="4" patternUnits="userSpaceOnUse"><rect class="pattern-ink" width="4" height="4"/></pattern>` +
    `<pattern id="${e}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect class="pattern-paper" width="6" height="6"/><rect class="pattern-ink" width="3" height="6"/></pattern>` +
    `<pattern id="${e}-dots" width="5" height="5" patternUnits="userSpaceOnUse"><rect class="pattern-paper" width="5" height="5"/><circle class="pattern-ink" cx="2.5" cy="2.5" r="1.4"/></pattern></defs>`
  );
}

function legend(spec: BarChartSpec, x: number): string {
  let cursor = x;
  const parts = ['<g class="legend">'];
  spec.series.forEach((series, s) => {
    const fill = BAR_FILLS[s % BAR_FILLS.length];
    parts.push(`<rect class="legend-swatch" x="${px(cursor)}" y="${LAYOUT.top}" width="14" height="12" style="fill:url(#${escapeHtml(spec.id)}-${fill})"/>`);
    parts.push(`<text class="legend-label" x="${px(cursor + 18)}" y="${LAYOUT.top + 6}" dominant-baseline="middle">${escapeHtml(series.label)}</text>`);
    cursor += 18 + textWidth(series.label) + 16;
  });
  parts.push('</g>');
  return parts.join('');
}
