/**
 * How far two runs of the same commit disagree: for every case in both files,
 * the drift of its figure (per batch) and of its figure relative to a reference
 * codec of the same dataset and op (what the relative tables show), as
 * |a / b − 1|; then the median, p90 and worst over cases, and how often the
 * first run's 95% interval covered the second run's figure.
 *
 *   npx tsx scripts/run-to-run.ts first.json second.json [--reference json]
 *
 * docs/measurement.md reports these figures for two back-to-back `npm run bench` runs.
 */
import { readOrExit } from './read-or-exit.js';
import { caseFigure, relativeFigure, type MeasuredCase } from '../src/results/figures.js';
import type { LoadedCase, LoadedResult } from '../src/results/read.js';


const args = process.argv.slice(2);
const referenceAt = args.indexOf('--reference');
const reference = referenceAt >= 0 ? (args[referenceAt + 1] ?? 'json') : 'json';
const files = args.filter((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--reference');
if (files.length !== 2) {
  process.stderr.write('usage: npx tsx scripts/run-to-run.ts first.json second.json [--reference json]\n');
  process.exit(2);
}
const [first, second] = files.map((file) => readOrExit(file)) as [LoadedResult, LoadedResult];

const ok = (c: LoadedCase | undefined): c is LoadedCase => c !== undefined && c.status === 'ok' && c.samples.length > 0;
const byId = (cases: readonly LoadedCase[]) => new Map(cases.map((c) => [c.id, c]));
const [a, b] = [byId(first.cases), byId(second.cases)];
const referenceOf = (cases: Map<string, LoadedCase>, c: LoadedCase): LoadedCase | undefined => {
  const [suite, dataset, , op, records] = c.id.split('/');
  return cases.get(`${suite}/${dataset}/${reference}/${op}/${records}`);
};

interface Drift {
  readonly id: string;
  readonly drift: number;
  readonly covered: boolean;
}

const absolute: Drift[] = [];
const relative: Drift[] = [];
for (const [id, x] of a) {
  const y = b.get(id);
  if (!ok(x) || !ok(y)) continue;
  const [fx, fy] = [caseFigure(x as MeasuredCase), caseFigure(y as MeasuredCase)];
  absolute.push({ id, drift: Math.abs(fx.value / fy.value - 1), covered: fx.interval !== null && fx.interval.lower <= fy.value && fy.value <= fx.interval.upper });
  const [rx, ry] = [referenceOf(a, x), referenceOf(b, y)];
  if (x.codec === reference || !ok(rx) || !ok(ry)) continue;
  const [gx, gy] = [relativeFigure(x as MeasuredCase, rx as MeasuredCase), relativeFigure(y as MeasuredCase, ry as MeasuredCase)];
  relative.push({ id, drift: Math.abs(gx.value / gy.value - 1), covered: gx.interval !== null && gx.interval.lower <= gy.value && gy.value <= gx.interval.upper });
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const [low, high] = [sorted[Math.floor(position)] as number, sorted[Math.ceil(position)] as number];
  return low + (high - low) * (position - Math.floor(position));
}

const percent = (value: number): string => `${(value * 100).toFixed(2)}%`;
function line(label: string, drifts: readonly Drift[]): string {
  const sorted = drifts.map((d) => d.drift).sort((x, y) => x - y);
  const worst = [...drifts].sort((x, y) => y.drift - x.drift)[0];
  const covered = drifts.filter((d) => d.covered).length;
  return `${label}: ${drifts.length} cases; drift median ${percent(quantile(sorted, 0.5))}, p90 ${percent(quantile(sorted, 0.9))}, worst ${worst ? `${percent(worst.drift)} (${worst.id})` : '–'}; the first run's 95% interval held the second's figure in ${covered} of ${drifts.length}`;
}

process.stdout.write(`${line(`relative to ${reference}`, relative)}\n${line('absolute', absolute)}\n`);
