import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runEntry } from '../../test/run-command.js';
import { sessionKeys } from '../pipeline/group/keys.js';
import { connectRedis } from '../pipeline/group/redis-calls.js';
import { claimSession } from '../pipeline/group/session.js';
import { RedisServer } from '../pipeline/servers/redis-server.js';
import { redisTestOptions, waitForExit } from '../pipeline/servers/testing.js';
import type { ResultFile } from '../results/types.js';
import { parseConsumerFlags, runConsumerCommand } from './consumer.js';
import { CommandFailure, UsageError } from './errors.js';
import { parsePipelineFlags, runPipelineCommand } from './pipeline.js';

const DECODE = ['--scenario', 'decode', '--dataset', 'orders', '--codec', 'protobuf'];

function rejectsWith(args: readonly string[], message: RegExp): void {
  assert.throws(
    () => parsePipelineFlags(args),
    (error: unknown) => error instanceof UsageError && message.test(error.message),
    args.join(' '),
  );
}

describe('bench:pipeline --variant group: bad input', () => {
  it('names what was wrong in one line (exit 2)', async () => {
    rejectsWith(['--variant', 'group', '--consumers', '0'], /^--consumers must be a positive integer \(at most 64\), got '0'$/);
    rejectsWith(['--variant', 'group', '--consumers', '1,two'], /^--consumers must be a positive integer \(at most 64\), got 'two'$/);
    rejectsWith(['--consumers', '2'], /^--consumers applies to --variant group$/);
    rejectsWith(['--variant', 'workers', '--kill-consumer-at', '5'], /^--kill-consumer-at applies to --variant group$/);
    rejectsWith(['--variant', 'group', '--claim-idle-ms', '5'], /^--claim-idle-ms must be a whole number from 10 to 3600000, got '5'$/);
    rejectsWith(['--variant', 'group', '--group', 'g1'], /^--group needs --redis-url/);
    rejectsWith(['--variant', 'group', '--group', 'a b', '--redis-url', 'redis://h:1'], /^--group must be a name of letters, digits/);
    rejectsWith(['--variant', 'group', '--group', 'g1', '--redis-url', 'redis://h:1', '--kill-consumer-at', '3'], /^--kill-consumer-at needs consumers the suite starts itself/);
    rejectsWith(['--variant', 'group', '--sink', 'redis'], /^--variant group commits each batch to its ledger in the broker/);
    rejectsWith(['--variant', 'group', '--redis-url', 'localhost'], /^--redis-url must be redis:\/\/host:port/);
    const group = parsePipelineFlags(['--variant', 'group', '--consumers', '1,2,4', '--claim-idle-ms', '250', '--kill-consumer-at', '7']);
    assert.deepEqual(group.options.selection.consumers, [1, 2, 4]);
    assert.equal(group.options.claimIdleMs, 250);
    assert.equal(group.options.killConsumerAt, 7);
    // Checked against the cases: before anything starts.
    await assert.rejects(
      runPipelineCommand(['--variant', 'group', ...DECODE, '--batch', '100', '--records', '1000', '--kill-consumer-at', '10']),
      /^UsageError: --kill-consumer-at 10 is past the run's batch count: pipeline\/decode\/orders\/protobuf\/group\/b100\/c1\/1000 has 10 batches per run/,
    );
    await assert.rejects(runPipelineCommand(['--variant', 'group', '--scenario', 'encode']), /^UsageError: --variant group moves encoded batches through Redis: give --scenario decode or transcode$/);
  });

  it('npm run consumer checks its flags', () => {
    assert.throws(() => parseConsumerFlags(['--group', 'g1']), /^UsageError: --redis-url must be redis:\/\/host:port/);
    assert.throws(() => parseConsumerFlags(['--redis-url', 'redis://h:1']), /^UsageError: --group must be a name of/);
    assert.throws(() => parseConsumerFlags(['--redis-url', 'redis://h:1', '--group', 'g1', '--name', '../x']), /^UsageError: --name must be a name of/);
    assert.deepEqual({ ...parseConsumerFlags(['--redis-url', 'redis://h:1', '--group', 'g1', '--name', 'c-7']) }, { redisUrl: 'redis://h:1', group: 'g1', name: 'c-7', help: false });
  });

  it('an unreachable --redis-url is one line and exit 1 within a few seconds', async () => {
    const started = Date.now();
    const run = await runEntry('bench/pipeline.ts', ['--variant', 'group', ...DECODE, '--redis-url', 'redis://127.0.0.1:1', '--records', '100'], { timeoutMs: 30_000 });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /^bench:pipeline: redis: cannot reach redis:\/\/127\.0\.0\.1:1: connect ECONNREFUSED 127\.0\.0\.1:1\n$/);
    assert.ok(Date.now() - started < 15_000);
    await assert.rejects(runConsumerCommand(['--redis-url', 'redis://127.0.0.1:1', '--group', 'g1']), (error: unknown) => {
      assert.ok(error instanceof CommandFailure, String(error));
      assert.match(error.message, /^consumer \S+: cannot connect to redis:\/\/127\.0\.0\.1:1: connect ECONNREFUSED/);
      return true;
    });
  });
});

