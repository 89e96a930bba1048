import { PerformanceObserver } from 'node:perf_hooks';
import { setImmediate as immediate, setTimeout as delay } from 'node:timers/promises';

export interface GcTotals {
  readonly count: number;
  readonly pauseMs: number;
}

/**
 * Counts garbage collections and their pause time from perf_hooks 'gc' entries on
 * the current thread (each worker thread runs its own).
 */
export class GcObserver {
  #count = 0;
  #pauseMs = 0;
  #observer: PerformanceObserver | undefined;

  start(): void {
    if (this.#observer) return;
    this.#observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        this.#count++;
        this.#pauseMs += entry.duration;
      }
    });
    this.#observer.observe({ entryTypes: ['gc'] });
  }

  /**
   * The totals so far. GC entries reach observers a turn of the event loop after the
   * collection (later still when a synchronous run held the loop), so this waits for
   * them first.
   */
  async read(): Promise<GcTotals> {
    await delay(1);
    await immediate();
    return { count: this.#count, pauseMs: this.#pauseMs };
  }

  async reset(): Promise<void> {
    await this.read();
    this.#count = 0;
    this.#pauseMs = 0;
  }

  stop(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
  }
}
