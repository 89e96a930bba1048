import type { ResultFile } from '../../results/types.js';
import { FIELD_LEGEND, fieldRows, fieldSummary, PROVENANCE_HEADER, provenanceRows, resultInputs } from '../input-tables.js';
import { escapeHtml } from './escape.js';
import { htmlTable } from './table.js';

/** Your data: where each input dataset came from, and what each codec does with each of its fields. Empty without inputs. */
export function inputsSection(results: readonly ResultFile[]): string {
  const parts: string[] = [];
  for (const result of results) {
    const inputs = resultInputs(result);
    if (inputs.length > 0) parts.push('<p>Datasets read from your files (<code>--input</code>). The result file and this page keep where they came from, never their records.</p>', htmlTable(PROVENANCE_HEADER, provenanceRows(inputs), { caption: 'Input files' }));
    for (const table of result.fieldFidelity ?? []) {
      const { header, rows } = fieldRows(table);
      parts.push(
        `<h3>${escapeHtml(table.dataset)}, field by field</h3>`,
        `<ul>${fieldSummary(table).map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`,
        `<p class="note">${escapeHtml(FIELD_LEGEND)}.</p>`,
        htmlTable(header, rows, { caption: `Round trip of the timed batch of ${table.dataset} through each codec`, className: 'fidelity' }),
      );
    }
  }
  return parts.join('\n');
}
