import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Redis } from 'ioredis';
import { PIPELINE_DEFAULTS } from '../constants.js';
import { ExitReaper } from '../exit-reaper.js';
import type { RunMember } from './protocol.js';
import { liveMembers } from './session.js';

// The consumer processes the group variant starts on this machine: real child processes
// (node + tsx, the same code `npm run consumer` runs), each in its own process group so
// a terminal's Ctrl-C reaches the suite, which stops them. They also stop when the suite
// is gone (their IPC channel closes), and a process 'exit' hook kills any still running.

const DEFAULTS = PIPELINE_DEFAULTS.group;
const CHILD_ENTRY = fileURLToPath(new URL('./child.ts', import.meta.url));
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const STDERR_LINES = 10;

/**
 * V8 flags of every consumer process (`npm run consumer` passes the same ones; a test
 * checks). Without this, V8 sometimes decided in a consumer's first batches that the
 * records a decode makes live long (while its young generation was smaller than one
 * batch, every scavenge found a whole batch alive), allocated them straight in the old
 * space from then on, and the consumer ran at half speed for the rest of its life, with
 * 7–11 ms scavenges instead of 1.5 ms: 10 of 30 consumer processes (docs/consumer-groups.md).
 */
export const CONSUMER_NODE_FLAGS: readonly string[] = ['--no-allocation-site-pretenuring'];

/** A consumer process of the fleet. */
export interface FleetMember extends RunMember {
  readonly pid: number;
}

interface Child {
  readonly member: FleetMember;
  readonly process: ChildProcess;
  readonly exited: Promise<void>;
  readonly stderr: string[];
  /** Killed or stopped on purpose: its exit is no failure. */
  expected: boolean;
}

/** Consumer processes still running: killed if this process exits without stopping them. */
const running = new ExitReaper<ChildProcess>((child) => child.kill('SIGKILL'));

/** Consumer names end in a generation counted per process, so fleets open side by side (`--interleave`) never share a name. */
let generation = 0;

export class ConsumerFleet {
  readonly #redisUrl: string;
  readonly #session: string;
  readonly #children = new Map<number, Child>();
  #failure: Error | undefined;
  readonly #failureListeners = new Set<(error: Error) => void>();

  private constructor(redisUrl: string, session: string) {
    this.#redisUrl = redisUrl;
    this.#session = session;
  }

  /** Starts `count` consumers and waits until each has joined the session. */
  static async start(count: number, redisUrl: string, session: string, client: Redis, signal?: AbortSignal): Promise<ConsumerFleet> {
    const fleet = new ConsumerFleet(redisUrl, session);
    try {
      const members = Array.from({ length: count }, (_, index) => fleet.#spawn(index));
      await fleet.waitForJoin(members, client, signal);
    } catch (error) {
      await fleet.stop();
      throw error;
    }
    return fleet;
  }

  /** The consumers running now, by index. */
  get members(): FleetMember[] {
    return [...this.#children.values()].map((child) => child.member).sort((a, b) => a.index - b.index);
  }

  /** The first consumer that ended without being asked to. */
  get failure(): Error | undefined {
    return this.#failure;
  }

  /** Called (once) when a consumer ends without being asked to. */
  onFailure(listener: (error: Error) => void): () => void {
    if (this.#failure) listener(this.#failure);
    else this.#failureListeners.add(listener);
    return () => this.#failureListeners.delete(listener);
  }

  /** The kill drill: SIGKILL, no warning; resolves once the process is gone. */
  async kill(name: string): Promise<FleetMember | undefined> {
    const child = [...this.#children.values()].find((c) => c.member.name === name);
    if (!child) return undefined;
    child.expected = true;
    child.process.kill('SIGKILL');
    child.process.ref(); // keep this process alive while waiting for the exit
    await child.exited;
    this.#children.delete(child.member.index);
    return child.member;
  }

  /** Starts a new consumer in place of the one at `index` (as a supervisor restarts a pod); resolves once it has joined. */
  async replace(index: number, client: Redis, signal?: AbortSignal): Promise<FleetMember> {
    const member = this.#spawn(index);
    await this.waitForJoin([member], client, signal);
    return member;
  }

  /** Waits until every one of `members` is present in the session; fails if one of them ends first. */
  async waitForJoin(members: readonly FleetMember[], client: Redis, signal?: AbortSignal): Promise<void> {
    const deadline = Date.now() + DEFAULTS.startTimeoutMs;
    for (;;) {
      if (this.#failure) throw this.#failure;
      signal?.throwIfAborted();
      const present = new Set(await liveMembers(client, this.#session));
      if (members.every((m) => present.has(m.name))) return;
      if (Date.now() > deadline) throw new Error(`consumer processes did not join within ${DEFAULTS.startTimeoutMs} ms`);
      await sleep(25);
    }
  }

  /** SIGTERM to every consumer, SIGKILL to those still running after stopTimeoutMs. */
  async stop(): Promise<void> {
    const children = [...this.#children.values()];
    this.#children.clear();
    for (const child of children) {
      child.expected = true;
      child.process.kill('SIGTERM');
      child.process.ref(); // keep this process alive while waiting for the exits
    }
    const timeout = new AbortController();
    const stopped = await Promise.race([
      Promise.all(children.map((child) => child.exited)).then(() => true),
      sleep(DEFAULTS.stopTimeoutMs, false, { signal: timeout.signal }).catch(() => true),
    ]);
    timeout.abort();
    if (!stopped) {
      for (const child of children) child.process.kill('SIGKILL');
      await Promise.all(children.map((child) => child.exited));
    }
  }

  #spawn(index: number): FleetMember {
    const name = `c${index}g${generation++}`;
    const options = JSON.stringify({ redisUrl: this.#redisUrl, session: this.#session, name });
    const child = spawn(process.execPath, [...CONSUMER_NODE_FLAGS, '--import', TSX_LOADER, CHILD_ENTRY, options], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], detached: true });
    if (child.pid === undefined) throw new Error(`could not start a consumer process (${process.execPath})`);
    running.add(child);
    const member: FleetMember = { name, index, pid: child.pid };
    const stderr: string[] = [];
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const entry: Child = { member, process: child, exited, stderr, expected: false };
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderr.push(...chunk.split('\n').filter((line) => line.trim() !== ''));
      stderr.splice(0, Math.max(0, stderr.length - STDERR_LINES));
    });
    child.once('exit', (code, signal) => {
      running.delete(child);
      if (entry.expected) return;
      this.#fail(new Error(`consumer ${name} (pid ${member.pid}) exited unexpectedly (${code ?? signal}): ${stderr.at(-1) ?? 'no output'}`));
    });
    // The children live as long as the fleet needs them, not as long as they keep the suite alive.
    child.unref();
    child.channel?.unref();
    (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
    this.#children.set(index, entry);
    return member;
  }

  #fail(error: Error): void {
    if (this.#failure) return;
    this.#failure = error;
    for (const listener of this.#failureListeners) listener(error);
    this.#failureListeners.clear();
  }
}
