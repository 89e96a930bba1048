import assert from 'node:assert/strict';
import { test } from 'node:test';
import { acrossRuns } from './runs.js';

test('acrossRuns: geometric mean with a t interval on the log scale', () => {
  const interval = acrossRuns([100, 110, 90]);
  assert.ok(interval);
  assert.ok(Math.abs(interval.estimate - Math.cbrt(100 * 110 * 90)) < 1e-9);
  assert.ok(interval.lower < interval.estimate && interval.estimate < interval.upper);
  assert.ok(Math.abs(Math.log(interval.upper / interval.estimate) - interval.halfWidth) < 1e-12);
  assert.equal(interval.runs, 3);
  // t(0.975, 2) = 4.303: a wide interval from three runs, as it should be.
  assert.ok(interval.halfWidth > 0.2 && interval.halfWidth < 0.3, String(interval.halfWidth));
});

test('acrossRuns: identical runs give a zero-width interval; one run gives none', () => {
  assert.equal(acrossRuns([5, 5, 5])?.halfWidth, 0);
  assert.equal(acrossRuns([5]), null);
  assert.equal(acrossRuns([5, 0, -1]), null, 'non-positive values are left out');
});
