import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parseBenchFlags } from '../src/cli/bench.js';
import type { ResultFile } from '../src/results/types.js';
import { runEntry } from './run-command.js';

// The one exit-code rule of the bench commands (docs/contract.md, "Exit codes"). A case that
// crashes, hangs or runs out of memory failing the run is in test/supervisor.test.ts.
const dir = mkdtempSync(join(tmpdir(), 'serbench-exit-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const read = (path: string): ResultFile => JSON.parse(readFileSync(path, 'utf8')) as ResultFile;

test('bench: a codec the fidelity gate refuses is a finding (exit 0, in every report); --fail-on lossy makes it fail the run', async () => {
  const out = join(dir, 'lossy.json');
  const reports = join(dir, 'reports');
  const args = ['--quick', '--dataset', 'metrics', '--records', '50', '--no-fidelity', '--plugin', 'test/fixtures/lossy-codec.ts', '--codec', 'lossy,json', '--out', out, '--reports-dir', reports];
  const run = await runEntry('bench/codec.ts', args, { timeoutMs: 90_000 });
  assert.equal(run.code, 0, run.stderr);
  const result = read(out);
  assert.equal(result.complete, true, 'a refusal is a finding, not a case that failed to run');
  const lossy = result.cases.filter((c) => c.codec === 'lossy');
  assert.equal(lossy.length, 2);
  for (const c of lossy) {
    assert.equal(c.status, 'failed');
    assert.ok(c.status === 'failed' && c.failure === 'lossy' && /^fidelity gate: round trip changed the data/.test(c.error), JSON.stringify(c));
  }
  assert.match(run.stdout, /^Refused by the fidelity gate \(lossy on this data, not timed\): 2 cases$/m);
  assert.match(run.stdout, /^4 cases in [\d.]+ s; 2 refused by the fidelity gate \(lossy\)$/m);
  assert.match(readFileSync(join(reports, 'latest.md'), 'utf8'), /## Refused by the fidelity gate\n\n.*\n\n\| case +\| reason +\|[^]*codec\/metrics\/lossy\/encode\/50/);
  assert.match(readFileSync(join(reports, 'latest.csv'), 'utf8'), /codec\/metrics\/lossy\/encode\/50,.*,failed,.*,lossy\n/);
  assert.match(readFileSync(join(reports, 'index.html'), 'utf8'), /<h2[^>]*>Refused by the fidelity gate<\/h2>/);

  const strict = await runEntry('bench/codec.ts', [...args, '--fail-on', 'lossy'], { timeoutMs: 90_000 });
  assert.equal(strict.code, 1, strict.stderr);
  await assert.rejects(parseBenchFlags(['--fail-on', 'slow']), /^UsageError: unknown --fail-on value 'slow'; valid: lossy$/);
});

test('bench:pipeline: a case that failed to run fails the run (exit 1); --fail-on lossy is accepted', async () => {
  // A redis sink pointed at a port nothing listens on: the case fails to run.
  const out = join(dir, 'pipeline.json');
  const args = ['--scenario', 'passthrough', '--dataset', 'log', '--variant', 'sync', '--batch', '100', '--records', '500', '--repetitions', '1', '--sink', 'redis', '--redis-url', 'redis://127.0.0.1:1'];
  args.push('--out', out, '--reports-dir', join(dir, 'pipeline-reports'), '--fail-on', 'lossy');
  const run = await runEntry('bench/pipeline.ts', args, { timeoutMs: 90_000 });
  assert.equal(run.code, 1, run.stderr);
  const result = read(out);
  assert.equal(result.complete, false);
  assert.equal(result.cases[0]?.status, 'failed');
  assert.ok(result.cases[0]?.status === 'failed' && result.cases[0].failure === 'error');
  assert.match(run.stdout, /^1 case in [\d.]+ s; 1 failed to run \(incomplete\)$/m);
});
