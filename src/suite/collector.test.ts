import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SuiteCollector } from './collector.js';
import { codecCaseId, type CodecCasePlan } from './matrix.js';

const plan = (codec: string): CodecCasePlan => ({ id: codecCaseId('log', codec, 'encode', 1000), dataset: 'log', codec, op: 'encode', records: 1000 });

test('a round in which the machine stayed slow for every case is set aside in the result, and left out of its figures', () => {
  const plans = [plan('json'), plan('protobuf'), plan('avro')];
  const collector = new SuiteCollector(plans);
  const base: Record<string, number> = { json: 1000, protobuf: 600, avro: 800 };
  for (const p of plans) collector.apply({ type: 'prepared', plan: p, ok: true, bytesPerCall: 100 });
  // Round r3: everything 1.6× slower, protobuf more so (the slow mode is not one factor for all).
  const factors: Record<string, number> = { r1: 1, r2: 1.02, r3: 1.6, r4: 0.99 };
  Object.entries(factors).forEach(([roundId, factor], i) => {
    for (const p of plans) {
      const extra = roundId === 'r3' && p.codec === 'protobuf' ? 1.2 : 1;
      const samples = Array.from({ length: 40 }, (_, k) => (base[p.codec] as number) * factor * extra * (1 + (k % 7) / 100));
      collector.apply({ type: 'case-round', id: p.id, round: i + 1, roundId, samples, callsPerSample: 1 });
    }
  });
  const results = collector.results(false);
  for (const result of results) {
    assert.deepEqual(result.extra?.setAsideRounds, ['r3']);
    assert.deepEqual(result.extra?.roundIds, ['r1', 'r2', 'r3', 'r4']);
  }
  const json = results.find((r) => r.codec === 'json');
  // ns per record follows the figure of the rounds kept (about 1000 ns per batch of 1000: 1 ns per record).
  assert.ok(json && Math.abs((json.extra?.nsPerRecord as number) - 1) < 0.03, String(json?.extra?.nsPerRecord));
});
