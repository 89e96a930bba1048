import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Ajv } from 'ajv';
import { createMeta } from './env.js';
import { RESULT_SCHEMA, type ResultFile } from './types.js';
import { RESULT_COPIES_ENV } from './write.js';

const CHECK_ENV = 'SERBENCH_RESULT_COPIES_CHECK';
const schema = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'result.schema.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true }).compile(schema);

function problems(value: unknown): string {
  return validate(value) ? '' : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ');
}

const minimal: ResultFile = {
  schema: RESULT_SCHEMA,
  complete: true,
  meta: {
    ...createMeta({ command: 'test' }),
    inputs: [{ dataset: 'events', file: 'events.ndjson', format: 'ndjson', bytes: 2032, sha256: 'a'.repeat(64), records: 12, exhausted: true, schemaHash: 'b'.repeat(16), schemaSource: 'inferred' }],
  },
  cases: [{ id: 'codec/events/json/encode/12', suite: 'codec', dataset: 'events', codec: 'json', op: 'encode', records: 12, unit: 'ns', samples: [1, 2], status: 'ok' }],
  fieldFidelity: [{ dataset: 'events', fields: ['id'], codecs: [{ codec: 'json', passed: true, fields: { id: { kind: 'kept' } } }] }],
};

describe('docs/result.schema.json', () => {
  test('accepts a result file with inputs and a per-field fidelity table', () => {
    assert.equal(problems(minimal), '');
  });

  test('rejects what the contract rules out', () => {
    assert.match(problems({ ...minimal, schema: 'serbench.result/v2' }), /schema/);
    assert.match(problems({ ...minimal, cases: [{ ...minimal.cases[0], status: 'failed' }] }), /error/);
    assert.match(problems({ ...minimal, cases: [{ ...minimal.cases[0], samples: [] }] }), /samples/);
    assert.match(problems({ ...minimal, meta: { ...minimal.meta, inputs: [{ ...minimal.meta.inputs?.[0], sha256: 'short' }] } }), /sha256/);
    // A record value in the provenance would be a leak: provenance takes no other fields.
    assert.match(problems({ ...minimal, meta: { ...minimal.meta, inputs: [{ ...minimal.meta.inputs?.[0], sample: { user: 'x' } }] } }), /additional/);
  });

  // scripts/test.mjs collects a copy of every result file the other tests wrote (RESULT_COPIES_ENV), then runs this file with the folder in CHECK_ENV.
  const copies = process.env[CHECK_ENV];
  test('every result file the test suite wrote is valid', { skip: copies === undefined ? `the whole suite through scripts/test.mjs checks the result files its tests wrote (${RESULT_COPIES_ENV})` : false }, () => {
    const files = existsSync(copies ?? '') ? readdirSync(copies as string).filter((f) => f.endsWith('.json')) : [];
    assert.ok(files.length > 0, 'the test suite wrote result files');
    const suites = new Set<string>();
    for (const file of files) {
      const result = JSON.parse(readFileSync(join(copies as string, file), 'utf8')) as ResultFile;
      for (const c of result.cases) suites.add(c.suite);
      assert.equal(problems(result), '', file);
    }
    // The whole suite writes results of both suites; a run of some test files may not.
    if (process.env.SERBENCH_RESULT_COPIES_FULL === '1') assert.deepEqual([...suites].sort(), ['codec', 'pipeline'], 'results of both suites were checked');
  });
});
