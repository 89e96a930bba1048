import { Random } from '../datasets/random.js';
import { eDivisive, type DetectedChange } from '../stats/e-divisive.js';
import { hodgesLehmannInterval } from '../stats/hodges-lehmann.js';
import { normalQuantile } from '../stats/normal.js';
import { MAD_TO_SIGMA, spikeIndices } from '../stats/spikes.js';
import { median } from '../stats/summary.js';
import { orderCommits, type HistoryInput } from './commits.js';
import { resolveHistoryOptions, thresholdFor, type HistoryOptions } from './options.js';
import { buildSeries, type Series } from './series.js';
import { HISTORY_SCHEMA, type BrokenCase, type History, type HistoryCommit, type HistoryPoint, type Segment, type SeriesAnalysis, type SeriesChange } from './types.js';

type Measured = Extract<HistoryPoint, { kind: 'measured' }>;

/** Power the noise figure is stated at: a change of `resolvable` shows 80% of the time. */
const POWER = 0.8;

/** FNV-1a of the series' name: each series gets its own shuffles, whatever order the series come in. */
function hash(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

interface SeriesContext {
  readonly series: Series;
  readonly measured: readonly Measured[];
  readonly logs: readonly number[];
  readonly commits: readonly HistoryCommit[];
  readonly options: HistoryOptions;
  readonly threshold: number;
}

/**
 * The change between two runs of measured points (indices into `measured`, end
 * exclusive) that begins at `at` and, for a gradual one, ends at `lastAt`.
 */
function changeBetween(context: SeriesContext, before: [number, number], after: [number, number], p: number, at: number, lastAt?: number): SeriesChange {
  const { series, measured, logs, commits, options, threshold } = context;
  const values = (range: [number, number]) => measured.slice(...range).map((point) => point.value);
  const beforeMedian = median(values(before));
  const afterMedian = median(values(after));
  const shift = hodgesLehmannInterval(logs.slice(...after), logs.slice(...before), options.alpha);
  const interval = shift ? { lower: Math.expm1(shift.lower), upper: Math.expm1(shift.upper) } : null;
  // The typical after/before ratio (Hodges–Lehmann, as compare): steadier than a ratio of two medians.
  const change = shift ? Math.expm1(shift.estimate) : afterMedian / beforeMedian - 1;
  const first = measured[at] as Measured;
  const previous = measured[at - 1] as Measured;
  const last = lastAt !== undefined ? (measured[lastAt] as Measured) : undefined;
  const nodeChange = previous.node !== first.node && previous.node && first.node ? `node ${previous.node} → ${first.node}` : undefined;
  const commit = commits[first.commit] as HistoryCommit;
  return {
    case: series.case,
    unit: series.unit,
    machine: series.machine,
    commit: commit.label,
    commitIndex: commit.index,
    shape: last ? 'gradual' : 'step',
    ...(last ? { lastCommit: (commits[last.commit] as HistoryCommit).label, lastCommitIndex: last.commit } : {}),
    before: beforeMedian,
    after: afterMedian,
    change,
    interval,
    beyondThreshold: interval !== null && (interval.lower > threshold || interval.upper < -threshold),
    p,
    kind: change > 0 ? 'regression' : 'improvement',
    ...(nodeChange ? { environmentChange: nodeChange } : {}),
  };
}

/**
 * A change matters unless its interval shows it is smaller than the threshold
 * (`~`, as in compare). Without an interval (segments too short), its size decides.
 */
function matters(change: SeriesChange, threshold: number): boolean {
  if (change.interval) return change.interval.upper > threshold || change.interval.lower < -threshold;
  return Math.abs(change.change) >= threshold;
}

interface LiveChange {
  /** Measured index of the first point after the change. */
  readonly index: number;
  readonly p: number;
  /** Measured indices of the first and last step it absorbed (a creep); both `index` for a plain step. */
  first: number;
  last: number;
}

/**
 * From E-Divisive's change points to the changes that matter, as Hunter (Otava)
 * prunes weak change points: each change point is measured against the
 * segments on either side; while some are `~` (their interval lies within the
 * threshold), the smallest of them is set aside as a small change and its two
 * segments join, so its neighbours are measured against longer, steadier
 * segments. A small step that joins a neighbouring change in the same direction
 * (within `gradualWindow` commits) is absorbed by it: a creep of +0.5% per
 * commit, found as several small steps, ends as one gradual change that matters.
 */
function changesOf(context: SeriesContext, found: readonly DetectedChange[]): { changes: SeriesChange[]; small: SeriesChange[]; kept: number[] } {
  const { measured, threshold, options } = context;
  const live: LiveChange[] = found.map((c) => ({ index: c.index, p: c.p, first: c.index, last: c.index }));
  const small: SeriesChange[] = [];
  const commitOf = (index: number): number => (measured[index] as Measured).commit;
  for (;;) {
    // A creep is measured from before its first step to after its last, the ramp left out.
    const evaluated = live.map((c, i) => {
      const before: [number, number] = [live[i - 1]?.index ?? 0, c.first];
      const after: [number, number] = [c.last, live[i + 1]?.index ?? measured.length];
      return changeBetween(context, before, after, c.p, c.first, c.last > c.first ? c.last : undefined);
    });
    const weak = evaluated.flatMap((change, i) => (matters(change, threshold) ? [] : [{ change, i }]));
    const weakest = weak.reduce<{ change: SeriesChange; i: number } | null>((best, item) => (best === null || Math.abs(item.change.change) < Math.abs(best.change.change) ? item : best), null);
    if (weakest === null) return { changes: evaluated, small, kept: live.map((c) => c.index) };
    const { change, i } = weakest;
    small.push(change);
    const removed = live[i] as LiveChange;
    const neighbours = [i - 1, i + 1].filter((j) => {
      const neighbour = live[j];
      return neighbour !== undefined && evaluated[j]?.kind === change.kind && Math.abs(commitOf(neighbour.index) - commitOf(removed.index)) <= options.gradualWindow;
    });
    const nearest = neighbours.sort((a, b) => Math.abs(commitOf((live[a] as LiveChange).index) - commitOf(removed.index)) - Math.abs(commitOf((live[b] as LiveChange).index) - commitOf(removed.index)))[0];
    if (nearest !== undefined) {
      const target = live[nearest] as LiveChange;
      target.first = Math.min(target.first, removed.first);
      target.last = Math.max(target.last, removed.last);
    }
    live.splice(i, 1);
  }
}

/** Sigma of the commits' log figures around their segment's median, from the median absolute deviation (robust to outliers and steps). */
function robustNoise(logs: readonly number[], bounds: readonly number[]): number | null {
  if (logs.length < 3) return null;
  const residuals: number[] = [];
  for (let s = 0; s + 1 < bounds.length; s++) {
    const segment = logs.slice(bounds[s], bounds[s + 1]);
    const center = median(segment);
    for (const value of segment) residuals.push(Math.abs(value - center));
  }
  return MAD_TO_SIGMA * median(residuals);
}

export function analyseSeries(series: Series, commits: readonly HistoryCommit[], options: HistoryOptions): { analysis: SeriesAnalysis; changes: SeriesChange[]; small: SeriesChange[] } {
  const threshold = thresholdFor(options, series.unit);
  const positive = series.points.filter((point): point is Measured => point.kind === 'measured' && point.value > 0);
  // A run 1.5× slower on a busy machine is not a change of the code: rare isolated spikes sit out
  // the search. Frequent ones are a two-mode machine; leaving out only the isolated among them would
  // leave the clustered ones looking like levels, so then every commit counts (the permutation test
  // is exact for any noise that does not change over time).
  const spikeIndex = spikeIndices(positive.map((point) => Math.log(point.value)));
  const rare = spikeIndex.length <= Math.max(1, Math.floor(options.outlierShare * positive.length));
  const spikes = new Set(rare ? spikeIndex.map((index) => (positive[index] as Measured).commit) : []);
  const measured = positive.filter((point) => !spikes.has(point.commit));
  const logs = measured.map((point) => Math.log(point.value));
  const context: SeriesContext = { series, measured, logs, commits, options, threshold };
  const random = new Random(hash(`${series.case}\u0000${series.unit}\u0000${series.machine ?? ''}`, options.seed));
  const tooShort = measured.length < 2 * options.minSegment;
  const found = tooShort ? [] : eDivisive(logs, { significance: options.significance, permutations: options.permutations, minSegment: options.minSegment, random: () => random.float() });
  const { changes, small, kept } = changesOf(context, found);
  const bounds = [0, ...kept, measured.length];
  const segments: Segment[] = bounds.slice(0, -1).flatMap((from, s) => {
    const points = measured.slice(from, bounds[s + 1]);
    return points.length > 0 ? [{ from: (points[0] as Measured).commit, to: (points[points.length - 1] as Measured).commit, median: median(points.map((p) => p.value)) }] : [];
  });
  const noise = robustNoise(logs, [0, ...found.map((c) => c.index), measured.length]);
  // A shift of the mean of `w` commits against `w` others, seen at the test's level with 80% power.
  const z = normalQuantile(1 - options.significance / 2) + normalQuantile(POWER);
  const resolvable = noise === null ? null : Math.expm1(z * noise * Math.sqrt(2 / options.noiseWindow));
  const commitsNeeded = noise === null || threshold <= 0 ? null : Math.max(options.minSegment, Math.ceil(2 * ((z * noise) / Math.log1p(threshold)) ** 2));
  return {
    analysis: {
      case: series.case,
      unit: series.unit,
      machine: series.machine,
      points: series.points.map((point) => (point.kind === 'measured' && spikes.has(point.commit) ? { ...point, outlier: true } : point)),
      segments,
      noise,
      resolvable,
      commitsNeeded,
      noisy: resolvable !== null && resolvable > threshold,
      tooShort,
      threshold,
    },
    changes,
    small,
  };
}

function brokenAtNewest(series: Series, commits: readonly HistoryCommit[]): BrokenCase | null {
  const last = series.points[series.points.length - 1];
  const newest = commits.length - 1;
  if (last?.kind !== 'failed' || last.commit !== newest || !series.points.some((point) => point.kind === 'measured')) return null;
  return { case: series.case, unit: series.unit, machine: series.machine, commit: (commits[newest] as HistoryCommit).label, error: last.error };
}

const mostRecentFirst = (a: SeriesChange, b: SeriesChange): number => (b.lastCommitIndex ?? b.commitIndex) - (a.lastCommitIndex ?? a.commitIndex) || Math.abs(b.change) - Math.abs(a.change);

function historyWarnings(series: readonly SeriesAnalysis[], machines: readonly string[], options: HistoryOptions): string[] {
  const warnings: string[] = [];
  if (machines.length > 1) {
    warnings.push(
      options.machines === 'group'
        ? `the files come from ${machines.length} machines (${machines.join('; ')}): each machine has its own series, since timings of different machines do not compare (--machines pool to pool them)`
        : `the files come from ${machines.length} machines (${machines.join('; ')}) pooled into one series each (--machines pool): a change may come from the machine`,
    );
  }
  const nodes = new Set(series.flatMap((s) => s.points.flatMap((p) => (p.kind === 'measured' && p.node ? [p.node] : []))));
  if (nodes.size > 1) warnings.push(`the history spans ${nodes.size} Node versions (${[...nodes].sort().join(', ')}): a change point at a commit where the version changed says so`);
  return warnings;
}

/**
 * The history of a set of result files: commits in order, one series per case,
 * unit and machine, its change points (E-Divisive with a permutation test), the
 * changes that matter against the threshold, and how noisy each series is. Pure.
 */
export function analyseHistory(inputs: readonly HistoryInput[], overrides: Partial<HistoryOptions> = {}): History {
  const options = resolveHistoryOptions(overrides);
  const ordered = orderCommits(inputs, options.branch);
  const { commits } = ordered;
  const { series, machines } = buildSeries(ordered, options);
  const results = series.map((s) => analyseSeries(s, commits, options));
  const analyses = results.map((r) => r.analysis);
  const changePoints = results.flatMap((r) => r.changes).sort(mostRecentFirst);
  const smallChanges = results.flatMap((r) => r.small).sort(mostRecentFirst);
  const broken = series.flatMap((s) => brokenAtNewest(s, commits) ?? []);
  const firstCommit = Math.max(0, commits.length - options.since);
  const warnings = [...ordered.warnings, ...historyWarnings(analyses, machines, options)];
  const usable = analyses.filter((a) => !a.tooShort).length;
  if (commits.length > 0 && usable === 0) warnings.push(`no series has the ${2 * options.minSegment} commits a change point needs (${options.minSegment} on each side); the history has ${commits.length}`);
  return {
    schema: HISTORY_SCHEMA,
    options,
    method: `E-Divisive (energy distance, divisive), permutation test with ${options.permutations} shuffles at p ≤ ${options.significance}, at least ${options.minSegment} commits per segment`,
    commits,
    machines,
    series: analyses,
    changePoints,
    smallChanges,
    broken,
    warnings,
    summary: {
      commits: commits.length,
      files: inputs.length,
      series: analyses.length,
      regressions: changePoints.filter((c) => c.kind === 'regression').length,
      improvements: changePoints.filter((c) => c.kind === 'improvement').length,
      small: smallChanges.length,
      noisy: analyses.filter((a) => a.noisy).length,
      tooShort: analyses.filter((a) => a.tooShort).length,
    },
    gate: {
      since: options.since,
      firstCommit,
      regressions: changePoints.filter((c) => c.kind === 'regression' && (c.lastCommitIndex ?? c.commitIndex) >= firstCommit),
      broken,
    },
  };
}

export function hasHistoryRegression(history: History): boolean {
  return history.gate.regressions.length > 0 || history.gate.broken.length > 0;
}
