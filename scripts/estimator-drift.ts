/**
 * Which estimator holds still from run to run? For result files of the same
 * commit (time mode, several rounds each), computes each case's figure relative
 * to `json` (same dataset and op) with several estimators, from the very same
 * samples, and prints, for every pair of files, the median and p90 over cases
 * of |log a − log b| (in %). The estimators:
 * - paired median: per round, the median of the per-cycle ratios of the two cases' slices;
 * - p10 ratio: per round, the ratio of the two cases' 10th percentiles;
 * - p25 ratio, median ratio: the same with the lower quartile and the median;
 * - p10 ratio, fast mode: the p10 ratio, leaving out rounds that missed the
 *   machine's fast mode — what serbench reports (results/figures.ts). Files
 *   written before runs recorded `extra.setAsideRounds` get the rule applied here.
 * Rounds are combined by the geometric mean, as the suite does.
 *
 *   npx tsx scripts/estimator-drift.ts run1.json run2.json [run3.json …]
 *
 * docs/measurement.md reports its output.
 */
import { pairedLogRatio } from '../src/stats/paired.js';
import { quantileSorted } from '../src/stats/summary.js';
import { readResultFile, type LoadedCase } from '../src/results/read.js';
import { relativeFigure, roundsMissingFastMode, roundsOf, SET_ASIDE_FIELD, type MeasuredCase } from '../src/results/figures.js';

const files = process.argv.slice(2);
if (files.length < 2) {
  process.stderr.write('usage: npx tsx scripts/estimator-drift.ts run1.json run2.json [run3.json …]\n');
  process.exit(2);
}

const quantileRatio = (p: number) => (a: readonly number[], b: readonly number[]) =>
  Math.log(quantileSorted([...a].sort((x, y) => x - y), p) / quantileSorted([...b].sort((x, y) => x - y), p));
const perRound: Record<string, (a: readonly number[], b: readonly number[]) => number> = {
  'paired median': pairedLogRatio,
  'p10 ratio': quantileRatio(0.1),
  'p25 ratio': quantileRatio(0.25),
  'median ratio': quantileRatio(0.5),
};
const SUITE = 'p10 ratio, fast mode';
const names = [...Object.keys(perRound), SUITE];

/** Every estimator's log figure for every case with a json partner, in one file. */
function figures(file: string): Map<string, Map<string, number>> {
  const cases = readResultFile(file).cases.filter((c) => c.status === 'ok' && c.samples.length > 0 && c.unit === 'ns');
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
process.stdout.write(`drift of figures relative to json between runs, median / p90 over cases (%)\n`);
process.stdout.write(`| estimator | ${pairs.map(([i, j]) => `runs ${i + 1}–${j + 1}`).join(' | ')} |\n|---|${pairs.map(() => '--:').join('|')}|\n`);
for (const name of names) {
  const cells = pairs.map(([i, j]) => {
    const [a, b] = [all[i]?.get(name), all[j]?.get(name)];
    const drifts = [...(a?.keys() ?? [])].filter((id) => b?.has(id)).map((id) => 100 * Math.abs((a?.get(id) as number) - (b?.get(id) as number)));
    return drifts.length === 0 ? '–' : `${quantile(drifts, 0.5).toFixed(1)} / ${quantile(drifts, 0.9).toFixed(1)}`;
  });
  process.stdout.write(`| ${name} | ${cells.join(' | ')} |\n`);
}
