import os from 'node:os';
import { getHeapStatistics } from 'node:v8';
import type { Redis } from 'ioredis';
import { describeThrown } from '../../codecs/types.js';
import { assemble, createPipelineRegistries, type PipelineParts, type PipelineRegistries } from '../assemble.js';
import { now } from '../clock.js';
import { PIPELINE_DEFAULTS } from '../constants.js';
import { CpuClock } from '../measure/cpu.js';
import { GcObserver } from '../measure/gc.js';
import { MemorySampler } from '../measure/memory.js';
import type { Sink } from '../sinks/types.js';
import type { Batch, BytesBatch, GroupSettings, PipelinePlan } from '../types.js';
import { runKeys, sessionKeys, type RunKeys } from './keys.js';
import { controlMessageOf, messageFields, type ConsumerReport, type ControlMessage, type RunEvent, type RunMember } from './protocol.js';
import { backoff, connectRedis, fieldText, parseEntries, parseStreamsReply, seqOfEntry, withRetries, type StreamEntry } from './redis-calls.js';
import { COMMIT, DEAD_LETTER } from './scripts.js';
import { joinSession, leaveSession, renewMembership } from './session.js';

// One consumer process of the group variant: a child process of the suite, or
// `npm run consumer` on any machine. It joins a session, and for every run it is named
// in, reads the run's stream as a member of the consumer group (XREADGROUP), processes
// each batch with the plan's transform, commits it (ledger + XACK in one script), writes
// it to its own sink, and claims entries other consumers left pending too long
// (XAUTOCLAIM). A batch that keeps failing is dead-lettered after `retries` retries.

const DEFAULTS = PIPELINE_DEFAULTS.group;

export interface ConsumerOptions {
  readonly redisUrl: string;
  readonly session: string;
  readonly name: string;
  /** Stops the consumer (SIGTERM, SIGINT, the parent gone): it leaves the session and returns. */
  readonly signal: AbortSignal;
  readonly log?: (line: string) => void;
}

/** The three connections a consumer needs: a blocking read must not hold up commits. */
interface Connections {
  /** XREAD BLOCK on the session's control stream. */
  readonly control: Redis;
  /** XREADGROUP BLOCK on the run's stream. */
  readonly reader: Redis;
  /** Commits, claims, events, heartbeats. */
  readonly writer: Redis;
}

/** Joins the session and serves runs until the signal stops it. */
export async function runGroupConsumer(options: ConsumerOptions): Promise<void> {
  const { signal, session, name } = options;
  const registries = createPipelineRegistries();
  const opened: Redis[] = [];
  const open = async (): Promise<Redis> => {
    const client = await connectRedis(options.redisUrl, `consumer ${name}`);
    opened.push(client);
    return client;
  };
  // A blocked XREAD ends at once when the consumer is stopped.
  const stop = (): void => opened.forEach((client) => client.disconnect());
  signal.addEventListener('abort', stop, { once: true });
  const runs = new Map<number, ConsumerRun>();
  let heartbeat: NodeJS.Timeout | undefined;
  let joined = false;
  try {
    const io: Connections = { control: await open(), reader: await open(), writer: await open() };
    const keys = sessionKeys(session);
    // Read the control stream from where it is now, before joining: a run posted once we
    // are a member is then never missed.
    let lastId = parseEntries(await io.control.xrevrange(keys.control, '+', '-', 'COUNT', 1))[0]?.id ?? '0-0';
    await joinSession(io.writer, session, name, { host: os.hostname(), pid: process.pid, at: new Date().toISOString() });
    joined = true;
    options.log?.(`consumer ${name}: joined group '${session}'`);
    heartbeat = setInterval(() => renewMembership(io.writer, session, name).catch(() => undefined), DEFAULTS.heartbeatMs);
    while (!signal.aborted) {
      const from = lastId;
      let reply: unknown;
      try {
        reply = await withRetries(signal, () => io.control.call('XREAD', 'COUNT', 100, 'BLOCK', 1000, 'STREAMS', keys.control, from));
      } catch (error) {
        if (signal.aborted) break;
        throw error;
      }
      for (const entry of parseStreamsReply(reply)) {
        lastId = entry.id;
        const message = controlMessageOf(entry);
        if (message) handleControl(message, { io, registries, name, runs, signal, log: options.log });
      }
    }
  } finally {
    signal.removeEventListener('abort', stop);
    clearInterval(heartbeat);
    for (const run of runs.values()) run.abort();
    await Promise.allSettled([...runs.values()].map((run) => run.done));
    if (joined) {
      // The connections were cut by the stop: leave through a fresh one, briefly.
      const farewell = await connectRedis(options.redisUrl, `consumer ${name}`).catch(() => undefined);
      await farewell?.pipeline().del(sessionKeys(session).member(name)).zrem(sessionKeys(session).members, name).exec().catch(() => undefined);
      farewell?.disconnect();
    }
    stop();
  }
}

