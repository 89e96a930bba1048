import type { ResultFile } from '../results/types.js';
import { caseError, COMPRESSION_HEADER, compressionRows, datasetTables, failedCases, rawHeader, rawRows, REFUSED_HEADING, refusedCases, RELATIVE_HEADER, relativeRows, splitCompressed, tableUnit } from './codec-tables.js';
import { figureLegend } from './codec-figures.js';
import { fidelityGrid } from './fidelity-table.js';
import { plural, textTable } from './format.js';
import { fieldRows, fieldSummary, PROVENANCE_HEADER, provenanceRows, resultInputs } from './input-tables.js';
import { precisionLines } from './precision.js';

/** The table printed at the end of `npm run bench`. */
export function codecTerminalReport(result: ResultFile): string {
  const parts: string[] = [];
  const inputs = resultInputs(result);
  if (inputs.length > 0) parts.push('\nyour data (--input): where each dataset came from; nothing of its records is kept in the result or reports', textTable(PROVENANCE_HEADER, provenanceRows(inputs)));
  for (const full of datasetTables(result)) {
    const { plain: table, compressed } = splitCompressed(result, full);
    parts.push(`\n${table.dataset} — ${table.records} records per batch; ${figureLegend(tableUnit(table))}`, textTable(rawHeader(tableUnit(table)), rawRows(table)));
    parts.push(`\n${table.dataset} relative to the best (1.00×; ≈ ties with the best, ± run-to-run interval)`, textTable(RELATIVE_HEADER, relativeRows(table)));
    if (compressed.length > 0) parts.push(`\n${table.dataset} compressed — size, ratio to uncompressed, time added to the codec`, textTable(COMPRESSION_HEADER, compressionRows(compressed)));
  }
  if (result.fidelity) {
    const { header, rows } = fidelityGrid(result.fidelity);
    parts.push('\nfidelity (✓ kept, ≠ changed, ✗ rejected; details in the Markdown report)', textTable(header, rows));
  }
  for (const table of result.fieldFidelity ?? []) {
    const { header, rows } = fieldRows(table, true);
    parts.push(`\nfidelity of ${table.dataset}, field by field (✓ kept, ≠ changed, ✗ cannot carry; details in the Markdown report)`, textTable(header, rows), ...fieldSummary(table));
    parts.push(...table.codecs.filter((c) => c.ran).map((c) => `${c.codec} ran ${c.ran}`));
  }
  const refused = refusedCases(result);
  if (refused.length > 0) parts.push(`\n${REFUSED_HEADING} (lossy on this data, not timed): ${plural(refused.length, 'case')}`, ...refused.map((c) => `  ${c.id}: ${caseError(c)}`));
  const failed = failedCases(result);
  if (failed.length > 0) parts.push(`\n${plural(failed.length, 'case')} without a measurement:`, ...failed.map((c) => `  ${c.id}: ${caseError(c)}`));
  parts.push('', ...precisionLines(result));
  return parts.join('\n');
}
