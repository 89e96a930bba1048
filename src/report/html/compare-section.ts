import { caseCells, caseNotes, describeFile, geometricMeanCells, legend, resultLine } from '../../compare/format.js';
import type { CaseComparison, Comparison } from '../../compare/types.js';
import { renderChangeChart, type ChangeRow } from './change-chart.js';
import { escapeHtml } from './escape.js';
import { figure } from './figure.js';
import { htmlTable } from './table.js';

type Compared = Extract<CaseComparison, { kind: 'compared' }>;

/** Above this many compared cases the chart shows only the ones with a verdict other than "~". */
export const CHANGE_CHART_MAX_ROWS = 60;

const VERDICT_WORDS: Readonly<Record<Compared['verdict'], string>> = { slower: '▲ slower', faster: '▼ faster', unchanged: '~ unchanged', inconclusive: '? inconclusive' };

export function isChanged(item: CaseComparison): boolean {
  return item.kind === 'compared' && (item.verdict === 'slower' || item.verdict === 'faster');
}

export function changeRows(comparison: Comparison): { rows: ChangeRow[]; omitted: number } {
  const compared = comparison.cases.filter((c): c is Compared => c.kind === 'compared');
  const shown = compared.length > CHANGE_CHART_MAX_ROWS ? compared.filter((c) => c.verdict !== 'unchanged') : compared;
  const percent = (v: number): string => `${v > 0 ? '+' : ''}${(v * 100).toFixed(1)}%`;
  return {
    rows: shown.map((c) => ({ label: c.id, estimate: c.change.estimate, lower: c.change.lower, upper: c.change.upper, verdict: c.verdict, text: `${percent(c.change.estimate)} ${VERDICT_WORDS[c.verdict]}` })),
    omitted: compared.length - shown.length,
  };
}

function verdictText(item: CaseComparison, fallback: string): string {
  return item.kind === 'compared' ? VERDICT_WORDS[item.verdict] : fallback;
}

/** The compare verdicts of two result files: a summary, a change chart, and every case in a table (changes highlighted). */
export function compareSection(comparison: Comparison): string {
  const regressions = comparison.summary.regressions.length;
  const parts: string[] = [];
  parts.push(`<p class="verdict-line ${regressions > 0 ? 'has-regression' : 'no-regression'}"><strong>${regressions > 0 ? '✗ ' : '✓ '}${escapeHtml(resultLine(comparison))}</strong></p>`);
  parts.push(`<p>base <code>${escapeHtml(describeFile(comparison.base))}</code> → head <code>${escapeHtml(describeFile(comparison.head))}</code>; alpha ${comparison.alpha}, noise threshold ±${Math.round(comparison.threshold * 1000) / 10}%.</p>`);
  for (const warning of comparison.warnings) parts.push(`<p class="warning" role="note"><strong>Warning:</strong> ${escapeHtml(warning)}</p>`);
  const { rows, omitted } = changeRows(comparison);
  const all = comparison.cases.map((item) => {
    const cells = caseCells(item);
    return [cells.id, cells.base, cells.head, cells.n, cells.change, cells.p, verdictText(item, cells.verdict)];
  });
  const mean = geometricMeanCells(comparison);
  const rowClasses = comparison.cases.map((item) => (isChanged(item) ? `changed verdict-${item.kind === 'compared' ? item.verdict : ''}` : undefined));
  const header = ['case', 'base median', 'head median', 'n base/head', 'change [interval]', 'p', 'verdict'];
  const tableRows = mean ? [...all, [mean.id, mean.base, mean.head, mean.n, mean.change, mean.p, mean.verdict]] : all;
  const table = htmlTable(header, tableRows, { rowClasses: [...rowClasses, mean ? 'summary-row' : undefined], className: 'compare-table' });
  if (rows.length > 0) {
    const chart = renderChangeChart({
      id: 'compare-chart',
      title: 'Change per case from base to head, with its interval',
      description: rows.map((r) => `${r.label}: ${r.text}`).join('; '),
      threshold: comparison.threshold,
      rows,
    });
    const caption =
      `Each case's change of the median (Hodges–Lehmann estimate, marker) and its ${Math.round(comparison.confidence * 1000) / 10}% interval (line); the shaded band is the noise threshold. ` +
      `Changed cases (▲ slower, ▼ faster) are on a tinted row; ~ is unchanged, ? inconclusive.` +
      (omitted > 0 ? ` ${omitted} unchanged cases are left out of the chart (they are in the table).` : '');
    parts.push(figure({ chart, caption, table, className: 'wide', tableVisible: true }));
  } else parts.push(table);
  const notes = caseNotes(comparison);
  if (notes.length > 0) parts.push(`<details><summary>Cases not compared (${notes.length})</summary><ul>${notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul></details>`);
  parts.push(`<p class="legend-text">${legend(comparison).map(escapeHtml).join('<br>')}</p>`);
  return parts.join('\n');
}