interface RunHost {
  readonly io: Connections;
  readonly registries: PipelineRegistries;
  readonly name: string;
  readonly runs: Map<number, ConsumerRun>;
  readonly signal: AbortSignal;
  readonly log: ((line: string) => void) | undefined;
}

function handleControl(message: ControlMessage, host: RunHost): void {
  if (message.type === 'end') {
    host.runs.get(message.run)?.end();
    return;
  }
  const member = message.members.find((m) => m.name === host.name);
  if (!member || host.runs.has(message.run)) return;
  const run = new ConsumerRun(host, message.run, message.plan, member);
  host.runs.set(message.run, run);
  void run.done.finally(() => host.runs.delete(message.run));
}

/** Plans repeat run after run: their stages are built once. */
const assembled = new Map<string, PipelineParts>();

function partsFor(plan: PipelinePlan, registries: PipelineRegistries): PipelineParts {
  const key = JSON.stringify(plan);
  let parts = assembled.get(key);
  if (!parts) {
    parts = assemble(plan, registries);
    assembled.clear();
    assembled.set(key, parts);
  }
  return parts;
}

/** Counts for the report. */
interface Tally {
  batches: number;
  records: number;
  duplicates: number;
  claimed: number;
  failures: number;
  deadLettered: number;
}

/** One consumer's part in one run. */
class ConsumerRun {
  readonly done: Promise<void>;
  readonly #host: RunHost;
  readonly #run: number;
  readonly #member: RunMember;
  readonly #plan: PipelinePlan;
  readonly #group: GroupSettings;
  readonly #keys: RunKeys;
  readonly #abort = new AbortController();
  readonly #tally: Tally = { batches: 0, records: 0, duplicates: 0, claimed: 0, failures: 0, deadLettered: 0 };
  readonly #memory = new MemorySampler(DEFAULTS.memorySampleMs);
  #ended = false;
  #claimCursor = '0-0';
  /** The last read failed: the next one takes this consumer's own pending entries first, in case the failed one was served. */
  #recover = false;

  constructor(host: RunHost, run: number, plan: PipelinePlan, member: RunMember) {
    if (!plan.group) throw new Error('a group run without group settings');
    this.#host = host;
    this.#run = run;
    this.#plan = plan;
    this.#group = plan.group;
    this.#member = member;
    this.#keys = runKeys(this.#group.session, run);
    const stop = (): void => this.abort();
    host.signal.addEventListener('abort', stop, { once: true });
    this.done = this.#serve().finally(() => host.signal.removeEventListener('abort', stop));
  }

  end(): void {
    this.#ended = true;
  }

  abort(): void {
    this.#abort.abort(new Error('the consumer was stopped'));
  }

