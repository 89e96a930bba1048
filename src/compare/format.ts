import type { Environment } from '../results/types.js';
import type { CaseComparison, Change, Comparison, FileSummary, SideSummary, Verdict } from './types.js';

/** Pure helpers shared by the terminal and Markdown formats. */

const TIME_SCALES = [
  { limit: 1e3, divisor: 1, unit: 'ns' },
  { limit: 1e6, divisor: 1e3, unit: 'µs' },
  { limit: 1e9, divisor: 1e6, unit: 'ms' },
  { limit: Infinity, divisor: 1e9, unit: 's' },
] as const;

function significant(value: number): string {
  if (value === 0) return '0';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toFixed(digits);
}

/** A measurement with its unit; nanoseconds are scaled to µs, ms or s. */
export function formatValue(value: number, unit: string): string {
  if (unit === 'ns') {
    const scale = TIME_SCALES.find((candidate) => Math.abs(value) < candidate.limit) ?? TIME_SCALES[3];
    return `${significant(value / scale.divisor)} ${scale.unit}`;
  }
  return `${significant(value)} ${unit}`;
}

export function formatPercent(fraction: number): string {
  const percent = fraction * 100;
  const digits = Math.abs(percent) >= 100 ? 0 : 1;
  const text = Math.abs(percent).toFixed(digits);
  if (Number(text) === 0) return `${(0).toFixed(digits)}%`;
  return `${percent > 0 ? '+' : '-'}${text}%`;
}

export function formatChange(change: Change): string {
  return `${formatPercent(change.estimate)} [${formatPercent(change.lower)}, ${formatPercent(change.upper)}]`;
}

export function formatP(p: number): string {
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}

/** `1.23 ms ±0.4%`: the median and the larger half-width of its interval, relative. */
export function formatMedian(side: SideSummary, unit: string): string {
  if (side.median === null) return '—';
  const value = formatValue(side.median, unit);
  const interval = side.medianInterval;
  if (!interval || side.median === 0) return value;
  const halfWidth = Math.max(side.median - interval.lower, interval.upper - side.median) / side.median;
  return `${value} ±${(halfWidth * 100).toFixed(1)}%`;
}

export const VERDICT_LABELS: Readonly<Record<Verdict, string>> = { slower: 'slower', faster: 'faster', unchanged: '~', inconclusive: '?' };

export function verdictLabel(item: CaseComparison): string {
  switch (item.kind) {
    case 'compared':
      return VERDICT_LABELS[item.verdict];
    case 'too-few-samples':
      return 'too few samples';
    case 'not-comparable':
      return 'not compared';
    case 'added':
    case 'removed':
      return item.kind;
  }
}

export function sampleCounts(item: CaseComparison): string {
  const base = 'base' in item ? String(item.base.n) : '–';
  const head = 'head' in item ? String(item.head.n) : '–';
  return `${base}/${head}`;
}

export interface CaseCells {
  readonly id: string;
  readonly base: string;
  readonly head: string;
  readonly n: string;
  /** Runs (rounds or processes) per side, when the files show them. */
  readonly runs: string;
  readonly change: string;
  readonly p: string;
  readonly verdict: string;
}

export function caseCells(item: CaseComparison): CaseCells {
  return {
    id: item.id,
    base: 'base' in item ? formatMedian(item.base, item.unit) : '—',
    head: 'head' in item ? formatMedian(item.head, item.unit) : '—',
    n: sampleCounts(item),
    runs: item.kind === 'compared' && item.runs ? `${item.runs.baseRuns}/${item.runs.headRuns}` : '—',
    change: item.kind === 'compared' ? formatChange(item.change) : '—',
    p: item.kind === 'compared' ? formatP(item.p) : '—',
    verdict: verdictLabel(item),
  };
}

/** The row under the table: geometric means over the cases that have a change. */
export function geometricMeanCells(comparison: Comparison): CaseCells | null {
  const mean = comparison.summary.geometricMean;
  if (!mean) return null;
  const unit = comparison.cases.find((item) => item.kind === 'compared')?.unit ?? '';
  return {
    id: `geometric mean (${mean.cases} case${mean.cases === 1 ? '' : 's'})`,
    base: formatValue(mean.base, unit),
    head: formatValue(mean.head, unit),
    n: '',
    runs: '',
    change: formatPercent(mean.change),
    p: '',
    verdict: '',
  };
}

