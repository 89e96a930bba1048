import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { runPipelineCase, type CaseSpec } from '../case.js';
import { runPipelineSuite } from '../suite.js';
import { PIPELINE_DEFAULTS } from '../constants.js';
import { CONSUMER_NODE_FLAGS } from './fleet.js';
import { RedisServer } from '../servers/redis-server.js';
import { RedisRestartDrill } from '../servers/restart-drill.js';
import { redisTestOptions, waitForExit } from '../servers/testing.js';
import { testCaseSettings } from '../testing.js';
import type { GroupSettings } from '../types.js';

// The group variant with real consumer processes and a real redis-server: each fault of
// issue 16 once, with small runs (the 20-run kill drill is a measurement, docs/consumer-groups.md).

interface GroupFigures {
  readonly redelivered: number;
  readonly processingFailures: number;
  readonly endCheck: { runs: number; batches: number };
  readonly deadLettered: { batches: number; records: number; firstError?: string };
  readonly killDrill?: { runs: number; heldBatches: number[]; stallMs: number[] };
  readonly lag: { points: [number, number, number][] };
  readonly processes: { role: string; name: string; cpuMs: number }[];
  readonly broker: { reconnects?: number; retries?: number };
}

const spec = (overrides: Partial<CaseSpec> = {}): CaseSpec => ({
  scenario: 'decode',
  dataset: 'orders',
  codec: 'protobuf',
  variant: 'group',
  batchSize: 100,
  workers: 0,
  consumers: 2,
  records: 3000,
  ...overrides,
});

let sessions = 0;

function groupSettings(server: RedisServer, overrides: Partial<GroupSettings> = {}): GroupSettings {
  return { redisUrl: server.url, session: `test-${process.pid}-${sessions++}`, spawn: true, claimIdleMs: 200, retries: 2, lagSampleMs: 10, ...overrides };
}

/** Consumer pids from the variant's log lines, and each one's command line while it runs. */
function collectPids(): { log: (line: string) => void; pids: number[]; commandLines: string[][] } {
  const pids: number[] = [];
  const commandLines: string[][] = [];
  const log = (line: string): void => {
    for (const match of line.matchAll(/\(pid (\d+)\)/g)) {
      pids.push(Number(match[1]));
      commandLines.push(readFileSync(`/proc/${match[1]}/cmdline`, 'utf8').split('\0'));
    }
  };
  return { pids, log, commandLines };
}

async function assertAllExited(pids: readonly number[]): Promise<void> {
  assert.ok(pids.length > 0, 'the variant named its consumer processes');
  for (const pid of pids) assert.equal(await waitForExit(pid), true, `consumer process ${pid} outlived its case`);
}

