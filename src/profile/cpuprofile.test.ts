import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCpuProfile, ProfileFormatError, sampleDurations, selfTimeByFunction } from './cpuprofile.js';
import { profileFromStacks } from './test-profiles.js';

test('self time is summed per function, highest first, pseudo-frames kept apart', () => {
  const profile = profileFromStacks([
    { stack: ['main', 'slow'], samples: 30 },
    { stack: ['main', 'other', 'slow'], samples: 10 },
    { stack: ['main', 'fast'], samples: 5 },
    { stack: ['main'], samples: 2 },
    { stack: ['(garbage collector)'], samples: 4 },
    { stack: ['(idle)'], samples: 9 },
  ]);
  const table = selfTimeByFunction(profile);
  assert.deepEqual(
    table.functions.map((f) => [f.frame.functionName, f.selfUs, f.samples]),
    [
      ['slow', 40_000, 40],
      ['fast', 5_000, 5],
      ['main', 2_000, 2],
    ],
  );
  assert.equal(table.meta['(garbage collector)'], 4_000);
  assert.equal(table.meta['(idle)'], 9_000);
  assert.equal(table.totalUs, 60_000);
  assert.equal(table.busyUs, 51_000);
  assert.equal(table.sampleCount, 60);
});

test('a sample lasts until the next one; the last one until the end of the profile', () => {
  const profile = { nodes: [{ id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1, columnNumber: -1 } }], startTime: 100, endTime: 1_000, samples: [1, 1, 1], timeDeltas: [50, 200, 300] };
  assert.deepEqual(sampleDurations(profile), [200, 300, 350]);
});

test('parseCpuProfile rejects what is not a CPU profile, naming the file', () => {
  assert.throws(() => parseCpuProfile('{', 'x.cpuprofile'), (e: unknown) => e instanceof ProfileFormatError && e.message.startsWith('x.cpuprofile is not JSON'));
  assert.throws(() => parseCpuProfile('{"nodes":[]}', 'x.cpuprofile'), /has no nodes/);
  const base = profileFromStacks([{ stack: ['a'], samples: 2 }]);
  assert.throws(() => parseCpuProfile(JSON.stringify({ ...base, timeDeltas: [1] })), /different lengths/);
  assert.equal(parseCpuProfile(JSON.stringify(base)).samples.length, 2);
});
