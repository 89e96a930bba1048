import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

function write(name: string, ids: string[], samples: number[] = [1, 2, 3]): string {
  const path = join(dir, name);
  writeJsonAtomic(path, syntheticResult(ids.map((id) => ({ id, samples }))));
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
  const overlap = [write('o1.json', ['a']), write('o2.json', ['a'], [4, 5, 6]), '--out', out];
  await assert.rejects(runMerge(overlap, () => {}), (error: unknown) => error instanceof UsageError && /case "a" is in both .*o1\.json and .*o2\.json/.test(error.message));
  assert.throws(() => readFileSync(out));
  await assert.rejects(runMerge([join(dir, 'missing.json')], () => {}), { message: `${join(dir, 'missing.json')}: no such file` });
  await assert.rejects(runMerge([], () => {}), /merge needs at least one result file/);
  assert.equal(await runMerge([...overlap, '--concat-samples'], () => {}), 0);
  assert.deepEqual(readResultFile(out).cases[0]?.samples, [1, 2, 3, 4, 5, 6]);
});

test('--concat-samples refuses one run given twice, by path or by content: pooling it would double its samples', async () => {
  const run = write('run.json', ['a', 'b']);
  const out = join(dir, 'doubled.json');
  await assert.rejects(runMerge([run, run, '--concat-samples', '--out', out], () => {}), (error: unknown) => error instanceof UsageError && /run\.json and .*run\.json are the same file: --concat-samples pools separate runs/.test(error.message));
  const copy = join(dir, 'copy.json');
  copyFileSync(run, copy);
  await assert.rejects(runMerge([run, copy, '--concat-samples', '--out', out], () => {}), (error: unknown) => error instanceof UsageError && /run\.json and .*copy\.json hold the same run/.test(error.message));
  assert.throws(() => readFileSync(out));
});

test('--out is checked before anything is merged: a .json file whose directory can be written', async () => {
  const input = write('in.json', ['a']);
  await assert.rejects(runMerge([input, '--out', join(dir, 'merged.txt')], () => {}), (error: unknown) => error instanceof UsageError && /^--out must name a \.json file, got '.*merged\.txt'$/.test(error.message));
  const taken = join(dir, 'taken.json');
  mkdirSync(taken);
  await assert.rejects(runMerge([input, '--out', taken], () => {}), (error: unknown) => error instanceof UsageError && /^--out .*taken\.json: is a directory; name a file$/.test(error.message));
  await assert.rejects(runMerge([input, '--out', join(input, 'under-a-file.json')], () => {}), (error: unknown) => error instanceof UsageError && /^--out .*: cannot be created: .*in\.json is a file, not a directory$/.test(error.message));
});
