import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { bindCodec, createCodecRegistry } from '../../codecs/registry.js';
import { createDatasetRegistry } from '../../datasets/registry.js';
import { caseId, runPipelineCase, type CaseSpec } from '../case.js';
import { now } from '../clock.js';
import { PIPELINE_DEFAULTS } from '../constants.js';
import { RedisServer } from '../servers/redis-server.js';
import { redisTestOptions } from '../servers/testing.js';
import { runOnce, testCaseSettings, testPlan } from '../testing.js';
import type { Batch, SinkSettings } from '../types.js';
import { RedisSink, redisSink, streamId } from './redis.js';

function settings(url: string, extra: Partial<SinkSettings> = {}): SinkSettings {
  return { fileDir: PIPELINE_DEFAULTS.fileDir, slowRecordsPerSec: 1, redisUrl: url, ...extra };
}

function bytesBatch(seq: number, text: string): Batch {
  const bytes = new TextEncoder().encode(text);
  return { kind: 'bytes', seq, count: 1, bornAt: now(), encodedBytes: bytes.byteLength, bytes };
}

async function streams(client: Redis): Promise<Map<string, [id: string, fields: string[]][]>> {
  const found = new Map<string, [string, string[]][]>();
  for (const key of (await client.keys('serbench:*')).sort()) found.set(key, await client.xrange(key, '-', '+'));
  return found;
}

