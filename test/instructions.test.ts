import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { ResultFile } from '../src/results/types.js';
import { processCasesId } from '../src/suite/collector.js';
import { valgrindVersion } from '../src/suite/instructions/valgrind.js';
import { runEntry } from './run-command.js';

const dir = mkdtempSync(join(tmpdir(), 'serbench-instructions-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const common = ['--dataset', 'metrics', '--op', 'encode', '--records', '100', '--no-fidelity', '--reports-dir', join(dir, 'reports')];
const missing = valgrindVersion() === null ? 'valgrind is not installed (Debian: apt-get install valgrind, as .ci/run does)' : false;

test('--measure instructions counts each case under Valgrind; a case that cannot be counted fails with its reason and the run goes on', { skip: missing, timeout: 900_000 }, async () => {
  const out = join(dir, 'counted.json');
  const run = await runEntry('bench/codec.ts', [...common, '--measure', 'instructions', '--jobs', '1', '--codec', 'calls-getpriority,json', '--plugin', 'test/fixtures/marker-codec.ts', '--out', out], { timeoutMs: 900_000 });
  assert.equal(run.code, 1, `a case that failed to run makes the run fail (exit 1): ${run.stderr}`);
  const result = JSON.parse(readFileSync(out, 'utf8')) as ResultFile;
  assert.equal(result.meta.options.measure, 'instructions');
  const json = result.cases.find((c) => c.codec === 'json');
  assert.equal(json?.status, 'ok');
  assert.equal(json?.unit, 'instructions');
  assert.equal(json?.throughput, undefined, 'instructions have no throughput');
  const samples = json?.samples ?? [];
  assert.ok(samples.length >= 3, `${samples.length} counted phases`);
  // Counts of one process repeat closely (the mode exists for that); far looser than measured, so this checks behaviour.
  assert.ok(Math.max(...samples) / Math.min(...samples) < 1.02, samples.join(', '));
  // What the case cost its shard, and which cases shared its process (compare checks that make-up).
  const extra = json?.extra as { spentInstructions?: number; countingMs?: number; processCases?: string } | undefined;
  assert.ok((extra?.spentInstructions ?? 0) > samples.reduce((sum, value) => sum + value, 0), JSON.stringify(extra));
  assert.ok((extra?.countingMs ?? 0) > 0, JSON.stringify(extra));
  assert.equal(extra?.processCases, processCasesId(['codec/metrics/calls-getpriority/encode/100', 'codec/metrics/json/encode/100']));
  const marker = result.cases.find((c) => c.codec === 'calls-getpriority');
  assert.equal(marker?.status, 'failed');
  assert.match(marker?.status === 'failed' ? marker.error : '', /instruction count failed: .*something else calls uv_os_getpriority/);
  assert.match(run.stdout, /instructions per batch under Valgrind/);
});

test('--measure instructions without Valgrind, or an unknown --measure: one line, exit 2, nothing measured', async () => {
  const out = join(dir, 'nothing.json');
  const noValgrind = await runEntry('bench/codec.ts', [...common, '--measure', 'instructions', '--codec', 'json', '--out', out], { env: { SERBENCH_VALGRIND: join(dir, 'no-such-valgrind') } });
  assert.equal(noValgrind.code, 2);
  assert.equal(noValgrind.stderr.trim().split('\n').length, 1, noValgrind.stderr);
  assert.match(noValgrind.stderr, /--measure instructions needs Valgrind, which is not installed: .*apt-get install valgrind/);
  const unknown = await runEntry('bench/codec.ts', [...common, '--measure', 'cycles', '--codec', 'json', '--out', out]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown --measure 'cycles'; valid: time, instructions/);
  assert.equal(unknown.stderr.trim().split('\n').length, 1);
});
