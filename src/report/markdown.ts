import type { ResultFile } from '../results/types.js';
import { figureLegend } from './codec-figures.js';
import {
  brotliQuality,
  caseError,
  COMPRESSION_HEADER,
  compressionRows,
  datasetTables,
  failedCases,
  rawHeader,
  rawRows,
  REFUSED_HEADING,
  REFUSED_NOTE,
  refusedCases,
  RELATIVE_HEADER,
  relativeRows,
  splitCompressed,
  tableUnit,
} from './codec-tables.js';
import { environmentLines } from './environment.js';
import { FIDELITY_LEGEND, fidelityRows } from './fidelity-table.js';
import { markdownTable } from './format.js';
import { FIELD_LEGEND, fieldRows, fieldSummary, PROVENANCE_HEADER, provenanceRows, resultInputs } from './input-tables.js';
import { precisionLines } from './precision.js';


/** The Markdown report of a codec-suite result file. */
export function codecMarkdown(result: ResultFile): string {
  const parts: string[] = ['# serbench codec suite', ''];
  if (!result.complete) parts.push('> **Incomplete run**: interrupted, or some cases failed (listed at the end).', '');
  parts.push(
    'Figures are per batch (one call encodes or decodes the whole batch), each with the half-width of its 95% interval: run to run (the spread between the processes that measured it), ' +
      'or, marked `*`, within one process only. Relative figures come from the cases of a dataset timed side by side in alternating slices; `≈` marks a codec whose interval includes the best (a tie). ' +
      '`memcpy` copies a buffer the size of the JSON payload: the floor set by memory bandwidth. ' +
      `Sizes are the encoded batch, then gzip (level 6) and brotli (quality ${brotliQuality(result)}).`,
    '',
  );
  const inputs = resultInputs(result);
  if (inputs.length > 0) {
    parts.push('## Your data', '', 'Datasets read from your files (`--input`). The result file and these reports keep where they came from, never their records.', '', markdownTable(PROVENANCE_HEADER, provenanceRows(inputs), PROVENANCE_HEADER.map(() => 'l')), '');
  }
  for (const full of datasetTables(result)) {
    const { plain: table, compressed } = splitCompressed(result, full);
    parts.push(`## ${table.dataset} (${table.records} records per batch)`, '', `${figureLegend(tableUnit(table))}:`, '', markdownTable(rawHeader(tableUnit(table)), rawRows(table)), '');
    parts.push(`Relative to the best codec (1.00× is best; lower is better; ≈ a tie with the best):`, '', markdownTable(RELATIVE_HEADER, relativeRows(table)), '');
    if (compressed.length > 0) {
      parts.push(
        'Compressed (`--compression`; encode then compress, decompress then decode): size of the compressed batch, ratio of the uncompressed size to it, ' +
          'and the time compression adds to the uncompressed codec (difference of the medians):',
        '',
        markdownTable(COMPRESSION_HEADER, compressionRows(compressed), ['l', 'l']),
        '',
      );
    }
  }
  if (result.fidelity) {
    const { header, rows } = fidelityRows(result.fidelity);
    parts.push('## Fidelity', '', `What each codec does with values formats are known to lose (${FIDELITY_LEGEND}).`, '', markdownTable(header, rows, header.map(() => 'l')), '');
    parts.push(markdownTable(['codec', '64-bit integers', 'what ran'], result.fidelity.codecs.map((c) => [c.codec, c.int64, c.description ?? '']), ['l', 'l', 'l']), '');
  }
  for (const table of result.fieldFidelity ?? []) {
    const { header, rows } = fieldRows(table);
    parts.push(`## Fidelity of ${table.dataset}, field by field`, '', `The batch the cases timed, round-tripped through each codec (${FIELD_LEGEND}).`, '', ...fieldSummary(table).map((line) => `- ${line}`), '', markdownTable(header, rows, header.map(() => 'l')), '');
    const ran = table.codecs.filter((c) => c.ran);
    if (ran.length > 0) parts.push('What ran for this dataset:', '', ...ran.map((c) => `- ${c.codec}: ${c.ran}`), '');
  }
  const refused = refusedCases(result);
  if (refused.length > 0) parts.push(`## ${REFUSED_HEADING}`, '', REFUSED_NOTE, '', markdownTable(['case', 'reason'], refused.map((c) => [c.id, caseError(c)]), ['l', 'l']), '');
  const failed = failedCases(result);
  if (failed.length > 0) parts.push('## Cases without a measurement', '', markdownTable(['case', 'status', 'reason'], failed.map((c) => [c.id, c.status, caseError(c)]), ['l', 'l', 'l']), '');
  parts.push('## Precision', '', ...precisionLines(result).flatMap((line) => [line, '']));
  parts.push('## Environment', '', ...environmentLines(result).map((l) => `- ${l}`), '');
  return parts.join('\n');
}
