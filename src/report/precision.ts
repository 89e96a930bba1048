import { relativeFigure, roundsOf, setAsideRounds, type Figure } from '../results/figures.js';
import type { CaseResult, ResultFile } from '../results/types.js';
import { bestCase, figureOf } from './codec-figures.js';
import { codecCases } from './codec-tables.js';

interface Spread {
  readonly id: string;
  readonly halfWidth: number;
}

export interface SpreadSummary {
  readonly count: number;
  /** Median half-width (log scale ≈ fraction) over the figures. */
  readonly median: number;
  readonly worst?: Spread;
}

export interface PrecisionSummary {
  readonly measured: number;
  /** What the figures count. */
  readonly unit: string;
  /** Fewest runs (processes) behind a figure; 1 means within-run spreads only. */
  readonly runs: number;
  /** Most runs behind a figure. */
  readonly maxRuns: number;
  /** Figures (absolute) that rest on one process only. */
  readonly singleRun: number;
  /** Rounds the run set aside (they missed the machine's fast mode), and all its rounds. */
  readonly rounds: { readonly setAside: number; readonly total: number };
  /** Each case's own figure (time or count per batch). */
  readonly absolute: SpreadSummary;
  /** Each case against the best of its dataset, op and batch size (the relative tables). */
  readonly relative: SpreadSummary;
  /** The run's target (`--precision`), when it had one. */
  readonly target?: number;
  /** Relative figures whose interval is wider than the target. */
  readonly missed: readonly string[];
}

function summarizeSpreads(spreads: readonly Spread[]): SpreadSummary {
  const sorted = [...spreads].sort((a, b) => a.halfWidth - b.halfWidth);
  if (sorted.length === 0) return { count: 0, median: Number.NaN };
  const middle = (sorted.length - 1) / 2;
  const median = ((sorted[Math.floor(middle)] as Spread).halfWidth + (sorted[Math.ceil(middle)] as Spread).halfWidth) / 2;
  return { count: sorted.length, median, worst: sorted.at(-1) as Spread };
}

function groupKey(c: CaseResult): string {
  return `${c.dataset}/${c.op}/${c.records}`;
}

function spreadOf(id: string, figure: Figure | null): Spread[] {
  return figure?.interval ? [{ id, halfWidth: figure.interval.halfWidth }] : [];
}

/** How far the run's figures can be trusted: their 95% intervals, run to run when the run had several processes. */
export function precisionSummary(result: ResultFile, baseline = 'memcpy'): PrecisionSummary {
  const measured = codecCases(result).filter((c) => c.status === 'ok' && c.samples.length > 0);
  const figures = measured.map((c) => ({ c, figure: figureOf(c) }));
  const groups = new Map<string, CaseResult[]>();
  for (const c of measured) if (c.codec !== baseline) groups.set(groupKey(c), [...(groups.get(groupKey(c)) ?? []), c]);
  const relative: Spread[] = [];
  for (const cases of groups.values()) {
    const best = bestCase(cases);
    if (best) for (const c of cases) if (c !== best) relative.push(...spreadOf(c.id, relativeFigure(c, best)));
  }
  // The target is the time engine's (--precision); a count has no run-to-run budget to spend.
  const counted = measured.some((c) => c.unit === 'instructions');
  const target = !counted && typeof result.meta.options.precision === 'number' && result.meta.options.precision > 0 ? result.meta.options.precision : undefined;
  const runs = figures.map(({ figure }) => figure?.runs ?? 0);
  const roundIds = new Set(measured.flatMap((c) => roundsOf(c).map((round) => round.id)));
  const setAside = new Set(measured.flatMap((c) => [...setAsideRounds(c)]));
  return {
    measured: measured.length,
    unit: counted ? 'instructions' : 'ns',
    runs: Math.min(...runs),
    maxRuns: Math.max(...runs),
    singleRun: runs.filter((n) => n < 2).length,
    rounds: { setAside: setAside.size, total: roundIds.size },
    absolute: summarizeSpreads(figures.flatMap(({ c, figure }) => spreadOf(c.id, figure))),
    relative: summarizeSpreads(relative),
    ...(target !== undefined ? { target } : {}),
    missed: target === undefined ? [] : relative.filter((s) => s.halfWidth > target).map((s) => s.id),
  };
}

const percent = (halfWidth: number): string => `±${(Math.expm1(halfWidth) * 100).toFixed(halfWidth < 0.1 ? 1 : 0)}%`;

function spreadText(label: string, spread: SpreadSummary): string {
  if (spread.count === 0) return `${label}: none`;
  return `${label} ${percent(spread.median)} median, worst ${percent(spread.worst?.halfWidth ?? Number.NaN)} (${spread.worst?.id})`;
}

function processes(summary: PrecisionSummary): string {
  const { runs, maxRuns } = summary;
  const range = runs === maxRuns ? `${runs}` : `${Math.max(runs, 1)}–${maxRuns}`;
  return `${range} process${maxRuns === 1 ? '' : 'es'}`;
}

/** The precision lines of the terminal and Markdown reports. */
export function precisionLines(result: ResultFile): string[] {
  const summary = precisionSummary(result);
  if (summary.measured === 0) return ['no case was measured'];
  if (summary.unit === 'instructions') {
    return [
      `${summary.measured} cases counted under Valgrind, in ${processes(summary)} each: spread between a case's counted phases (95%): ${spreadText('relative figures', summary.relative)}; ${spreadText('absolute', summary.absolute)}. ` +
        'A wide spread is collector work that lands in some phases and not others; the figure is the fewest instructions of any phase. Two runs of one commit count alike (docs/measurement.md).',
    ];
  }
  const single = summary.singleRun > 0 ? `; ${summary.singleRun} figure(s) from one process only, marked *` : '';
  const basis = summary.maxRuns >= 2 ? `run to run (95% intervals over ${processes(summary)}${single})` : 'within one process only (a second run can differ by more: use --rounds 2 or more for run-to-run intervals)';
  const lines = [`${summary.measured} cases measured; ${basis}: ${spreadText('relative figures', summary.relative)}; ${spreadText('absolute', summary.absolute)}`];
  if (summary.rounds.setAside > 0) {
    lines.push(
      `${summary.rounds.setAside} of ${summary.rounds.total} rounds set aside: the machine stayed in its slow mode for the whole of them, and their figures would be another machine's (docs/measurement.md)`,
    );
  }
  if (summary.target !== undefined && summary.missed.length > 0) {
    lines.push(
      `${summary.missed.length} of ${summary.relative.count} relative figures are wider than the ${percent(summary.target)} target (marked with their ± in the tables): ` +
        'this machine is noisier than the budget allows; raise --time or --max-rounds, measure the machine with `npm run calibrate`, or count instructions with --measure instructions',
    );
  }
  return lines;
}
