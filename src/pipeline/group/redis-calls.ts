import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { describeThrown } from '../../codecs/types.js';
import { PIPELINE_DEFAULTS } from '../constants.js';
import { clientOptions, retryDelayMs } from '../sinks/redis.js';

// What the group variant's processes share about talking to Redis: connecting with a
// message that says why not, retrying a command across a disconnect (a restarted
// server), Lua scripts by SHA, and reading stream replies.

/** A connection with the sink's options: no offline queue, no resends behind the caller's back. */
export async function connectRedis(url: string, what: string): Promise<Redis> {
  const client = new Redis(url, clientOptions());
  let lastError: Error | undefined;
  // Connection errors are expected while a server restarts; the callers' retries deal with them.
  client.on('error', (error: Error) => (lastError = error));
  try {
    await client.connect();
  } catch (thrown) {
    client.disconnect();
    throw new Error(`${what}: cannot connect to ${url}: ${describeThrown(lastError ?? thrown)}`);
  }
  return client;
}

/** A reply error the server may stop giving once it is back (still loading its data) is worth a retry; a disconnect always is. */
export function retryable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name !== 'ReplyError') return true;
  return /^(LOADING|TRYAGAIN|BUSY|MASTERDOWN)/.test(error.message);
}

/**
 * Runs a command, and again after a disconnect, at most `retries` more times with the
 * redis sink's backoff (about 3.5 s over ten). Commands given here must be safe to
 * repeat: their effect happens once however often they are sent.
 */
export async function withRetries<T>(signal: AbortSignal, call: () => Promise<T>, retries: number = PIPELINE_DEFAULTS.group.retriesOnDisconnect): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await call();
    } catch (error) {
      await backoff(error, retry, signal, retries);
    }
  }
}

/** Waits before retry `retry + 1` of a failed command, or rethrows when the error or the count says stop. */
export async function backoff(error: unknown, retry: number, signal: AbortSignal, retries: number = PIPELINE_DEFAULTS.group.retriesOnDisconnect): Promise<void> {
  if (!retryable(error) || retry >= retries || signal.aborted) throw error;
  await sleep(retryDelayMs(retry + 1), undefined, { signal });
}

/** A Lua script run by SHA (EVALSHA), loaded again with EVAL when the server does not know it (after a restart). */
export class Script {
  readonly #lua: string;
  readonly #sha: string;

  constructor(lua: string) {
    this.#lua = lua;
    this.#sha = createHash('sha1').update(lua).digest('hex');
  }

  async run(client: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    try {
      return await client.evalsha(this.#sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return client.eval(this.#lua, keys.length, ...keys, ...args);
    }
  }
}

/** One stream entry, its field values as Buffers (payloads are bytes). */
export interface StreamEntry {
  readonly id: string;
  readonly fields: ReadonlyMap<string, Buffer>;
}

function text(value: unknown): string {
  return Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
}

/** `[[id, [field, value, …]], …]` (XRANGE, XAUTOCLAIM); deleted entries (nil) are skipped. */
export function parseEntries(reply: unknown): StreamEntry[] {
  if (!Array.isArray(reply)) return [];
  const entries: StreamEntry[] = [];
  for (const item of reply) {
    if (!Array.isArray(item) || !Array.isArray(item[1])) continue;
    const raw = item[1] as unknown[];
    const fields = new Map<string, Buffer>();
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const value = raw[i + 1];
      fields.set(text(raw[i]), Buffer.isBuffer(value) ? value : Buffer.from(String(value)));
    }
    entries.push({ id: text(item[0]), fields });
  }
  return entries;
}

/** XREAD / XREADGROUP: `[[key, entries]]`, or null when BLOCK timed out. One stream is read at a time here. */
export function parseStreamsReply(reply: unknown): StreamEntry[] {
  if (!Array.isArray(reply) || reply.length === 0) return [];
  const [stream] = reply as unknown[];
  return Array.isArray(stream) ? parseEntries(stream[1]) : [];
}

export function fieldText(entry: StreamEntry, name: string): string | undefined {
  return entry.fields.get(name)?.toString('utf8');
}

/** The batch seq of an input entry: its id is `<seq + 1>-0` (see streamId in sinks/redis.ts). */
export function seqOfEntry(id: string): number {
  return Number(id.slice(0, id.indexOf('-'))) - 1;
}

/** A number from an INFO reply (`name:value` lines), NaN when absent. */
export function infoNumber(info: string, name: string): number {
  const match = new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info);
  return match ? Number(match[1]) : Number.NaN;
}
