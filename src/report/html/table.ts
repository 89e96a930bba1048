import { escapeHtml } from './escape.js';

export interface TableOptions {
  readonly caption?: string;
  /** A class per row (e.g. to highlight changed cases); undefined for none. */
  readonly rowClasses?: readonly (string | undefined)[];
  readonly className?: string;
}

/** Cells that read as numbers (figures, ratios, "–") are right-aligned by the stylesheet. */
const NUMERIC = /^(?:[-+±~–]|[<>≈]\s?)?[\d.,]+|^–$/;

/** A data table: the first column holds row headers; every cell is escaped text. */
export function htmlTable(header: readonly string[], rows: readonly (readonly string[])[], options: TableOptions = {}): string {
  const head = header.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map((row, r) => {
      const cls = options.rowClasses?.[r];
      const cells = row
        .map((cell, i) => (i === 0 ? `<th scope="row">${escapeHtml(cell)}</th>` : `<td${NUMERIC.test(cell) ? ' class="num"' : ''}>${escapeHtml(cell)}</td>`))
        .join('');
      return `<tr${cls ? ` class="${escapeHtml(cls)}"` : ''}>${cells}</tr>`;
    })
    .join('\n');
  const caption = options.caption ? `<caption>${escapeHtml(options.caption)}</caption>` : '';
  const cls = options.className ? ` class="${escapeHtml(options.className)}"` : '';
  return `<div class="table-wrap"><table${cls}>${caption}<thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}
