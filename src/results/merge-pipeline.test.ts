import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergePipelineBlocks } from './merge-pipeline.js';

function block(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    variant: 'async',
    batchSize: 1000,
    workers: 0,
    recordsPerSec: 1000,
    mbPerSec: 2,
    latencyMs: { p50: 1, p99: 5 },
    peakRssBytes: 100,
    peakHeapBytes: 50,
    gc: { count: 10, pauseMs: 20 },
    eventLoopDelayMs: { p99: 30 },
    cpuUtilization: 0.5,
    cpuCores: 1,
    cpuMs: 100,
    runMs: 100,
    wallMs: 100,
    repetitions: 5,
    gcPauseShare: 0.2,
    postMessageMsPerBatch: 0,
    sink: 'null',
    ...overrides,
  };
}

test('rates follow the median of all samples, totals add up and shares are recomputed', () => {
  const merged = mergePipelineBlocks([
    // 1e6 ns per record: 1000 records/s.
    { block: block({}), samples: [1e6, 1e6, 1e6] },
    { block: block({ recordsPerSec: 500, mbPerSec: 1, gc: { count: 30, pauseMs: 100 }, cpuMs: 300, runMs: 200, wallMs: 200, cpuUtilization: 0.75 }), samples: [2e6, 2e6, 2e6, 2e6] },
  ]);
  assert.ok(merged);
  // Median of the seven samples is 2e6 ns: half the first part's rate.
  assert.equal(merged.recordsPerSec, 500);
  assert.equal(merged.mbPerSec, 1);
  assert.deepEqual(merged.gc, { count: 40, pauseMs: 120 });
  assert.equal(merged.runMs, 300);
  assert.equal(merged.repetitions, 10);
  assert.equal(merged.cpuCores, 400 / 300);
  assert.equal(merged.gcPauseShare, 120 / 300);
  assert.ok(Math.abs((merged.cpuUtilization as number) - (0.5 * 100 + 0.75 * 200) / 300) < 1e-12);
  assert.equal(merged.sink, 'null');
});

test('peaks and the worst p99 take the highest part; p50 the median of the parts', () => {
  const merged = mergePipelineBlocks([
    { block: block({ peakRssBytes: 300, latencyMs: { p50: 1, p99: 9 }, eventLoopDelayMs: { p99: 12 } }), samples: [1] },
    { block: block({ peakRssBytes: 200, latencyMs: { p50: 3, p99: 4 }, eventLoopDelayMs: { p99: 40 } }), samples: [1] },
    { block: block({ peakRssBytes: 100, latencyMs: { p50: 2, p99: 5 }, eventLoopDelayMs: { p99: 20 } }), samples: [1] },
  ]);
  assert.equal(merged?.peakRssBytes, 300);
  assert.deepEqual(merged?.latencyMs, { p50: 2, p99: 9 });
  assert.deepEqual(merged?.eventLoopDelayMs, { p99: 40 });
});

test('per-batch crossing cost is weighted by repetitions; no blocks, no block', () => {
  const merged = mergePipelineBlocks([
    { block: block({ workers: 2, repetitions: 1, postMessageMsPerBatch: 4 }), samples: [1] },
    { block: block({ workers: 2, repetitions: 3, postMessageMsPerBatch: 2 }), samples: [1] },
  ]);
  assert.equal(merged?.postMessageMsPerBatch, 2.5);
  assert.equal(mergePipelineBlocks([]), undefined);
});