describe('bench:pipeline --variant group with real processes', redisTestOptions(), () => {
  const dir = mkdtempSync(join(os.tmpdir(), 'serbench-pipeline-group-'));
  let server: RedisServer;
  before(async () => {
    server = await RedisServer.start();
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('SIGINT mid-run: every consumer process exits, the redis-server stops, the file says complete: false', async () => {
    const out = join(dir, 'interrupted.json');
    // Far more repetitions than the test waits for: the SIGINT lands mid-run.
    const args = ['--variant', 'group', '--consumers', '2', ...DECODE, '--batch', '100', '--records', '5000', '--repetitions', '1000', '--out', out, '--reports-dir', dir];
    let interrupted = false;
    const run = await runEntry('bench/pipeline.ts', args, {
      timeoutMs: 60_000,
      onStderr(stderr, child) {
        if (!interrupted && (stderr.match(/consumer c\dg\d started/g) ?? []).length === 2) {
          interrupted = true;
          setTimeout(() => child.kill('SIGINT'), 1_000);
        }
      },
    });
    assert.equal(run.code, 130, run.stderr);
    const pids = [...new Set([...run.stderr.matchAll(/\(pid (\d+)\)/g)].map((m) => Number(m[1])))];
    assert.equal(pids.length, 3, `the redis-server and two consumers: ${run.stderr}`);
    for (const pid of pids) assert.equal(await waitForExit(pid), true, `process ${pid} outlived the interrupted run`);
    const result = JSON.parse(readFileSync(out, 'utf8')) as ResultFile;
    assert.equal(result.complete, false);
    assert.equal(result.cases[0]?.status, 'skipped');
  });

  it('consumers started with npm run consumer serve a suite with --group; a name in use is refused', async () => {
    const group = `ext-${process.pid}`;
    const consumer = runEntry('bench/consumer.ts', ['--redis-url', server.url, '--group', group, '--name', 'far-away'], {
      timeoutMs: 60_000,
      onStderr(stderr, child) {
        if (/joined group/.test(stderr) && !stderr.includes('#started')) void suite(child);
      },
    });
    let suiteRun: Promise<void> | undefined;
    const suite = (child: { kill(signal: NodeJS.Signals): void }): Promise<void> =>
      (suiteRun ??= (async () => {
        try {
          const out = join(dir, 'external.json');
          const run = await runEntry('bench/pipeline.ts', ['--variant', 'group', '--group', group, '--redis-url', server.url, '--consumers', '1', ...DECODE, '--batch', '100', '--records', '2000', '--repetitions', '1', '--out', out, '--reports-dir', dir]);
          assert.equal(run.code, 0, run.stderr);
          const result = JSON.parse(readFileSync(out, 'utf8')) as ResultFile;
          assert.equal(result.cases[0]?.id, 'pipeline/decode/orders/protobuf/group/b100/c1/2000');
          assert.equal(result.cases[0]?.status, 'ok');
          assert.equal(result.meta.options.groupName, group);
        } finally {
          child.kill('SIGTERM');
        }
      })());
    const stopped = await consumer;
    await suiteRun;
    assert.equal(stopped.code, 0, stopped.stderr);
    assert.match(stopped.stderr, /consumer far-away: SIGTERM: leaving group/);
    const client = await connectRedis(server.url, 'test');
    try {
      assert.equal(await client.exists(sessionKeys(group).member('far-away')), 0, 'the consumer left the group');
      // Another run holding the name: refused before anything starts.
      const release = await claimSession(server.url, 'taken');
      try {
        const run = await runEntry('bench/pipeline.ts', ['--variant', 'group', '--group', 'taken', '--redis-url', server.url, ...DECODE, '--records', '100']);
        assert.equal(run.code, 2, run.stderr);
        assert.match(run.stderr, /^bench:pipeline: group name 'taken' is in use by another run \(\S+:\d+\); choose another name/);
      } finally {
        await release();
      }
    } finally {
      client.disconnect();
    }
  });
});
