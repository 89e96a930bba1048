import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ResultFileError } from '../results/read.js';
import { loadHistoryFiles } from './load.js';
import { commitFile } from './testing.js';

const dir = mkdtempSync(join(tmpdir(), 'serbench-history-load-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const write = (path: string, value: unknown) => {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), typeof value === 'string' ? value : JSON.stringify(value));
};

const problem = (paths: string[]): string => {
  try {
    loadHistoryFiles(paths);
  } catch (error) {
    assert.ok(error instanceof ResultFileError, String(error));
    return error.message;
  }
  return assert.fail('expected an error');
};

test('a folder gives every result file in it and its subfolders (hidden ones skipped); a byte copy counts once', () => {
  const one = commitFile({ commit: 0, cases: { a: 1 } }).result;
  write('ok/2026/a.json', one);
  write('ok/b.json', commitFile({ commit: 1, cases: { a: 1 } }).result);
  write('ok/latest.json', one);
  write('ok/.git/ignored.json', 'not json');
  write('ok/notes.txt', 'not a result');
  const loaded = loadHistoryFiles([join(dir, 'ok')]);
  assert.deepEqual(loaded.inputs.map((i) => i.label), [join(dir, 'ok/2026/a.json'), join(dir, 'ok/b.json')]);
  assert.match(loaded.warnings.join('\n'), /1 file\(s\) are byte-for-byte copies/);
});

test('bad input names the path: missing, an empty folder, a file that is not a result', () => {
  assert.match(problem([join(dir, 'missing')]), /missing: no such file or folder$/);
  mkdirSync(join(dir, 'empty'));
  assert.match(problem([join(dir, 'empty')]), /empty: no result files \(\*\.json\) in this folder$/);
  write('bad/compare.json', { schema: 'serbench.compare/v1' });
  assert.match(problem([join(dir, 'bad')]), /compare\.json: schema "serbench\.compare\/v1" is not a serbench result/);
});
