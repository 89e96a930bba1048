import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { setImmediate as immediate, setTimeout as delay } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface GcTotals {
  readonly count: number;
  readonly pauseMs: number;
}

function isForced(entry: PerformanceEntry): boolean {
  // Node puts { kind, flags } on 'gc' entries; the typings leave `detail` off the base class.
  const detail = (entry as PerformanceEntry & { readonly detail?: { readonly flags?: number } }).detail;
  return ((detail?.flags ?? 0) & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED) !== 0;
}

/**
 * Counts garbage collections and their pause time from perf_hooks 'gc' entries on the
 * current thread (each worker thread runs its own). Collections forced by the suite
 * between repetitions (collectGarbage) are not counted.
 */
export class GcObserver {
  #count = 0;
  #pauseMs = 0;
  #observer: PerformanceObserver | undefined;

  start(): void {
    if (this.#observer) return;
    this.#observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (isForced(entry)) continue;
        this.#count++;
        this.#pauseMs += entry.duration;
      }
    });
    this.#observer.observe({ entryTypes: ['gc'] });
  }

  /**
   * The totals since the last take(), then starts again from zero. GC entries reach
   * observers a turn of the event loop after the collection (later still when a
   * synchronous run held the loop), so this lets them arrive first.
   */
  async take(): Promise<GcTotals> {
    await delay(1);
    await immediate();
    const totals = { count: this.#count, pauseMs: this.#pauseMs };
    this.#count = 0;
    this.#pauseMs = 0;
    return totals;
  }

  stop(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
  }
}

let gcFunction: (() => void) | undefined;

/**
 * A full collection between repetitions, so each one starts from a settled heap. Node
 * exposes gc() only with --expose-gc; the flag can be set at run time and the function
 * picked up from a fresh context.
 */
export function collectGarbage(): void {
  if (!gcFunction) {
    setFlagsFromString('--expose-gc');
    gcFunction = runInNewContext('gc') as () => void;
  }
  gcFunction();
}
