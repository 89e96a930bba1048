import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { threadId } from 'node:worker_threads';
import { Redis, type RedisOptions } from 'ioredis';
import { describeThrown } from '../../codecs/types.js';
import { now } from '../clock.js';
import { PIPELINE_DEFAULTS } from '../constants.js';
import { LatencyHistogram } from '../measure/latency.js';
import type { Batch, SinkSettings } from '../types.js';
import { SinkCounter } from './counter.js';
import type { Sink, SinkContext, SinkFactory, SinkSummary } from './types.js';

const DEFAULTS = PIPELINE_DEFAULTS.redis;

/** One batch on its way to the stream: sent, maybe retried, confirmed. */
interface Entry {
  readonly seq: number;
  /** The stream id: the batch's sequence number, so a retried batch cannot be added twice. */
  readonly id: string;
  readonly count: number;
  readonly payload: Buffer;
  /** When the batch was first sent (latency includes its retries). */
  readonly sentAt: number;
  /** Settles with the attempt's error, or undefined when Redis acknowledged it; never rejects. */
  outcome: Promise<Error | undefined>;
}

/** What the sink counted beyond records and batches (summed over instances and runs by the case). */
interface RedisFigures {
  payloadBytes: number;
  attempts: number;
  retries: number;
  duplicatesRejected: number;
  reconnects: number;
  wireBytesOut: number;
  wireBytesIn: number;
  streamEntries: number;
  serverMemoryBytes: number;
}

/**
 * Redis refuses an XADD whose explicit id is not above the stream's last one. For a
 * retried batch that means the first attempt did land (its reply was lost with the
 * connection): the sink checks the entry is there and counts a rejected duplicate.
 */
function isIdNotAbove(error: Error): boolean {
  return /equal or smaller than the target stream top item/i.test(error.message);
}

/** 1 when the stream has an entry with this id: XRANGE on the server, so the payload does not cross the wire again. */
const ENTRY_EXISTS = "return #redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[1])";

export function streamId(seq: number): string {
  // Ids start above 0-0, which XADD does not accept.
  return `${seq + 1}-0`;
}

