import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HeapProfile } from './heapprofile.js';
import { allocationsByFunction } from './heapprofile.js';
import { createLocator } from './locations.js';
import { MANIFEST_SCHEMA } from './manifest.js';
import { summaryMarkdown } from './summary.js';
import { frame, profileFromStacks } from './test-profiles.js';

const manifest = {
  schema: MANIFEST_SCHEMA,
  caseId: 'codec/log/protobuf/encode/1000',
  dir: 'codec__log__protobuf__encode__1000',
  createdAt: '2024-01-01T00:00:00.000Z',
  node: 'v20.0.0',
  platform: 'linux x64',
  durationMs: 2000,
  window: 'measured',
  target: {},
  run: { calls: 100, elapsedMs: 2000, msPerCall: 20 },
  tools: [
    { tool: 'cpu', status: 'ok', elapsedMs: 1, artefacts: [{ file: 'cpu.cpuprofile', label: 'x' }] },
    { tool: 'clinic-doctor', status: 'unavailable', reason: 'not on this Node' },
  ],
} as const;

const heap: HeapProfile = {
  head: {
    callFrame: frame('(root)'),
    selfSize: 0,
    children: [
      { callFrame: frame('encode', 'file:///project/node_modules/protobufjs/src/writer.js', 9, 0), selfSize: 3_000_000, children: [{ callFrame: frame('alloc', 'node:buffer', 1, 0), selfSize: 1_000_000, children: [] }] },
      { callFrame: frame('encode', 'file:///project/node_modules/protobufjs/src/writer.js', 9, 0), selfSize: 1_000_000, children: [] },
    ],
  },
};

test('allocations are summed per function over every stack', () => {
  const table = allocationsByFunction(heap);
  assert.equal(table.totalBytes, 5_000_000);
  assert.deepEqual(table.sites.map((s) => [s.frame.functionName, s.bytes]), [['encode', 4_000_000], ['alloc', 1_000_000]]);
});

test('the summary ranks functions by self time with their place, allocations, and tools not run', () => {
  const cpu = profileFromStacks([
    { stack: ['loop@file:///project/src/loop.ts', 'encode@file:///project/node_modules/protobufjs/src/writer.js'], samples: 70 },
    { stack: ['loop@file:///project/src/loop.ts'], samples: 20 },
    { stack: ['(garbage collector)'], samples: 10 },
  ]);
  const text = summaryMarkdown({ manifest, cpu: [{ thread: 0, file: 'cpu.cpuprofile', profile: cpu }], heap: [{ thread: 0, file: 'heap.heapprofile', profile: heap }], locate: createLocator('/project', {}) });
  const rows = text.split('\n').filter((line) => /^\| \d+ \|/.test(line));
  assert.match(rows[0] ?? '', /^\| 1 \| encode \| 70\.0 \| 70\.0% \| protobufjs \(src\/writer\.js:11\) \|$/);
  assert.match(rows[1] ?? '', /^\| 2 \| loop \| 20\.0 \| 20\.0% \| src\/loop\.ts/);
  assert.match(text, /\| protobufjs \| 70\.0 \| 70\.0% \|/);
  assert.match(text, /\| \(garbage collector\) \| 10\.0 \| 10\.0% \|/);
  assert.match(text, /## Allocations: top 15 sites[^\n]*\n[\s\S]*\| 1 \| encode \| 3\.8 MiB \| 80\.0% \| protobufjs \(src\/writer\.js:10\) \|/);
  assert.match(text, /\| clinic-doctor \| not run \| not on this Node \|/);
  assert.match(text, /100 in 2\.00 s/);
  // No source map for src/loop.ts: said once, with what the reader sees instead.
  assert.match(text, /## Source maps\n\n.*compiled line.*\n\n- src\/loop\.ts: no source map was recorded for it; 1 function\(s\) keep the line of the compiled JavaScript\n/);
  assert.match(rows[1] ?? '', /src\/loop\.ts \(line unknown: no source map; compiled line 11\)/);
});
