import { formatP, formatPercent, formatValue } from '../../compare/format.js';
import type { History, HistoryCommit, SeriesAnalysis, SeriesChange } from '../../history/types.js';

/** Pure helpers shared by the history's terminal, Markdown and HTML renderings. */

export function shortCommit(label: string): string {
  return /^[0-9a-f]{40}/.test(label) ? `${label.slice(0, 10)}${label.endsWith('+dirty') ? '+dirty' : ''}` : label;
}

/** `2026-03-02 10:14` (UTC): minutes are enough to tell commits apart in a table. */
export function shortTime(iso: string): string {
  return iso.replace('T', ' ').slice(0, 16);
}

export function percentText(fraction: number): string {
  return formatPercent(fraction);
}

export function thresholdText(threshold: number): string {
  return `±${Math.round(threshold * 1000) / 10}%`;
}

/** The series' name: its case, and its unit and machine when they are needed to tell series apart. */
export function seriesName(item: { readonly case: string; readonly unit: string; readonly machine: string | null }): string {
  const unit = item.unit === 'ns' ? '' : ` [${item.unit}]`;
  return `${item.case}${unit}${item.machine ? ` (${item.machine})` : ''}`;
}

export interface ChangeCells {
  readonly commit: string;
  readonly when: string;
  readonly series: string;
  readonly beforeAfter: string;
  readonly change: string;
  readonly p: string;
  readonly kind: string;
  /** Gradual span, environment change. */
  readonly note: string;
}

export function changeCells(change: SeriesChange, commits: readonly HistoryCommit[]): ChangeCells {
  const interval = change.interval ? ` [${percentText(change.interval.lower)}, ${percentText(change.interval.upper)}]` : ' [no interval]';
  const notes = [
    ...(change.shape === 'gradual' && change.lastCommit ? [`gradual: ${shortCommit(change.commit)} … ${shortCommit(change.lastCommit)} (${(change.lastCommitIndex ?? change.commitIndex) - change.commitIndex + 1} commits)`] : []),
    ...(change.environmentChange ? [change.environmentChange] : []),
  ];
  return {
    commit: shortCommit(change.commit),
    when: shortTime(commits[change.commitIndex]?.time ?? ''),
    series: seriesName(change),
    beforeAfter: `${formatValue(change.before, change.unit)} → ${formatValue(change.after, change.unit)}`,
    change: `${percentText(change.change)}${interval}`,
    p: formatP(change.p),
    kind: change.kind,
    note: notes.join('; '),
  };
}

export function noisyLine(series: SeriesAnalysis): string {
  const noise = series.noise === null ? '' : `noise ±${(series.noise * 100).toFixed(1)}% per commit`;
  const needed = series.commitsNeeded === null ? '' : `; a ${thresholdText(series.threshold).slice(1)} change shows only after about ${series.commitsNeeded} commits on each side`;
  return `${seriesName(series)}: ${noise}${needed}`;
}

export function recentRegressionsText(history: History): string {
  const { gate } = history;
  const count = gate.regressions.length;
  const broken = gate.broken.length;
  const window = `the last ${Math.min(gate.since, history.commits.length)} commit${history.commits.length === 1 ? '' : 's'}`;
  if (count === 0 && broken === 0) return `no regression in ${window}`;
  const parts = [
    ...(count > 0 ? [`${count} regression${count === 1 ? '' : 's'} in ${window}: ${gate.regressions.map((c) => `${seriesName(c)} at ${shortCommit(c.commit)} (${percentText(c.change)})`).join(', ')}`] : []),
    ...(broken > 0 ? [`failing at the newest commit: ${gate.broken.map((b) => seriesName(b)).join(', ')}`] : []),
  ];
  return parts.join('; ');
}

export function historyHeadline(history: History): string {
  const { summary, commits } = history;
  const span = commits.length > 0 ? `, ${shortTime(commits[0]?.time ?? '')} → ${shortTime(commits[commits.length - 1]?.time ?? '')}` : '';
  return `${summary.commits} commit${summary.commits === 1 ? '' : 's'} (${summary.files} file${summary.files === 1 ? '' : 's'})${span}; ${summary.series} series; threshold ${thresholdText(history.options.threshold)}`;
}

export function countsLine(history: History): string {
  const s = history.summary;
  return [
    `${s.regressions} regression${s.regressions === 1 ? '' : 's'}`,
    `${s.improvements} improvement${s.improvements === 1 ? '' : 's'}`,
    `${s.small} ~`,
    ...(s.noisy > 0 ? [`${s.noisy} noisy`] : []),
    ...(s.tooShort > 0 ? [`${s.tooShort} too short`] : []),
  ].join(', ');
}

export function historyLegend(history: History): string[] {
  const { options } = history;
  const level = `${Math.round((1 - options.alpha) * 1000) / 10}%`;
  return [
    `method: ${history.method}; isolated spikes (a busy machine) are left out of the search when rare.`,
    `change: typical after/before ratio − 1 (Hodges–Lehmann) between the segments on either side, with its ${level} interval; before → after: medians of the commits' figures (median of each commit's pooled samples).`,
    `a change point counts unless its interval lies within ${thresholdText(options.threshold)} (then it is ~); gradual: consecutive small steps in one direction that together count; noisy: a ${thresholdText(options.threshold).slice(1)} change could hide in the series' noise with ${options.noiseWindow} commits on each side.`,
  ];
}
