import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compareResults } from '../../compare/index.js';
import { validateResult } from '../../results/read.js';
import type { ResultFile } from '../../results/types.js';
import { datasetTables } from '../codec-tables.js';
import { codecFigures } from './codec-model.js';
import { datasetBlock, sizeBarRows, timeBarRows, tradeOffPoints } from './codec-section.js';
import { compareSection } from './compare-section.js';
import { fidelitySection } from './fidelity-section.js';
import { codecResult, FIDELITY, pipelineResult } from './fixtures.js';
import { reportableResult } from './reportable.js';
import { pipelineGroups } from '../pipeline-tables.js';
import { batchSeries, efficiencySeries, scalingBatchSize, scalingSeries } from './pipeline-model.js';
import { pipelineSection } from './pipeline-section.js';

const count = (html: string, pattern: RegExp): number => (html.match(pattern) ?? []).length;
const loaded = (result: ResultFile, label: string) => validateResult(JSON.parse(JSON.stringify(result)), label);

describe('codec section', () => {
  const table = datasetTables(codecResult())[0];
  assert.ok(table);
  const figures = codecFigures(table);

  test('time bars: every codec but memcpy, relative to the fastest, absent figures named', () => {
    const encode = timeBarRows(figures, 'encode');
    assert.deepEqual(encode.map((r) => r.label), ['json', 'protobuf', 'parquet', 'broken']);
    const values = encode.map((r) => r.values[0]);
    const best = values.find((v) => v !== undefined && typeof v !== 'string' && v.value === 1);
    assert.ok(best && typeof best !== 'string' && best.text.includes('best'), 'the fastest is 1× and says best');
    const decode = timeBarRows(figures, 'decode');
    assert.equal(decode.find((r) => r.label === 'broken')?.values[0], 'failed');
  });

  test('size bars: encoded, gzip and brotli per codec', () => {
    const rows = sizeBarRows(figures);
    assert.equal(rows.length, 4);
    assert.ok(rows.every((r) => r.values.length === 3));
    assert.deepEqual(rows[0]?.values.map((v) => (typeof v === 'string' ? v : v.value)), [270_000, 40_500, 32_400]);
  });

  test('trade-off points leave out a codec without both times', () => {
    assert.deepEqual(tradeOffPoints(figures).map((p) => p.codec), ['json', 'protobuf', 'parquet']);
  });

  test('a dataset block has the four charts, each with a table of its numbers', () => {
    const html = datasetBlock(table);
    assert.equal(count(html, /<svg class="chart"/g), 4);
    assert.equal(count(html, /<figure /g), 4);
    assert.equal(count(html, /<details class="numbers">/g), 4);
    // encode: 4 codecs; decode: 3 (broken failed); sizes: 4 × 3.
    assert.equal(count(html, /<rect class="bar [^"]*" data-series="encode"/g), 4);
    assert.equal(count(html, /<rect class="bar [^"]*" data-series="decode"/g), 3);
    assert.equal(count(html, /<rect class="bar [^"]*" data-series="(raw|gzip|brotli)"/g), 12);
    assert.match(html, /memcpy<\/code> copies/);
  });
});

describe('fidelity section', () => {
  test('every cell carries a symbol and a word, not only a colour', () => {
    const html = fidelitySection(FIDELITY);
    assert.equal(count(html, /class="outcome-kept">✓ kept</g), 1);
    assert.equal(count(html, /class="outcome-changed">≠ changed: /g), 2);
    assert.equal(count(html, /class="outcome-rejected">✗ rejected: /g), 1);
  });
});

describe('pipeline model and section', () => {
  const result = pipelineResult();
  const [group] = pipelineGroups(result);
  assert.ok(group);

  test('the scaling chart uses the batch size measured with the most variant/worker pairs', () => {
    assert.equal(group.title, 'encode · log · protobuf');
    assert.equal(scalingBatchSize(group.rows), 1000);
    const series = scalingSeries(group.rows, 1000);
    assert.deepEqual(series.map((s) => [s.variant, s.rows.map((r) => r.workers)]), [['sync', [0]], ['async', [0]], ['workers', [1, 2, 4]]]);
  });

  test('efficiency is the speedup over one worker divided by the workers', () => {
    const [workers, ...others] = efficiencySeries(group, 1000);
    assert.equal(others.length, 0);
    assert.equal(workers?.variant, 'workers');
    assert.deepEqual(workers?.points.map((p) => Number(p.efficiency.toFixed(3))), [1, 0.9, 0.55]);
  });

  test('the batch chart has each variant at its smallest worker count', () => {
    assert.deepEqual(batchSeries(group.rows).map((s) => [s.variant, s.workers, s.rows.map((r) => r.batchSize)]), [
      ['sync', 0, [1, 100, 1000]],
      ['async', 0, [1, 100, 1000]],
      ['workers', 1, [100, 1000]],
    ]);
  });

  test('the section draws scaling, efficiency and batch charts with the expected markers', () => {
    const html = pipelineSection(result);
    assert.equal(count(html, /<svg class="chart"/g), 3);
    const scaling = html.slice(html.indexOf('-scaling"'), html.indexOf('-efficiency"'));
    assert.equal(count(scaling, /class="point line-\d"/g), 5, 'sync, async at main; workers at 1, 2, 4');
    assert.match(html, /100% = linear scaling/);
    // The variant keeps its marker across charts: workers is the third variant, so style 2 (triangle) everywhere.
    assert.equal(count(html, /<path class="point line-2" data-series="workers"/g), 3 + 3 + 2);
  });
});

describe('compare section', () => {
  test('changed cases are highlighted in the table and marked in the chart', () => {
    const base = codecResult();
    const head = codecResult({ scale: { json: 1.5, parquet: 0.6 }, seed: 9 });
    const comparison = compareResults({ label: 'base.json', result: loaded(base, 'base.json') }, { label: 'head.json', result: loaded(head, 'head.json') });
    const changed = comparison.summary.slower + comparison.summary.faster;
    assert.ok(comparison.summary.slower >= 4 && comparison.summary.faster >= 4, JSON.stringify(comparison.summary));
    const html = compareSection(comparison);
    assert.equal(count(html, /<tr class="changed verdict-(slower|faster)"/g), changed);
    assert.equal(count(html, /<g class="change-row verdict-\w+ changed"/g), changed);
    assert.match(html, /regression/);
    assert.match(html, /▲ slower/);
    assert.match(html, /▼ faster/);
  });
});

test('a result read back from its file keeps its inputs and per-field table for the reports', () => {
  const input = { dataset: 'events', file: 'events.ndjson', format: 'ndjson', bytes: 10, sha256: 'a'.repeat(64), records: 2, exhausted: true, schemaHash: 'b'.repeat(16), schemaSource: 'inferred' };
  const table = { dataset: 'events', fields: ['id'], codecs: [{ codec: 'json', passed: true, fields: { id: { kind: 'kept' } } }] };
  const loaded = validateResult({ schema: 'serbench.result/v1', complete: true, meta: { createdAt: 'x', options: {}, inputs: [input] }, cases: [], fieldFidelity: [table] }, 'r.json');
  const { result } = reportableResult(loaded);
  assert.deepEqual(result.meta.inputs, [input]);
  assert.deepEqual(result.fieldFidelity, [table]);
});
