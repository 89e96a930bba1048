import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extraRoundFits } from './supervisor.js';

test('an extra round starts only when the run, with a round as long as the last (per case), stays within the budget', () => {
  // 4 rounds of 30 s done: a fifth of all 45 cases fits in 160 s, not in 145 s.
  assert.equal(extraRoundFits(160, 120_000, { ms: 30_000, cases: 45 }, 45), true);
  assert.equal(extraRoundFits(145, 120_000, { ms: 30_000, cases: 45 }, 45), false);
  // Only the imprecise third of the cases: a third of the time.
  assert.equal(extraRoundFits(145, 120_000, { ms: 30_000, cases: 45 }, 15), true);
  assert.equal(extraRoundFits(0, 1e9, { ms: 30_000, cases: 45 }, 45), true, '0 is no limit');
});
