import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { redisServerMissing } from './redis-server.js';

// Helpers for tests that need a real redis-server: they skip (with the reason) where it
// is not installed, and check that every server they started is gone afterwards.

/** `{ skip: reason }` when redis-server is not on PATH, for describe()/it() options. */
export function redisTestOptions(): { skip?: string } {
  return redisServerMissing() ? { skip: 'redis-server not installed (not on PATH; Debian: apt-get install redis-server)' } : {};
}

/** True while `pid` runs; a zombie (ended, not yet reaped: some container inits never reap) counts as ended. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // /proc/<pid>/stat: "pid (comm) state ...": the state follows the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return !existsSync('/proc/self/stat'); // gone meanwhile, or no /proc to ask
  }
}

/** Waits until `pid` has ended (a killed child is reaped by its parent or by init); false after `timeoutMs`. */
export async function waitForExit(pid: number, timeoutMs = 5_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (processAlive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(20);
  }
  return true;
}
