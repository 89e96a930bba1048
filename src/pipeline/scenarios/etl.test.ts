import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { caseId, runPipelineCase, type CaseSettings, type CaseSpec } from '../case.js';
import { PIPELINE_DEFAULTS } from '../constants.js';
import { RedisServer } from '../servers/redis-server.js';
import { RedisRestartDrill } from '../servers/restart-drill.js';
import { redisTestOptions, waitForExit } from '../servers/testing.js';
import { testCaseSettings } from '../testing.js';
import { WorkerPools } from '../workers/pools.js';

const RECORDS = 10_000;
const BATCH = 100;
const BATCHES = RECORDS / BATCH;

function settings(url: string): CaseSettings {
  return testCaseSettings({ seed: 11, sink: 'redis', sinkSettings: { fileDir: PIPELINE_DEFAULTS.fileDir, slowRecordsPerSec: 1, redisUrl: url, redisKeepStreams: true } });
}

describe('etl: the redis-server crashes and restarts mid-run', redisTestOptions(), () => {
  let server: RedisServer;
  let client: Redis;
  const pools = new WorkerPools();
  before(async () => {
    server = await RedisServer.start({ durable: true });
    client = new Redis(server.url, { retryStrategy: () => 20 });
    client.on('error', () => undefined);
  });
  after(async () => {
    client?.disconnect();
    await pools.close();
    const pid = server?.pid;
    await server?.stop();
    if (pid) assert.equal(await waitForExit(pid), true, 'no redis-server is left behind');
  });

  for (const [variant, workers] of [
    ['sync', 0],
    ['async', 0],
    ['workers', 2],
  ] as const) {
    it(`${variant}: every batch is in the stream exactly once, the retries are counted`, async () => {
      await client.flushall();
      const spec: CaseSpec = { scenario: 'etl', dataset: 'orders', codec: 'protobuf', variant, batchSize: BATCH, workers, records: RECORDS };
      const drill = new RedisRestartDrill(server, 30);
      const pidBefore = server.pid;
      let result;
      try {
        result = await runPipelineCase(spec, settings(server.url), { pools, onMeter: (meter, s) => drill.attach(meter, caseId(s)) });
      } finally {
        drill.dispose();
      }
      assert.equal(result.status, 'ok', result.status === 'ok' ? '' : result.error);
      assert.equal(drill.restartsOf(caseId(spec)), 1);
      assert.deepEqual(drill.takeErrors(), []);
      assert.notEqual(server.pid, pidBefore, 'a new server process took over');

      const figures = result.pipeline?.sinkMetrics as Record<string, number>;
      const retries = figures.retries ?? 0;
      assert.ok(retries > 0, `the crash made writes fail and go again: ${JSON.stringify(figures)}`);
      assert.ok((figures.reconnects ?? 0) >= 1, JSON.stringify(figures));
      assert.equal(figures.attempts, BATCHES + retries);
      assert.equal(figures.streamEntries, BATCHES);

      // Count what the streams hold: every batch id once, none missing, none twice.
      const ids: number[] = [];
      for (const key of await client.keys('serbench:*')) {
        const entries = await client.xrange(key, '-', '+');
        assert.equal(await client.xlen(key), entries.length);
        ids.push(...entries.map(([id]) => Number(id.split('-')[0])));
      }
      assert.equal(ids.length, BATCHES);
      assert.equal(new Set(ids).size, BATCHES, 'no batch is written twice');
      assert.deepEqual(
        ids.sort((a, b) => a - b),
        Array.from({ length: BATCHES }, (_, seq) => seq + 1),
        'no batch is lost',
      );
    });
  }
});
