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

type GcFunction = (options?: { readonly type: 'major' | 'minor' }) => void;
let gcFunction: GcFunction | undefined;

function exposedGc(): GcFunction {
  if (!gcFunction) {
    setFlagsFromString('--expose-gc');
    gcFunction = runInNewContext('gc') as GcFunction;
  }
  return gcFunction;
}

/**
 * A full collection, so what preparation made is settled before warm-up. Node exposes
 * gc() only with --expose-gc; the flag can be set at run time and the function picked up
 * from a fresh context. Not between repetitions: see collectYoungGarbage.
 */
export function collectGarbage(): void {
  exposedGc()();
}

/**
 * Empties the young generation between repetitions, so a run does not pay for the
 * previous run's garbage. Measurement pitfall: a full collection there, while none of the
 * objects a codec makes are alive, throws away the optimized code that made them
 * (`node --trace-deopt`: "marking dependent code … for deoptimization, reason: weak
 * objects"), and the next run starts in the interpreter: decoding 1000-order Protobuf
 * batches, the first batches took 8–37 ms instead of 1.4 ms, a 50-batch run 25% longer.
 */
export function collectYoungGarbage(): void {
  exposedGc()({ type: 'minor' });
}
