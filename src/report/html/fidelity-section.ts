import type { FidelityTable, ProbeOutcome } from '../../fidelity/probes.js';
import { FIDELITY_LEGEND } from '../fidelity-table.js';
import { escapeHtml } from './escape.js';

/** A symbol and a word in every cell, so the table reads without its colours. */
export function outcomeCell(outcome: ProbeOutcome | undefined): { className: string; text: string } {
  if (!outcome) return { className: 'outcome-none', text: '–' };
  if (outcome.kind === 'kept') return { className: 'outcome-kept', text: '✓ kept' };
  if (outcome.kind === 'changed') return { className: 'outcome-changed', text: `≠ changed: ${outcome.detail}` };
  return { className: 'outcome-rejected', text: `✗ rejected: ${outcome.detail}` };
}

/**
 * Probes down, codecs across. With every codec the grid is wider than a laptop
 * screen, so it scrolls within its own box, no taller than the window (its
 * sideways scrollbar stays in view), with the probe names and codec names held in
 * place while it scrolls.
 */
export function fidelitySection(table: FidelityTable): string {
  const head = `<th scope="col">probe</th>${table.codecs.map((c) => `<th scope="col">${escapeHtml(c.codec)}</th>`).join('')}`;
  const int64Row = `<tr><th scope="row">64-bit integers <small>(how the codec maps int64)</small></th>${table.codecs.map((c) => `<td>${escapeHtml(c.int64)}</td>`).join('')}</tr>`;
  const rows = table.probes.map((p) => {
    const cells = table.codecs.map((c) => {
      const cell = outcomeCell(c.outcomes[p.name]);
      return `<td class="${cell.className}">${escapeHtml(cell.text)}</td>`;
    });
    return `<tr><th scope="row">${escapeHtml(p.name)} <small>${escapeHtml(p.description)}</small></th>${cells.join('')}</tr>`;
  });
  return `<p>What each codec does with values formats are known to lose. ${escapeHtml(FIDELITY_LEGEND)}.</p>
<div class="table-wrap fidelity-wrap" tabindex="0" role="region" aria-label="Fidelity grid (scrolls)"><table class="fidelity"><caption>Round trip of one probe record per kind of value</caption><thead><tr>${head}</tr></thead><tbody>
${[int64Row, ...rows].join('\n')}
</tbody></table></div>`;
}
