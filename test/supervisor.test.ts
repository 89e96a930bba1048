import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { ResultFile } from '../src/results/types.js';
import { runEntry } from './run-command.js';

const dir = mkdtempSync(join(tmpdir(), 'serbench-supervisor-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const read = (path: string): ResultFile => JSON.parse(readFileSync(path, 'utf8')) as ResultFile;
const common = ['--dataset', 'metrics', '--op', 'encode', '--records', '50', '--time', '200', '--rounds', '1', '--no-fidelity'];

test('a case that throws, hangs or runs out of memory is recorded as failed and the suite goes on', async () => {
  const out = join(dir, 'faults.json');
  const run = await runEntry(
    'bench/codec.ts',
    [...common, '--plugin', 'test/fixtures/faulty-codecs.ts', '--codec', 'fault-throw,json,fault-hang,fault-oom,protobuf', '--case-timeout', '6', '--heap-limit', '96', '--out', out, '--reports-dir', join(dir, 'reports')],
    { timeoutMs: 90_000 },
  );
  // Cases that failed to run fail the run (docs/contract.md, "Exit codes"); what finished is still written.
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stdout, /^5 cases in [\d.]+ s; 3 failed to run \(incomplete\)$/m);
  const result = read(out);
  assert.equal(result.complete, false);
  const byCodec = Object.fromEntries(result.cases.map((c) => [c.codec, c]));
  assert.equal(byCodec.json?.status, 'ok');
  assert.equal(byCodec.protobuf?.status, 'ok', 'cases after the faults still run');
  const error = (codec: string): string => {
    const c = byCodec[codec];
    return c && c.status !== 'ok' ? c.error : `(${codec} is ${c?.status})`;
  };
  assert.match(error('fault-throw'), /^measurement failed: fault-throw: encode failed: injected failure$/);
  assert.match(error('fault-hang'), /^timed out: no result after 6 s/);
  assert.match(error('fault-oom'), /^ran out of memory \(heap limit 96 MB/);
});

test('--resume keeps finished cases and measures the rest', async () => {
  const first = join(dir, 'first.json');
  const second = join(dir, 'second.json');
  const reports = join(dir, 'reports');
  assert.equal((await runEntry('bench/codec.ts', [...common, '--codec', 'json', '--out', first, '--reports-dir', reports])).code, 0);
  const run = await runEntry('bench/codec.ts', [...common, '--codec', 'json,protobuf', '--resume', first, '--out', second, '--reports-dir', reports]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /resume: keeping 1 finished case\(s\) of .*first\.json, running 1/);
  const [before, after] = [read(first), read(second)];
  assert.deepEqual(after.cases.map((c) => c.id), ['codec/metrics/json/encode/50', 'codec/metrics/protobuf/encode/50']);
  assert.deepEqual(after.cases[0]?.samples, before.cases[0]?.samples, 'the kept case is the earlier measurement');
  assert.equal(after.cases[1]?.status, 'ok');
  assert.equal(after.complete, true);
});

test('--resume with a missing or broken file: one line, exit 2', async () => {
  const run = await runEntry('bench/codec.ts', [...common, '--resume', join(dir, 'nope.json')]);
  assert.equal(run.code, 2);
  assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
  assert.match(run.stderr, /nope\.json/);
});
