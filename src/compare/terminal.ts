import { caseCells, caseNotes, describeEnvironment, describeFile, geometricMeanCells, legend, resultLine, type CaseCells } from './format.js';
import type { Comparison } from './types.js';

export interface TerminalOptions {
  /** ANSI colours for verdicts (off in files and pipes). */
  readonly color: boolean;
}

const COLUMNS: readonly { key: keyof CaseCells; title: string; align: 'left' | 'right' }[] = [
  { key: 'id', title: 'case', align: 'left' },
  { key: 'base', title: 'base median', align: 'right' },
  { key: 'head', title: 'head median', align: 'right' },
  { key: 'n', title: 'n', align: 'right' },
  { key: 'runs', title: 'runs', align: 'right' },
  { key: 'change', title: 'change [interval]', align: 'right' },
  { key: 'p', title: 'p', align: 'right' },
  { key: 'verdict', title: 'verdict', align: 'left' },
];

const COLORS: Readonly<Record<string, string>> = { slower: '31', faster: '32', '?': '33', 'too few samples': '33', 'not compared': '33' };

function paint(text: string, verdict: string, color: boolean): string {
  const code = COLORS[verdict];
  return color && code ? `\u001b[${code}m${text}\u001b[0m` : text;
}

/** The comparison as an aligned plain-text table with a header and a result line. */
export function formatTerminal(comparison: Comparison, options: TerminalOptions = { color: false }): string {
  const rows = comparison.cases.map(caseCells);
  const mean = geometricMeanCells(comparison);
  const header = Object.fromEntries(COLUMNS.map((column) => [column.key, column.title])) as unknown as CaseCells;
  const widths = COLUMNS.map((column) => Math.max(...[header, ...rows, ...(mean ? [mean] : [])].map((row) => row[column.key].length)));
  const line = (row: CaseCells, colored = false): string =>
    COLUMNS.map((column, index) => {
      const width = widths[index] as number;
      const cell = column.align === 'left' ? row[column.key].padEnd(width) : row[column.key].padStart(width);
      return column.key === 'verdict' && colored ? paint(cell, row.verdict, options.color) : cell;
    })
      .join('  ')
      .trimEnd();
  const rule = '-'.repeat(widths.reduce((sum, width) => sum + width, 0) + 2 * (widths.length - 1));

  const sameEnvironment = comparison.environmentDifferences.length === 0;
  const out: string[] = [
    `serbench compare: alpha ${comparison.alpha}, noise threshold ±${Math.round(comparison.threshold * 1000) / 10}%, ${Math.round(comparison.confidence * 1000) / 10}% intervals`,
    `base: ${describeFile(comparison.base)}`,
    `head: ${describeFile(comparison.head)}`,
    ...(sameEnvironment
      ? [`environment: ${describeEnvironment(comparison.head.env)}`]
      : [`base environment: ${describeEnvironment(comparison.base.env)}`, `head environment: ${describeEnvironment(comparison.head.env)}`]),
    ...comparison.warnings.map((warning) => paint(`warning: ${warning}`, '?', options.color)),
    '',
    line(header),
    rule,
    ...rows.map((row) => line(row, true)),
    ...(mean ? [rule, line(mean)] : []),
    '',
    ...caseNotes(comparison).map((note) => `note: ${note}`),
    ...legend(comparison),
    '',
    paint(resultLine(comparison), comparison.summary.regressions.length > 0 ? 'slower' : 'faster', options.color),
  ];
  return `${out.join('\n')}\n`;
}
