import { caseCells, caseNotes, describeFile, geometricMeanCells, legend, resultHeadline, summaryCounts, type CaseCells } from './format.js';
import type { Comparison } from './types.js';
import { COMPARED_ENV_FIELDS } from './environment.js';

/** Table cells: pipes would end the cell, newlines the row. */
function escapeCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

const HEADERS = ['case', 'base median', 'head median', 'n', 'runs', 'change [interval]', 'p', 'verdict'];
const VERDICT_MARKS: Readonly<Record<string, string>> = { slower: '🔴 slower', faster: '🟢 faster', '?': '🟡 ?' };

function tableRow(cells: CaseCells, bold = false): string {
  const id = bold ? `**${escapeCell(cells.id)}**` : `\`${escapeCell(cells.id)}\``;
  const verdict = VERDICT_MARKS[cells.verdict] ?? cells.verdict;
  return `| ${[id, cells.base, cells.head, cells.n, cells.runs, cells.change, cells.p, verdict].map((cell, index) => (index === 0 ? cell : escapeCell(cell))).join(' | ')} |`;
}

function table(rows: readonly CaseCells[], mean: CaseCells | null): string[] {
  return [`| ${HEADERS.join(' | ')} |`, '|:--|--:|--:|--:|--:|--:|--:|:--|', ...rows.map((row) => tableRow(row)), ...(mean ? [tableRow(mean, true)] : [])];
}

/** The comparison as GitHub-flavoured Markdown, for a pull-request comment or `$GITHUB_STEP_SUMMARY`. */
export function formatMarkdown(comparison: Comparison): string {
  const regressions = comparison.summary.regressions.length;
  const title = regressions > 0 ? `❌ ${resultHeadline(comparison)}` : '✅ no regression';
  const notable = comparison.cases.filter((item) => item.kind === 'compared' && item.verdict !== 'unchanged').map(caseCells);
  const mean = geometricMeanCells(comparison);
  const environmentRows = COMPARED_ENV_FIELDS.map((field) => {
    const base = comparison.base.env[field] ?? '—';
    const head = comparison.head.env[field] ?? '—';
    const mark = base === head ? '' : ' ⚠️';
    return `| ${field} | ${escapeCell(String(base))} | ${escapeCell(String(head))}${mark} |`;
  });
  const out: string[] = [
    `### serbench compare: ${title}`,
    '',
    `**base** ${escapeCell(describeFile(comparison.base))} → **head** ${escapeCell(describeFile(comparison.head))}  `,
    `alpha ${comparison.alpha} · noise threshold ±${Math.round(comparison.threshold * 1000) / 10}% · ${summaryCounts(comparison)}`,
    '',
    ...comparison.warnings.flatMap((warning) => [`> ⚠️ **Warning:** ${escapeCell(warning)}`, '']),
    ...(notable.length > 0 ? ['#### Changes and open questions', '', ...table(notable, null), ''] : []),
    `<details${notable.length === 0 ? ' open' : ''}><summary>All ${comparison.cases.length} cases</summary>`,
    '',
    ...table(comparison.cases.map(caseCells), mean),
    '',
    ...caseNotes(comparison).map((note) => `- ${escapeCell(note)}`),
    '</details>',
    '',
    '<details><summary>Environment</summary>',
    '',
    '| | base | head |',
    '|:--|:--|:--|',
    ...environmentRows,
    '',
    '</details>',
    '',
    ...legend(comparison).map((line) => `<sub>${escapeCell(line)}</sub><br>`),
    '',
  ];
  return out.join('\n');
}
