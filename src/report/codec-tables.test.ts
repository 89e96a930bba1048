import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CaseResult, ResultFile } from '../results/types.js';
import { summarize } from '../stats/summary.js';
import { datasetTables, rawRows, relativeRows } from './codec-tables.js';
import { codecMarkdown } from './markdown.js';

function okCase(codec: string, op: string, samples: number[], raw = 1000): CaseResult {
  const stats = summarize(samples);
  return {
    id: `codec/log/${codec}/${op}/100`, suite: 'codec', dataset: 'log', codec, op, records: 100, unit: 'ns', status: 'ok', samples, stats,
    throughput: { recordsPerSec: 100 / (stats.median / 1e9), bytesPerSec: raw / (stats.median / 1e9) },
    bytes: { raw, gzip: raw / 2, brotli: raw / 4 },
  };
}

const result: ResultFile = {
  schema: 'serbench.result/v1',
  complete: false,
  meta: {
    createdAt: '2026-11-25T00:00:00.000Z', git: { sha: null, dirty: false },
    env: { node: 'v20', v8: '11', platform: 'linux', arch: 'x64', cpuModel: 'cpu', cpuCount: 2, totalMemBytes: 1 }, options: {},
  },
  cases: [
    okCase('fast', 'encode', [100, 100, 110, 90]),
    okCase('fast', 'decode', [200, 210, 190, 200]),
    okCase('slow', 'encode', [300, 300, 330, 270], 2000),
    { id: 'codec/log/slow/decode/100', suite: 'codec', dataset: 'log', codec: 'slow', op: 'decode', records: 100, unit: 'ns', status: 'failed', error: 'fidelity gate: boom', samples: [] },
    okCase('memcpy', 'encode', [10, 10, 10, 10]),
  ],
};

test('tables group cases by dataset and codec; relative figures divide by the best non-baseline codec', () => {
  const [table] = datasetTables(result);
  assert.ok(table);
  assert.deepEqual(table.rows.map((r) => r.codec), ['fast', 'slow', 'memcpy']);
  const relative = relativeRows(table);
  assert.deepEqual(relative.map((r) => r[0]), ['fast', 'slow'], 'memcpy is not a competitor');
  assert.deepEqual(relative[0]?.slice(1, 4), ['1.00×', '1.00×', '1.00×']);
  assert.deepEqual(relative[1]?.slice(1, 4), ['3.00×', '–', '2.00×']);
  const raw = rawRows(table);
  assert.equal(raw[1]?.[2], 'refused', 'a codec the fidelity gate refused is not timed, and says so');
  assert.equal(raw[0]?.[3], '1', 'encode ns per record: 100 ns / 100 records');
});

test('the Markdown report lists refusals by the fidelity gate as findings, apart from cases that failed to run', () => {
  const crashed: CaseResult = { ...okCase('fast', 'encode', []), id: 'codec/log/fast/encode/1000', records: 1000, status: 'failed', error: 'ran out of memory', failure: 'error' };
  const markdown = codecMarkdown({ ...result, cases: [...result.cases, crashed] });
  assert.match(markdown, /Incomplete run/);
  assert.match(markdown, /## Refused by the fidelity gate\n\n.*not a failure of the run.*\n\n\| case +\| reason +\|\n.*\n\| codec\/log\/slow\/decode\/100 \| fidelity gate: boom \|\n\n/);
  assert.match(markdown, /## Cases without a measurement\n\n.*\n.*\n\| codec\/log\/fast\/encode\/1000 \| failed +\| ran out of memory \|\n\n/);
  assert.match(markdown, /## Precision\n\n4 cases measured; within one process only/);
});