/** Notes for cases without a verdict: why they were not compared. */
export function caseNotes(comparison: Comparison): string[] {
  return comparison.cases.flatMap((item) => (item.kind === 'too-few-samples' || item.kind === 'not-comparable' ? [`${item.id}: ${item.reason}`] : []));
}

/** The machine without the Node version: `linux x64 · AMD EPYC ×2`. */
export function describeMachine(env: Partial<Environment>): string {
  const cpu = env.cpuModel ? `${env.cpuModel}${env.cpuCount ? ` ×${env.cpuCount}` : ''}` : env.cpuCount ? `${env.cpuCount} CPUs` : 'unknown CPU';
  const platform = [env.platform, env.arch].filter(Boolean).join(' ');
  return `${platform || 'unknown platform'} · ${cpu}`;
}

export function describeEnvironment(env: Partial<Environment>): string {
  return `node ${env.node ?? 'unknown'} · ${describeMachine(env)}`;
}

export function describeFile(file: FileSummary): string {
  const sha = file.sha ? `${file.sha.slice(0, 10)}${file.dirty ? '+dirty' : ''}` : 'no git sha';
  return `${file.label} (${sha}${file.createdAt ? `, ${file.createdAt}` : ''})`;
}

const counted = (parts: readonly (readonly [number, string])[]): string[] => parts.filter(([count]) => count > 0).map(([count, label]) => `${count} ${label}`);

/** `12 compared: 1 slower, 9 ~, 2 ?; 4 added`: how many cases had a verdict, always first, then the rest. */
export function summaryCounts(comparison: Comparison): string {
  const s = comparison.summary;
  const verdicts = counted([
    [s.slower, 'slower'],
    [s.faster, 'faster'],
    [s.unchanged, '~'],
    [s.inconclusive, '?'],
  ]);
  const others = counted([
    [s.tooFewSamples, 'too few samples'],
    [s.notComparable, 'not compared'],
    [s.added, 'added'],
    [s.removed, 'removed'],
  ]);
  const compared = `${s.compared} compared${verdicts.length > 0 ? `: ${verdicts.join(', ')}` : ''}`;
  return others.length > 0 ? `${compared}; ${others.join(', ')}` : compared;
}

/** The verdict and the counts, without the regressions' ids: `no regression (12 compared: 9 ~, 3 ?; 4 added)`. */
export function resultHeadline(comparison: Comparison): string {
  const regressions = comparison.summary.regressions.length;
  const verdict = regressions === 0 ? 'no regression' : `${regressions} regression${regressions === 1 ? '' : 's'}`;
  return `${verdict} (${summaryCounts(comparison)})`;
}

export function resultLine(comparison: Comparison): string {
  const { regressions, broken } = comparison.summary;
  if (regressions.length === 0) return resultHeadline(comparison);
  const failed = broken.length > 0 ? `; failed in head: ${broken.join(', ')}` : '';
  return `${resultHeadline(comparison)}: ${regressions.join(', ')}${failed}`;
}

export function legend(comparison: Comparison): string[] {
  const level = `${Math.round(comparison.confidence * 1000) / 10}%`;
  const threshold = `±${Math.round(comparison.threshold * 1000) / 10}%`;
  const withRuns = comparison.cases.filter((item) => item.kind === 'compared' && item.runs !== null).length;
  return [
    `change: typical head/base ratio − 1 (Hodges–Lehmann) with its ${level} interval${withRuns > 0 ? `, widened to the spread between runs (rounds or processes) for ${withRuns} case${withRuns === 1 ? '' : 's'}` : ''}; p: Mann–Whitney U, two-sided; medians ± the half-width of their ${level} interval.`,
    `slower/faster: p < ${comparison.alpha} and the whole interval beyond ${threshold} (slower fails the command); ~: the interval lies within ${threshold}; ?: no change beyond ${threshold} shown, but the interval is too wide to rule one out.`,
  ];
}
