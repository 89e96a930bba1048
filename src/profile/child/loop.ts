import type { CaseBody } from '../../suite/measure.js';
import { PROFILE_DEFAULTS } from '../options.js';

/** What the loop ran, printed as one JSON line for the parent's log and manifest. */
export interface CodecRunReport {
  readonly calls: number;
  readonly elapsedMs: number;
  readonly msPerCall: number;
}

/** Results land here so V8 cannot drop a call whose result is never used. */
let blackhole: unknown;
export function consumed(): unknown {
  return blackhole;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Calls the body back to back until the deadline, returning to the event loop
 * every few ms so that timers (the heap-peak watcher) and signals are served.
 */
export async function loopFor(body: CaseBody, durationMs: number, yieldEveryMs: number = PROFILE_DEFAULTS.yieldEveryMs): Promise<CodecRunReport> {
  const start = performance.now();
  const deadline = start + durationMs;
  let calls = 0;
  let now = start;
  while (now < deadline) {
    const sliceEnd = Math.min(deadline, now + yieldEveryMs);
    if (body.mode === 'sync') {
      do {
        blackhole = body.call();
        calls += 1;
      } while ((now = performance.now()) < sliceEnd);
    } else {
      do {
        blackhole = await body.call();
        calls += 1;
      } while ((now = performance.now()) < sliceEnd);
    }
    await yieldToEventLoop();
    now = performance.now();
  }
  const elapsedMs = performance.now() - start;
  return { calls, elapsedMs: Math.round(elapsedMs), msPerCall: calls > 0 ? Number((elapsedMs / calls).toPrecision(4)) : 0 };
}

