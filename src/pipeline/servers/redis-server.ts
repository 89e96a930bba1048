import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { accessSync, constants as fsConstants, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import os from 'node:os';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PIPELINE_DEFAULTS } from '../constants.js';
import { ExitReaper } from '../exit-reaper.js';

// A real redis-server for the redis sink: started on loopback with its own temporary
// directory and a free port, answered PING before it is handed out, and always stopped:
// by `stop()`, and by a process 'exit' hook when the process ends without stopping it
// (a second SIGINT, an uncaught exception). A server left behind by a process that was
// killed outright is reaped by the next start (see reapOrphanedServers).

const DIR_PREFIX = 'serbench-redis-';
const OWNER_FILE = 'owner.json';
/** Lines of the server's log kept for error messages. */
const LOG_LINES = 20;

export interface RedisServerOptions {
  /** The executable (default `redis-server` on PATH). */
  readonly executable?: string;
  /**
   * Keep what was written across a crash and restart: append-only file with
   * `appendfsync always` (for the restart drill). Otherwise nothing is persisted.
   */
  readonly durable?: boolean;
  readonly startTimeoutMs?: number;
  readonly stopTimeoutMs?: number;
}

/** The redis-server could not be found or would not start; the message says what to do. */
export class RedisServerError extends Error {
  override readonly name = 'RedisServerError';
}