describe('group variant: consumer processes over Redis Streams', redisTestOptions(), () => {
  let server: RedisServer;
  before(async () => {
    server = await RedisServer.start();
  });
  after(async () => {
    await server.stop();
  });

  it('SIGKILL of a consumer mid-run: the survivor claims its batches, every batch is written once, the stall is measured', async () => {
    const { log, pids, commandLines } = collectPids();
    // A sink slower than the producer keeps a backlog, so the victim holds entries when it dies.
    const slow = { sink: 'slow', sinkSettings: { fileDir: PIPELINE_DEFAULTS.fileDir, slowRecordsPerSec: 20_000 } };
    const result = await runPipelineCase(spec(), testCaseSettings({ ...slow, group: groupSettings(server, { killConsumerAt: 8 }) }), { log });
    assert.equal(result.status, 'ok', result.status === 'ok' ? '' : result.error);
    assert.equal(result.id, 'pipeline/decode/orders/protobuf/group/b100/c2/3000');
    assert.equal(result.pipeline?.consumers, 2);
    const group = result.pipeline?.group as GroupFigures;
    assert.deepEqual(group.endCheck, { runs: 1, batches: 30, lost: 0, writtenTwice: 0 });
    const drill = group.killDrill;
    assert.equal(drill?.runs, 1);
    const held = drill?.heldBatches[0] ?? 0;
    assert.ok(held >= 1, `the killed consumer held batches: ${JSON.stringify(drill)}`);
    assert.ok(group.redelivered >= held, `its ${held} held batches were redelivered (${group.redelivered})`);
    // Claimed once idle for claimIdleMs since their delivery, which came before the kill.
    assert.ok((drill?.stallMs[0] ?? 0) > 0, `stall ${drill?.stallMs[0]} ms`);
    assert.equal(pids.length, 3, 'two consumers, and one started in place of the killed one');
    for (const args of commandLines) for (const flag of CONSUMER_NODE_FLAGS) assert.ok(args.includes(flag), `a consumer started without ${flag}: ${args.join(' ')}`);
    await assertAllExited(pids);
  });

  it('npm run consumer starts node with the V8 flags the suite gives its consumer processes', () => {
    const scripts = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const flag of CONSUMER_NODE_FLAGS) assert.match(scripts['consumer'] ?? '', new RegExp(`^exec node .*${flag}`));
  });

  it('--interleave: a one-consumer and a two-consumer case open side by side, their runs alternating; both end checks pass', async () => {
    const { log, pids } = collectPids();
    const settings = testCaseSettings({ repetitions: 2, group: groupSettings(server) });
    const outcome = await runPipelineSuite([spec({ consumers: 1 }), spec({ consumers: 2 })], settings, { log, interleave: true });
    assert.deepEqual(outcome.cases.map((c) => [c.id, c.status, c.samples.length]), [
      ['pipeline/decode/orders/protobuf/group/b100/c1/3000', 'ok', 2],
      ['pipeline/decode/orders/protobuf/group/b100/c2/3000', 'ok', 2],
    ]);
    for (const result of outcome.cases) assert.deepEqual((result.pipeline?.group as GroupFigures).endCheck, { runs: 2, batches: 60, lost: 0, writtenTwice: 0 });
    assert.equal(new Set(pids).size, 3, 'three consumer processes, all open at once');
    await assertAllExited(pids);
  });

  it('a redis-server restarted mid-run (append-only file, fsync always): producer and consumers reconnect, the end check passes', async () => {
    const durable = await RedisServer.start({ durable: true });
    const firstPid = durable.pid;
    const drill = new RedisRestartDrill(durable, 10);
    try {
      // A backlog of two batches: the producer is still sending when the server goes.
      const settings = testCaseSettings({ group: groupSettings(durable, { capacity: 1 }) });
      const result = await runPipelineCase(spec({ consumers: 1 }), settings, { onMeter: (meter) => drill.attach(meter, 'restart') });
      assert.equal(result.status, 'ok', result.status === 'ok' ? '' : result.error);
      assert.deepEqual(drill.takeErrors(), []);
      assert.equal(drill.restartsOf('restart'), 1);
      assert.notEqual(durable.pid, firstPid);
      const group = result.pipeline?.group as GroupFigures;
      assert.ok((group.broker.reconnects ?? 0) >= 1, JSON.stringify(group.broker));
      assert.deepEqual(group.endCheck, { runs: 1, batches: 30, lost: 0, writtenTwice: 0 });
    } finally {
      drill.dispose();
      await durable.stop();
    }
  });

  it('a poison batch is retried twice, then dead-lettered with its error; every other batch is written once', async () => {
    const settings = testCaseSettings({ group: groupSettings(server), fault: { stage: 'transform', atBatch: 5, kind: 'poison' } });
    const result = await runPipelineCase(spec({ records: 2000 }), settings);
    assert.equal(result.status, 'ok', result.status === 'ok' ? '' : result.error);
    const group = result.pipeline?.group as GroupFigures;
    assert.deepEqual(group.deadLettered, { batches: 1, records: 100, firstError: 'injected fault at batch 5' });
    // One delivery and two retries, each of which threw. Claimed only after 200 ms idle, a
    // batch that fails in microseconds is never claimed while a consumer still holds it.
    assert.equal(group.processingFailures, 3);
    assert.deepEqual(group.endCheck, { runs: 1, batches: 20, lost: 0, writtenTwice: 0 });
    assert.ok(group.lag.points.length > 0, 'lag was sampled');
    for (const [at, lag, pending] of group.lag.points) assert.ok(at >= 0 && lag >= 0 && pending >= 0);
    assert.deepEqual(
      group.processes.map((p) => p.role),
      ['producer', 'consumer', 'consumer', 'broker'],
    );
    assert.ok(group.processes.every((p) => p.cpuMs > 0), JSON.stringify(group.processes));
    assert.ok((result.pipeline?.cpuCores as number) > 0);
  });

  it('with claims every 10 ms and a poison batch, the poison batch is still dead-lettered and every other batch is written once', async () => {
    // Claims every few ms take entries back from consumers still working on them: each such
    // batch is processed twice, and must be written once. A claim counts as a delivery even
    // when the entry is claimed again before anyone processes it, so fewer than three
    // attempts may throw before the bound is reached (delivery counts are Redis's own).
    const settings = testCaseSettings({ group: groupSettings(server, { claimIdleMs: 10 }), fault: { stage: 'transform', atBatch: 5, kind: 'poison' } });
    const result = await runPipelineCase(spec({ records: 2000 }), settings);
    assert.equal(result.status, 'ok', result.status === 'ok' ? '' : result.error);
    const group = result.pipeline?.group as GroupFigures;
    assert.equal(group.deadLettered.batches, 1);
    assert.equal(group.deadLettered.records, 100);
    assert.ok(group.processingFailures >= 1, `the poison batch was attempted (${group.processingFailures})`);
    assert.deepEqual(group.endCheck, { runs: 1, batches: 20, lost: 0, writtenTwice: 0 });
  });
});
