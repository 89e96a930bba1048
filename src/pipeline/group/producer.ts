import type { Redis } from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeThrown } from '../../codecs/types.js';
import { now } from '../clock.js';
import { defaultCapacity, PIPELINE_DEFAULTS } from '../constants.js';
import { PipelineStageError } from '../errors.js';
import { CpuClock } from '../measure/cpu.js';
import type { PipelineMeter } from '../meter.js';
import type { BatchSource } from '../scenarios/types.js';
import type { RunScope } from '../scope.js';
import { RedisSink, streamId } from '../sinks/redis.js';
import { nextBatch } from '../stages.js';
import type { GroupSettings, PipelinePlan } from '../types.js';
import type { ProcessRunStats, WorkerRunStats } from '../variants/types.js';
import type { GroupRunFigures, KillFigures } from './figures.js';
import type { ConsumerFleet } from './fleet.js';
import { Progress, StreamFollower } from './follow.js';
import { allRunKeys, runKeys, sessionKeys, type RunKeys } from './keys.js';
import { checkRun } from './end-check.js';
import { messageFields, runEventOf, type ConsumerReport, type ControlMessage, type RunMember } from './protocol.js';
import { fieldText, infoNumber, seqOfEntry, type StreamEntry } from './redis-calls.js';

// The suite's side of one run of the group variant: it creates the run's stream and
// consumer group, tells the members to join, XADDs the source's encoded batches (the
// redis sink's pipelined, idempotent XADD) while keeping the backlog bounded, learns of
// every commit from the acks stream, samples the group's lag, runs the kill drill, and
// at the end checks the ledger against what it produced.

const DEFAULTS = PIPELINE_DEFAULTS.group;
const TRIM_EVERY_BATCHES = 4;
/** The broker's RSS (INFO memory, a few hundred bytes of text to make and parse) is read at every fifth lag sample. */
const MEMORY_EVERY_SAMPLES = 5;

/** The connections a case keeps for its runs: blocking reads each have their own. */
export interface ProducerConnections {
  /** Short commands: XGROUP, XADD to control, XINFO, INFO, the end check, cleanup. */
  readonly control: Redis;
  /** XREAD BLOCK on the run's acks stream. */
  readonly acks: Redis;
  /** XREAD BLOCK on the run's events stream. */
  readonly events: Redis;
}

export interface GroupRunInput {
  readonly plan: PipelinePlan;
  readonly group: GroupSettings;
  readonly io: ProducerConnections;
  readonly source: BatchSource;
  readonly members: readonly RunMember[];
  /** The consumers this process started (undefined when they were started elsewhere). */
  readonly fleet: ConsumerFleet | undefined;
  readonly scope: RunScope;
  readonly meter: PipelineMeter;
  readonly timed: boolean;
}

export interface GroupRunResult {
  readonly elapsedMs: number;
  readonly reports: ReadonlyMap<string, ConsumerReport>;
  readonly figures: GroupRunFigures;
  readonly deadLetteredRecords: number;
  readonly killedProcessRecords: number;
  /** CPU of the producer, the consumers and the broker over the timed window. */
  readonly cpuMs: number;
  readonly workerStats: readonly WorkerRunStats[];
}

interface Sent {
  readonly count: number;
  readonly bytes: number;
  readonly at: number;
}

/** The last line of INFO's cpu section as milliseconds of CPU (user + system) of the server process. */
async function brokerCpuMs(control: Redis): Promise<number> {
  const info = await control.info('cpu').catch(() => '');
  return (infoNumber(info, 'used_cpu_user') + infoNumber(info, 'used_cpu_sys')) * 1000;
}

/** XINFO GROUPS `[[name, G, …, pending, n, …, lag, n], …]` → the group's lag and pending count. */
function groupLag(reply: unknown, group: string): { lag: number; pending: number } | undefined {
  if (!Array.isArray(reply)) return undefined;
  for (const item of reply) {
    if (!Array.isArray(item)) continue;
    const fields = new Map<string, unknown>();
    for (let i = 0; i + 1 < item.length; i += 2) fields.set(String(item[i]), item[i + 1]);
    if (String(fields.get('name')) !== group) continue;
    // lag is nil when Redis cannot tell (entries deleted in range): kept as NaN.
    const lag = fields.get('lag');
    return { lag: lag === null || lag === undefined ? Number.NaN : Number(lag), pending: Number(fields.get('pending')) };
  }
  return undefined;
}