/** The absolute path of an executable on PATH, or undefined. */
export function findExecutable(name: string, path = process.env.PATH ?? ''): string | undefined {
  if (name.includes('/')) return isExecutable(name) ? name : undefined;
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Why redis tests and runs cannot start a server here, or undefined when they can. */
export function redisServerMissing(executable = 'redis-server'): string | undefined {
  return findExecutable(executable) ? undefined : `${executable} not found on PATH (Debian: apt-get install redis-server)`;
}

/** A port nobody listens on now (the kernel's choice); a start that loses the race tries another. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new RedisServerError('could not find a free port');
  return address.port;
}

/** One RESP exchange on a fresh socket: true when the server answered PING with PONG. */
export function ping(port: number, host = '127.0.0.1', timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    let reply = '';
    const finish = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('connect', () => socket.write('*1\r\n$4\r\nPING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      // A server still loading its data answers -LOADING: not ready yet.
      if (reply.includes('\r\n')) finish(reply.startsWith('+PONG'));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Servers of this process that are running: killed outright (and their directories removed) if it exits. */
const live = new ExitReaper<RedisServer>((server) => server.killNow());

/**
 * Kills redis-servers whose owning process is gone (it was killed before it could stop
 * them) and removes their directories. A server is only killed when its working
 * directory is the one this suite gave it, so a reused pid is never hit.
 */
export function reapOrphanedServers(tmp = os.tmpdir()): number {
  let reaped = 0;
  for (const name of safeReaddir(tmp)) {
    if (!name.startsWith(DIR_PREFIX)) continue;
    const dir = join(tmp, name);
    let owner: { owner?: unknown; server?: unknown };
    try {
      owner = JSON.parse(readFileSync(join(dir, OWNER_FILE), 'utf8')) as { owner?: unknown; server?: unknown };
    } catch {
      continue; // being created, or not ours
    }
    if (typeof owner.owner !== 'number' || isAlive(owner.owner)) continue;
    if (typeof owner.server === 'number' && isAlive(owner.server) && workingDirectory(owner.server) === dir) {
      try {
        process.kill(owner.server, 'SIGKILL');
      } catch {
        // it ended meanwhile
      }
    }
    rmSync(dir, { recursive: true, force: true });
    reaped++;
  }
  return reaped;
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function workingDirectory(pid: number): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return undefined;
  }
}

/** `redis-server --version`, e.g. `7.0.15`, or undefined. */
export function redisServerVersion(executable = 'redis-server'): string | undefined {
  const result = spawnSync(executable, ['--version'], { encoding: 'utf8', timeout: 5_000 });
  return /v=(\S+)/.exec(result.stdout ?? '')?.[1];
}

/** A redis-server this process started; stop it (or let the exit hook kill it). */
export class RedisServer {
  readonly executable: string;
  readonly port: number;
  readonly dir: string;
  readonly durable: boolean;
  readonly #startTimeoutMs: number;
  readonly #stopTimeoutMs: number;
  #child: ChildProcess | undefined;
  #exited: Promise<void> = Promise.resolve();
  #log: string[] = [];
  #restarts = 0;
  #restarting: Promise<void> | undefined;
  #stopped = false;

  private constructor(executable: string, port: number, dir: string, options: RedisServerOptions) {
    this.executable = executable;
    this.port = port;
    this.dir = dir;
    this.durable = options.durable ?? false;
    this.#startTimeoutMs = options.startTimeoutMs ?? PIPELINE_DEFAULTS.redis.startTimeoutMs;
    this.#stopTimeoutMs = options.stopTimeoutMs ?? PIPELINE_DEFAULTS.redis.stopTimeoutMs;
  }

  /** Starts a server on a free loopback port and waits until it answers PING. */
  static async start(options: RedisServerOptions = {}): Promise<RedisServer> {
    const name = options.executable ?? 'redis-server';
    const executable = findExecutable(name);
    if (!executable) throw new RedisServerError(`${name} not found on PATH: install it (Debian: apt-get install redis-server) or give --redis-url`);
    reapOrphanedServers();
    let lastError: unknown;
    // Another process may take the free port between the check and the start: try another.
    for (let attempt = 0; attempt < 3; attempt++) {
      const dir = mkdtempSync(join(os.tmpdir(), `${DIR_PREFIX}${process.pid}-`));
      const server = new RedisServer(executable, await freePort(), dir, options);
      try {
        await server.#launch();
        return server;
      } catch (error) {
        lastError = error;
        await server.stop();
        if (!(error instanceof RedisServerError && /Address already in use/i.test(error.message))) break;
      }
    }
    throw lastError;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** The running server's process id (changes on restart). */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  get restarts(): number {
    return this.#restarts;
  }

  /**
   * A crash and a restart: SIGKILL (no chance to flush anything more), then a new server
   * on the same port and directory, answered PING. With `durable`, every write that was
   * acknowledged before the crash is there again.
   */
  restart(): Promise<void> {
    if (this.#stopped) return Promise.reject(new RedisServerError('the server was stopped'));
    this.#restarts++;
    // The kill happens now, synchronously: a drill hits the exact batch it chose.
    const child = this.#child;
    child?.kill('SIGKILL');
    child?.ref(); // keep the process alive while waiting for the exit
    const restarting = this.#exited.then(() => this.#launch());
    this.#restarting = restarting.catch(() => undefined);
    return restarting;
  }

  /** SIGTERM, SIGKILL if it has not exited in time, then removes the directory. Safe to call twice. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#restarting;
    const child = this.#child;
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      child.ref(); // keep the process alive while waiting for the exit
      const timeout = new AbortController();
      const stopped = await Promise.race([
        this.#exited.then(() => true),
        sleep(this.#stopTimeoutMs, false, { signal: timeout.signal }).catch(() => true),
      ]);
      timeout.abort();
      if (!stopped) {
        child.kill('SIGKILL');
        await this.#exited;
      }
    }
    live.delete(this);
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** For the exit hook: synchronous, no waiting. */
  killNow(): void {
    this.#stopped = true;
    try {
      this.#child?.kill('SIGKILL');
    } catch {
      // already gone
    }
    live.delete(this);
    rmSync(this.dir, { recursive: true, force: true });
  }

  async #launch(): Promise<void> {
    if (this.#stopped) throw new RedisServerError('the server was stopped');
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--save', '', '--daemonize', 'no', '--logfile', ''];
    args.push(...(this.durable ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']));
    this.#log = [];
    // Its own process group: a terminal's Ctrl-C goes to the suite, which stops the
    // server once it has written what finished, rather than to the server mid-case.
    const child = spawn(this.executable, args, { cwd: this.dir, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    this.#child = child;
    live.add(this);
    this.#exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const failedToSpawn = new Promise<Error>((resolve) => child.once('error', resolve));
    for (const stream of [child.stdout, child.stderr]) {
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => this.#keepLog(chunk));
    }
    // The server lives as long as it is needed, not as long as it keeps this process alive.
    child.unref();
    (child.stdout as unknown as { unref?: () => void } | null)?.unref?.();
    (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
    writeFileSync(join(this.dir, OWNER_FILE), JSON.stringify({ owner: process.pid, server: child.pid }));
    await this.#waitUntilAnswering(failedToSpawn);
  }

  async #waitUntilAnswering(failedToSpawn: Promise<Error>): Promise<void> {
    const child = this.#child as ChildProcess;
    const deadline = Date.now() + this.#startTimeoutMs;
    let spawnError: Error | undefined;
    void failedToSpawn.then((error) => (spawnError = error));
    for (;;) {
      if (spawnError) throw new RedisServerError(`${this.executable} did not start: ${spawnError.message}`);
      if (child.exitCode !== null || child.signalCode !== null) {
        await sleep(50); // let the last log lines arrive: they say why
        throw new RedisServerError(`${this.executable} exited during start (${child.exitCode ?? child.signalCode}): ${this.#lastLogLine()}`);
      }
      if (await ping(this.port)) return;
      if (Date.now() > deadline) throw new RedisServerError(`${this.executable} did not answer PING on port ${this.port} within ${this.#startTimeoutMs} ms: ${this.#lastLogLine()}`);
      await sleep(20);
    }
  }

  #keepLog(chunk: string): void {
    for (const line of chunk.split('\n')) if (line.trim() !== '') this.#log.push(line.trim());
    if (this.#log.length > LOG_LINES) this.#log.splice(0, this.#log.length - LOG_LINES);
  }

  #lastLogLine(): string {
    // The interesting line is the last warning or error (`#` in redis logs), not the banner.
    const marked = this.#log.filter((line) => / # /.test(line) && !/WARNING Memory overcommit/.test(line));
    return marked.at(-1) ?? this.#log.at(-1) ?? 'no output';
  }
}
