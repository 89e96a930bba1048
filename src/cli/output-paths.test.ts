import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { UsageError } from './errors.js';
import { checkJsonOut, checkOutputs, outputProblem } from './output-paths.js';

const dir = mkdtempSync(join(tmpdir(), 'serbench-output-paths-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, 'a-file');
writeFileSync(file, 'x');
mkdirSync(join(dir, 'a-dir.json'));

test('a file target: new or existing files are fine; a directory, or a path under a file, is not', () => {
  assert.equal(outputProblem({ label: '--out', path: join(dir, 'new.json'), kind: 'file' }), undefined);
  assert.equal(outputProblem({ label: '--out', path: join(dir, 'deep', 'er', 'new.json'), kind: 'file' }), undefined, 'missing directories are created');
  assert.equal(outputProblem({ label: '--out', path: file, kind: 'file' }), undefined, 'an existing file is replaced');
  assert.equal(outputProblem({ label: '--out', path: join(dir, 'a-dir.json'), kind: 'file' }), 'is a directory; name a file');
  assert.equal(outputProblem({ label: '--out', path: join(file, 'x', 'r.json'), kind: 'file' }), `cannot be created: ${file} is a file, not a directory`);
});

test('a directory target: new or existing directories are fine; a file, or a path under a file, is not', () => {
  assert.equal(outputProblem({ label: '--reports-dir', path: join(dir, 'reports'), kind: 'dir' }), undefined);
  assert.equal(outputProblem({ label: '--reports-dir', path: dir, kind: 'dir' }), undefined);
  assert.equal(outputProblem({ label: '--reports-dir', path: file, kind: 'dir' }), 'is a file, not a directory');
  assert.equal(outputProblem({ label: '--reports-dir', path: join(file, 'reports'), kind: 'dir' }), `cannot be created: ${file} is a file, not a directory`);
});

test('checkOutputs: one UsageError naming the flag, the path and the problem', () => {
  assert.doesNotThrow(() => checkOutputs([{ label: '--out', path: join(dir, 'ok.json'), kind: 'file' }]));
  assert.throws(
    () => checkOutputs([{ label: '--out', path: join(dir, 'ok.json'), kind: 'file' }, { label: '--reports-dir', path: file, kind: 'dir' }]),
    (error: unknown) => error instanceof UsageError && error.message === `--reports-dir ${file}: is a file, not a directory`,
  );
  assert.throws(() => checkJsonOut('x.txt'), /^UsageError: --out must name a \.json file, got 'x\.txt'$/);
  assert.doesNotThrow(() => checkJsonOut(undefined));
});
