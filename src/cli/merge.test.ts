import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { syntheticResult } from '../compare/synthetic.js';
import { readResultFile } from '../results/read.js';
import { writeJsonAtomic } from '../results/write.js';
import { UsageError } from './errors.js';
import { runMerge } from './merge.js';

const dir = mkdtempSync(join(tmpdir(), 'serbench-merge-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, ids: string[]): string {
  const path = join(dir, name);
  writeJsonAtomic(path, syntheticResult(ids.map((id) => ({ id, samples: [1, 2, 3] }))));
  return path;
}

test('npm run merge writes one valid result file and says so', async () => {
  const out = join(dir, 'merged.json');
  let said = '';
  const code = await runMerge([write('s1.json', ['a', 'b']), write('s2.json', ['c']), '--out', out], (text) => (said += text));
  assert.equal(code, 0);
  assert.equal(said, `merged 2 files (3 cases) into ${out}\n`);
  assert.deepEqual(readResultFile(out).cases.map((item) => item.id), ['a', 'b', 'c']);
});

test('refused merges and bad files are one-line usage errors, and nothing is written', async () => {
  const out = join(dir, 'refused.json');
  const overlap = [write('o1.json', ['a']), write('o2.json', ['a']), '--out', out];
  await assert.rejects(runMerge(overlap, () => {}), (error: unknown) => error instanceof UsageError && /case "a" is in both .*o1\.json and .*o2\.json/.test(error.message));
  assert.throws(() => readFileSync(out));
  await assert.rejects(runMerge([join(dir, 'missing.json')], () => {}), { message: `${join(dir, 'missing.json')}: no such file` });
  await assert.rejects(runMerge([], () => {}), /merge needs at least one result file/);
  assert.equal(await runMerge([...overlap, '--concat-samples'], () => {}), 0);
  assert.deepEqual(readResultFile(out).cases[0]?.samples, [1, 2, 3, 1, 2, 3]);
});
