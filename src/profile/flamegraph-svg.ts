import { escapeHtml } from './html.js';

/** A frame to draw: its width is `value` (a share of the root's), its colour given by the caller. */
export interface FlameFrame {
  readonly name: string;
  readonly value: number;
  readonly fill: string;
  readonly tooltip: string;
  readonly children: readonly FlameFrame[];
}

export interface FlameLayout {
  readonly width: number;
  readonly rowHeight: number;
  /** Frames narrower than this many pixels are left out (with their children). */
  readonly minWidthPx: number;
  readonly maxDepth: number;
}

export const FLAME_LAYOUT: FlameLayout = { width: 1200, rowHeight: 17, minWidthPx: 1, maxDepth: 128 };

const CHAR_PX = 6.6;

/**
 * An icicle flame graph (root on top, callees below) as static SVG: no script,
 * a tooltip on each frame. Children are laid out left to right by name so two
 * graphs of the same code line up.
 */
export function flameGraphSvg(root: FlameFrame, layout: FlameLayout = FLAME_LAYOUT): string {
  const rects: string[] = [];
  let depthReached = 0;
  const scale = root.value > 0 ? layout.width / root.value : 0;
  const draw = (frame: FlameFrame, x: number, depth: number): void => {
    const width = frame.value * scale;
    if (width < layout.minWidthPx || depth >= layout.maxDepth) return;
    depthReached = Math.max(depthReached, depth);
    const y = depth * layout.rowHeight;
    const room = Math.floor((width - 6) / CHAR_PX);
    const text = room >= 3 ? (frame.name.length > room ? `${frame.name.slice(0, room - 1)}…` : frame.name) : '';
    rects.push(
      `<g><title>${escapeHtml(frame.tooltip)}</title><rect x="${x.toFixed(2)}" y="${y}" width="${width.toFixed(2)}" height="${layout.rowHeight - 1}" fill="${frame.fill}" rx="1"/>` +
        (text ? `<text x="${(x + 3).toFixed(2)}" y="${y + layout.rowHeight - 5}">${escapeHtml(text)}</text>` : '') +
        '</g>',
    );
    let childX = x;
    for (const child of [...frame.children].sort((a, b) => a.name.localeCompare(b.name))) {
      draw(child, childX, depth + 1);
      childX += child.value * scale;
    }
  };
  draw(root, 0, 0);
  const height = (depthReached + 1) * layout.rowHeight;
  return `<svg class="flame" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${layout.width} ${height}" width="${layout.width}" height="${height}" font-family="ui-monospace,monospace" font-size="11">${rects.join('')}</svg>`;
}
