import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCompare } from '../src/cli/compare.js';
import { compareResults } from '../src/compare/compare.js';
import { setAsideRounds } from '../src/results/figures.js';
import { readResultFile } from '../src/results/read.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'serbench-same-commit-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A small but real codec-suite run: 6 cases, 3 rounds each, a few seconds. */
function bench(name: string): string {
  const out = join(dir, `${name}.json`);
  const args = ['run', '-s', 'bench', '--', '--quick', '--dataset', 'metrics', '--codec', 'json,msgpack,protobuf', '--records', '100', '--rounds', '3', '--time', '450', '--no-fidelity'];
  const run = spawnSync('npm', [...args, '--out', out, '--reports-dir', join(dir, `${name}-reports`)], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  assert.equal(run.status, 0, `npm run bench failed: ${run.stderr}`);
  return out;
}

// Each round of `npm run bench` runs in its own process, so three rounds carry process-to-process
// noise (JIT, heap layout) as well as the noise within one process: what compare needs to be fair.
test('two `npm run bench` runs of the same commit (3 rounds, each in its own process), compared, do not fail', async () => {
  const [first, second] = ['first', 'second'].map(bench) as [string, string];
  let output = '';
  const code = await runCompare([first, second], { write: (text) => (output += text), color: false });
  assert.equal(code, 0, output);
  const [base, head] = [readResultFile(first), readResultFile(second)];
  const comparison = compareResults({ label: first, result: base }, { label: second, result: head });
  assert.equal(comparison.cases.length, 6);
  // Each side's runs are its 3 rounds less those its run set aside (the machine slow for a whole round).
  const kept = (file: typeof base, id: string): number => {
    const item = file.cases.find((c) => c.id === id);
    const extra = (item?.extra ?? {}) as Record<string, unknown>;
    return 3 - setAsideRounds({ samples: item?.samples ?? [], unit: item?.unit ?? 'ns', extra }).size;
  };
  for (const item of comparison.cases) {
    assert.equal(item.kind, 'compared', item.id);
    assert.deepEqual(item.kind === 'compared' && item.runs && [item.runs.baseRuns, item.runs.headRuns], [kept(base, item.id), kept(head, item.id)], item.id);
  }
});
