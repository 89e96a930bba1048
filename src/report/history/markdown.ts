import type { History, SeriesChange } from '../../history/types.js';
import { markdownTable } from '../format.js';
import { changeCells, countsLine, historyHeadline, historyLegend, noisyLine, recentRegressionsText, seriesName, shortCommit } from './format.js';

const HEADER = ['commit', 'when', 'case', 'before → after', 'change [interval]', 'p', 'note'];

function table(changes: readonly SeriesChange[], history: History): string {
  return markdownTable(
    HEADER,
    changes.map((change) => {
      const c = changeCells(change, history.commits);
      return [`\`${c.commit}\``, c.when, `\`${c.series}\``, c.beforeAfter, c.change, c.p, c.note];
    }),
    ['l', 'l', 'l', 'r', 'r', 'r', 'l'],
  );
}

/** The history as GitHub-flavoured Markdown for a step summary: most recent regressions first. */
export function formatHistoryMarkdown(history: History): string {
  const failing = history.gate.regressions.length > 0 || history.gate.broken.length > 0;
  const regressions = history.changePoints.filter((c) => c.kind === 'regression');
  const improvements = history.changePoints.filter((c) => c.kind === 'improvement');
  const noisy = history.series.filter((s) => s.noisy);
  const out: string[] = [
    `### serbench history: ${failing ? '❌' : '✅'} ${recentRegressionsText(history)}`,
    '',
    `${historyHeadline(history)} · ${countsLine(history)}`,
    '',
    ...history.warnings.flatMap((warning) => [`> ⚠️ ${warning}`, '']),
    ...history.broken.flatMap((b) => [`- ❌ \`${seriesName(b)}\` fails at the newest commit \`${shortCommit(b.commit)}\`: ${b.error}`]),
    ...(history.broken.length > 0 ? [''] : []),
    ...(regressions.length > 0 ? ['#### Regressions, most recent first', '', table(regressions, history), ''] : ['No regression change point in the history.', '']),
    ...(improvements.length > 0 ? ['#### Improvements', '', table(improvements, history), ''] : []),
    ...(history.smallChanges.length > 0 ? [`<details><summary>~ significant changes within the threshold (${history.smallChanges.length})</summary>`, '', table(history.smallChanges, history), '', '</details>', ''] : []),
    ...(noisy.length > 0 ? [`<details><summary>Noisy series (${noisy.length}): a change of the threshold's size could hide</summary>`, '', ...noisy.map((s) => `- ${noisyLine(s)}`), '', '</details>', ''] : []),
    ...historyLegend(history).map((line) => `<sub>${line}</sub><br>`),
    '',
  ];
  return out.join('\n');
}
