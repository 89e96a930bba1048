import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asLoaded, syntheticResult } from '../compare/synthetic.js';
import type { LoadedResult } from '../results/read.js';
import { EXPORT_FORMATS, exportResult, toBencherMetricFormat, toGithubActionBenchmark } from './exports.js';

function result(): LoadedResult {
  const loaded = asLoaded(syntheticResult([
    { id: 'codec/log/json/encode/1000', samples: Array.from({ length: 20 }, (_, i) => 1000 + i) },
    { id: 'codec/log/json/decode/1000', samples: [5, 6, 7] },
    { id: 'codec/log/parquet/encode/1000', samples: [] },
  ]));
  return {
    ...loaded,
    cases: loaded.cases.map((item, index) =>
      index === 0 ? { ...item, throughput: { recordsPerSec: 990_000, bytesPerSec: 1e8 }, bytes: { raw: 4096, gzip: 900, brotli: 800 } } : index === 2 ? { ...item, status: 'failed', error: 'boom' } : item,
    ),
  };
}

test('github-action-benchmark: customSmallerIsBetter entries from the samples; failed cases left out', () => {
  const entries = toGithubActionBenchmark(result());
  assert.equal(entries.length, 2);
  assert.deepEqual(entries[0], {
    name: 'codec/log/json/encode/1000',
    unit: 'ns',
    value: 1009.5,
    range: '± 4.5', // 95% interval of the median of 20: 6th and 15th values, 1005..1014
    extra: 'median of 20 samples\n95% interval of the median: 1005 to 1014 ns\n990000 records/s\nencoded size: 4096 bytes',
  });
  assert.deepEqual(entries[1], { name: 'codec/log/json/decode/1000', unit: 'ns', value: 6, extra: 'median of 3 samples' });
});

test('Bencher Metric Format: latency with its interval, file size and throughput measures', () => {
  const bmf = toBencherMetricFormat(result());
  assert.deepEqual(Object.keys(bmf), ['codec/log/json/encode/1000', 'codec/log/json/decode/1000']);
  assert.deepEqual(bmf['codec/log/json/encode/1000'], {
    latency: { value: 1009.5, lower_value: 1005, upper_value: 1014 },
    'records-per-second': { value: 990_000 },
    'file-size': { value: 4096 },
  });
  assert.deepEqual(bmf['codec/log/json/decode/1000'], { latency: { value: 6 } });
});

test('exportResult writes JSON text for every format name', () => {
  assert.deepEqual([...EXPORT_FORMATS], ['github-action-benchmark', 'bmf']);
  for (const format of EXPORT_FORMATS) {
    const text = exportResult(result(), format);
    assert.ok(text.endsWith('\n'));
    assert.doesNotThrow(() => JSON.parse(text));
  }
  assert.ok(Array.isArray(JSON.parse(exportResult(result(), 'github-action-benchmark'))));
});
