import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { RESULT_SCHEMA, type ResultFile } from '../src/results/types.js';
import { runEntry } from './run-command.js';

const dir = mkdtempSync(join(tmpdir(), 'serbench-bench-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const bench = (args: readonly string[], options?: Parameters<typeof runEntry>[2]) => runEntry('bench/codec.ts', args, options);

function readResult(path: string): ResultFile {
  return JSON.parse(readFileSync(path, 'utf8')) as ResultFile;
}

/** Checks the required fields of SPEC.md's result file. */
function assertSpecShape(result: ResultFile): void {
  assert.equal(result.schema, RESULT_SCHEMA);
  assert.equal(typeof result.complete, 'boolean');
  assert.ok(!Number.isNaN(Date.parse(result.meta.createdAt)));
  assert.ok('sha' in result.meta.git && typeof result.meta.git.dirty === 'boolean');
  for (const key of ['node', 'v8', 'platform', 'arch', 'cpuModel', 'cpuCount', 'totalMemBytes'] as const) assert.ok(result.meta.env[key] !== undefined, key);
  assert.equal(typeof result.meta.options, 'object');
  const ids = new Set<string>();
  for (const c of result.cases) {
    assert.ok(!ids.has(c.id), `duplicate id ${c.id}`);
    ids.add(c.id);
    assert.equal(c.id, `${c.suite}/${c.dataset}/${c.codec}/${c.op}/${c.records}`);
    assert.equal(c.unit, 'ns');
    assert.ok(['ok', 'failed', 'skipped'].includes(c.status));
    if (c.status !== 'ok') {
      assert.equal(typeof c.error, 'string');
      continue;
    }
    assert.ok(c.samples.length > 0 && c.samples.every((s) => Number.isFinite(s) && s > 0));
    for (const key of ['n', 'median', 'mean', 'p75', 'p99', 'min', 'max', 'sd', 'rme'] as const) assert.ok(Number.isFinite(c.stats?.[key]), `${c.id} stats.${key}`);
    assert.equal(c.stats?.n, c.samples.length);
    assert.ok((c.throughput?.recordsPerSec ?? 0) > 0 && (c.throughput?.bytesPerSec ?? 0) > 0);
    if (c.codec !== 'memcpy') assert.ok(Number.isInteger(c.bytes?.raw) && Number.isInteger(c.bytes?.gzip) && Number.isInteger(c.bytes?.brotli), `${c.id} bytes`);
  }
}

describe('npm run bench', () => {
  test('--quick end to end: a valid result file, reports and a terminal table', async () => {
    const out = join(dir, 'quick.json');
    const reports = join(dir, 'reports');
    const run = await bench(['--quick', '--records', '50', '--dataset', 'metrics,orders', '--codec', 'json,protobuf,memcpy', '--out', out, '--reports-dir', reports]);
    assert.equal(run.code, 0, run.stderr);
    const result = readResult(out);
    assertSpecShape(result);
    assert.equal(result.complete, true);
    assert.deepEqual(result.cases.map((c) => c.id).sort(), [
      'codec/metrics/json/decode/50', 'codec/metrics/json/encode/50', 'codec/metrics/memcpy/encode/50', 'codec/metrics/protobuf/decode/50', 'codec/metrics/protobuf/encode/50',
      'codec/orders/json/decode/50', 'codec/orders/json/encode/50', 'codec/orders/memcpy/encode/50', 'codec/orders/protobuf/decode/50', 'codec/orders/protobuf/encode/50',
    ]);
    assert.deepEqual(result.fidelity?.codecs.map((c) => c.codec), ['json', 'protobuf']);
    for (const file of ['latest.md', 'latest.csv', 'index.html']) assert.ok(existsSync(join(reports, file)), file);
    const markdown = readFileSync(join(reports, 'latest.md'), 'utf8');
    assert.match(markdown, /## orders \(50 records per batch\)/);
    assert.match(markdown, /Relative to the best codec/);
    assert.match(markdown, /## Fidelity/);
    assert.equal(readFileSync(join(reports, 'latest.csv'), 'utf8').trim().split('\n').length, result.cases.length + 1);
    assert.match(run.stdout, /orders — 50 records per batch/);
    assert.match(run.stdout, /protobuf/);
  });

  for (const [args, pattern] of [
    [['--codec', 'yaml'], /^bench: unknown codec 'yaml'; valid: json, .*memcpy$/],
    [['--dataset', 'logs'], /^bench: unknown dataset 'logs'; valid: log, metrics, orders$/],
    [['--op', 'roundtrip'], /^bench: unknown op 'roundtrip'; valid: encode, decode$/],
    [['--speed', 'fast'], /^bench: Unknown option '--speed'; valid flags: --dataset, /],
    [['--records', 'many'], /^bench: --records must be a positive integer \(at most 10000000\), got 'many'$/],
    [['--records', '-5'], /^bench: --records must be a positive integer \(at most 10000000\), got '-5'$/],
    [['--dataset', 'log,'], /^bench: --dataset 'log,' has an empty name; separate names with single commas \(e\.g\. --dataset a,b\)$/],
    [['--shard', '3/2'], /^bench: --shard must be I\/N with 1 <= I <= N/],
  ] as const) {
    test(`rejects ${args.join(' ')} with one line and exit 2`, async () => {
      const run = await bench(args);
      assert.equal(run.code, 2);
      assert.match(run.stderr.trimEnd(), pattern);
      assert.equal(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
      assert.equal(run.stdout, '');
    });
  }

  test('SIGINT mid-run: exit 130, the cycles measured so far kept with complete: false, nothing half-written', async () => {
    const out = join(dir, 'interrupted.json');
    const reports = join(dir, 'interrupted-reports');
    let sent = false;
    // --precision 0: the round spends its budget (two cases can reach the target before the signal).
    const run = await bench(['--dataset', 'metrics', '--codec', 'json,protobuf', '--records', '100', '--time', '20000', '--rounds', '1', '--precision', '0', '--out', out, '--reports-dir', reports], {
      onStderr(text, child) {
        if (!sent && text.includes('alternating slices')) {
          sent = true;
          setTimeout(() => child.kill('SIGINT'), 1000);
        }
      },
    });
    assert.equal(run.code, 130, run.stderr);
    const result = readResult(out);
    assertSpecShape(result);
    assert.equal(result.complete, false);
    // Every case is measured in every cycle: the cycles before the signal are kept for all of them, aligned.
    assert.deepEqual(result.cases.map((c) => c.status), ['ok', 'ok', 'ok', 'ok']);
    const lengths = new Set(result.cases.map((c) => c.samples.length));
    assert.equal(lengths.size, 1, 'one sample per case and cycle');
    assert.ok((result.cases[0]?.samples.length ?? 0) > 0);
    assert.ok(existsSync(join(reports, 'latest.md')));
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
  });
});
