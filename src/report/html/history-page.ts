import { formatValue } from '../../compare/format.js';
import type { History, HistoryPoint, SeriesAnalysis, SeriesChange } from '../../history/types.js';
import { changeCells, countsLine, historyHeadline, historyLegend, noisyLine, percentText, recentRegressionsText, seriesName, shortCommit, shortTime } from '../history/format.js';
import { renderChangeChart, type ChangeRow } from './change-chart.js';
import { htmlDocument, type PageSection } from './document.js';
import { escapeHtml, slug } from './escape.js';
import { emptyNote, figure } from './figure.js';
import { renderLineChart, type LineMark, type LinePoint } from './line-chart.js';
import { htmlTable } from './table.js';

/** The overview chart shows at most this many change points (the largest); the table has them all. */
export const OVERVIEW_ROWS = 40;
/** Commit labels along a trend's x axis. */
const X_TICKS = 6;
/**
 * Each trend chart shows the newest this many commits: every point carries its
 * commit as a tooltip, and 500 commits × 100 series of them would make a page of
 * 14 MB. Older change points stay in the tables; the JSON has every point.
 */
export const CHART_COMMITS = 200;

type Measured = Extract<HistoryPoint, { kind: 'measured' }>;

const seriesKey = (item: { case: string; unit: string; machine: string | null }): string => JSON.stringify([item.case, item.unit, item.machine]);

function overview(history: History): string {
  const largest = [...history.changePoints].sort((a, b) => Math.abs(b.change) - Math.abs(a.change)).slice(0, OVERVIEW_ROWS);
  if (largest.length === 0) return emptyNote('No change point that matters in this history.');
  const rows: ChangeRow[] = largest.map((c) => ({
    label: `${seriesName(c)} @ ${shortCommit(c.commit).slice(0, 7)}`,
    estimate: c.change,
    lower: c.interval?.lower ?? Number.NaN,
    upper: c.interval?.upper ?? Number.NaN,
    verdict: c.kind === 'regression' ? 'slower' : 'faster',
    text: `${percentText(c.change)} ${c.kind === 'regression' ? '▲ regression' : '▼ improvement'}`,
  }));
  const chart = renderChangeChart({
    id: 'history-overview',
    title: 'The cases that changed most, and where',
    description: rows.map((r) => `${r.label}: ${r.text}`).join('; '),
    threshold: history.options.threshold,
    axisLabel: 'change at the commit: after vs before (negative is faster)',
    rows,
  });
  const caption = `Each change point's change (marker) and its ${Math.round((1 - history.options.alpha) * 1000) / 10}% interval (line), largest first${history.changePoints.length > largest.length ? ` (the ${largest.length} largest of ${history.changePoints.length})` : ''}; the shaded band is the threshold.`;
  return figure({ chart, caption, table: changeTable(history.changePoints, history), className: 'wide', tableVisible: true });
}

function changeTable(changes: readonly SeriesChange[], history: History): string {
  const rows = changes.map((change) => {
    const c = changeCells(change, history.commits);
    return [c.series, c.commit, c.when, c.beforeAfter, c.change, c.p, c.kind, c.note];
  });
  return htmlTable(['case', 'commit', 'when', 'before → after', 'change [interval]', 'p', 'kind', 'note'], rows, {
    rowClasses: changes.map((c) => (history.changePoints.includes(c) ? `changed verdict-${c.kind === 'regression' ? 'slower' : 'faster'}` : undefined)),
    className: 'history-changes',
  });
}

function evenTicks(indices: readonly number[]): number[] {
  if (indices.length <= X_TICKS) return [...indices];
  return Array.from({ length: X_TICKS }, (_, k) => indices[Math.round((k * (indices.length - 1)) / (X_TICKS - 1))] as number);
}

