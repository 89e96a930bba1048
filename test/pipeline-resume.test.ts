import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { ResultFile } from '../src/results/types.js';
import { runEntry } from './run-command.js';

const dir = mkdtempSync(join(tmpdir(), 'serbench-pipeline-resume-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const read = (path: string): ResultFile => JSON.parse(readFileSync(path, 'utf8')) as ResultFile;
const common = ['--quick', '--scenario', 'passthrough', '--dataset', 'log', '--batch', '100', '--records', '2000', '--reports-dir', join(dir, 'reports')];

test('bench:pipeline --resume keeps finished cases and runs the rest', async () => {
  const first = join(dir, 'first.json');
  const second = join(dir, 'second.json');
  const one = await runEntry('bench/pipeline.ts', [...common, '--variant', 'sync', '--out', first], { timeoutMs: 120_000 });
  assert.equal(one.code, 0, one.stderr);
  const two = await runEntry('bench/pipeline.ts', [...common, '--variant', 'sync,async', '--resume', first, '--out', second], { timeoutMs: 120_000 });
  assert.equal(two.code, 0, two.stderr);
  assert.match(two.stderr, /resume: keeping 1 finished case\(s\) of .*first\.json, running 1/);
  const [before, resumed] = [read(first), read(second)];
  assert.equal(resumed.cases.length, 2);
  assert.deepEqual(resumed.cases.find((c) => c.id === before.cases[0]?.id)?.samples, before.cases[0]?.samples, 'the kept case is the earlier measurement');
  assert.ok(resumed.cases.every((c) => c.status === 'ok'));
  assert.equal(resumed.complete, true);
});