describe('redis sink (a real redis-server)', redisTestOptions(), () => {
  let server: RedisServer;
  let client: Redis;
  before(async () => {
    server = await RedisServer.start();
    client = new Redis(server.url);
  });
  after(async () => {
    client?.disconnect();
    await server?.stop();
  });

  it('writes each batch as one stream entry whose id is its sequence number, and the batch decodes back', async () => {
    await client.flushall();
    const plan = testPlan({ scenario: 'encode', dataset: 'orders', codec: 'protobuf', source: 'generate', records: 1000, batchSize: 100, sink: 'redis', sinkSettings: settings(server.url, { redisKeepStreams: true }) });
    const { outcome } = await runOnce(plan, 'sync');
    const all = await streams(client);
    assert.equal(all.size, 1);
    const entries = [...all.values()][0] ?? [];
    assert.deepEqual(
      entries.map(([id]) => id),
      Array.from({ length: 10 }, (_, seq) => `${seq + 1}-0`),
    );
    const orders = createDatasetRegistry().get('orders');
    const codec = bindCodec(createCodecRegistry().get('protobuf'), orders.schema);
    const third = await client.xrangeBuffer([...all.keys()][0] as string, '3-0', '3-0');
    const payload = third[0]?.[1][1] as Buffer;
    // The third batch holds records 200-299 (protobuf decodes message classes with defaults filled in: compare ids).
    const orderIds = (records: readonly unknown[]): unknown[] => records.map((record) => (record as { orderId: unknown }).orderId);
    assert.deepEqual(orderIds(await codec.decode(new Uint8Array(payload))), orderIds(Array.from(orders.stream(100, plan.seed, 200))));

    const figures = outcome.sinks[0]?.metrics ?? {};
    assert.equal(outcome.sinks[0]?.records, 1000);
    assert.equal(figures.streamEntries, 10);
    assert.equal(figures.attempts, 10);
    assert.equal(figures.retries, 0);
    assert.equal(figures.duplicatesRejected, 0);
    // The wire carries the payload plus RESP framing (command, key, id, field) for each XADD.
    assert.ok((figures.wireBytesOut ?? 0) > (figures.payloadBytes ?? 0), JSON.stringify(figures));
    assert.ok((figures.wireBytesOut ?? 0) < (figures.payloadBytes ?? 0) + 10 * 200, JSON.stringify(figures));
    assert.ok((figures.serverMemoryBytes ?? 0) >= (figures.payloadBytes ?? 0), JSON.stringify(figures));
    assert.ok(typeof outcome.sinks[0]?.writeLatency === 'string');
  });

  it('removes its stream on close unless asked to keep it', async () => {
    await client.flushall();
    const plan = testPlan({ records: 500, batchSize: 50, sink: 'redis', sinkSettings: settings(server.url) });
    for (const variant of ['sync', 'async', 'stream']) {
      const { outcome } = await runOnce(plan, variant);
      assert.equal(outcome.sinks[0]?.metrics?.streamEntries, 10, variant);
    }
    assert.deepEqual(await client.keys('*'), []);
  });

  it('record batches go in as JSON lines; worker threads each write their own stream', async () => {
    await client.flushall();
    const plan = testPlan({ records: 2000, batchSize: 100, workers: 2, sink: 'redis', sinkSettings: settings(server.url, { redisKeepStreams: true }) });
    const { outcome } = await runOnce(plan, 'workers');
    assert.equal(outcome.sinks.length, 2);
    const all = await streams(client);
    assert.equal(all.size, 2);
    const ids = [...all.values()].flatMap((entries) => entries.map(([id]) => Number(id.split('-')[0])));
    assert.deepEqual(
      ids.sort((a, b) => a - b),
      Array.from({ length: 20 }, (_, seq) => seq + 1),
    );
    const first = [...all.values()].flat()[0]?.[1][1] ?? '';
    assert.equal(first.trimEnd().split('\n').length, 100);
    assert.ok(JSON.parse(first.split('\n')[0] as string));
  });

  it('a batch written twice is rejected by its id and counted, not added again', async () => {
    await client.flushall();
    const sink = await redisSink.create({ instance: 0, settings: settings(server.url, { redisKeepStreams: true }), signal: new AbortController().signal });
    await sink.write(bytesBatch(0, 'a'));
    await sink.write(bytesBatch(1, 'b'));
    await sink.write(bytesBatch(1, 'b'));
    const summary = await sink.close();
    assert.equal(summary.metrics?.duplicatesRejected, 1);
    assert.equal(summary.metrics?.streamEntries, 2);
    const [key] = await client.keys('serbench:*');
    assert.equal(await client.xlen(key as string), 2);
  });

  it('a batch that can no longer go in order fails the run instead of being lost quietly', async () => {
    const sink = await redisSink.create({ instance: 0, settings: settings(server.url), signal: new AbortController().signal });
    await sink.write(bytesBatch(5, 'later'));
    await sink.write(bytesBatch(3, 'earlier'));
    await assert.rejects(Promise.resolve(sink.close()), /redis sink: batch 3 can no longer be written in order/);
  });

  it('on a stream its readers trim, a batch sent again after a reader committed and trimmed it counts as landed', async () => {
    const key = `serbench-trimmed:${process.pid}`;
    for (const [committed, outcome] of [
      [(seq: number) => seq <= 1, 'landed'],
      [() => false, 'refused'],
    ] as const) {
      await client.del(key);
      const sink = await RedisSink.toStream({ url: server.url, key, signal: new AbortController().signal, trimmed: true, committed });
      for (const seq of [0, 1, 2]) await sink.write(bytesBatch(seq, String(seq)));
      await sink.flush();
      // What the group's producer does once readers have committed batches 0 and 1.
      await client.xtrim(key, 'MINID', streamId(2));
      await sink.write(bytesBatch(1, '1'));
      if (outcome === 'landed') {
        const summary = await sink.close();
        assert.equal(summary.metrics?.duplicatesRejected, 1);
        assert.equal(summary.metrics?.streamEntries, 3);
      } else {
        await assert.rejects(Promise.resolve(sink.close()), /redis sink: batch 1 can no longer be written in order/);
      }
    }
  });

  it('catches a server that lost acknowledged batches (restarted without persistence): the run fails', async () => {
    const volatile = await RedisServer.start();
    try {
      const spec: CaseSpec = { scenario: 'etl', dataset: 'log', codec: 'json', variant: 'sync', batchSize: 50, workers: 0, records: 5000 };
      const caseSettings = testCaseSettings({ seed: 3, sink: 'redis', sinkSettings: settings(volatile.url) });
      const result = await runPipelineCase(spec, caseSettings, {
        onMeter(meter) {
          const previous = meter.onBatch;
          meter.onBatch = (at, latency) => {
            previous?.(at, latency);
            if (meter.batches === 40) void volatile.restart();
          };
        },
      });
      assert.equal(result.id, caseId(spec));
      assert.equal(result.status, 'failed');
      assert.match(result.status === 'failed' ? result.error : '', /^sink stage failed: redis sink: the stream \S+ holds \d+ entries but 100 batches were written: some were lost/);
    } finally {
      await volatile.stop();
    }
  });

  it('names the server it cannot reach', async () => {
    const unused = await RedisServer.start();
    const url = unused.url;
    await unused.stop();
    await assert.rejects(Promise.resolve(redisSink.create({ instance: 0, settings: settings(url), signal: new AbortController().signal })), new RegExp(`^Error: redis sink: cannot connect to ${url}: connect ECONNREFUSED`));
    await assert.rejects(
      Promise.resolve(redisSink.create({ instance: 0, settings: { fileDir: '/unused', slowRecordsPerSec: 1 }, signal: new AbortController().signal })),
      /the redis sink needs a server: give --redis-url/,
    );
  });
});
