import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ResultFileError, validateResult } from '../results/read.js';
import { importGabData } from './gab.js';

const entry = (id: string, timestamp: string, benches: unknown[], tool = 'customSmallerIsBetter') => ({
  commit: { id, timestamp, message: 'm', url: 'u', author: { name: 'a' } },
  date: Date.parse(timestamp) + 60_000,
  tool,
  benches,
});

const dataJs = (entries: Record<string, unknown[]>) => `window.BENCHMARK_DATA = ${JSON.stringify({ lastUpdate: 1, repoUrl: 'https://example.invalid/r', entries }, null, 2)}`;

test('each entry of data.js becomes a result file of its commit; values without samples have no interval', () => {
  const text = dataJs({
    'serbench (customSmallerIsBetter)': [
      entry('a'.repeat(40), '2025-01-01T10:00:00+09:00', [{ name: 'codec/log/json/encode/1000', value: 1200, unit: 'ns', range: '± 12' }]),
      entry('b'.repeat(40), '2025-01-02T10:00:00+09:00', [{ name: 'codec/log/json/encode/1000', value: 1250, unit: 'ns' }]),
    ],
  });
  const imported = importGabData(text, 'data.js');
  assert.equal(imported.entries.length, 2);
  const first = imported.entries[0];
  assert.ok(first);
  assert.match(first.name, /^gab-2025-01-01T01-00-00-000Z-aaaaaaaaaa\.json$/);
  const result = validateResult(JSON.parse(JSON.stringify(first.result)), first.name);
  assert.equal(result.meta.git?.commitTime, '2025-01-01T01:00:00.000Z');
  assert.deepEqual(result.cases.map((c) => [c.id, c.unit, c.samples]), [['codec/log/json/encode/1000', 'ns', [1200]]]);
  assert.match(imported.warnings.join('\n'), /no samples/);
});

test('bigger-is-better figures become their inverse (ops/sec → ns per op); several suites prefix their names', () => {
  const text = dataJs({
    js: [entry('c'.repeat(40), '2025-01-01T00:00:00Z', [{ name: 'fib', value: 2e6, unit: 'ops/sec' }], 'benchmarkjs')],
    rust: [entry('c'.repeat(40), '2025-01-01T00:00:00Z', [{ name: 'fib', value: 254, unit: 'ns/iter' }], 'cargo')],
  });
  const imported = importGabData(text, 'data.js');
  const cases = imported.entries.flatMap((e) => e.result.cases.map((c) => [c.id, c.unit, c.samples[0]]));
  assert.deepEqual(cases, [['js/fib', 'ns', 500], ['rust/fib', 'ns/iter', 254]]);
  assert.match(imported.warnings.join('\n'), /inverse/);
});

test('what is not a data.js is one line naming the file and the problem', () => {
  const problem = (text: string): string => {
    try {
      importGabData(text, 'gh-pages/dev/bench/data.js');
    } catch (error) {
      assert.ok(error instanceof ResultFileError);
      assert.ok(!error.message.includes('\n'));
      return error.message;
    }
    return assert.fail('expected an error');
  };
  assert.match(problem('hello'), /^gh-pages\/dev\/bench\/data\.js: not a github-action-benchmark data\.js/);
  assert.match(problem('window.BENCHMARK_DATA = {"entries": {"x": [{"benches": []}]}}'), /entries\["x"\]\[0\] has no commit id/);
  assert.match(problem(dataJs({ x: [entry('d'.repeat(40), '2025-01-01T00:00:00Z', [{ name: 'n', value: 'fast' }])] })), /benches\[0\] needs a "name" and a positive "value"/);
  assert.match(problem('window.BENCHMARK_DATA = {"entries": {}}'), /has no benchmark entries/);
});
