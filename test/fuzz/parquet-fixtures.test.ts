import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { FIXTURES_DIR } from '../../src/cli/fuzz.js';
import { checkParquetFixtures, loadParquetFixtures, parquetCodecs, type FixtureCheck } from '../../src/codecs/fuzz/parquet-fixtures.js';
import { createCodecRegistry } from '../../src/codecs/registry.js';
import { DecodeSandbox } from '../../src/codecs/sandbox/sandbox.js';
import { createDatasetRegistry } from '../../src/datasets/registry.js';

// Parquet files written by other implementations (pyarrow / Arrow C++, DuckDB,
// fastparquet; scripts/gen-parquet-fixtures.sh), valid and corrupt.
const datasets = createDatasetRegistry();
const codecs = createCodecRegistry();
const sandbox = new DecodeSandbox({ timeoutMs: 10_000 });
after(() => sandbox.close());

const fixtures = loadParquetFixtures(FIXTURES_DIR);
const found = await parquetCodecs(codecs, datasets.get('log'));
const results = new Map<string, FixtureCheck[]>();
async function resultsFor(codec: string): Promise<FixtureCheck[]> {
  let checks = results.get(codec);
  if (!checks) {
    checks = await checkParquetFixtures(FIXTURES_DIR, codecs.get(codec), sandbox, datasets);
    results.set(codec, checks);
  }
  return checks;
}
const result = (checks: FixtureCheck[], file: string): FixtureCheck['result'] => {
  const check = checks.find((c) => c.fixture.file === file);
  assert.ok(check, file);
  return check.result;
};

test('the Parquet codecs are found in the registry by what they write', () => {
  assert.ok(found.map((c) => c.name).includes('parquet'));
  assert.ok(found.length >= 2, found.map((c) => c.name).join(', '));
});

describe('Parquet files from other writers', () => {
  for (const codec of found) {
    test(`${codec.name}: every file decodes to exactly its records or is refused with a message; never misread, hung or crashed`, async () => {
      const checks = await resultsFor(codec.name);
      assert.equal(checks.length, fixtures.length);
      for (const { fixture, result } of checks) {
        assert.notEqual(result.kind, 'failure', `${fixture.file}: ${JSON.stringify(result)}`);
        if (fixture.valid) assert.notEqual(result.kind, 'different-records', `${fixture.file} was misread: ${JSON.stringify(result)}`);
        if (result.kind === 'rejected') assert.match(result.message, new RegExp(`^${codec.name}: decode failed: \\S`));
      }
    });

    test(`${codec.name}: structurally broken files are refused, saying how`, async () => {
      const checks = await resultsFor(codec.name);
      const expectations: Array<[string, RegExp]> = [
        ['log-pyarrow-plain-corrupt-truncated.parquet', /no PAR1 magic at the end/],
        ['log-pyarrow-plain-corrupt-footer-length-huge.parquet', /claims 2147483647 bytes of metadata/],
        ['log-pyarrow-plain-corrupt-no-leading-magic.parquet', /no PAR1 magic at the start/],
      ];
      for (const [file, message] of expectations) {
        const r = result(checks, file);
        assert.equal(r.kind, 'rejected', file);
        assert.match(r.kind === 'rejected' ? r.message : '', message);
      }
    });
  }

  test('parquetjs-lite reads fastparquet files, and refuses the layouts it would misread', async () => {
    const checks = await resultsFor('parquet');
    assert.deepEqual(result(checks, 'log-fastparquet-plain.parquet'), { kind: 'same-records', records: 40 });
    assert.match(JSON.stringify(result(checks, 'log-pyarrow-plain.parquet')), /format version 1/);
    assert.match(JSON.stringify(result(checks, 'log-duckdb-uncompressed.parquet')), /holds numbers in a dictionary/);
    assert.match(JSON.stringify(result(checks, 'orders-duckdb-uncompressed.parquet')), /3-level LIST/);
  });

  test('hyparquet reads pyarrow, DuckDB and fastparquet files, nested ones included', async () => {
    if (!codecs.has('parquet-hyparquet')) return;
    const checks = await resultsFor('parquet-hyparquet');
    for (const file of ['log-pyarrow-plain.parquet', 'log-pyarrow-snappy-dictionary.parquet', 'orders-pyarrow-plain.parquet', 'orders-duckdb-uncompressed.parquet', 'metrics-fastparquet-plain.parquet']) {
      assert.equal(result(checks, file).kind, 'same-records', file);
    }
  });
});
