import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RESULT_SCHEMA, type CaseResult, type ResultFile } from '../results/types.js';
import { summarize } from '../stats/summary.js';
import { compressionRows, compressorsOf, datasetTables, splitCompressed } from './codec-tables.js';
import { codecMarkdown } from './markdown.js';
import { codecSection } from './html/codec-section.js';
import { codecTerminalReport } from './terminal.js';

function okCase(codec: string, op: 'encode' | 'decode', medianNs: number, raw: number): CaseResult {
  // The figure of a run is its 10th percentile: here exactly medianNs.
  const samples = [medianNs, medianNs, medianNs * 1.01];
  return {
    id: `codec/log/${codec}/${op}/1000`,
    suite: 'codec',
    dataset: 'log',
    codec,
    op,
    records: 1000,
    unit: 'ns',
    status: 'ok',
    samples,
    stats: summarize(samples),
    throughput: { recordsPerSec: 1e12 / medianNs, bytesPerSec: (raw * 1e9) / medianNs },
    bytes: { raw, gzip: raw, brotli: raw },
  };
}

function result(cases: CaseResult[], options: Record<string, unknown>): ResultFile {
  const env = { node: 'v20', v8: '11', platform: 'linux', arch: 'x64', cpuModel: 'test', cpuCount: 2, totalMemBytes: 1 };
  return { schema: RESULT_SCHEMA, complete: true, meta: { createdAt: new Date(0).toISOString(), git: { sha: null, dirty: false }, env, options }, cases };
}

const run = result(
  [
    okCase('json', 'encode', 1_000_000, 100_000),
    okCase('json', 'decode', 2_000_000, 100_000),
    okCase('json-gzip-6', 'encode', 3_500_000, 20_000),
    okCase('json-gzip-6', 'decode', 2_500_000, 20_000),
    okCase('json-zstd-3', 'encode', 900_000, 25_000),
    okCase('protobuf-brotli-11', 'encode', 9_000_000, 10_000),
  ],
  { codecs: ['json', 'protobuf'], compression: ['gzip-6', 'zstd-3', 'brotli-11'] },
);

test('compressed codecs are told apart by the run’s compressors and matched with their plain codec', () => {
  assert.deepEqual(compressorsOf(run), ['gzip-6', 'zstd-3', 'brotli-11']);
  const [table] = datasetTables(run);
  assert.ok(table);
  const { plain, compressed } = splitCompressed(run, table);
  assert.deepEqual(plain.rows.map((r) => r.codec), ['json']);
  assert.deepEqual(compressed.map((c) => [c.codec, c.compressor, c.plain?.codec]), [
    ['json', 'gzip-6', 'json'],
    ['json', 'zstd-3', 'json'],
    ['protobuf', 'brotli-11', undefined],
  ]);
  assert.deepEqual(compressionRows(compressed), [
    ['json', 'gzip-6', '19.5 KiB', '5.00:1', '3.50 ms', '+2.50 ms (+250%)', '2.50 ms', '+500.0 µs (+25%)'],
    ['json', 'zstd-3', '24.4 KiB', '4.00:1', '900.0 µs', '−100.0 µs (−10%)', '', '–'],
    ['protobuf', 'brotli-11', '9.8 KiB', '–', '9.00 ms', '–', '', '–'],
  ]);
});

test('without --compression nothing is split off, even a name that looks composed', () => {
  const plainRun = result([okCase('json-gzip-6', 'encode', 1e6, 10)], { codecs: ['json-gzip-6'] });
  const [table] = datasetTables(plainRun);
  assert.ok(table);
  assert.equal(splitCompressed(plainRun, table).compressed.length, 0);
});

test('the Markdown and terminal reports show compressed codecs in their own table', () => {
  const markdown = codecMarkdown(run);
  assert.match(markdown, /Compressed \(`--compression`/);
  assert.match(markdown, /\| json \| gzip-6 \| 19\.5 KiB \| 5\.00:1 \|/);
  assert.doesNotMatch(markdown.split('Compressed')[0] ?? '', /json-gzip-6/, 'not in the main table');
  assert.match(codecTerminalReport(run), /log compressed — size, ratio to uncompressed/);
});

test('the HTML page charts compressed sizes beside uncompressed ones and keeps them out of the size chart', () => {
  const html = codecSection(run);
  const count = (pattern: RegExp): number => (html.match(pattern) ?? []).length;
  // json + gzip-6 and json + zstd-3 have their plain json beside them; protobuf ran only compressed.
  assert.equal(count(/<rect class="bar [^"]*" data-series="plain"/g), 2);
  assert.equal(count(/<rect class="bar [^"]*" data-series="compressed"/g), 3);
  // The size chart has the plain json only (encoded, gzip, brotli).
  assert.equal(count(/<rect class="bar [^"]*" data-series="(raw|gzip|brotli)"/g), 3);
  assert.match(html, /<td[^>]*>\+2\.50 ms \(\+250%\)<\/td>/);
  // Compressed codecs stay in the time charts: json and its two compressed forms, and protobuf + brotli.
  assert.equal(count(/<rect class="bar [^"]*" data-series="encode"/g), 4);
});
