import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { shaOf, steadyHistory } from '../history/testing.js';
import { ResultFileError } from '../results/read.js';
import { writeJsonAtomic } from '../results/write.js';
import { runEntry } from '../../test/run-command.js';
import { UsageError } from './errors.js';
import { parseThresholds, runHistory } from './history.js';

const dir = mkdtempSync(join(tmpdir(), 'serbench-history-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const SLOW = 'codec/log/slow/encode/1000';
const folder = join(dir, 'history');
// 30 commits; the slow case gets 30% slower at commit 24: among the newest 10.
for (const input of steadyHistory(30, ['codec/log/json/encode/1000', SLOW], (id, commit) => (id === SLOW && commit >= 24 ? 1.3e6 : 1e6))) {
  writeJsonAtomic(join(folder, input.label.replace('results/', '')), input.result);
}

async function run(argv: string[]): Promise<{ code: number; output: string }> {
  let output = '';
  const code = await runHistory(argv, { write: (text) => (output += text) });
  return { code, output };
}

async function failure(argv: string[]): Promise<Error> {
  try {
    await run(argv);
  } catch (error) {
    assert.ok(error instanceof Error);
    assert.equal(error.message.includes('\n'), false, error.message);
    return error;
  }
  return assert.fail('expected an error');
}

test('exit 0 by default; 1 with --fail-on-regression when the regression is among the newest --since commits', async () => {
  const plain = await run([folder]);
  assert.equal(plain.code, 0);
  assert.match(plain.output, /1 regression in the last 10 commits: codec\/log\/slow\/encode\/1000 at /);
  assert.equal((await run([folder, '--fail-on-regression'])).code, 1);
  assert.equal((await run([folder, '--fail-on-regression', '--since', '3'])).code, 0);
});

test('--format json has the SPEC shape; markdown and html go to --out while the terminal summary goes to stdout', async () => {
  const json = JSON.parse((await run([folder, '--format', 'json'])).output);
  assert.equal(json.schema, 'serbench.history/v1');
  const [change] = json.changePoints;
  assert.deepEqual(
    { case: change.case, commit: change.commit, kind: change.kind, rounded: Math.round(change.change * 10) / 10, before: typeof change.before, after: typeof change.after },
    { case: SLOW, commit: shaOf(24), kind: 'regression', rounded: 0.3, before: 'number', after: 'number' },
  );
  const markdown = join(dir, 'out', 'summary.md');
  const written = await run([folder, '--format', 'markdown', '--out', markdown]);
  assert.match(written.output, /^serbench history: 30 commits/);
  assert.match(readFileSync(markdown, 'utf8'), /^### serbench history: ❌ 1 regression in the last 10 commits/);
  const html = join(dir, 'out', 'history.html');
  await run([folder, '--format', 'html', '--out', html]);
  assert.match(readFileSync(html, 'utf8'), /^<!doctype html>[\s\S]*<svg class="chart" id="trend-/);
});

test('thresholds: one for all units, or per unit', () => {
  assert.deepEqual(parseThresholds('3%'), { threshold: 0.03, unitThresholds: {} });
  assert.deepEqual(parseThresholds('5,instructions=1'), { threshold: 0.05, unitThresholds: { instructions: 0.01 } });
});

test('usage and input errors are one line (exit 2 through runMain)', async () => {
  assert.ok((await failure([])) instanceof UsageError);
  assert.match((await failure([folder, '--format', 'pdf'])).message, /unknown format 'pdf'; valid: terminal, markdown, json, html/);
  assert.match((await failure([folder, '--threshold', 'lots'])).message, /--threshold must be a percentage/);
  assert.match((await failure([folder, '--machines', 'some'])).message, /valid: group, pool/);
  assert.match((await failure([folder, '--significance', '2'])).message, /--significance must be a number between 0 and 1/);
  assert.match((await failure([folder, '--significance', '0.001'])).message, /significance 0\.001 needs at least 999 permutations/);
  const missing = await failure([join(dir, 'nowhere')]);
  assert.ok(missing instanceof ResultFileError);
  assert.match(missing.message, /nowhere: no such file or folder$/);
  assert.match((await failure(['--import-gab', 'data.js'])).message, /--import-gab needs --out/);
});

test('--import-gab writes result files that history then reads', async () => {
  const data = join(dir, 'data.js');
  const entries = Array.from({ length: 16 }, (_, i) => ({ commit: { id: shaOf(i), timestamp: new Date(Date.UTC(2025, 0, 1 + i)).toISOString() }, date: Date.UTC(2025, 0, 1 + i, 1), tool: 'customSmallerIsBetter', benches: [{ name: 'x', value: i < 8 ? 100 : 150, unit: 'ns' }] }));
  writeFileSync(data, `window.BENCHMARK_DATA = ${JSON.stringify({ entries: { serbench: entries } })}`);
  const out = join(dir, 'imported');
  const imported = await run(['--import-gab', data, '--out', out]);
  assert.match(imported.output, /imported 16 commit entries/);
  assert.equal(readdirSync(out).length, 16);
  const history = JSON.parse((await run([out, '--format', 'json'])).output);
  assert.equal(history.commits.length, 16);
  assert.equal(history.changePoints[0]?.commit, shaOf(8));
});

test('the command itself: a bad file is one line on stderr and exit 2', async () => {
  const bad = join(dir, 'bad');
  writeJsonAtomic(join(bad, 'x.json'), { hello: 'world' });
  const result = await runEntry('bench/history.ts', [bad]);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /^history: .*x\.json: not a serbench result file: no "schema" string/);
  assert.equal(result.stderr.trim().split('\n').length, 1);
});
