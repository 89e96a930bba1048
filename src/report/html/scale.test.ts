import assert from 'node:assert/strict';
import { test } from 'node:test';
import { byteTickUnit, linearScale, logScale, logTicks, niceStep, wantsLogScale } from './scale.js';

test('nice steps are 1, 2 or 5 times a power of ten', () => {
  assert.equal(niceStep(100, 5), 20);
  assert.equal(niceStep(7, 5), 2);
  assert.equal(niceStep(0.3, 3), 0.1);
  assert.equal(niceStep(0, 5), 1);
});

test('a linear scale starts at zero, ends on a tick above the maximum, and maps the range', () => {
  const scale = linearScale(0, 93, [0, 100]);
  assert.deepEqual(scale.ticks, [0, 20, 40, 60, 80, 100]);
  assert.equal(scale.position(0), 0);
  assert.equal(scale.position(50), 50);
  assert.equal(scale.position(1000), 100, 'clamped to the range');
  const bytes = linearScale(0, 480 * 1024, [0, 100], 5, byteTickUnit(480 * 1024));
  assert.ok(bytes.ticks.every((t) => t % 1024 === 0), `ticks on whole KiB: ${bytes.ticks.join(', ')}`);
  const negative = linearScale(-0.3, 0.5, [0, 80]);
  assert.ok(negative.domain[0] <= -0.3 && negative.domain[1] >= 0.5);
});

test('log ticks follow 1-2-5 and thin to decades when there are many', () => {
  assert.deepEqual(logTicks(1, 50), [1, 2, 5, 10, 20, 50]);
  assert.deepEqual(logTicks(1, 1e6), [1, 10, 100, 1000, 10_000, 100_000, 1_000_000]);
  const scale = logScale(1, 23, [0, 100], { floor: 1 });
  assert.deepEqual(scale.domain, [1, 50]);
  assert.equal(scale.position(1), 0);
  assert.ok(Math.abs(scale.position(Math.sqrt(50)) - 50) < 1e-9, 'the geometric middle is the middle');
});

test('a log axis is chosen only when values spread over more than 10×', () => {
  assert.equal(wantsLogScale([1, 2, 9.9]), false);
  assert.equal(wantsLogScale([1, 2, 69]), true);
  assert.equal(wantsLogScale([5, Number.NaN, 0]), false, 'one usable value is no spread');
});

test('a scale fitted to the data starts at a nice value below its minimum, not at zero', () => {
  const scale = linearScale(1180, 1260, [0, 100], 5, 1, 'data');
  assert.deepEqual(scale.domain, [1180, 1260]);
  assert.ok(scale.ticks.every((t) => t >= 1180 && t <= 1260) && scale.ticks.length >= 3, scale.ticks.join(', '));
  const flat = linearScale(50, 50, [0, 100], 5, 1, 'data');
  assert.ok(flat.domain[0] < 50 && flat.domain[1] > 50);
});

test('an exact scale spans the values and nothing more', () => {
  const scale = linearScale(0, 11, [0, 110], 5, 1, 'exact');
  assert.deepEqual(scale.domain, [0, 11]);
  assert.equal(scale.position(11), 110);
  assert.equal(scale.position(5.5), 55);
});
