import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RECORDED_COSTS } from './case-costs.js';
import { countingCostOf } from './costs.js';

test('a recorded case costs what was recorded; one not recorded costs the median', () => {
  const costOf = countingCostOf({ a: 10, b: 30, c: 1000 });
  assert.equal(costOf('c'), 1000);
  assert.equal(costOf('new'), 30);
  assert.equal(countingCostOf({})('any'), 1);
});

test('the recorded costs are positive whole milliseconds, of codec case ids', () => {
  assert.ok(Object.keys(RECORDED_COSTS).length > 0, 'no costs recorded: run scripts/shard-costs.ts');
  for (const [id, cost] of Object.entries(RECORDED_COSTS)) {
    assert.match(id, /^codec\/[^/]+\/[^/]+\/(encode|decode)\/\d+$/);
    assert.ok(Number.isInteger(cost) && cost > 0, `${id}: ${cost}`);
  }
});
