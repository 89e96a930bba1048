import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { bindCodec, createCodecRegistry } from '../../codecs/registry.js';
import { createDatasetRegistry } from '../../datasets/registry.js';
import { createPipelineRegistries } from '../assemble.js';
import { MemorySink } from '../sinks/memory.js';
import { testPlan, runOnce } from '../testing.js';
import type { BytesBatch } from '../types.js';
import { WorkerPools } from '../workers/pools.js';
import { createVariantRegistry } from './registry.js';

const MAIN_THREAD = ['sync', 'async', 'stream'];
const WORKERS = ['workers', 'workers-sharded', 'stream-workers'];

describe('variants', () => {
  // One pool of worker threads for every test that needs one: starting threads is the slow part.
  const pools = new WorkerPools();
  after(() => pools.close());

  it('registers every variant the suite documents', () => {
    assert.deepEqual(createVariantRegistry().names(), ['bare', ...MAIN_THREAD, ...WORKERS, 'group']);
  });

  for (const variant of ['bare', ...MAIN_THREAD]) {
    it(`${variant}: delivers every record of a run with a partial last batch`, async () => {
      const { meter, outcome } = await runOnce(testPlan({ scenario: 'encode', codec: 'protobuf', records: 95, batchSize: 10 }), variant);
      assert.equal(meter.records, 95);
      assert.equal(meter.batches, 10);
      assert.ok(meter.encodedBytes > 0);
      assert.equal(meter.latencyCount, variant === 'bare' ? 0 : 10, 'every batch has a latency, except in the bare loop');
      if (variant !== 'bare') assert.deepEqual(outcome.sinks, [{ records: 95, batches: 10, bytes: meter.encodedBytes }]);
    });
  }

  for (const variant of MAIN_THREAD) {
    it(`${variant}: writes batches in order, and what it encoded decodes to the dataset's records`, async () => {
      const registries = createPipelineRegistries();
      const sink = new MemorySink();
      registries.sinks.add({ name: 'capture', description: 'test sink', create: () => sink });
      const plan = testPlan({ scenario: 'encode', dataset: 'orders', codec: 'json', source: 'generate', records: 42, batchSize: 8, sink: 'capture' });
      await runOnce(plan, variant, { registries });
      assert.deepEqual(
        sink.batches.map((b) => b.seq),
        [0, 1, 2, 3, 4, 5],
      );
      const orders = createDatasetRegistry().get('orders');
      const codec = bindCodec(createCodecRegistry().get('json'), orders.schema);
      const decoded = (await Promise.all(sink.batches.map((batch) => codec.decode((batch as BytesBatch).bytes)))).flat();
      assert.deepEqual(decoded, JSON.parse(JSON.stringify(Array.from(orders.stream(42, 7)))));
    });
  }

  for (const variant of WORKERS) {
    it(`${variant}: two workers share the batches and account for every record`, async () => {
      const { meter, outcome } = await runOnce(testPlan({ scenario: 'decode', dataset: 'orders', codec: 'protobuf', records: 205, batchSize: 20, workers: 2, capacity: 2 }), variant, { pools });
      assert.equal(meter.records, 205);
      assert.equal(meter.batches, 11);
      assert.equal(meter.latencyCount, 11);
      assert.equal(outcome.sinks.length, 2);
      assert.equal(outcome.sinks.reduce((sum, s) => sum + s.records, 0), 205);
      assert.ok(outcome.sinks.every((s) => s.records > 0), 'both workers got batches');
      assert.equal(outcome.workers?.length, 2);
      assert.ok((outcome.elapsedMs ?? 0) > 0);
    });
  }

  it('transcode turns JSON batches into the codec', async () => {
    const registries = createPipelineRegistries();
    const sink = new MemorySink();
    registries.sinks.add({ name: 'capture', description: 'test sink', create: () => sink });
    await runOnce(testPlan({ scenario: 'transcode', dataset: 'metrics', codec: 'protobuf', records: 30, batchSize: 30, sink: 'capture' }), 'async', { registries });
    const metrics = createDatasetRegistry().get('metrics');
    const back = await bindCodec(createCodecRegistry().get('protobuf'), metrics.schema).decode((sink.batches[0] as BytesBatch).bytes);
    assert.equal(back.length, 30);
  });
});
