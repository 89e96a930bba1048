import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parseResult, readResultFile, ResultFileError, tryReadResultFile } from './read.js';

const dir = mkdtempSync(join(tmpdir(), 'serbench-read-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const minimal = { schema: 'serbench.result/v1', meta: {}, cases: [{ id: 'x', unit: 'ns', samples: [1, 2, 3] }] };

function problem(value: unknown): string {
  try {
    parseResult(typeof value === 'string' ? value : JSON.stringify(value), 'r.json');
  } catch (error) {
    assert.ok(error instanceof ResultFileError);
    assert.equal(error.message.includes('\n'), false);
    assert.ok(error.message.startsWith('r.json: '));
    return error.message;
  }
  assert.fail('expected a ResultFileError');
}

test('accepts any file with schema, meta and cases[].{id, unit, samples}; fills status and complete', () => {
  const result = parseResult(JSON.stringify({ ...minimal, extra: 1 }), 'r.json');
  assert.equal(result.complete, true);
  assert.equal(result.cases[0]?.status, 'ok');
  assert.deepEqual(result.meta.env, {});
  assert.equal(result.extra, 1);
});

test('keeps every field it does not check (stats, bytes, pipeline) as it was', () => {
  const full = { ...minimal, complete: false, meta: { env: { node: 'v20.1.0', cpuCount: 2, bogus: true }, options: { quick: true } }, cases: [{ ...minimal.cases[0], stats: { n: 3 }, bytes: { raw: 10 } }] };
  const result = parseResult(JSON.stringify(full), 'r.json');
  assert.equal(result.complete, false);
  assert.deepEqual(result.cases[0]?.bytes, { raw: 10 });
  assert.deepEqual(result.meta.env, { node: 'v20.1.0', cpuCount: 2 });
  assert.deepEqual(result.meta.options, { quick: true });
});

test('bad input: one line naming the file and the problem', () => {
  assert.equal(problem('{"schema": '), 'r.json: not JSON (Unexpected end of JSON input)');
  assert.equal(problem(''), 'r.json: is empty, not JSON');
  assert.match(problem([1, 2]), /^r\.json: not a serbench result file: expected a JSON object .* got an array$/);
  assert.match(problem({ meta: {}, cases: [] }), /no "schema" string/);
  assert.match(problem({ ...minimal, schema: 'serbench.compare/v1' }), /schema "serbench.compare\/v1" is not a serbench result/);
  assert.match(problem({ ...minimal, meta: 3 }), /"meta" must be an object, got 3/);
  assert.match(problem({ ...minimal, cases: {} }), /"cases" must be an array, got an object/);
  assert.match(problem({ ...minimal, cases: [{ unit: 'ns', samples: [1] }] }), /cases\[0\] has no "id" string/);
  assert.match(problem({ ...minimal, cases: [{ id: 'a', samples: [1] }] }), /case "a" has no "unit" string/);
  assert.match(problem({ ...minimal, cases: [{ id: 'a', unit: 'ns' }] }), /case "a": "samples" must be an array of numbers, got nothing/);
  assert.match(problem({ ...minimal, cases: [{ id: 'a', unit: 'ns', samples: [] }] }), /case "a" has status ok but no samples/);
  assert.match(problem({ ...minimal, cases: [{ id: 'a', unit: 'ns', samples: [1, '2'] }] }), /case "a": samples\[1\] is "2", not a finite number/);
  assert.match(problem({ ...minimal, cases: [{ id: 'a', unit: 'ns', samples: [1, null] }] }), /samples\[1\] is null, not a finite number/);
  assert.match(problem({ ...minimal, cases: [{ id: 'a', unit: 'ns', samples: [-1] }] }), /cannot be negative/);
  assert.match(problem({ ...minimal, cases: [{ id: 'a', unit: 'ns', samples: [1], status: 'meh' }] }), /status "meh" is not one of ok, failed, skipped/);
  assert.match(problem({ ...minimal, cases: [minimal.cases[0], minimal.cases[0]] }), /case id "x" appears twice \(cases\[0\] and cases\[1\]\)/);
});

test('a failed or skipped case may have no samples', () => {
  const result = parseResult(JSON.stringify({ ...minimal, cases: [{ id: 'a', unit: 'ns', samples: [], status: 'failed', error: 'boom' }] }), 'r.json');
  assert.equal(result.cases[0]?.error, 'boom');
});

test('files: missing, a directory, and the union form', () => {
  assert.throws(() => readResultFile(join(dir, 'nope.json')), { message: `${join(dir, 'nope.json')}: no such file` });
  assert.throws(() => readResultFile(dir), { message: `${dir}: is a directory, not a result file` });
  const path = join(dir, 'ok.json');
  writeFileSync(path, JSON.stringify(minimal));
  const outcome = tryReadResultFile(path);
  assert.equal(outcome.ok, true);
  const missing = tryReadResultFile(join(dir, 'missing.json'));
  assert.equal(missing.ok === false && missing.error.problem, 'no such file');
});

test('keeps the commit time and branch of meta.git; drops them when they are not a date or a name', () => {
  const git = { sha: 'abc', dirty: false, commitTime: '2026-03-01T10:00:00.000Z', branch: 'main' };
  assert.deepEqual(parseResult(JSON.stringify({ ...minimal, meta: { git } }), 'r.json').meta.git, git);
  assert.deepEqual(parseResult(JSON.stringify({ ...minimal, meta: { git: { ...git, commitTime: 'yesterday', branch: 7 } } }), 'r.json').meta.git, { sha: 'abc', dirty: false });
});
