/** Number formatting shared by every report; pure functions. */

/** `1 case`, `2 cases`. */
export const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;

export function formatDuration(ns: number): string {
  if (!Number.isFinite(ns)) return '–';
  if (ns < 1e3) return `${ns.toFixed(0)} ns`;
  if (ns < 1e6) return `${(ns / 1e3).toFixed(ns < 1e4 ? 2 : 1)} µs`;
  if (ns < 1e9) return `${(ns / 1e6).toFixed(ns < 1e7 ? 2 : 1)} ms`;
  return `${(ns / 1e9).toFixed(2)} s`;
}

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '–';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
}

export function formatRate(perSecond: number, unit: string): string {
  if (!Number.isFinite(perSecond)) return '–';
  if (perSecond >= 1e9) return `${(perSecond / 1e9).toFixed(2)} G${unit}/s`;
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)} M${unit}/s`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)} k${unit}/s`;
  return `${perSecond.toFixed(0)} ${unit}/s`;
}

export function formatMBps(bytesPerSec: number): string {
  return Number.isFinite(bytesPerSec) ? `${(bytesPerSec / 1e6).toFixed(1)} MB/s` : '–';
}

/** Relative to the best value (1.00× is best); `lower` tells which direction is better. */
export function formatRelative(value: number, best: number): string {
  if (!Number.isFinite(value) || !Number.isFinite(best) || best <= 0) return '–';
  return `${(value / best).toFixed(2)}×`;
}

export function formatPercent(value: number, digits = 1): string {
  return Number.isFinite(value) ? `${value.toFixed(digits)}%` : '–';
}

/** A plain-text table with aligned columns (numbers right-aligned). */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const width = (s: string): number => [...s].length;
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const numeric = header.map((_, i) => i > 0 && rows.every((r) => /^[-–\d.,]/.test(r[i] ?? '') || (r[i] ?? '') === ''));
  const pad = (cell: string, i: number): string => {
    const fill = ' '.repeat(Math.max(0, (widths[i] ?? 0) - width(cell)));
    return numeric[i] ? fill + cell : cell + fill;
  };
  const line = (cells: readonly string[]): string => cells.map((c, i) => pad(c, i)).join('  ').trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** A GitHub-flavoured Markdown table; pipes in cells are escaped. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[], align: readonly ('l' | 'r')[] = []): string {
  const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const rule = header.map((_, i) => ((align[i] ?? (i === 0 ? 'l' : 'r')) === 'r' ? '---:' : ':---'));
  return [`| ${header.map(cell).join(' | ')} |`, `| ${rule.join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}
