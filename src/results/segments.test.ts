import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LoadedCase } from './read.js';
import { sampleSegments, splitSegments } from './segments.js';

const item = (samples: number[], extra?: Record<string, unknown>): LoadedCase => ({ id: 'x', unit: 'ns', status: 'ok', samples, ...(extra ? { extra } : {}) });

test('explicit round sizes win when they add up', () => {
  assert.deepEqual(sampleSegments(item([5, 1, 2, 9], { roundSizes: [1, 3] })), [1, 3]);
  assert.equal(sampleSegments(item([5, 1, 2, 9], { roundSizes: [1, 2] })), null);
  assert.equal(sampleSegments(item([5, 1, 2, 9], { roundSizes: [4, 0] })), null);
});

test('sorted rounds are recovered only when their count matches extra.rounds', () => {
  const samples = [3, 4, 9, 1, 2, 8, 5, 6];
  assert.deepEqual(sampleSegments(item(samples, { rounds: 3 })), [3, 3, 2]);
  assert.equal(sampleSegments(item(samples, { rounds: 2 })), null);
  assert.equal(sampleSegments(item([1, 2, 3], { rounds: 1 })), null);
  assert.equal(sampleSegments(item(samples)), null);
  assert.deepEqual(splitSegments(item(samples, { rounds: 3 })), [[3, 4, 9], [1, 2, 8], [5, 6]]);
  assert.deepEqual(splitSegments(item(samples)), [samples]);
});
