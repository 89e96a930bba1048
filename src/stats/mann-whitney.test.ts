import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { exactUCdf, mannWhitneyU, shiftIntervalRank, uSigma } from './mann-whitney.js';
import { normalTwoSidedP } from './normal.js';

/** P(U = u) by enumerating every way to give m of the ranks 1..m+n to the first sample. */
function bruteForcePmf(m: number, n: number): number[] {
  const counts = new Array<number>(m * n + 1).fill(0);
  let total = 0;
  const visit = (start: number, left: number, rankSum: number): void => {
    if (left === 0) {
      counts[rankSum - (m * (m + 1)) / 2]! += 1;
      total += 1;
      return;
    }
    for (let r = start; r <= m + n - left + 1; r++) visit(r + 1, left - 1, rankSum + r);
  };
  visit(1, m, 0);
  return counts.map((c) => c / total);
}

test('the exact null distribution of U matches enumeration', () => {
  for (const [m, n] of [[1, 1], [2, 3], [4, 4], [5, 7], [6, 6], [3, 9]] as const) {
    const cdf = exactUCdf(m, n);
    let running = 0;
    bruteForcePmf(m, n).forEach((probability, u) => {
      running += probability;
      assert.ok(Math.abs((cdf[u] as number) - running) < 1e-12, `m=${m} n=${n} u=${u}`);
    });
  }
});

test("reproduces R's wilcox.test example (W = 35, one-sided p = 0.1272)", () => {
  const x = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
  const y = [1.15, 0.88, 0.9, 0.74, 1.21];
  const result = mannWhitneyU(x, y);
  assert.equal(result.u, 35);
  assert.equal(result.method, 'exact');
  assert.ok(Math.abs(result.p - 2 * 0.1272) < 1e-3, String(result.p));
});

test('the normal approximation agrees with the exact distribution at 49 vs 49', () => {
  const m = 49;
  const n = 49;
  const cdf = exactUCdf(m, n);
  const sigma = uSigma(m, n);
  for (const u of [900, 1000, 1100, 1150]) {
    const exact = 2 * (cdf[u] as number);
    const approximate = normalTwoSidedP(((m * n) / 2 - u - 0.5) / sigma);
    assert.ok(Math.abs(approximate / exact - 1) < 0.05, `u=${u}: ${approximate} vs ${exact}`);
  }
  // Samples that hit the normal path (50 values) give the same p as the formula.
  const x = Array.from({ length: 50 }, (_, i) => i);
  const y = Array.from({ length: 50 }, (_, i) => i + 10.5);
  const result = mannWhitneyU(x, y);
  assert.equal(result.method, 'normal');
  assert.ok(Math.abs(result.p - normalTwoSidedP((1250 - result.u - 0.5) / uSigma(50, 50))) < 1e-12);
});

test('ties use midranks and shrink the variance', () => {
  const tied = mannWhitneyU([1, 1, 2, 2, 3], [2, 2, 3, 3, 4]);
  assert.equal(tied.method, 'normal');
  assert.ok(tied.tieTerm > 0);
  // Hand count: pairs x>y = 1(3>2) + 1(3>2) = 2; ties: 1·0 + 2·2 (2=2) + 1·2 (3=3) → half each = 3.
  assert.equal(tied.u, 2 + 3);
  const allEqual = mannWhitneyU([5, 5, 5], [5, 5]);
  assert.equal(allEqual.p, 1);
});

test('the test is symmetric and U_x + U_y = m·n', () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 }),
      fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 }),
      (x, y) => {
        const forward = mannWhitneyU(x, y);
        const backward = mannWhitneyU(y, x);
        assert.ok(Math.abs(forward.u + backward.u - x.length * y.length) < 1e-9);
        assert.ok(Math.abs(forward.p - backward.p) < 1e-9);
        assert.ok(forward.p > 0 && forward.p <= 1);
      },
    ),
  );
});

test('too few samples give no interval at 95%: 3 vs 3 cannot reach p < 0.05, 4 vs 4 can', () => {
  assert.equal(shiftIntervalRank(3, 3, 0.05), 0);
  assert.equal(mannWhitneyU([1, 2, 3], [4, 5, 6]).p, 0.1);
  assert.equal(shiftIntervalRank(4, 4, 0.05), 1);
  assert.ok(mannWhitneyU([1, 2, 3, 4], [5, 6, 7, 8]).p < 0.05);
  assert.equal(shiftIntervalRank(0, 10, 0.05), 0);
});
