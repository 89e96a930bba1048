import type { Redis } from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PipelineParts } from '../assemble.js';
import { PIPELINE_DEFAULTS } from '../constants.js';
import type { GroupSettings } from '../types.js';
import type { PreparedVariant } from '../variants/types.js';
import { GroupCaseFigures } from './figures.js';
import { ConsumerFleet } from './fleet.js';
import { sessionKeys } from './keys.js';
import { GroupRun, type ProducerConnections } from './producer.js';
import type { RunMember } from './protocol.js';
import { connectRedis } from './redis-calls.js';
import { claimSession, liveMembers, removeRunLeftovers } from './session.js';

const DEFAULTS = PIPELINE_DEFAULTS.group;

/** Waits for `count` consumers started elsewhere (`npm run consumer`) and takes the first `count` to join. */
async function externalMembers(control: Redis, group: GroupSettings, count: number, signal: AbortSignal | undefined, log: (line: string) => void): Promise<RunMember[]> {
  const deadline = Date.now() + DEFAULTS.startTimeoutMs;
  let told = false;
  for (;;) {
    signal?.throwIfAborted();
    const names = await liveMembers(control, group.session);
    if (names.length >= count) return names.slice(0, count).map((name, index) => ({ name, index }));
    if (!told) {
      log(`group '${group.session}': waiting for ${count} consumer(s) (npm run consumer -- --redis-url … --group ${group.session}); ${names.length} present`);
      told = true;
    }
    if (Date.now() > deadline) throw new Error(`group '${group.session}' has ${names.length} consumer(s) after ${DEFAULTS.startTimeoutMs / 1000} s; the case needs ${count}`);
    await sleep(200);
  }
}

/**
 * Sets up a case of the group variant (untimed): claims the session, starts the
 * consumers (or waits for them), prepares the source's encoded batches. Each run is a
 * GroupRun with a stream and consumer group of its own.
 */
export async function prepareGroupVariant(parts: PipelineParts, signal: AbortSignal | undefined, log: (line: string) => void = () => undefined): Promise<PreparedVariant> {
  const { plan } = parts;
  const group = plan.group;
  if (!group) throw new Error('the group variant needs a Redis server: give --redis-url redis://host:port, or have redis-server on PATH for bench:pipeline to start one');
  const consumers = plan.consumers ?? 1;
  const opened: Redis[] = [];
  let release: (() => Promise<void>) | undefined;
  let fleet: ConsumerFleet | undefined;
  const close = async (): Promise<void> => {
    await fleet?.stop();
    if (opened[0]) await removeRunLeftovers(opened[0], group.session).catch(() => undefined);
    for (const client of opened) client.disconnect();
    await release?.();
  };
  try {
    release = await claimSession(group.redisUrl, group.session);
    for (let i = 0; i < 3; i++) opened.push(await connectRedis(group.redisUrl, 'group variant'));
    const [control, acks, events] = opened as [Redis, Redis, Redis];
    const io: ProducerConnections = { control, acks, events };
    await removeRunLeftovers(control, group.session);
    const source = await parts.prepareSource({ start: 0, count: plan.records });
    let members: readonly RunMember[];
    if (group.spawn) {
      fleet = await ConsumerFleet.start(consumers, group.redisUrl, group.session, control, signal);
      for (const member of fleet.members) log(`group: consumer ${member.name} started (pid ${member.pid})`);
    } else {
      members = await externalMembers(control, group, consumers, signal, log);
    }
    const figures = new GroupCaseFigures();
    return {
      async run({ scope, meter, timed }) {
        const run = Number(await control.incr(sessionKeys(group.session).runs));
        const current = fleet ? fleet.members : members;
        const result = await new GroupRun({ plan, group, io, source, members: current, fleet, scope, meter, timed: timed ?? false }, run).run();
        if (timed) figures.add(result.figures);
        for (const member of fleet?.members ?? []) if (!current.some((m) => m.name === member.name)) log(`group: consumer ${member.name} started (pid ${member.pid}) in place of a killed one`);
        return {
          sinks: [...result.reports.values()].map((report) => report.sink),
          elapsedMs: result.elapsedMs,
          workers: result.workerStats,
          cpu: { cpuMs: result.cpuMs, windowMs: result.elapsedMs },
          unsunk: { deadLetteredRecords: result.deadLetteredRecords, killedProcessRecords: result.killedProcessRecords },
        };
      },
      close,
      caseFigures: () => figures.toCaseFigures({ ...group, maxLagPoints: DEFAULTS.maxLagPoints }),
    };
  } catch (error) {
    await close();
    throw error;
  }
}
