import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runInNewContext } from 'node:vm';
import { formatRate } from '../format.js';
import { calculatorCells, calculatorData, calculatorRow, calculatorRows, calculatorSummary, formatBitRate, type CalculatorCodec, type CalculatorData, type CalculatorInput } from './calculator-model.js';
import { CALCULATOR_SCRIPT } from './calculator-script.js';
import { jsonForScript } from './escape.js';
import { codecResult } from './fixtures.js';

const codec: CalculatorCodec = { codec: 'c', encodeNsPerRecord: 1000, decodeNsPerRecord: 500, bytesPerRecord: { raw: 200, gzip: 50, brotli: 40 } };

describe('calculator model', () => {
  test('the lower of the CPU and bandwidth limits wins and names the bottleneck', () => {
    // 1 core at 1 µs/record = 1 M msg/s; 1 Gbit/s at 200 B = 625 k msg/s → bandwidth-bound.
    const slowLink = calculatorRow(codec, { bandwidthBitsPerSec: 1e9, cpuCores: 1, side: 'encode', wire: 'raw' });
    assert.equal(slowLink.cpuLimit, 1e6);
    assert.equal(slowLink.bandwidthLimit, 625_000);
    assert.equal(slowLink.messagesPerSec, 625_000);
    assert.equal(slowLink.bottleneck, 'bandwidth');
    // The crossover is the link speed at which both limits meet: 1 M msg/s × 200 B × 8 = 1.6 Gbit/s.
    assert.equal(slowLink.crossoverBitsPerSec, 1.6e9);
    const fastLink = calculatorRow(codec, { bandwidthBitsPerSec: 10e9, cpuCores: 0.5, side: 'both', wire: 'gzip' });
    assert.equal(fastLink.cpuLimit, 0.5e9 / 1500);
    assert.equal(fastLink.bottleneck, 'CPU');
    assert.equal(fastLink.messagesPerSec, fastLink.cpuLimit);
  });

  test('a codec without a decode time or a size is "not measured", not zero', () => {
    const row = calculatorRow({ ...codec, decodeNsPerRecord: null }, { bandwidthBitsPerSec: 1e9, cpuCores: 1, side: 'decode', wire: 'raw' });
    assert.equal(row.bottleneck, 'not measured');
    assert.ok(Number.isNaN(row.messagesPerSec));
    assert.deepEqual(calculatorCells(row, 1).slice(1, 3), ['–', 'not measured']);
  });

  test('data from a result file: per-record figures, memcpy left out, failed decode as null', () => {
    const data = calculatorData(codecResult());
    assert.deepEqual(data.datasets.map((d) => d.dataset), ['log', 'metrics']);
    const log = data.datasets[0];
    assert.deepEqual(log?.codecs.map((c) => c.codec), ['json', 'protobuf', 'parquet', 'broken']);
    const broken = log?.codecs.find((c) => c.codec === 'broken');
    assert.equal(broken?.decodeNsPerRecord, null);
    assert.equal(broken?.bytesPerRecord.raw, 200);
    const json = log?.codecs.find((c) => c.codec === 'json');
    assert.ok(Math.abs((json?.encodeNsPerRecord ?? 0) - 1500) < 1500 * 0.05);
  });

  test('the summary names every codec that ties for the most messages', () => {
    const twin = { ...codec, codec: 'd' };
    const input = { bandwidthBitsPerSec: 1e9, cpuCores: 1, side: 'encode' as const, wire: 'raw' as const };
    const rows = [calculatorRow(codec, input), calculatorRow(twin, input)];
    assert.equal(calculatorSummary(rows, input), `At 1 Gbit/s with 1 core (encode), c and d deliver the most: ${formatRate(625_000, 'msg')}, limited by bandwidth. 0 of 2 codecs CPU-bound.`);
    assert.equal(formatBitRate(2.5e6), '2.5 Mbit/s');
  });
});

/** Just enough DOM for the calculator script: the form's inputs, the table body and the summary. */
function fakeDom(data: CalculatorData, input: CalculatorInput, unit: number) {
  interface Node {
    tag: string;
    className: string;
    textContent: string;
    children: Node[];
    attributes: Record<string, string>;
    setAttribute(name: string, value: string): void;
    appendChild(child: Node): void;
  }
  const node = (tag: string): Node => ({
    tag,
    className: '',
    textContent: '',
    children: [],
    attributes: {},
    setAttribute(name, value) {
      this.attributes[name] = value;
    },
    appendChild(child) {
      this.children.push(child);
    },
  });
  const fields: Record<string, { value: string }> = {
    dataset: { value: input.dataset },
    bandwidth: { value: String(input.bandwidthBitsPerSec / unit) },
    unit: { value: String(unit) },
    cores: { value: String(input.cpuCores) },
    side: { value: input.side },
    wire: { value: input.wire },
  };
  const body = Object.assign(node('tbody'), {
    removeChild(child: Node) {
      body.children.splice(body.children.indexOf(child), 1);
    },
  });
  Object.defineProperty(body, 'firstChild', { get: () => body.children[0] ?? null });
  const summary = node('p');
  const listeners: Record<string, () => void> = {};
  const form = Object.assign(node('form'), { elements: { namedItem: (name: string) => fields[name] }, addEventListener: (type: string, fn: () => void) => (listeners[type] = fn) });
  const elements: Record<string, unknown> = { 'calculator-data': { textContent: jsonForScript(data) }, 'calculator-form': form, 'calculator-body': body, 'calculator-summary': summary };
  const document = { getElementById: (id: string) => elements[id] ?? null, createElement: node };
  return { document, body, summary, fields, listeners };
}

describe('the inline calculator script', () => {
  const data = calculatorData(codecResult());
  const inputs: [CalculatorInput, number][] = [
    [{ dataset: 'log', bandwidthBitsPerSec: 1e9, cpuCores: 1, side: 'encode', wire: 'raw' }, 1e9],
    [{ dataset: 'metrics', bandwidthBitsPerSec: 100e6, cpuCores: 0.25, side: 'both', wire: 'gzip' }, 1e6],
    [{ dataset: 'log', bandwidthBitsPerSec: 40e9, cpuCores: 2, side: 'decode', wire: 'brotli' }, 1e9],
  ];
  for (const [input, unit] of inputs) {
    test(`prints the same cells and summary as the model (${input.dataset}, ${formatBitRate(input.bandwidthBitsPerSec)}, ${input.cpuCores} cores, ${input.side}, ${input.wire})`, () => {
      const dom = fakeDom(data, input, unit);
      runInNewContext(CALCULATOR_SCRIPT, { document: dom.document });
      const rows = calculatorRows(data, input);
      const best = Math.max(...rows.map((r) => (Number.isFinite(r.messagesPerSec) ? r.messagesPerSec : -1)));
      const printed = dom.body.children.map((tr) => tr.children.map((cell) => cell.textContent));
      assert.deepEqual(printed, rows.map((r) => calculatorCells(r, best)));
      assert.equal(dom.summary.textContent, calculatorSummary(rows, input));
    });
  }

  test('asks for positive figures instead of printing nonsense', () => {
    const dom = fakeDom(data, { dataset: 'log', bandwidthBitsPerSec: 0, cpuCores: 1, side: 'encode', wire: 'raw' }, 1e9);
    runInNewContext(CALCULATOR_SCRIPT, { document: dom.document });
    assert.match(dom.summary.textContent, /above zero/);
    assert.equal(dom.body.children.length, 0);
  });
});
