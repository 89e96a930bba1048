import os from 'node:os';
import type { Redis } from 'ioredis';
import { PIPELINE_DEFAULTS } from '../constants.js';
import { sessionKeys } from './keys.js';
import { connectRedis } from './redis-calls.js';
import { CLAIM_SESSION, RELEASE_SESSION } from './scripts.js';

// A session is one suite's use of a group name: its control stream, its members and its
// runs' keys. One suite holds a name at a time (a claim with a TTL it renews); members
// are consumer processes that announce themselves and renew their presence.

const DEFAULTS = PIPELINE_DEFAULTS.group;

/** Another run holds the session name. */
export class SessionInUseError extends Error {
  override readonly name = 'SessionInUseError';
}

/** Identifies this process to other suites and consumers. */
export function processToken(): string {
  return `${os.hostname()}:${process.pid}`;
}

interface Claim {
  count: number;
  readonly client: Redis;
  readonly timer: NodeJS.Timeout;
}

/** Claims held by this process, by `url session`: the CLI and each case may claim the same name. */
const claims = new Map<string, Claim>();

/**
 * Claims `session` on the server for this process (or counts one more holder when it
 * already has it) and renews the claim until released. Refuses a name another run holds.
 */
export async function claimSession(url: string, session: string): Promise<() => Promise<void>> {
  const id = `${url} ${session}`;
  const held = claims.get(id);
  if (held) {
    held.count++;
    return releaser(id);
  }
  const client = await connectRedis(url, `group '${session}'`);
  const keys = sessionKeys(session);
  const token = processToken();
  try {
    const holder = String(await CLAIM_SESSION.run(client, [keys.owner], [token, DEFAULTS.sessionTtlMs]));
    if (holder !== token) {
      throw new SessionInUseError(`group name '${session}' is in use by another run (${holder}); choose another name, or wait for that run to end (its claim lapses ${DEFAULTS.sessionTtlMs / 1000} s after it stops)`);
    }
  } catch (error) {
    client.disconnect();
    throw error;
  }
  const renew = setInterval(() => {
    CLAIM_SESSION.run(client, [keys.owner], [token, DEFAULTS.sessionTtlMs]).catch(() => undefined);
  }, DEFAULTS.sessionTtlMs / 3);
  renew.unref();
  claims.set(id, { count: 1, client, timer: renew });
  return releaser(id);
}

function releaser(id: string): () => Promise<void> {
  let released = false;
  return async () => {
    const claim = claims.get(id);
    if (released || !claim) return;
    released = true;
    if (--claim.count > 0) return;
    claims.delete(id);
    clearInterval(claim.timer);
    const session = id.slice(id.indexOf(' ') + 1);
    await RELEASE_SESSION.run(claim.client, [sessionKeys(session).owner], [processToken()]).catch(() => undefined);
    claim.client.disconnect();
  };
}

/** Announces a consumer in the session; refuses a name a live consumer has. */
export async function joinSession(client: Redis, session: string, name: string, info: Readonly<Record<string, unknown>>): Promise<void> {
  const keys = sessionKeys(session);
  const taken = await client.set(keys.member(name), JSON.stringify(info), 'PX', DEFAULTS.memberTtlMs, 'NX');
  if (taken !== 'OK') throw new SessionInUseError(`consumer name '${name}' is in use in group '${session}'; give another --name`);
  await client.zadd(keys.members, await client.incr(keys.joins), name);
}

export async function renewMembership(client: Redis, session: string, name: string): Promise<void> {
  await client.pexpire(sessionKeys(session).member(name), DEFAULTS.memberTtlMs);
}

export async function leaveSession(client: Redis, session: string, name: string): Promise<void> {
  const keys = sessionKeys(session);
  await client.del(keys.member(name));
  await client.zrem(keys.members, name);
}

/** Consumers present in the session, in the order they joined (stale entries are dropped). */
export async function liveMembers(client: Redis, session: string): Promise<string[]> {
  const keys = sessionKeys(session);
  const names = await client.zrange(keys.members, 0, -1);
  if (names.length === 0) return [];
  const present = await Promise.all(names.map((name) => client.exists(keys.member(name))));
  const gone = names.filter((_, i) => present[i] === 0);
  if (gone.length > 0) await client.zrem(keys.members, ...gone);
  return names.filter((_, i) => present[i] === 1);
}

/** Removes what earlier runs of the session left (a suite killed mid-run): keys of this session only. */
export async function removeRunLeftovers(client: Redis, session: string): Promise<number> {
  let cursor = '0';
  let removed = 0;
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${sessionKeys(session).runPrefix}*`, 'COUNT', 1000);
    if (keys.length > 0) removed += await client.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  return removed;
}
