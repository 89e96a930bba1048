import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Redis } from 'ioredis';
import { RedisServer } from '../servers/redis-server.js';
import { redisTestOptions } from '../servers/testing.js';
import { checkRun, type RunAccount } from './end-check.js';
import { allRunKeys, runKeys } from './keys.js';
import type { ConsumerReport } from './protocol.js';
import { connectRedis } from './redis-calls.js';
import { COMMIT } from './scripts.js';

// The end-of-run check against ledgers made by hand: it passes a clean run and names
// a lost batch, a batch written twice, a batch still pending, and a sink that disagrees.

const GROUP = 'g';
const keys = runKeys('end-check', 1);

function report(batches: number, records: number): ConsumerReport {
  return { index: 0, host: 'h', pid: 1, batches, records, duplicates: 0, claimed: 0, failures: 0, deadLettered: 0, cpuMs: 1, peakRssBytes: 1, peakHeapBytes: 1, gcCount: 0, gcPauseMs: 0, sink: { records, batches, bytes: 0 } };
}

/** Three batches of 10 records produced; consumer `a` reads and commits `commit` of them. */
async function run(client: Redis, commit: readonly number[]): Promise<RunAccount> {
  await client.unlink(...allRunKeys(keys));
  await client.xgroup('CREATE', keys.input, GROUP, '0', 'MKSTREAM');
  for (const seq of [0, 1, 2]) await client.xadd(keys.input, `${seq + 1}-0`, 'd', 'x', 'n', '10');
  await client.xreadgroup('GROUP', GROUP, 'a', 'STREAMS', keys.input, '>');
  for (const seq of commit) await COMMIT.run(client, [keys.input, keys.ledger, keys.acks], [GROUP, `${seq + 1}-0`, seq, 'a']);
  const sent = new Map([0, 1, 2].map((seq) => [seq, { count: 10 }]));
  return { sent, reports: new Map([['a', report(commit.length, commit.length * 10)]]), killed: new Set(), deadBatches: 0, announcedTwice: 0 };
}

describe('group end-of-run check', redisTestOptions(), () => {
  let server: RedisServer;
  let client: Redis;
  before(async () => {
    server = await RedisServer.start();
    client = await connectRedis(server.url, 'test');
  });
  after(async () => {
    client.disconnect();
    await server.stop();
  });

  it('passes when every batch was committed once and the sink agrees', async () => {
    const account = await run(client, [0, 1, 2]);
    assert.deepEqual(await checkRun(client, keys, GROUP, account), { killedProcessRecords: 0, deadErrors: [] });
  });

  it('a commit repeated by the same consumer (its reply lost) is not a second write', async () => {
    const account = await run(client, [0, 1, 2]);
    assert.equal(await COMMIT.run(client, [keys.input, keys.ledger, keys.acks], [GROUP, '2-0', 1, 'a']), 2);
    assert.equal(await COMMIT.run(client, [keys.input, keys.ledger, keys.acks], [GROUP, '2-0', 1, 'b']), 0);
    await checkRun(client, keys, GROUP, account);
  });

  it('names a lost batch, and the entry still pending', async () => {
    const account = await run(client, [0, 2]);
    await assert.rejects(checkRun(client, keys, GROUP, { ...account, reports: new Map([['a', report(2, 20)]]) }), /1 batch\(es\) were never written: 1; .*1 entries are still pending/);
  });

  it('names a batch announced twice, and a sink that holds other counts than the ledger', async () => {
    const account = await run(client, [0, 1, 2]);
    await client.xadd(keys.acks, '*', 's', '1', 'c', 'a');
    await assert.rejects(checkRun(client, keys, GROUP, { ...account, announcedTwice: 1 }), /4 commits were announced for 3 batches: some were written twice/);
    await client.xtrim(keys.acks, 'MAXLEN', 3);
    await assert.rejects(checkRun(client, keys, GROUP, { ...account, reports: new Map([['a', report(3, 40)]]) }), /consumer a wrote 3 batches \(40 records\) to its sink; the ledger credits it with 3 \(30 records\)/);
  });
});
