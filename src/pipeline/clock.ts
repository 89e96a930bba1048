import { performance } from 'node:perf_hooks';

const origin = performance.timeOrigin;

/**
 * Milliseconds since the Unix epoch with sub-microsecond resolution. Each worker
 * thread has its own `performance.timeOrigin`, so batch timestamps use this absolute
 * clock to be comparable across threads.
 */
export function now(): number {
  return origin + performance.now();
}
