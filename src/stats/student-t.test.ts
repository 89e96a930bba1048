import assert from 'node:assert/strict';
import { test } from 'node:test';
import { studentTCdf, studentTQuantile } from './student-t.js';
import { tCritical95 } from './summary.js';

test('t quantiles match the 95% table and known values', () => {
  for (let df = 1; df <= 30; df++) assert.ok(Math.abs(studentTQuantile(0.975, df) - tCritical95(df)) < 1e-3, `df ${df}`);
  assert.ok(Math.abs(studentTQuantile(0.995, 4) - 4.604095) < 1e-5);
  assert.ok(Math.abs(studentTQuantile(0.9, 10) - 1.372184) < 1e-5);
  assert.ok(Math.abs(studentTQuantile(0.025, 3) + 3.182446) < 1e-5);
  assert.ok(Math.abs(studentTQuantile(0.975, 1e6) - 1.959966) < 1e-4);
});

test('the cdf is symmetric and inverts the quantile', () => {
  assert.ok(Math.abs(studentTCdf(0, 5) - 0.5) < 1e-12);
  assert.ok(Math.abs(studentTCdf(1.5, 7) + studentTCdf(-1.5, 7) - 1) < 1e-12);
  assert.ok(Math.abs(studentTCdf(studentTQuantile(0.01, 2.5), 2.5) - 0.01) < 1e-9);
});