/**
 * Batches produced and not yet committed, at most: for each consumer, what it may hold
 * (two reads' worth) plus what waits in the stream for it (`--capacity`, or about
 * recordsInFlightPerConsumer records).
 */
export function backlogBatches(group: GroupSettings, batchSize: number, consumers: number): number {
  const waiting = group.capacity ?? defaultCapacity(batchSize, DEFAULTS.recordsInFlightPerConsumer);
  return (waiting + 2 * DEFAULTS.readCount) * consumers;
}

/** One run of the group variant; throws (through the scope) when it fails. */
export class GroupRun {
  readonly #input: GroupRunInput;
  readonly #keys: RunKeys;
  readonly #run: number;
  readonly #progress = new Progress();
  readonly #sent = new Map<number, Sent>();
  readonly #done = new Set<number>();
  readonly #ready = new Set<string>();
  readonly #reports = new Map<string, ConsumerReport>();
  /** Consumers the run waits for a report from. */
  readonly #expected = new Map<string, RunMember>();
  readonly #killed = new Set<string>();
  readonly #lagPoints: [number, number, number][] = [];
  #announcedTwice = 0;
  #deadBatches = 0;
  #deadRecords = 0;
  #startedAt = 0;
  #lastAckAt = 0;
  #maxAckGapMs = 0;
  #finished = false;
  #producerPeakRss = 0;
  #brokerPeakRss = 0;
  #kill: Promise<KillFigures> | undefined;
  /** Batches a killed consumer held when it died, not yet committed by another. */
  #held: Set<number> | undefined;
  /** Batch seqs in the order they were sent; the first `#trimmedTo` of them are committed and trimmed. */
  readonly #order: number[] = [];
  #trimmedTo = 0;
  /** Where the last XTRIM sent cut the stream (the stream may hold up to TRIM_EVERY_BATCHES more than the bound counts). */
  #trimSent = 0;
  #trimming = false;
  #heldDoneAt = 0;

  constructor(input: GroupRunInput, run: number) {
    this.#input = input;
    this.#run = run;
    this.#keys = runKeys(input.group.session, run);
    for (const member of input.members) this.#expected.set(member.name, member);
  }

