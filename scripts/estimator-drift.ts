/**
 * Which estimator holds still from run to run? For result files of the same
 * commit (time mode, several rounds each), computes each case's figure relative
 * to `json` (same dataset and op) with several estimators, from the very same
 * samples, and prints, for every pair of files, the median and p90 over cases
 * of |log a − log b| (in %). The estimators:
 * - paired median: per round, the median of the per-cycle ratios of the two cases' slices;
 * - min, p10, p25, median ratio: per round, the ratio of the two cases' minimum,
 *   10th percentile, lower quartile, median;
 * - fastest 10%: the ratio of the geometric means of each case's fastest tenth;
 * - fastest 10%, fast-mode rounds: the same, leaving out rounds that missed the
 *   machine's fast mode — what serbench reports (results/figures.ts). Files
 *   written before runs recorded `extra.setAsideRounds` get the rule applied here.
 * Rounds are combined by the geometric mean, as the suite does.
 *
 *   npx tsx scripts/estimator-drift.ts run1.json run2.json [run3.json …] [--pairs]
 *
 * docs/measurement.md reports its output.
 */
import { pairedLogRatio } from '../src/stats/paired.js';
import { quantileSorted } from '../src/stats/summary.js';
import { readOrExit } from './read-or-exit.js';
import type { LoadedCase } from '../src/results/read.js';
import { relativeFigure, roundsMissingFastMode, roundsOf, runEstimate, SET_ASIDE_FIELD, type MeasuredCase } from '../src/results/figures.js';


const files = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
if (files.length < 2) {
  process.stderr.write('usage: npx tsx scripts/estimator-drift.ts run1.json run2.json [run3.json …]\n');
  process.exit(2);
}

const quantileRatio = (p: number) => (a: readonly number[], b: readonly number[]) =>
  Math.log(quantileSorted([...a].sort((x, y) => x - y), p) / quantileSorted([...b].sort((x, y) => x - y), p));
const perRound: Record<string, (a: readonly number[], b: readonly number[]) => number> = {
  'paired median': pairedLogRatio,
  'min ratio': quantileRatio(0),
  'p10 ratio': quantileRatio(0.1),
  'p25 ratio': quantileRatio(0.25),
  'median ratio': quantileRatio(0.5),
  'fastest 10%': (a, b) => Math.log(runEstimate(a, 'ns') / runEstimate(b, 'ns')),
};
const SUITE = 'fastest 10%, fast-mode rounds';
const names = [...Object.keys(perRound), SUITE];

/** Every estimator's log figure for every case with a json partner, in one file. */
function figures(file: string): Map<string, Map<string, number>> {
  const cases = readOrExit(file).cases.filter((c) => c.status === 'ok' && c.samples.length > 0 && c.unit === 'ns');
  const recorded = cases.some((c) => Array.isArray((c.extra as Record<string, unknown> | undefined)?.[SET_ASIDE_FIELD]));
  const aside = recorded ? [] : roundsMissingFastMode(cases, process.env.CUT ? Number(process.env.CUT) : undefined);
  const withAside = (item: MeasuredCase): MeasuredCase => (recorded ? item : { ...item, extra: { ...item.extra, [SET_ASIDE_FIELD]: aside } });
  const byId = new Map(cases.map((c) => [c.id, c]));
  const out = new Map(names.map((name) => [name, new Map<string, number>()]));
  for (const item of cases) {
    const [suite, dataset, codec, op, records] = item.id.split('/');
    const reference: LoadedCase | undefined = byId.get(`${suite}/${dataset}/json/${op}/${records}`);
    if (!reference || codec === 'json') continue;
    const [mine, theirs] = [roundsOf(item), roundsOf(reference)];
    for (const [name, estimate] of Object.entries(perRound)) {
      const logs = mine.map((round, i) => estimate(round.samples, theirs[i]?.samples ?? []));
      out.get(name)?.set(item.id, logs.reduce((sum, value) => sum + value, 0) / logs.length);
    }
    out.get(SUITE)?.set(item.id, Math.log(relativeFigure(withAside(item), withAside(reference)).value));
  }
  return out;
}

const quantile = (values: number[], p: number): number => quantileSorted([...values].sort((x, y) => x - y), p);
const all = files.map(figures);
const pairs: [number, number][] = [];
for (let i = 0; i < files.length; i++) for (let j = i + 1; j < files.length; j++) pairs.push([i, j]);
const cells = (name: string) =>
  pairs.map(([i, j]) => {
    const [a, b] = [all[i]?.get(name), all[j]?.get(name)];
    const drifts = [...(a?.keys() ?? [])].filter((id) => b?.has(id)).map((id) => 100 * Math.abs((a?.get(id) as number) - (b?.get(id) as number)));
    return { median: quantile(drifts, 0.5), p90: quantile(drifts, 0.9) };
  });
const fixed = (value: number) => value.toFixed(1);
process.stdout.write(`drift of each case's figure relative to json between two runs (%), over ${pairs.length} pairs of ${files.length} runs\n\n`);
process.stdout.write('| estimator | median drift: median over pairs (range) | p90 drift: median over pairs (range) |\n|---|--:|--:|\n');
for (const name of names) {
  const pairCells = cells(name);
  const medians = pairCells.map((cell) => cell.median);
  const p90s = pairCells.map((cell) => cell.p90);
  process.stdout.write(`| ${name} | ${fixed(quantile(medians, 0.5))} (${fixed(Math.min(...medians))}–${fixed(Math.max(...medians))}) | ${fixed(quantile(p90s, 0.5))} (${fixed(Math.min(...p90s))}–${fixed(Math.max(...p90s))}) |\n`);
}
if (process.argv.includes('--pairs')) {
  process.stdout.write(`\n| estimator | ${pairs.map(([i, j]) => `runs ${i + 1}–${j + 1}`).join(' | ')} |\n|---|${pairs.map(() => '--:').join('|')}|\n`);
  for (const name of names) process.stdout.write(`| ${name} | ${cells(name).map((cell) => `${fixed(cell.median)} / ${fixed(cell.p90)}`).join(' | ')} |\n`);
}