  get #signal(): AbortSignal {
    return this.#abort.signal;
  }

  async #serve(): Promise<void> {
    let sink: Sink | undefined;
    try {
      const parts = partsFor(this.#plan, this.#host.registries);
      sink = await parts.createSink(this.#member.index, this.#signal);
      const cpu = new CpuClock();
      const gc = new GcObserver();
      gc.start();
      await gc.take();
      this.#memory.start();
      await this.#post({ type: 'ready', consumer: this.#host.name });
      cpu.start();
      await this.#consume(parts, sink);
      const summary = await sink.close();
      sink = undefined;
      const cpuMs = cpu.elapsedMs();
      this.#memory.stop();
      const collections = await gc.take();
      gc.stop();
      const report: ConsumerReport = {
        index: this.#member.index,
        host: os.hostname(),
        pid: process.pid,
        ...this.#tally,
        cpuMs,
        peakRssBytes: this.#memory.peakRssBytes,
        peakHeapBytes: Math.max(this.#memory.peakHeapBytes, getHeapStatistics().used_heap_size),
        gcCount: collections.count,
        gcPauseMs: collections.pauseMs,
        sink: summary,
      };
      await this.#post({ type: 'report', consumer: this.#host.name, report });
    } catch (thrown) {
      this.#memory.stop();
      await Promise.resolve(sink?.close()).catch(() => undefined);
      if (this.#signal.aborted) return;
      const message = describeThrown(thrown);
      this.#host.log?.(`consumer ${this.#host.name}: run ${this.#run} failed: ${message}`);
      await this.#post({ type: 'failed', consumer: this.#host.name, message }).catch(() => undefined);
    }
  }

  #post(event: RunEvent): Promise<unknown> {
    return withRetries(this.#signal, () => this.#host.io.writer.xadd(this.#keys.events, '*', ...messageFields(event)));
  }

  async #consume(parts: PipelineParts, sink: Sink): Promise<void> {
    const claimEveryMs = Math.max(10, this.#group.claimIdleMs / 2);
    let claimAt = now() + claimEveryMs;
    let next = this.#read();
    try {
      for (;;) {
        const { entries, history } = await next;
        // The producer ends a run once every batch is done: nothing can be left to read.
        if (entries.length === 0 && this.#ended) return;
        // One read ahead: the next entries cross the network while this one is decoded.
        next = this.#read();
        for (const entry of entries) await this.#handle(entry, history, parts, sink);
        if (now() >= claimAt) {
          for (const entry of await this.#claim()) await this.#handle(entry, true, parts, sink);
          claimAt = now() + claimEveryMs;
        }
      }
    } finally {
      // A run that failed leaves a read in flight: its outcome no longer matters.
      next.catch(() => undefined);
    }
  }

  /** New entries (`>`), or this consumer's own pending ones after a read failed (its reply may have been lost). */
  async #read(): Promise<{ entries: StreamEntry[]; history: boolean }> {
    const { reader } = this.#host.io;
    for (let retry = 0; ; retry++) {
      const history = this.#recover;
      try {
        const reply = await reader.callBuffer(
          'XREADGROUP',
          'GROUP',
          this.#group.session,
          this.#host.name,
          'COUNT',
          DEFAULTS.readCount,
          ...(history ? [] : ['BLOCK', DEFAULTS.blockMs]),
          'STREAMS',
          this.#keys.input,
          history ? '0' : '>',
        );
        this.#recover = false;
        return { entries: parseStreamsReply(reply), history };
      } catch (error) {
        this.#recover = true;
        await backoff(error, retry, this.#signal);
      }
    }
  }

  /** Takes over entries pending longer than claimIdleMs with another (or this) consumer. */
  async #claim(): Promise<StreamEntry[]> {
    const { writer } = this.#host.io;
    const reply = await withRetries(this.#signal, () =>
      writer.callBuffer('XAUTOCLAIM', this.#keys.input, this.#group.session, this.#host.name, this.#group.claimIdleMs, this.#claimCursor, 'COUNT', 16),
    );
    if (!Array.isArray(reply)) return [];
    const [cursor, entries] = reply as unknown[];
    this.#claimCursor = Buffer.isBuffer(cursor) ? cursor.toString('utf8') : '0-0';
    return parseEntries(entries);
  }

  /** How often the entry has been delivered; undefined when it is no longer pending (someone committed it). */
  async #deliveries(id: string): Promise<number | undefined> {
    const reply = await withRetries(this.#signal, () => this.#host.io.writer.call('XPENDING', this.#keys.input, this.#group.session, id, id, 1));
    const row = Array.isArray(reply) ? (reply[0] as unknown) : undefined;
    return Array.isArray(row) ? Number(row[3]) : undefined;
  }

  async #handle(entry: StreamEntry, history: boolean, parts: PipelineParts, sink: Sink): Promise<void> {
    const seq = seqOfEntry(entry.id);
    if (history) {
      const deliveries = await this.#deliveries(entry.id);
      if (deliveries === undefined) return;
      if (deliveries > this.#group.retries + 1) return this.#deadLetter(entry.id, seq, deliveries);
      this.#tally.claimed++;
    }
    const bytes = entry.fields.get('d') ?? Buffer.alloc(0);
    const count = Number(fieldText(entry, 'n'));
    const batch: BytesBatch = { kind: 'bytes', seq, count, bornAt: now(), encodedBytes: bytes.byteLength, bytes };
    let output: Batch;
    try {
      const result = parts.transform(batch);
      const processed = result instanceof Promise ? await result : result;
      // Held until the commit is answered: only what the sink will use of it.
      output = sink.retain?.(processed) ?? processed;
    } catch (thrown) {
      // Left pending: after claimIdleMs a consumer claims it again (a retry), until it has
      // been delivered retries + 1 times and goes to the dead-letter stream.
      this.#tally.failures++;
      const message = describeThrown(thrown);
      await withRetries(this.#signal, () => this.#host.io.writer.hset(this.#keys.errors, String(seq), message));
      return;
    }
    const { writer } = this.#host.io;
    // One batch at a time, as a worker thread does: a decoded batch kept alive while the
    // next one is decoded is copied by the scavenger and promoted. Sending the commit and
    // decoding on meant GC pauses of 28 ms on average against 5 ms for a worker thread on
    // the same batches in the same run; one at a time, 13 ms against 6.
    let attempts = 0;
    const verdict = Number(
      await withRetries(this.#signal, () => {
        attempts++;
        return COMMIT.run(writer, [this.#keys.input, this.#keys.ledger, this.#keys.acks], [this.#group.session, entry.id, seq, this.#host.name]);
      }),
    );
    // 2 on a first attempt: this consumer had committed the batch already (it processed it
    // twice: claimed back while it waited in the read-ahead); on a retry: the first attempt
    // landed and its reply was lost with the connection.
    if (verdict === 0 || (verdict === 2 && attempts === 1)) {
      this.#tally.duplicates++;
      return;
    }
    // Committed by this consumer (now, or before a lost reply): the sink gets it once.
    const wait = sink.write(output);
    if (wait) await wait;
    this.#tally.batches++;
    this.#tally.records += output.count;
    this.#memory.maybeSample(now());
  }

  async #deadLetter(id: string, seq: number, deliveries: number): Promise<void> {
    const { writer } = this.#host.io;
    const error = (await withRetries(this.#signal, () => writer.hget(this.#keys.errors, String(seq)))) ?? 'no error recorded: a consumer holding it stopped before it finished';
    const keys = [this.#keys.input, this.#keys.ledger, this.#keys.acks, this.#keys.dead];
    const moved = Number(await withRetries(this.#signal, () => DEAD_LETTER.run(writer, keys, [this.#group.session, id, seq, this.#host.name, deliveries, error])));
    if (moved === 1) this.#tally.deadLettered++;
  }
}