  async run(): Promise<GroupRunResult> {
    const { io, scope, group, plan } = this.#input;
    const stopWith = (stage: 'source' | 'consumer', error: unknown): void => scope.fail(stage, error);
    scope.onStop((error) => this.#progress.fail(error));
    const unwatch = this.#input.fleet?.onFailure((error) => stopWith('consumer', error));
    const events = new StreamFollower(io.events, this.#keys.events, (entries) => this.#onEvents(entries), (error) => stopWith('consumer', error));
    let acks: StreamFollower | undefined;
    let sink: RedisSink | undefined;
    try {
      await io.control.xgroup('CREATE', this.#keys.input, group.session, '0', 'MKSTREAM');
      await this.#post({ type: 'run', run: this.#run, plan, members: [...this.#expected.values()] });
      await this.#wait(() => [...this.#expected.keys()].every((name) => this.#ready.has(name)), DEFAULTS.startTimeoutMs, 'every consumer to be ready');
      sink = await RedisSink.toStream({ url: group.redisUrl, key: this.#keys.input, signal: scope.signal, withCount: true, keep: true, trimmed: true, committed: (seq) => this.#done.has(seq) });
      acks = new StreamFollower(io.acks, this.#keys.acks, (entries) => this.#onAcks(entries), (error) => stopWith('source', error));
      const brokerCpuBefore = await brokerCpuMs(io.control);
      const cpu = new CpuClock();
      const sampler = this.#sampleLag();
      const watchdog = setInterval(() => this.#watch(), 1_000);
      let elapsedMs: number;
      try {
        cpu.start();
        this.#startedAt = this.#lastAckAt = now();
        await this.#produce(sink);
        await sink.flush();
        await this.#progress.until(() => this.#done.size === this.#sent.size);
        elapsedMs = now() - this.#startedAt;
      } finally {
        this.#finished = true;
        clearInterval(watchdog);
        sampler.stop();
      }
      const producerCpuMs = cpu.elapsedMs();
      // A server restarted during the run (the restart drill) counts from zero again: no figure then.
      const brokerCpuDelta = (await brokerCpuMs(io.control)) - brokerCpuBefore;
      const brokerCpu = brokerCpuDelta >= 0 ? brokerCpuDelta : Number.NaN;
      await acks.stop();
      const kill = await this.#kill;
      await this.#post({ type: 'end', run: this.#run });
      await this.#wait(() => [...this.#expected.keys()].every((name) => this.#reports.has(name)), DEFAULTS.reportTimeoutMs, 'every consumer to report');
      const summary = await sink.close();
      sink = undefined;
      const account = { sent: this.#sent, reports: this.#reports, killed: this.#killed, deadBatches: this.#deadBatches, announcedTwice: this.#announcedTwice };
      // What the consumers wrote, checked against what was produced: a failure is the sink stage's.
      const checked = await checkRun(io.control, this.#keys, group.session, account).catch((thrown: unknown) => Promise.reject(PipelineStageError.wrap('sink', thrown)));
      return this.#result({ elapsedMs, producerCpuMs, brokerCpuMs: brokerCpu, kill, summaryMetrics: summary.metrics ?? {}, killedProcessRecords: checked.killedProcessRecords, deadErrors: checked.deadErrors });
    } catch (thrown) {
      stopWith('source', thrown);
      throw scope.error ?? thrown;
    } finally {
      this.#finished = true;
      unwatch?.();
      await sink?.close().catch(() => undefined);
      await acks?.stop();
      await events.stop();
      await this.#kill?.catch(() => undefined);
      if (scope.error) await this.#post({ type: 'end', run: this.#run }).catch(() => undefined);
      await io.control.unlink(...allRunKeys(this.#keys)).catch(() => undefined);
      scope.dispose();
    }
  }

  #post(message: ControlMessage): Promise<unknown> {
    return this.#input.io.control.xadd(sessionKeys(this.#input.group.session).control, 'MAXLEN', '~', 1000, '*', ...messageFields(message));
  }

  /**
   * XADDs every batch, never more than the backlog ahead of the commits, and never
   * letting the stream (trimmed up to the oldest batch not committed) pass its bound.
   */
  async #produce(sink: RedisSink): Promise<void> {
    const { plan, source } = this.#input;
    const backlog = backlogBatches(this.#input.group, plan.batchSize, this.#expected.size);
    const streamBound = backlog * DEFAULTS.streamBoundPerBacklog;
    const room = (): boolean => this.#sent.size - this.#done.size < backlog && this.#order.length - this.#trimmedTo < streamBound;
    const batches = source.batches(false);
    for (;;) {
      const next = nextBatch(batches);
      if (next.done === true) return;
      const batch = next.value;
      if (batch.kind !== 'bytes') throw new Error(`the group variant moves encoded batches through Redis; scenario '${plan.scenario}' makes records at its source (use decode or transcode)`);
      if (!room()) await this.#progress.until(room);
      this.#order.push(batch.seq);
      this.#sent.set(batch.seq, { count: batch.count, bytes: batch.encodedBytes, at: now() });
      const wait = sink.write(batch);
      if (wait) await wait;
    }
  }

  #onAcks(entries: readonly StreamEntry[]): void {
    const { meter } = this.#input;
    for (const entry of entries) {
      const seq = Number(fieldText(entry, 's'));
      const sent = this.#sent.get(seq);
      if (this.#done.has(seq) || !sent) {
        this.#announcedTwice++;
        continue;
      }
      this.#done.add(seq);
      const at = now();
      this.#maxAckGapMs = Math.max(this.#maxAckGapMs, at - this.#lastAckAt);
      this.#lastAckAt = at;
      if (entry.fields.has('dead')) {
        this.#deadBatches++;
        this.#deadRecords += sent.count;
      } else {
        meter.record(sent.count, sent.bytes, at - sent.at, at);
      }
      if (this.#held?.delete(seq) && this.#held.size === 0) this.#heldDoneAt = at;
      this.#maybeKill();
    }
    this.#trim();
    this.#progress.notify();
  }

  /**
   * Trims the stream up to the oldest batch not yet committed (XTRIM MINID): what is
   * gone is committed and acknowledged, so no claim can need it, and the group's lag
   * stays known (MINID trimming, unlike XDEL, keeps XINFO GROUPS' lag).
   */
  #trim(): void {
    let oldest = this.#trimmedTo;
    while (oldest < this.#order.length && this.#done.has(this.#order[oldest] as number)) oldest++;
    this.#trimmedTo = oldest;
    // A few batches at a time: an XTRIM per commit would cost the producer and the broker a command each.
    if (this.#trimming || oldest - this.#trimSent < TRIM_EVERY_BATCHES) return;
    this.#trimming = true;
    this.#trimSent = oldest;
    const upTo = this.#order[oldest] ?? (this.#order.at(-1) ?? -1) + 1;
    this.#input.io.control
      .xtrim(this.#keys.input, 'MINID', streamId(upTo))
      .catch(() => undefined) // a trim lost to a restarting server is redone by the next one
      .finally(() => {
        this.#trimming = false;
      });
  }

  #onEvents(entries: readonly StreamEntry[]): void {
    for (const entry of entries) {
      const event = runEventOf(entry);
      if (!event) continue;
      if (event.type === 'ready') this.#ready.add(event.consumer);
      else if (event.type === 'report') this.#reports.set(event.consumer, event.report);
      else this.#input.scope.fail('consumer', new Error(`${event.consumer}: ${event.message}`));
    }
    this.#progress.notify();
  }

  async #wait(ready: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const timer = setTimeout(() => this.#progress.fail(new PipelineStageError('consumer', `timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
    try {
      await this.#progress.until(ready);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Fails a run in which nothing has been committed for stallTimeoutMs. */
  #watch(): void {
    if (now() - this.#lastAckAt < DEFAULTS.stallTimeoutMs) return;
    const error = new Error(`no batch was committed for ${DEFAULTS.stallTimeoutMs / 1000} s (${this.#done.size} of ${this.#sent.size} done): are the consumers running?`);
    this.#input.scope.fail('consumer', error);
  }

  /** Samples XINFO GROUPS (lag, pending), the broker's RSS and this process's every lagSampleMs while the run is timed. */
  #sampleLag(): { stop(): void } {
    const { io, group } = this.#input;
    let busy = false;
    let samples = 0;
    const timer = setInterval(() => {
      if (busy || this.#finished) return;
      busy = true;
      const at = now();
      this.#producerPeakRss = Math.max(this.#producerPeakRss, process.memoryUsage.rss());
      const memoryInfo = samples++ % MEMORY_EVERY_SAMPLES === 0 ? io.control.info('memory') : Promise.resolve('');
      Promise.all([io.control.call('XINFO', 'GROUPS', this.#keys.input), memoryInfo])
        .then(([groups, memory]) => {
          const lag = groupLag(groups, group.session);
          if (lag && !this.#finished) this.#lagPoints.push([Math.round(at - this.#startedAt), lag.lag, lag.pending]);
          const rss = infoNumber(memory, 'used_memory_rss');
          if (Number.isFinite(rss)) this.#brokerPeakRss = Math.max(this.#brokerPeakRss, rss);
        })
        .catch(() => undefined) // a sample lost to a restarting server is only a gap
        .finally(() => (busy = false));
    }, group.lagSampleMs);
    return { stop: () => clearInterval(timer) };
  }

  /** The kill drill, once per timed run: when killConsumerAt batches are committed. */
  #maybeKill(): void {
    const { group, fleet, timed } = this.#input;
    if (!timed || !fleet || this.#kill || group.killConsumerAt === undefined || this.#done.size < group.killConsumerAt) return;
    this.#kill = this.#killOne(fleet, group.killConsumerAt);
    this.#kill.catch((error: unknown) => this.#input.scope.fail('consumer', new Error(`the kill drill failed: ${describeThrown(error)}`)));
  }

  async #killOne(fleet: ConsumerFleet, atBatch: number): Promise<KillFigures> {
    const { io, group, scope } = this.#input;
    // The consumer holding the most entries, so the drill has something to redeliver.
    const summary = (await io.control.call('XPENDING', this.#keys.input, group.session)) as unknown[];
    const counts = new Map<string, number>(Array.isArray(summary[3]) ? (summary[3] as [string, string][]).map(([name, count]) => [String(name), Number(count)]) : []);
    const candidates = fleet.members.filter((m) => this.#expected.has(m.name));
    const victim = candidates.sort((a, b) => (counts.get(b.name) ?? 0) - (counts.get(a.name) ?? 0))[0];
    if (!victim) throw new Error('no consumer to kill');
    const killedAt = now();
    await fleet.kill(victim.name);
    this.#killed.add(victim.name);
    this.#expected.delete(victim.name);
    // Let the server see the connection close, so the dead consumer's pending list is final.
    await sleep(20);
    const rows = await io.control.call('XPENDING', this.#keys.input, group.session, '-', '+', 10_000, victim.name);
    const ids = Array.isArray(rows) ? rows.map((row: unknown) => String(Array.isArray(row) ? row[0] : '')) : [];
    const held = new Set(ids.map(seqOfEntry).filter((seq) => Number.isInteger(seq) && !this.#done.has(seq)));
    this.#held = held;
    const heldBatches = held.size;
    if (heldBatches === 0) this.#heldDoneAt = killedAt;
    // A supervisor would start a new consumer at once; it joins the run if the run still needs it.
    const replacement = await fleet.replace(victim.index, io.control, scope.signal);
    const joinedMs = now() - killedAt;
    if (!this.#finished) {
      this.#expected.set(replacement.name, replacement);
      await this.#post({ type: 'run', run: this.#run, plan: this.#input.plan, members: [replacement] });
    }
    return { consumer: victim.name, pid: victim.pid, atBatch, heldBatches, killedAt, replacementJoinMs: joinedMs };
  }

  #result(parts: {
    elapsedMs: number;
    producerCpuMs: number;
    brokerCpuMs: number;
    kill: KillFigures | undefined;
    summaryMetrics: Readonly<Record<string, number>>;
    killedProcessRecords: number;
    deadErrors: readonly string[];
  }): GroupRunResult {
    const reports = [...this.#reports.values()];
    const sum = (pick: (report: ConsumerReport) => number): number => reports.reduce((total, report) => total + pick(report), 0);
    const processes: ProcessRunStats[] = [
      { role: 'producer', name: 'producer', cpuMs: parts.producerCpuMs, peakRssBytes: this.#producerPeakRss },
      ...[...this.#reports.entries()].map(([name, report]) => ({ role: 'consumer' as const, name, cpuMs: report.cpuMs, peakRssBytes: report.peakRssBytes })),
      { role: 'broker', name: 'redis-server', cpuMs: parts.brokerCpuMs, peakRssBytes: this.#brokerPeakRss },
    ];
    const workerStats: WorkerRunStats[] = Array.from({ length: this.#input.members.length }, () => ({ gcCount: 0, gcPauseMs: 0, peakHeapBytes: 0 }));
    for (const report of reports) {
      const seen = workerStats[report.index] ?? { gcCount: 0, gcPauseMs: 0, peakHeapBytes: 0 };
      workerStats[report.index] = { gcCount: seen.gcCount + report.gcCount, gcPauseMs: seen.gcPauseMs + report.gcPauseMs, peakHeapBytes: Math.max(seen.peakHeapBytes, report.peakHeapBytes) };
    }
    const stallMs = parts.kill ? Math.max(0, this.#heldDoneAt - parts.kill.killedAt) : 0;
    const figures: GroupRunFigures = {
      elapsedMs: parts.elapsedMs,
      batches: this.#sent.size,
      backlogBatches: backlogBatches(this.#input.group, this.#input.plan.batchSize, this.#input.members.length),
      redelivered: sum((r) => r.claimed),
      duplicates: sum((r) => r.duplicates),
      failures: sum((r) => r.failures),
      deadLettered: { batches: this.#deadBatches, records: this.#deadRecords, errors: parts.deadErrors },
      ...(parts.kill ? { kill: { ...parts.kill, stallMs } } : {}),
      maxAckGapMs: this.#maxAckGapMs,
      lag: { intervalMs: this.#input.group.lagSampleMs, points: this.#lagPoints },
      processes,
      broker: { cpuMs: parts.brokerCpuMs, peakRssBytes: this.#brokerPeakRss, metrics: parts.summaryMetrics },
    };
    const cpuMs = processes.reduce((total, p) => total + (Number.isFinite(p.cpuMs) && p.cpuMs > 0 ? p.cpuMs : 0), 0);
    return {
      elapsedMs: parts.elapsedMs,
      reports: this.#reports,
      figures,
      deadLetteredRecords: this.#deadRecords,
      killedProcessRecords: parts.killedProcessRecords,
      cpuMs,
      workerStats,
    };
  }
}
