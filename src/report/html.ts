import type { ResultFile } from '../results/types.js';
import { datasetTables, failedCases, caseError, RAW_HEADER, rawRows, RELATIVE_HEADER, relativeRows } from './codec-tables.js';
import { environmentLines } from './environment.js';
import { FIDELITY_LEGEND, fidelityRows } from './fidelity-table.js';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

export function htmlTable(header: readonly string[], rows: readonly (readonly string[])[], caption?: string): string {
  const head = header.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${escapeHtml(c)}</th>` : `<td>${escapeHtml(c)}</td>`)).join('')}</tr>`).join('\n');
  return `<table>${caption ? `<caption>${escapeHtml(caption)}</caption>` : ''}<thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** The HTML tables of a codec-suite result (the same content as the Markdown report). */
export function codecHtmlSections(result: ResultFile): string {
  const parts: string[] = [];
  for (const table of datasetTables(result)) {
    parts.push(`<section><h2>${escapeHtml(table.dataset)} <small>${table.records} records per batch</small></h2>`);
    parts.push(htmlTable(RAW_HEADER, rawRows(table), 'Median per batch, throughput and encoded sizes'));
    parts.push(htmlTable(RELATIVE_HEADER, relativeRows(table), 'Relative to the best codec (1.00× is best)'), '</section>');
  }
  if (result.fidelity) {
    const { header, rows } = fidelityRows(result.fidelity);
    parts.push(`<section><h2>Fidelity</h2><p>${escapeHtml(FIDELITY_LEGEND)}</p>${htmlTable(header, rows)}</section>`);
  }
  const failed = failedCases(result);
  if (failed.length > 0) parts.push(`<section><h2>Cases without a measurement</h2>${htmlTable(['case', 'status', 'reason'], failed.map((c) => [c.id, c.status, caseError(c)]))}</section>`);
  return parts.join('\n');
}

export function htmlPage(title: string, body: string, result: ResultFile): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font:15px/1.45 system-ui,sans-serif;margin:1.5rem auto;max-width:72rem;padding:0 1rem;color:#1a1a1a}
table{border-collapse:collapse;margin:.5rem 0 1.25rem;font-variant-numeric:tabular-nums}
th,td{border-bottom:1px solid #ddd;padding:.25rem .6rem;text-align:right}
th[scope=row],thead th:first-child{text-align:left}
caption{text-align:left;font-weight:600;padding:.25rem 0}
small{color:#555;font-weight:normal}
</style></head><body>
<h1>${escapeHtml(title)}</h1>
${result.complete ? '' : '<p><strong>Incomplete run</strong>: interrupted, or some cases failed.</p>'}
${body}
<section><h2>Environment</h2><ul>${environmentLines(result).map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul></section>
</body></html>
`;
}
