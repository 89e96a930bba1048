import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CaseResult, ResultFile } from '../results/types.js';
import { relativeRows, datasetTables } from './codec-tables.js';
import { precisionLines, precisionSummary } from './precision.js';

/** Three rounds of `cycles` cycles; in each cycle the machine's speed multiplies every case alike. */
function pairedCases(ratios: Readonly<Record<string, readonly number[]>>, cycles = 40): CaseResult[] {
  const roundIds = ['r1', 'r2', 'r3'];
  const speed = (round: number, k: number): number => (k % 7 < 3 ? 1.5 : 1) * (1 + round * 0.05);
  return Object.entries(ratios).map(([codec, perRound]) => {
    const samples = roundIds.flatMap((_, round) => Array.from({ length: cycles }, (_, k) => 1000 * (perRound[round] as number) * speed(round, k) * (1 + ((k * 37) % 11) / 1000)));
    return {
      id: `codec/log/${codec}/encode/100`, suite: 'codec', dataset: 'log', codec, op: 'encode', records: 100, unit: 'ns', status: 'ok', samples,
      extra: { roundSizes: [cycles, cycles, cycles], roundIds },
    };
  });
}

function resultOf(cases: CaseResult[], precision = 0.01): ResultFile {
  return {
    schema: 'serbench.result/v1',
    complete: true,
    meta: {
      createdAt: '2026-12-03T00:00:00.000Z', git: { sha: null, dirty: false },
      env: { node: 'v20', v8: '11', platform: 'linux', arch: 'x64', cpuModel: 'cpu', cpuCount: 2, totalMemBytes: 1 }, options: { precision },
    },
    cases,
  };
}

test('relative figures compare the cases process by process: the machine speed cancels, the spread between rounds is the interval', () => {
  const result = resultOf(pairedCases({ fast: [1, 1, 1], steady: [2, 2, 2], wobbly: [1.5, 1.6, 1.4], tied: [1.001, 0.999, 1.002] }));
  const [table] = datasetTables(result);
  assert.ok(table);
  const rows = Object.fromEntries(relativeRows(table).map((row) => [row[0], row[1]]));
  assert.equal(rows.fast, '1.00×');
  assert.match(rows.steady ?? '', /^2\.00× ±0\.\d%$/, 'the same ratio in every round: a narrow interval');
  assert.match(rows.wobbly ?? '', /^≈1\.\d\d×$|^1\.\d\d× ±\d+%$/);
  assert.match(rows.tied ?? '', /^≈1\.00×$/, 'an interval that includes the best is a tie');
});

test('precision summary: run-to-run spreads of relative and absolute figures, and figures wider than the target', () => {
  const result = resultOf(pairedCases({ fast: [1, 1, 1], steady: [2, 2, 2], wobbly: [1.5, 1.6, 1.4] }));
  const summary = precisionSummary(result);
  assert.equal(summary.measured, 3);
  assert.equal(summary.runs, 3);
  assert.equal(summary.relative.count, 2);
  assert.ok(summary.relative.worst?.id.includes('wobbly'));
  assert.deepEqual(summary.missed, ['codec/log/wobbly/encode/100']);
  assert.ok(summary.absolute.median > 0.05, 'absolute times move with the machine from round to round');
  const lines = precisionLines(result);
  assert.match(lines[0] ?? '', /run to run \(95% intervals over 3 processes\)/);
  assert.match(lines[1] ?? '', /1 of 2 relative figures are wider than the ±1\.0% target/);
});

test('the precision lines say how many rounds were set aside and how many figures rest on one process', () => {
  const cases = pairedCases({ fast: [1, 1, 1], steady: [2, 2, 2] }).map((c) => ({ ...c, extra: { ...c.extra, setAsideRounds: ['r3'] } }));
  const lines = precisionLines(resultOf(cases));
  assert.match(lines[0] ?? '', /run to run \(95% intervals over 2 processes\)/);
  assert.match(lines.join('\n'), /1 of 3 rounds set aside: the machine stayed in its slow mode/);
});
