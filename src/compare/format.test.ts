import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareResults } from './compare.js';
import { formatChange, formatMedian, formatP, formatPercent, formatValue } from './format.js';
import { formatJson } from './json.js';
import { formatMarkdown } from './markdown.js';
import { asLoaded, drawValues, NOISE_MODELS, SampleRandom, syntheticResult } from './synthetic.js';
import { formatTerminal } from './terminal.js';

function sample(): ReturnType<typeof compareResults> {
  const random = new SampleRandom(21);
  const draw = (center: number) => drawValues(random, { model: NOISE_MODELS.lognormal, count: 60, center });
  const base = syntheticResult([{ id: 'codec/log/json/encode/1000', samples: draw(120_000) }, { id: 'codec/log/a|b/decode/1000', samples: draw(5e6) }, { id: 'gone', samples: draw(10) }]);
  const head = syntheticResult([{ id: 'codec/log/json/encode/1000', samples: draw(150_000) }, { id: 'codec/log/a|b/decode/1000', samples: draw(5e6) }]);
  return compareResults({ label: 'base.json', result: asLoaded(base) }, { label: 'head.json', result: asLoaded(head) });
}

test('numbers: nanoseconds scale to readable units; percentages carry their sign', () => {
  assert.equal(formatValue(512, 'ns'), '512 ns');
  assert.equal(formatValue(12_345, 'ns'), '12.3 µs');
  assert.equal(formatValue(1_234_567, 'ns'), '1.23 ms');
  assert.equal(formatValue(2.5e9, 'ns'), '2.50 s');
  assert.equal(formatValue(1234, 'bytes'), '1234 bytes');
  assert.equal(formatPercent(0.1234), '+12.3%');
  assert.equal(formatPercent(-0.05), '-5.0%');
  assert.equal(formatPercent(0.00001), '0.0%');
  assert.equal(formatPercent(2.5), '+250%');
  assert.equal(formatChange({ estimate: 0.1, lower: 0.08, upper: 0.12 }), '+10.0% [+8.0%, +12.0%]');
  assert.equal(formatP(0.0004), '<0.001');
  assert.equal(formatP(0.0421), '0.042');
  assert.equal(formatMedian({ n: 10, median: 1000, medianInterval: { lower: 990, upper: 1020 }, status: 'ok' }, 'ns'), '1.00 µs ±2.0%');
  assert.equal(formatMedian({ n: 3, median: 1000, medianInterval: null, status: 'ok' }, 'ns'), '1.00 µs');
});

test('terminal: an aligned table, a geometric-mean row, notes and a result line; colour only when asked', () => {
  const comparison = sample();
  const text = formatTerminal(comparison, { color: false });
  const lines = text.split('\n');
  const header = lines.find((line) => line.startsWith('case'));
  assert.ok(header?.includes('base median') && header.includes('change [interval]') && header.includes('verdict'));
  const row = lines.find((line) => line.startsWith('codec/log/json/encode/1000'));
  assert.match(row ?? '', /\d+ µs ±[\d.]+%\s+\d+ µs ±[\d.]+%\s+60\/60\s+—\s+\+2\d\.\d% \[\+\d+\.\d%, \+\d+\.\d%\]\s+<0\.001\s+slower$/);
  assert.ok(lines.some((line) => /^geometric mean \(2 cases\)/.test(line)));
  assert.ok(lines.some((line) => /^gone\s.*removed$/.test(line)));
  assert.match(text, /1 regression \(2 compared: 1 slower, 1 ~; 1 removed\): codec\/log\/json\/encode\/1000\n$/);
  assert.equal(text.includes('\u001b['), false);
  assert.ok(formatTerminal(comparison, { color: true }).includes('\u001b[31m'));
});

test('markdown: a title with the outcome, changes first, all cases folded, pipes escaped', () => {
  const text = formatMarkdown(sample());
  assert.match(text, /^### serbench compare: ❌ 1 regression/);
  assert.ok(text.includes('#### Changes and open questions'));
  assert.ok(text.includes('<details><summary>All 3 cases</summary>'));
  assert.ok(text.includes('`codec/log/a\\|b/decode/1000`'));
  assert.ok(text.includes('🔴 slower'));
  assert.ok(text.includes('| **geometric mean (2 cases)** |'));
});

test('json: the comparison as plain data', () => {
  const comparison = sample();
  const parsed = JSON.parse(formatJson(comparison)) as typeof comparison;
  assert.equal(parsed.schema, 'serbench.compare/v1');
  assert.deepEqual(parsed.summary.regressions, ['codec/log/json/encode/1000']);
  assert.deepEqual(parsed, JSON.parse(JSON.stringify(comparison)));
});
