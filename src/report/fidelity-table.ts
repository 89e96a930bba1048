import type { FidelityTable, ProbeOutcome } from '../fidelity/probes.js';

export const FIDELITY_LEGEND = 'kept: comes back identical · changed: comes back different (shown) · rejected: encode or decode throws';

export function outcomeLabel(outcome: ProbeOutcome | undefined): string {
  if (!outcome) return '–';
  return outcome.kind === 'kept' ? 'kept' : `${outcome.kind}: ${outcome.detail}`;
}

/** Rows: codecs; columns: probes. Cells: kept / changed: a → b / rejected: reason. */
export function fidelityRows(table: FidelityTable): { header: string[]; rows: string[][] } {
  const header = ['codec', ...table.probes.map((p) => p.name)];
  const rows = table.codecs.map((c) => [c.codec, ...table.probes.map((p) => outcomeLabel(c.outcomes[p.name]))]);
  return { header, rows };
}

/** A compact grid for terminals: ✓ kept, ≠ changed, ✗ rejected. */
export function fidelityGrid(table: FidelityTable): { header: string[]; rows: string[][] } {
  const symbol = (o: ProbeOutcome | undefined): string => (!o ? '–' : o.kind === 'kept' ? '✓' : o.kind === 'changed' ? '≠ changed' : '✗ rejected');
  return { header: ['codec', ...table.probes.map((p) => p.name)], rows: table.codecs.map((c) => [c.codec, ...table.probes.map((p) => symbol(c.outcomes[p.name]))]) };
}
