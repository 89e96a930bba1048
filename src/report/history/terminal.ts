import type { History } from '../../history/types.js';
import { textTable } from '../format.js';
import { changeCells, countsLine, historyHeadline, historyLegend, noisyLine, recentRegressionsText, seriesName, shortCommit } from './format.js';

const HEADER = ['commit', 'when', 'case', 'before → after', 'change [interval]', 'p', 'kind', 'note'];

/** The history as plain text: the change points that matter (most recent first), then ~, noisy series and warnings. */
export function formatHistoryTerminal(history: History): string {
  const rows = (changes: History['changePoints']) =>
    changes.map((change) => {
      const c = changeCells(change, history.commits);
      return [c.commit, c.when, c.series, c.beforeAfter, c.change, c.p, c.kind, c.note];
    });
  const out: string[] = [`serbench history: ${historyHeadline(history)}`, `${countsLine(history)}`, ...history.warnings.map((warning) => `warning: ${warning}`), ''];
  if (history.changePoints.length > 0) out.push('change points that matter (most recent first):', textTable(HEADER, rows(history.changePoints)), '');
  else out.push('no change point that matters', '');
  if (history.smallChanges.length > 0) out.push(`~ significant but within the threshold (${history.smallChanges.length}):`, textTable(HEADER, rows(history.smallChanges)), '');
  const noisy = history.series.filter((series) => series.noisy);
  if (noisy.length > 0) out.push(`noisy series (${noisy.length}): a change of the threshold's size could hide in them`, ...noisy.map((series) => `  ${noisyLine(series)}`), '');
  const short = history.series.filter((series) => series.tooShort);
  if (short.length > 0) out.push(`too short for change points (${short.length}, fewer than ${2 * history.options.minSegment} commits): ${short.map(seriesName).join(', ')}`, '');
  for (const broken of history.broken) out.push(`failing at the newest commit ${shortCommit(broken.commit)}: ${seriesName(broken)}: ${broken.error}`);
  out.push(...historyLegend(history), '', `result: ${recentRegressionsText(history)}`);
  return `${out.join('\n')}\n`;
}
