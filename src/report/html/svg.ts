import { escapeHtml } from './escape.js';
import type { Scale } from './scale.js';

/** Coordinates rounded to 0.1 px keep the markup small and deterministic. */
export function px(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** The opening tag of an accessible chart: role img, a title and a description read by screen readers. */
export function svgOpen(id: string, width: number, height: number, title: string, description: string): string {
  return (
    `<svg class="chart" id="${escapeHtml(id)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" style="max-width:${width}px" role="img" ` +
    `aria-labelledby="${escapeHtml(id)}-title ${escapeHtml(id)}-desc" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${escapeHtml(id)}-title">${escapeHtml(title)}</title><desc id="${escapeHtml(id)}-desc">${escapeHtml(description)}</desc>`
  );
}

/** Series are told apart by shape and line style as well as colour (readable in greyscale and by colour-blind readers). */
export const MARKER_SHAPES = ['circle', 'square', 'triangle', 'diamond', 'cross', 'triangle-down', 'plus'] as const;
export type MarkerShape = (typeof MARKER_SHAPES)[number];
export const DASHES = ['', '7 4', '2 3', '9 3 2 3', '4 2', '12 3', '1 4'] as const;
/** Series styles before one repeats (shape, dash and colour all cycle with this period). */
export const SERIES_STYLES = 7;

export function markerShape(index: number): MarkerShape {
  return MARKER_SHAPES[index % MARKER_SHAPES.length] ?? 'circle';
}

export function dash(index: number): string {
  return DASHES[index % DASHES.length] ?? '';
}

/** A marker of the given shape centred on (x, y); `attrs` go on the element (class, data-*). */
export function marker(shape: MarkerShape, x: number, y: number, r: number, attrs: string, tooltip: string): string {
  const title = `<title>${escapeHtml(tooltip)}</title>`;
  switch (shape) {
    case 'circle':
      return `<circle ${attrs} cx="${px(x)}" cy="${px(y)}" r="${px(r)}">${title}</circle>`;
    case 'square':
      return `<rect ${attrs} x="${px(x - r)}" y="${px(y - r)}" width="${px(2 * r)}" height="${px(2 * r)}">${title}</rect>`;
    case 'triangle':
      return `<path ${attrs} d="M${px(x)} ${px(y - r * 1.2)}L${px(x + r * 1.1)} ${px(y + r * 0.9)}L${px(x - r * 1.1)} ${px(y + r * 0.9)}Z">${title}</path>`;
    case 'diamond':
      return `<path ${attrs} d="M${px(x)} ${px(y - r * 1.3)}L${px(x + r * 1.3)} ${px(y)}L${px(x)} ${px(y + r * 1.3)}L${px(x - r * 1.3)} ${px(y)}Z">${title}</path>`;
    case 'triangle-down':
      return `<path ${attrs} d="M${px(x)} ${px(y + r * 1.2)}L${px(x + r * 1.1)} ${px(y - r * 0.9)}L${px(x - r * 1.1)} ${px(y - r * 0.9)}Z">${title}</path>`;
    case 'plus':
      return `<path ${attrs.replace(/class="([^"]*)"/, 'class="$1 cross"')} d="M${px(x - r * 1.2)} ${px(y)}L${px(x + r * 1.2)} ${px(y)}M${px(x)} ${px(y - r * 1.2)}L${px(x)} ${px(y + r * 1.2)}" stroke-width="2.5">${title}</path>`;
    case 'cross':
      return `<path ${attrs.replace(/class="([^"]*)"/, 'class="$1 cross"')} d="M${px(x - r)} ${px(y - r)}L${px(x + r)} ${px(y + r)}M${px(x + r)} ${px(y - r)}L${px(x - r)} ${px(y + r)}" stroke-width="2.5">${title}</path>`;
  }
}

/** Vertical grid lines and tick labels of a horizontal value axis at `y`. */
export function xAxis(scale: Scale, y: number, top: number, label: string, format: (v: number) => string, ticks: readonly number[] = scale.ticks): string {
  const parts: string[] = [`<g class="axis x-axis">`];
  for (const tick of ticks) {
    const x = scale.position(tick);
    parts.push(`<line class="grid" x1="${px(x)}" x2="${px(x)}" y1="${px(top)}" y2="${px(y)}"/>`);
    parts.push(`<text class="tick" x="${px(x)}" y="${px(y + 14)}" text-anchor="middle">${escapeHtml(format(tick))}</text>`);
  }
  const [r0, r1] = scale.range;
  parts.push(`<line class="axis-line" x1="${px(r0)}" x2="${px(r1)}" y1="${px(y)}" y2="${px(y)}"/>`);
  parts.push(`<text class="axis-label" x="${px((r0 + r1) / 2)}" y="${px(y + 30)}" text-anchor="middle">${escapeHtml(label)}</text>`, '</g>');
  return parts.join('');
}

/** Horizontal grid lines and tick labels of a vertical value axis at `x`. */
export function yAxis(scale: Scale, x: number, right: number, label: string, format: (v: number) => string, ticks: readonly number[] = scale.ticks): string {
  const parts: string[] = [`<g class="axis y-axis">`];
  for (const tick of ticks) {
    const y = scale.position(tick);
    parts.push(`<line class="grid" x1="${px(x)}" x2="${px(right)}" y1="${px(y)}" y2="${px(y)}"/>`);
    parts.push(`<text class="tick" x="${px(x - 6)}" y="${px(y)}" text-anchor="end" dominant-baseline="middle">${escapeHtml(format(tick))}</text>`);
  }
  const [r0, r1] = scale.range;
  parts.push(`<line class="axis-line" x1="${px(x)}" x2="${px(x)}" y1="${px(r0)}" y2="${px(r1)}"/>`);
  const middle = (r0 + r1) / 2;
  parts.push(`<text class="axis-label" x="12" y="${px(middle)}" text-anchor="middle" transform="rotate(-90 12 ${px(middle)})">${escapeHtml(label)}</text>`, '</g>');
  return parts.join('');
}

/** Approximate text width in px for the chart font (labels are placed without a layout engine). */
export function textWidth(text: string, fontSize = 12): number {
  return [...text].length * fontSize * 0.58;
}
