import { escapeHtml } from './escape.js';

export interface FigureParts {
  readonly chart: string;
  /** Plain text; says what is plotted and how to read it. */
  readonly caption: string;
  /** The chart's numbers as an HTML table (from htmlTable). */
  readonly table: string;
  readonly className?: string;
  /** Show the table directly instead of behind a "Numbers as a table" disclosure. */
  readonly tableVisible?: boolean;
}

/** A chart with its caption and, under it, the same numbers as a table (for screen readers, copying, and exact values). */
export function figure(parts: FigureParts): string {
  return (
    `<figure class="chart-figure${parts.className ? ` ${escapeHtml(parts.className)}` : ''}"><div class="chart-box">${parts.chart}</div>` +
    `<figcaption>${escapeHtml(parts.caption)}</figcaption>` +
    (parts.tableVisible ? parts.table : `<details class="numbers"><summary>Numbers as a table</summary>${parts.table}</details>`) +
    '</figure>'
  );
}

/** A section with a heading and an id the table of contents links to. */
export function section(id: string, heading: string, body: string, level: 2 | 3 = 2): string {
  return `<section id="${escapeHtml(id)}" aria-labelledby="${escapeHtml(id)}-h"><h${level} id="${escapeHtml(id)}-h">${escapeHtml(heading)}</h${level}>\n${body}\n</section>`;
}

/** Shown in place of a section whose data the result files do not have. */
export function emptyNote(text: string): string {
  return `<p class="empty">${escapeHtml(text)}</p>`;
}