function trendFigure(series: SeriesAnalysis, index: number, history: History, allChanges: readonly SeriesChange[]): string {
  const { commits } = history;
  const first = Math.max(0, commits.length - CHART_COMMITS);
  const shown = series.points.filter((p) => p.commit >= first);
  const changes = allChanges.filter((c) => c.commitIndex >= first);
  const measured = shown.filter((p): p is Measured => p.kind === 'measured');
  const value = (v: number | null) => (v === null ? '' : formatValue(v, series.unit));
  const points: LinePoint[] = measured.map((p) => {
    const commit = commits[p.commit];
    const interval = p.lower !== null && p.upper !== null ? ` [${value(p.lower)}, ${value(p.upper)}]` : ' (no interval)';
    return {
      x: p.commit,
      y: p.value,
      text: `${shortCommit(commit?.label ?? '')} ${shortTime(commit?.time ?? '')}: ${value(p.value)}${interval}, ${p.n} samples in ${p.runs} run${p.runs === 1 ? '' : 's'}${p.outlier ? '; an isolated spike, left out of the search' : ''}`,
      ...(p.lower !== null && p.upper !== null ? { lower: p.lower, upper: p.upper } : {}),
      ...(p.outlier ? { hollow: true } : {}),
    };
  });
  const marks: LineMark[] = [
    ...changes.map((c) => ({
      x: c.commitIndex - 0.5,
      kind: history.changePoints.includes(c) ? c.kind : 'small',
      label: percentText(c.change),
      text: `${c.shape === 'gradual' ? 'gradual ' : ''}${history.changePoints.includes(c) ? c.kind : '~'} at ${shortCommit(c.commit)}: ${value(c.before)} → ${value(c.after)} (${percentText(c.change)})`,
    })),
    ...shown.flatMap((p) => (p.kind === 'failed' ? [{ x: p.commit, kind: 'failed', text: `${p.status} at ${shortCommit(commits[p.commit]?.label ?? '')}: ${p.error}` }] : [])),
  ];
  const name = seriesName(series);
  const chart = renderLineChart({
    id: `trend-${index}-${slug(series.case)}`,
    title: `${name}: history`,
    description: `${measured.length} commits; ${changes.length > 0 ? changes.map((c) => `${c.kind} of ${percentText(c.change)} at ${shortCommit(c.commit)}`).join(', ') : 'no change point'}`,
    xLabel: 'commit (oldest → newest)',
    yLabel: series.unit === 'ns' ? 'time per call' : series.unit,
    xFormat: (x) => shortCommit(commits[x]?.label ?? '').slice(0, 7),
    yFormat: (y) => value(y),
    xScale: 'linear',
    xTicks: evenTicks(measured.map((p) => p.commit)),
    yFit: 'data',
    compact: true,
    plotHeight: 150,
    marks,
    series: [{ label: name, points }],
  });
  const noise = series.noise === null ? '' : `; noise ±${(series.noise * 100).toFixed(1)}% per commit`;
  const found = changes.filter((c) => history.changePoints.includes(c)).map((c) => `${c.kind} ${percentText(c.change)} at ${shortCommit(c.commit).slice(0, 7)}`);
  const older = series.points.length - shown.length;
  const caption = `${name}: ${measured.length} commit${measured.length === 1 ? '' : 's'}${older > 0 ? ` (the newest; ${older} older ones are in the JSON output)` : ''}${noise}${found.length > 0 ? `; ${found.join(', ')}` : ''}.${series.noisy ? ' Noisy: a change of the threshold could hide.' : ''}${series.tooShort ? ' Too short for change points.' : ''}`;
  const table = htmlTable(
    ['segment', 'commits', 'median'],
    series.segments.map((s, i) => [`${i + 1}`, `${shortCommit(commits[s.from]?.label ?? '')} … ${shortCommit(commits[s.to]?.label ?? '')}`, value(s.median)]),
  );
  return figure({ chart, caption, table, className: `trend${changes.some((c) => history.changePoints.includes(c)) ? ' changed' : ''}` });
}

function trends(history: History): string {
  const byKey = new Map<string, SeriesChange[]>();
  for (const c of [...history.changePoints, ...history.smallChanges]) byKey.set(seriesKey(c), [...(byKey.get(seriesKey(c)) ?? []), c]);
  const newest = (s: SeriesAnalysis) => Math.max(-1, ...history.changePoints.filter((c) => seriesKey(c) === seriesKey(s)).map((c) => c.commitIndex));
  const order = history.series
    .map((series, index) => ({ series, index, newest: newest(series) }))
    .sort((a, b) => b.newest - a.newest || Number(b.series.noisy) - Number(a.series.noisy) || a.index - b.index);
  if (order.length === 0) return emptyNote('No series.');
  const figures = order.map(({ series, index }) => trendFigure(series, index, history, byKey.get(seriesKey(series)) ?? []));
  return `<p>One chart per case (and unit, and machine when the history has several), cases with the most recent change points first, then noisy ones. Each point is a commit: the median of its pooled samples, with its interval as a band; dashed lines mark change points (red a regression, green an improvement, thin grey a ~ change); hollow points are isolated spikes left out of the search. Hover a point for its commit.</p>\n<div class="figure-grid">${figures.join('\n')}</div>`;
}

function commitsTable(history: History): string {
  const rows = history.commits.map((c) => [`${c.index + 1}`, c.label, `${shortTime(c.time)} (${c.timeSource === 'commit' ? 'commit time' : 'run time'})`, c.branch ?? '—', c.files.join(', ')]);
  return `<details><summary>All ${history.commits.length} commits</summary>${htmlTable(['#', 'commit', 'time', 'branch', 'result files'], rows)}</details>`;
}

/** The trend page of `npm run history --format html`: self-contained (inline CSS and SVG, no script), no network. */
export function renderHistoryPage(history: History): string {
  const failing = history.gate.regressions.length > 0 || history.gate.broken.length > 0;
  const noisy = history.series.filter((s) => s.noisy);
  const summary = [
    `<p class="verdict-line ${failing ? 'has-regression' : 'no-regression'}"><strong>${failing ? '✗ ' : '✓ '}${escapeHtml(recentRegressionsText(history))}</strong></p>`,
    `<p>${escapeHtml(countsLine(history))}.</p>`,
    ...history.warnings.map((w) => `<p class="warning" role="note"><strong>Warning:</strong> ${escapeHtml(w)}</p>`),
    ...history.broken.map((b) => `<p class="warning" role="note"><strong>Failing at the newest commit:</strong> ${escapeHtml(`${seriesName(b)}: ${b.error}`)}</p>`),
    ...(noisy.length > 0 ? [`<details><summary>Noisy series (${noisy.length}): a change of the threshold's size could hide</summary><ul>${noisy.map((s) => `<li>${escapeHtml(noisyLine(s))}</li>`).join('')}</ul></details>`] : []),
    ...(history.smallChanges.length > 0 ? [`<details><summary>~ significant changes within the threshold (${history.smallChanges.length})</summary>${changeTable(history.smallChanges, history)}</details>`] : []),
    `<p class="legend-text">${historyLegend(history).map(escapeHtml).join('<br>')}</p>`,
  ].join('\n');
  const sections: PageSection[] = [
    { id: 'summary', heading: 'Summary', body: summary },
    { id: 'changed-most', heading: 'Cases that changed most', body: overview(history) },
    { id: 'trends', heading: 'Trends', body: trends(history) },
    { id: 'commits', heading: 'Commits', body: commitsTable(history) },
  ];
  return htmlDocument('serbench history', [`<p class="lede">${escapeHtml(historyHeadline(history))}</p>`], sections);
}
