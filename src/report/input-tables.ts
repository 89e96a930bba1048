import type { DatasetProvenance } from '../datasets/types.js';
import type { DatasetFieldFidelity, FieldOutcome } from '../fidelity/fields.js';
import type { ResultFile } from '../results/types.js';
import { formatBytes } from './format.js';

/** Where each input dataset came from: file, format, size, SHA-256, records used, schema. */
export const PROVENANCE_HEADER = ['dataset', 'file', 'format', 'size', 'sha256', 'records', 'schema'];

export function provenanceRows(inputs: readonly DatasetProvenance[]): string[][] {
  return inputs.map((p) => [p.dataset, p.file, p.format, formatBytes(p.bytes), p.sha256, `${p.records}${p.exhausted ? ' (the whole file)' : ''}`, `${p.schemaSource} ${p.schemaHash}`]);
}

export const FIELD_LEGEND = 'kept: every value comes back identical · changed: how, and in how many values · cannot carry: why · –: not tried (another part of the field stopped the codec)';

export function fieldCell(outcome: FieldOutcome | undefined): string {
  if (!outcome || outcome.kind === 'untested') return '–';
  if (outcome.kind === 'kept') return 'kept';
  if (outcome.kind === 'changed') return `changed: ${outcome.detail} (${outcome.count})`;
  return `cannot carry: ${outcome.detail}`;
}

const symbol = (outcome: FieldOutcome | undefined): string => (!outcome || outcome.kind === 'untested' ? '–' : outcome.kind === 'kept' ? '✓' : outcome.kind === 'changed' ? '≠' : '✗');

/** Rows: fields; columns: codecs (there are more fields than codecs in real data). */
export function fieldRows(table: DatasetFieldFidelity, compact = false): { header: string[]; rows: string[][] } {
  const header = ['field', ...table.codecs.map((c) => c.codec)];
  const rows = table.fields.map((path) => [path, ...table.codecs.map((c) => (compact ? symbol(c.fields[path]) : fieldCell(c.fields[path])))]);
  return { header, rows };
}

/**
 * The answer in words: which codecs keep every field, which change some (field: how),
 * which cannot carry some. Paths and kinds of change only.
 */
export function fieldSummary(table: DatasetFieldFidelity): string[] {
  const keep = table.codecs.filter((c) => Object.values(c.fields).every((o) => o.kind === 'kept')).map((c) => c.codec);
  const lines = [keep.length > 0 ? `Keep every field of ${table.dataset}: ${keep.join(', ')}.` : `No codec keeps every field of ${table.dataset}.`];
  for (const c of table.codecs) {
    const entries = Object.entries(c.fields);
    const changed = entries.filter(([, o]) => o.kind === 'changed').map(([path, o]) => `${path} (${(o as { detail: string }).detail})`);
    const rejected = entries.filter(([, o]) => o.kind === 'rejected').map(([path]) => path);
    const parts = [...(changed.length > 0 ? [`changes ${changed.join(', ')}`] : []), ...(rejected.length > 0 ? [`cannot carry ${rejected.join(', ')}`] : [])];
    if (parts.length > 0) lines.push(`${c.codec} ${parts.join('; ')}${c.passed ? '' : ' — not timed (fidelity gate)'}.`);
  }
  return lines;
}

export function resultInputs(result: ResultFile): readonly DatasetProvenance[] {
  return result.meta.inputs ?? [];
}
