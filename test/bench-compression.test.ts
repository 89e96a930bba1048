import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { ResultFile } from '../src/results/types.js';
import { runEntry } from './run-command.js';

const dir = mkdtempSync(join(tmpdir(), 'serbench-compression-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const bench = (args: readonly string[]) => runEntry('bench/codec.ts', args, { timeoutMs: 120_000 });

test('an unknown --compression is rejected with the valid compressors, in one line, exit 2', async () => {
  const run = await bench(['--compression', 'gzip-6,lz4']);
  assert.equal(run.code, 2);
  assert.match(run.stderr.trimEnd(), /^bench: unknown compressor 'lz4'; valid: gzip-1, gzip-6, gzip-9, deflate-6, brotli-1, brotli-4, brotli-11, zstd-1, zstd-3, zstd-9, zstd-19$/);
  assert.equal(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
  assert.equal(run.stdout, '');
});

test('--codec accepts all, and names it among the valid values', async () => {
  const run = await bench(['--codec', 'all,yaml']);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /unknown codec 'yaml'; valid: json, .*protobuf-es, .*all, memcpy/);
});

test('--compression measures each codec compressed, gated and sized like any codec, with a compression table', async () => {
  const out = join(dir, 'compressed.json');
  const reports = join(dir, 'reports');
  const run = await bench(['--quick', '--records', '60', '--dataset', 'metrics', '--codec', 'json,parquet-hyparquet', '--compression', 'gzip-6,zstd-1', '--no-fidelity', '--out', out, '--reports-dir', reports]);
  assert.equal(run.code, 0, run.stderr);
  const result = JSON.parse(readFileSync(out, 'utf8')) as ResultFile;
  assert.deepEqual(result.meta.options['compression'], ['gzip-6', 'zstd-1']);
  const codecs = [...new Set(result.cases.map((c) => c.codec))];
  assert.deepEqual(codecs, ['json', 'parquet-hyparquet', 'json-gzip-6', 'json-zstd-1', 'parquet-hyparquet-gzip-6', 'parquet-hyparquet-zstd-1']);
  assert.ok(result.cases.every((c) => c.status === 'ok'), JSON.stringify(result.cases.filter((c) => c.status !== 'ok')));
  const size = (codec: string) => result.cases.find((c) => c.codec === codec)?.bytes?.raw ?? Number.NaN;
  assert.ok(size('json-gzip-6') < size('json') / 2);
  const markdown = readFileSync(join(reports, 'latest.md'), 'utf8');
  assert.match(markdown, /\| json \| zstd-1 \| [\d.]+ KiB \| [\d.]+:1 \|/);
  assert.match(run.stdout, /metrics compressed — size, ratio to uncompressed/);
});
