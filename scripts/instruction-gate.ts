/**
 * Does `compare` catch a small, known slowdown in instruction counts, and stay
 * quiet without one? Counts `--runs` runs of a plugin codec (protobuf plus a
 * fixed amount of extra work per call, test/fixtures/extra-work-codec.ts) with
 * no extra work (A) and with `--extra` loop iterations (B), each run in its own
 * `npm run bench -- --measure instructions` process, two at a time; then
 * compares run i of A with run i of B (A/B) and run i of A with run i+1 of A
 * (A/A) at `--threshold`, and prints how many compares said what.
 *
 *   npx tsx scripts/instruction-gate.ts --runs 20 --extra 25000 --threshold 0.5 [--out DIR]
 *
 * docs/measurement.md reports its figures.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { compareResults } from '../src/compare/compare.js';
import { readResultFile } from '../src/results/read.js';
import { caseFigure } from '../src/results/figures.js';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '20' }, extra: { type: 'string', default: '25000' }, threshold: { type: 'string', default: '0.5' }, out: { type: 'string' }, dataset: { type: 'string', default: 'log' } },
});
const runs = Number(values.runs);
const threshold = Number(values.threshold) / 100;
const dir = values.out ?? mkdtempSync(join(tmpdir(), 'serbench-gate-'));
mkdirSync(dir, { recursive: true });

function count(file: string, extra: number): Promise<void> {
  const args = ['--import', 'tsx', 'bench/codec.ts', '--measure', 'instructions', '--jobs', '1', '--dataset', values.dataset as string, '--codec', 'protobuf-extra', '--op', 'encode', '--plugin', 'test/fixtures/extra-work-codec.ts', '--no-fidelity', '--out', file, '--reports-dir', join(dir, 'reports')];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, SERBENCH_EXTRA_WORK: String(extra) } });
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${file}: exit ${code}`))));
  });
}

const jobs: (() => Promise<void>)[] = [];
const a = Array.from({ length: runs + 1 }, (_, i) => join(dir, `a-${i}.json`));
const b = Array.from({ length: runs }, (_, i) => join(dir, `b-${i}.json`));
for (const file of a) jobs.push(() => count(file, 0));
for (const file of b) jobs.push(() => count(file, Number(values.extra)));
const started = performance.now();
await Promise.all(
  [0, 1].map(async () => {
    for (let job = jobs.shift(); job; job = jobs.shift()) await job();
  }),
);

const load = (file: string) => ({ label: file, result: readResultFile(file) });
const verdicts = (pairs: [string, string][]) => {
  const tally: Record<string, number> = {};
  for (const [base, head] of pairs) {
    const comparison = compareResults(load(base), load(head), { threshold });
    for (const item of comparison.cases) {
      const verdict = item.kind === 'compared' ? item.verdict : item.kind;
      tally[verdict] = (tally[verdict] ?? 0) + 1;
    }
  }
  return tally;
};
const figure = (file: string) => caseFigure(readResultFile(file).cases[0] as Parameters<typeof caseFigure>[0]).value;
const change = b.map((file, i) => figure(file) / figure(a[i] as string) - 1);
const spread = a.map(figure);
process.stdout.write(
  `${runs} A/B and ${runs} A/A compares at --threshold ${values.threshold}% (${((performance.now() - started) / 60_000).toFixed(1)} min, files in ${dir})\n` +
    `extra work: ${values.extra} iterations = +${(Math.min(...change) * 100).toFixed(3)}% to +${(Math.max(...change) * 100).toFixed(3)}% instructions per call\n` +
    `A runs: figures from ${Math.min(...spread).toFixed(0)} to ${Math.max(...spread).toFixed(0)} (${((Math.max(...spread) / Math.min(...spread) - 1) * 100).toFixed(3)}% apart)\n` +
    `A/B verdicts: ${JSON.stringify(verdicts(b.map((file, i) => [a[i] as string, file])))}\n` +
    `A/A verdicts: ${JSON.stringify(verdicts(b.map((_, i) => [a[i] as string, a[i + 1] as string])))}\n`,
);