function settingString(settings: SinkSettings, name: string): string | undefined {
  const value = settings[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** ioredis options for clients that retry, count and order their retries themselves (the sink, the group variant). */
export function clientOptions(): RedisOptions {
  return {
    lazyConnect: true,
    connectTimeout: DEFAULTS.connectTimeoutMs,
    // The sink retries, counts and orders its retries itself: ioredis must neither queue
    // commands while disconnected nor resend unanswered ones behind the sink's back.
    enableOfflineQueue: false,
    autoResendUnfulfilledCommands: false,
    maxRetriesPerRequest: 0,
    // Reconnecting goes on in the background (quickly: a restarted server is back in
    // milliseconds) until the sink gives up on a batch and disconnects.
    retryStrategy: (times: number) => Math.min(times * 20, 200),
    // A server still loading its data is asked again after the loading ETA, at least a
    // second by default: far longer than loading a benchmark's stream takes.
    maxLoadingRetryTime: 20,
  };
}

let streamNumber = 0;

/** Every stream key of this process starts so (worker threads share the pid), which is how leftovers are found. */
function keyPrefix(settings: SinkSettings): string {
  return `${settingString(settings, 'redisKeyPrefix') ?? DEFAULTS.keyPrefix}:${process.pid}:`;
}

/** Where a RedisSink writes, when it is not the per-instance stream of `--sink redis`. */
export interface RedisStreamTarget {
  readonly url: string;
  readonly key: string;
  readonly signal: AbortSignal;
  /** Add the batch's record count to each entry (`n <count>`), for readers that must know it (the group's consumers). */
  readonly withCount?: boolean;
  /** Leave the stream in place when the sink closes. */
  readonly keep?: boolean;
  /** Readers trim the stream as they go: the end count is of entries ever added (XINFO STREAM), not XLEN. */
  readonly trimmed?: boolean;
  /** Whether a reader has committed the batch: it landed, though trimming may have removed it since. */
  readonly committed?: (seq: number) => boolean;
}

/**
 * Writes each batch as one entry of a Redis Stream (`XADD key <seq+1>-0 d <bytes>`),
 * pipelined: up to `inFlight` XADDs are on the wire before a write waits for the oldest
 * reply. A failed XADD is retried in order with exponential backoff, at most `retries`
 * times; its explicit id makes a retry of a batch that did land a rejected duplicate,
 * so no batch is written twice. On close the sink checks that the stream holds exactly
 * the batches it wrote, measures the stream's server memory, and deletes it (unless
 * `redisKeepStreams`).
 */
export class RedisSink implements Sink {
  readonly key: string;
  readonly #client: Redis;
  readonly #counter = new SinkCounter();
  readonly #latency = new LatencyHistogram();
  readonly #signal: AbortSignal;
  readonly #maxInFlight: number;
  readonly #retries: number;
  readonly #keep: boolean;
  readonly #withCount: boolean;
  readonly #trimmed: boolean;
  readonly #committed: (seq: number) => boolean;
  readonly #inFlight: Entry[] = [];
  readonly #sockets = new Set<Socket>();
  readonly #figures: RedisFigures = {
    payloadBytes: 0,
    attempts: 0,
    retries: 0,
    duplicatesRejected: 0,
    reconnects: 0,
    wireBytesOut: 0,
    wireBytesIn: 0,
    streamEntries: 0,
    serverMemoryBytes: 0,
  };
  #confirmedBatches = 0;
  /** Whether the latest attempt to settle failed: a retry then waits first, otherwise the server is back. */
  #lastAttemptFailed = false;
  /** An attempt failed and its batch has not been retried yet: nothing new is sent until it has. */
  #failedInFlight = false;
  #readyCount = 0;
  /** Batches handed to the sink again after they were written (rejected by id on their first attempt). */
  #repeatedBatches = 0;
  #lastConnectionError: Error | undefined;
  /** The latency histogram is gone: replies that still arrive are not timed. */
  #closed = false;
  #wireBaseline = { out: 0, in: 0 };

  private constructor(url: string, key: string, signal: AbortSignal, options: { settings?: SinkSettings; withCount?: boolean; keep?: boolean; trimmed?: boolean; committed?: (seq: number) => boolean }) {
    const settings = options.settings;
    this.key = key;
    this.#signal = signal;
    this.#maxInFlight = (settings && numberSetting(settings, 'redisInFlight')) ?? DEFAULTS.inFlight;
    this.#retries = (settings && numberSetting(settings, 'redisRetries')) ?? DEFAULTS.retries;
    this.#keep = options.keep ?? settings?.redisKeepStreams === true;
    this.#withCount = options.withCount ?? false;
    this.#trimmed = options.trimmed ?? false;
    this.#committed = options.committed ?? (() => false);
    this.#client = new Redis(url, clientOptions());
    // Connection errors are expected in a fault drill; the retries deal with them.
    this.#client.on('error', (error: Error) => (this.#lastConnectionError = error));
    this.#client.on('connect', () => this.#sockets.add(this.#client.stream as Socket));
    this.#client.on('ready', () => {
      if (this.#readyCount++ > 0) this.#figures.reconnects++;
    });
  }

  static async open(context: SinkContext): Promise<RedisSink> {
    const url = settingString(context.settings, 'redisUrl');
    if (!url) throw new Error('the redis sink needs a server: give --redis-url redis://host:port, or have redis-server on PATH for bench:pipeline to start one');
    const key = `${keyPrefix(context.settings)}${threadId}:${streamNumber++}`;
    return RedisSink.#connect(new RedisSink(url, key, context.signal, { settings: context.settings }), url);
  }

  /** A sink writing to a stream of the caller's choosing (the group variant's input stream). */
  static toStream(target: RedisStreamTarget): Promise<RedisSink> {
    return RedisSink.#connect(new RedisSink(target.url, target.key, target.signal, target), target.url);
  }

  static async #connect(sink: RedisSink, url: string): Promise<RedisSink> {
    try {
      await sink.#client.connect();
    } catch (thrown) {
      sink.#client.disconnect();
      sink.#latency.destroy();
      // connect() says only "Connection is closed"; the error event said why.
      throw new Error(`redis sink: cannot connect to ${url}: ${describeThrown(sink.#lastConnectionError ?? thrown)}`);
    }
    sink.#wireBaseline = sink.#wireTotals();
    return sink;
  }

  write(batch: Batch): Promise<void> | undefined {
    const payload =
      batch.kind === 'bytes'
        ? Buffer.from(batch.bytes.buffer, batch.bytes.byteOffset, batch.bytes.byteLength)
        : Buffer.from(batch.records.map((record) => `${JSON.stringify(record)}\n`).join(''));
    // A batch behind a failed one waits until that one has landed: were it to land first,
    // the failed one could no longer be told apart from a lost one (see #settleAll).
    if (this.#failedInFlight) return this.#settleAll().then(() => this.#send(batch, payload));
    return this.#send(batch, payload);
  }

  /** Waits until every batch written so far has been acknowledged (retrying as writes do), without closing. */
  flush(): Promise<void> {
    return this.#settleAll();
  }

  #send(batch: Batch, payload: Buffer): Promise<void> | undefined {
    const entry: Entry = { seq: batch.seq, id: streamId(batch.seq), count: batch.count, payload, sentAt: now(), outcome: Promise.resolve(undefined) };
    entry.outcome = this.#attempt(entry);
    this.#inFlight.push(entry);
    this.#counter.count(batch, payload.byteLength);
    this.#figures.payloadBytes += payload.byteLength;
    return this.#inFlight.length >= this.#maxInFlight ? this.#settleOldest() : undefined;
  }

  async close(): Promise<SinkSummary> {
    try {
      await this.#settleAll();
      const wire = this.#wireTotals();
      this.#figures.wireBytesOut = wire.out - this.#wireBaseline.out;
      this.#figures.wireBytesIn = wire.in - this.#wireBaseline.in;
      const entries = this.#trimmed ? await this.#entriesAdded() : await this.#client.xlen(this.key);
      this.#figures.streamEntries = entries;
      const written = this.#confirmedBatches - this.#repeatedBatches;
      if (entries !== written) {
        const what = entries > written ? 'some were written twice' : 'some were lost (a server restarted without persistence?)';
        throw new Error(`redis sink: the stream ${this.key} holds ${entries} entries but ${written} batches were written: ${what}`);
      }
      // SAMPLES 0: walk every node of the stream, an exact figure rather than an estimate.
      this.#figures.serverMemoryBytes = Number((await this.#client.call('MEMORY', 'USAGE', this.key, 'SAMPLES', '0')) ?? 0);
      if (!this.#keep) await this.#client.unlink(this.key);
      await this.#client.quit();
      return { ...this.#counter.summary(), metrics: { ...this.#figures }, writeLatency: this.#latency.encode() };
    } finally {
      this.#closed = true;
      this.#client.disconnect();
      this.#latency.destroy();
    }
  }

  /** XINFO STREAM's entries-added: every entry the stream ever had, trimmed ones included. */
  async #entriesAdded(): Promise<number> {
    const info = await this.#client.call('XINFO', 'STREAM', this.key);
    const fields = Array.isArray(info) ? info : [];
    return Number(fields[fields.indexOf('entries-added') + 1]);
  }

  /** Sends one XADD; the promise says how it went and never rejects. */
  #attempt(entry: Entry): Promise<Error | undefined> {
    this.#figures.attempts++;
    const fields: (string | Buffer)[] = this.#withCount ? ['d', entry.payload, 'n', String(entry.count)] : ['d', entry.payload];
    return this.#client.xadd(this.key, entry.id, ...fields).then(
      () => {
        this.#lastAttemptFailed = false;
        // Timed when the reply arrives, not when the sink gets round to settling the batch.
        if (!this.#closed) this.#latency.recordMs(now() - entry.sentAt);
        return undefined;
      },
      (thrown: unknown) => {
        this.#lastAttemptFailed = true;
        this.#failedInFlight = true;
        return thrown instanceof Error ? thrown : new Error(describeThrown(thrown));
      },
    );
  }

  async #settleOldest(): Promise<void> {
    const head = this.#inFlight[0] as Entry;
    if ((await head.outcome) === undefined) {
      this.#inFlight.shift();
      this.#confirm();
      return;
    }
    await this.#settleAll();
  }

  /**
   * Settles every batch in flight in sequence order, retrying the failed ones one at a
   * time: a later batch is never re-sent before an earlier one has landed, so a retry
   * can tell "already written" from "lost".
   */
  async #settleAll(): Promise<void> {
    const entries = this.#inFlight.splice(0);
    const outcomes = await Promise.all(entries.map((entry) => entry.outcome));
    for (const [index, entry] of entries.entries()) await this.#deliver(entry, outcomes[index]);
    this.#failedInFlight = false;
  }

  async #deliver(entry: Entry, firstError: Error | undefined): Promise<void> {
    let error = firstError;
    for (let retry = 0; ; retry++) {
      if (error === undefined) return this.#confirm();
      if (isIdNotAbove(error)) {
        // Asked after XRANGE replied: the stream is trimmed only past batches known as committed.
        const landed = await this.#client.eval(ENTRY_EXISTS, 1, this.key, entry.id).then(
          (found) => found === 1 || this.#committed(entry.seq),
          () => undefined, // could not look: retry
        );
        if (landed === true) {
          this.#latency.recordMs(now() - entry.sentAt);
          this.#figures.duplicatesRejected++;
          // On its first attempt: the batch itself came twice, not a retry of a write that landed.
          if (retry === 0 && error === firstError) this.#repeatedBatches++;
          return this.#confirm();
        }
        if (landed === false) throw new Error(`redis sink: batch ${entry.seq} can no longer be written in order (a later batch is already in the stream)`);
      }
      if (retry >= this.#retries) throw new Error(`redis sink: batch ${entry.seq} not written after ${this.#retries} retries: ${describeThrown(error)}`);
      // Batches that failed in the same outage as one that has just landed go again at once.
      if (this.#lastAttemptFailed) await sleep(retryDelayMs(retry + 1), undefined, { signal: this.#signal });
      else this.#signal.throwIfAborted();
      this.#figures.retries++;
      error = await this.#attempt(entry);
    }
  }

  #confirm(): void {
    this.#confirmedBatches++;
  }

  #wireTotals(): { out: number; in: number } {
    let out = 0;
    let read = 0;
    for (const socket of this.#sockets) {
      out += socket.bytesWritten;
      read += socket.bytesRead;
    }
    return { out, in: read };
  }
}

/** Backoff before retry n (1-based): doubling from retryBaseMs, capped at retryMaxMs. */
export function retryDelayMs(retry: number): number {
  return Math.min(DEFAULTS.retryBaseMs * 2 ** (retry - 1), DEFAULTS.retryMaxMs);
}

function numberSetting(settings: SinkSettings, name: string): number | undefined {
  const value = settings[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Deletes this process's streams that runs could not close (a worker thread terminated mid-run). */
async function deleteLeftoverStreams(settings: SinkSettings): Promise<void> {
  const url = settingString(settings, 'redisUrl');
  if (!url || settings.redisKeepStreams === true) return;
  const client = new Redis(url, { ...clientOptions(), retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${keyPrefix(settings)}*`, 'COUNT', 1000);
      if (keys.length > 0) await client.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
    await client.quit();
  } catch {
    // The server is gone or unreachable: there is nothing this process can remove.
  } finally {
    client.disconnect();
  }
}

export const redisSink: SinkFactory = {
  name: 'redis',
  description: 'XADDs each batch to a Redis Stream (pipelined, idempotent ids, bounded retries); --redis-url or a redis-server the suite starts',
  create: (context) => RedisSink.open(context),
  cleanup: deleteLeftoverStreams,
};
