import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { PipelineAbortedError, PipelineStageError } from './errors.js';
import { PipelineMeter } from './meter.js';
import { testPlan, runOnce } from './testing.js';
import type { FaultSpec } from './types.js';
import { WorkerPool } from './workers/pool.js';
import { WorkerPools } from './workers/pools.js';

const STAGES: FaultSpec['stage'][] = ['source', 'transform', 'sink'];

/** Timers the run may have left behind (a slow sink's sleep, a forgotten interval). */
const timers = (): number => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

function isStageError(stage: string, detail: RegExp) {
  return (thrown: unknown): boolean => {
    assert.ok(thrown instanceof PipelineStageError, `expected a PipelineStageError, got ${String(thrown)}`);
    assert.equal(thrown.stage, stage);
    assert.match(thrown.message, new RegExp(`^${stage} stage failed: `));
    assert.match(thrown.message, detail);
    return true;
  };
}

describe('faults', () => {
  const pools = new WorkerPools();
  after(() => pools.close());

  for (const variant of ['sync', 'async', 'stream']) {
    for (const stage of STAGES) {
      it(`${variant}: a ${stage} that throws stops the run with that error, naming the stage`, async () => {
        const plan = testPlan({ scenario: 'encode', codec: 'json', records: 200, batchSize: 10, fault: { stage, atBatch: 3, kind: 'throw' } });
        await assert.rejects(runOnce(plan, variant), isStageError(stage, /injected fault at batch 3/));
      });
    }

    it(`${variant}: a failure stops a slow run at once and leaves no timer behind`, async () => {
      const before = timers();
      // At 2000 records a second the slow sink would take 50 s over these records.
      const plan = testPlan({ source: 'generate', records: 100_000, batchSize: 100, sink: 'slow', sinkSettings: { fileDir: '/unused', slowRecordsPerSec: 2000 }, fault: { stage: 'transform', atBatch: 5, kind: 'throw' } });
      const started = Date.now();
      await assert.rejects(runOnce(plan, variant), isStageError('transform', /injected fault/));
      assert.ok(Date.now() - started < 5000, `stopped after ${Date.now() - started} ms`);
      assert.equal(timers(), before);
    });

    it(`${variant}: an aborted run stops cleanly with PipelineAbortedError`, async () => {
      const before = timers();
      const controller = new AbortController();
      const plan = testPlan({ source: 'generate', records: 100_000, batchSize: 100, sink: 'slow', sinkSettings: { fileDir: '/unused', slowRecordsPerSec: 2000 } });
      const run = runOnce(plan, variant, { signal: controller.signal, onStarted: () => setTimeout(() => controller.abort(new Error('test abort')), 50) });
      await assert.rejects(run, (thrown) => thrown instanceof PipelineAbortedError && /test abort/.test(thrown.message));
      assert.equal(timers(), before);
    });
  }

  // First, while the shared pool is healthy: the fault tests below each end a pool.
  it('a full worker pool blocks the producer until a worker acknowledges', async () => {
    const pool = await pools.acquire(1);
    try {
      await pool.configure(testPlan({ scenario: 'passthrough', workers: 1, capacity: 2, sink: 'slow', sinkSettings: { fileDir: '/unused', slowRecordsPerSec: 20 } }));
      const meter = new PipelineMeter();
      pool.begin(meter);
      const batch = (seq: number) => ({ kind: 'records', seq, count: 1, bornAt: 0, encodedBytes: 0, records: [{ ip: String(seq) }] }) as const;
      assert.equal(pool.submit(batch(0)), undefined);
      assert.equal(pool.submit(batch(1)), undefined);
      const third = pool.submit(batch(2));
      assert.ok(third instanceof Promise, 'a third batch waits for room');
      let admitted = false;
      void third.then(() => (admitted = true));
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(admitted, false, 'the slow sink has not acknowledged yet');
      await third;
      assert.ok(meter.batches >= 1, 'room came from an acknowledgement');
      await pool.end();
      await pool.stats();
      meter.destroy();
    } finally {
      await pools.release(pool);
    }
  });

  it('workers: a transform that throws on a worker stops the run, naming the stage and the worker', async () => {
    const plan = testPlan({ scenario: 'decode', codec: 'json', records: 400, batchSize: 20, workers: 1, capacity: 2, fault: { stage: 'transform', atBatch: 2, kind: 'throw' } });
    await assert.rejects(runOnce(plan, 'workers', { pools }), isStageError('transform', /injected fault at batch 2 \(worker 0\)/));
  });

  it('workers-sharded: a worker thread that dies of an uncaught exception stops the run as a worker failure', async () => {
    const plan = testPlan({ records: 400, batchSize: 20, workers: 1, fault: { stage: 'transform', atBatch: 1, kind: 'uncaught' } });
    await assert.rejects(runOnce(plan, 'workers-sharded', { pools }), isStageError('worker', /worker 0: injected fault at batch 1/));
  });

  it('a failing pool terminates every one of its threads by itself', async () => {
    const pool = await WorkerPool.start({ size: 2, memorySampleMs: 10, startTimeoutMs: 60_000, terminateTimeoutMs: 5000 });
    try {
      await pool.configure(testPlan({ scenario: 'decode', codec: 'json', workers: 2, capacity: 8, fault: { stage: 'transform', atBatch: 0, kind: 'throw' } }));
      assert.equal(pool.liveWorkers, 2);
      const meter = new PipelineMeter();
      pool.begin(meter);
      const bytes = new TextEncoder().encode('[{"ip":"1"}]');
      for (let seq = 0; seq < 4; seq++) pool.submit({ kind: 'bytes', seq, count: 1, bornAt: 0, encodedBytes: bytes.byteLength, bytes: bytes.slice() });
      await assert.rejects(pool.drain(), isStageError('transform', /injected fault/));
      await pool.exited();
      assert.equal(pool.liveWorkers, 0);
      meter.destroy();
    } finally {
      await pool.terminate();
    }
  });
});
