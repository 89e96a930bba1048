import assert from 'node:assert/strict';
import { test } from 'node:test';
import { caseDirName, threadFileName, threadOfFile } from './artefact-names.js';

test('a case directory is the case id with / replaced by __', () => {
  assert.equal(caseDirName('codec/log/protobuf/encode/1000'), 'codec__log__protobuf__encode__1000');
  assert.equal(caseDirName('pipeline/encode/log/json/workers/b1000/w2/50000'), 'pipeline__encode__log__json__workers__b1000__w2__50000');
  assert.equal(caseDirName('weird id/with space'), 'weird_id__with_space');
});

test('per-thread files round-trip between name and thread', () => {
  for (const kind of ['cpu', 'heap', 'flamegraph'] as const) {
    for (const thread of [0, 1, 12]) assert.equal(threadOfFile(kind, threadFileName(kind, thread)), thread);
  }
  assert.equal(threadFileName('cpu', 0), 'cpu.cpuprofile');
  assert.equal(threadFileName('heap', 3), 'heap-thread-3.heapprofile');
  assert.equal(threadOfFile('cpu', 'heap.heapprofile'), undefined);
  assert.equal(threadOfFile('cpu', 'CPU.20240101.1.2.3.001.cpuprofile'), undefined);
});
