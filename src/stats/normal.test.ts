import assert from 'node:assert/strict';
import { test } from 'node:test';
import { erfc, normalCdf, normalQuantile, normalTwoSidedP } from './normal.js';

test('normalCdf matches tabulated values', () => {
  assert.ok(Math.abs(normalCdf(0) - 0.5) < 1e-7);
  assert.ok(Math.abs(normalCdf(1.959963985) - 0.975) < 1e-7);
  assert.ok(Math.abs(normalCdf(-1) - 0.158655254) < 1e-7);
});

test('the far tail keeps its relative precision', () => {
  // P(|Z| >= 8) = 1.2442e-15; 1 - cdf would round to 0 or to garbage.
  const p = normalTwoSidedP(8);
  assert.ok(Math.abs(p / 1.2441921148543e-15 - 1) < 1e-6, String(p));
  assert.ok(Math.abs(erfc(-1) - 1.8427007929) < 1e-7);
});

test('normalQuantile inverts normalCdf', () => {
  for (const p of [1e-10, 0.001, 0.025, 0.3, 0.5, 0.9, 0.975, 0.999999]) {
    assert.ok(Math.abs(normalCdf(normalQuantile(p)) / p - 1) < 1e-6, String(p));
  }
  assert.ok(Math.abs(normalQuantile(0.975) - 1.959963985) < 1e-8);
  assert.equal(normalQuantile(0), -Infinity);
  assert.ok(Number.isNaN(normalQuantile(2)));
});
