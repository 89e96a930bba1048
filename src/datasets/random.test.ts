import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Random, SkewedPicker } from './random.js';

const SEQUENCE_42 = [1028872839, 2516511472, 400437680, 853279530];


test('Random is a fixed sequence for a seed (pinned, so generators agree across machines)', () => {
  const random = new Random(42);
  assert.deepEqual(Array.from({ length: 4 }, () => random.uint32()), SEQUENCE_42);
});

test('int covers its inclusive range, also beyond 2^32', () => {
  const random = new Random(1);
  const seen = new Set<number>();
  for (let i = 0; i < 2000; i++) {
    const v = random.int(3, 7);
    assert.ok(v >= 3 && v <= 7);
    seen.add(v);
  }
  assert.equal(seen.size, 5);
  for (let i = 0; i < 1000; i++) {
    const wide = random.int(0, 2 ** 40);
    assert.ok(Number.isSafeInteger(wide) && wide >= 0 && wide <= 2 ** 40);
  }
});

test('SkewedPicker prefers the first items', () => {
  const picker = new SkewedPicker(['a', 'b', 'c', 'd'], 1);
  const random = new Random(5);
  const counts: Record<string, number> = { a: 0, b: 0, c: 0, d: 0 };
  for (let i = 0; i < 8000; i++) {
    const item = picker.pick(random);
    counts[item] = (counts[item] ?? 0) + 1;
  }
  assert.ok((counts.a ?? 0) > (counts.b ?? 0) && (counts.b ?? 0) > (counts.d ?? 0));
});

