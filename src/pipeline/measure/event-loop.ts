import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * Event-loop delay of the main thread during runs, from Node's own histogram
 * (perf_hooks monitorEventLoopDelay). Each run gets a fresh monitor: one that is
 * disabled and enabled again measures its first delay from its last sample of the
 * run before, so it would record the gap between runs (a forced GC, bookkeeping) as a
 * stall. A fresh monitor records nothing at its first tick (it has no earlier one to
 * measure from), so startRun() waits for that tick before the run. Node cannot merge
 * these histograms, so the figure is the worst run's p99.
 */
export class EventLoopDelay {
  readonly #resolutionMs: number;
  #current: IntervalHistogram | undefined;
  #p99Ms = 0;
  #maxMs = 0;

  constructor(resolutionMs = 10) {
    this.#resolutionMs = resolutionMs;
  }

  async startRun(): Promise<void> {
    this.#current?.disable();
    this.#current = monitorEventLoopDelay({ resolution: this.#resolutionMs });
    this.#current.enable();
    await delay(this.#resolutionMs + 2);
  }

  endRun(): void {
    const histogram = this.#current;
    if (!histogram) return;
    histogram.disable();
    this.#current = undefined;
    if (histogram.count === 0) return;
    this.#p99Ms = Math.max(this.#p99Ms, histogram.percentile(99) / 1e6);
    this.#maxMs = Math.max(this.#maxMs, histogram.max / 1e6);
  }

  /** The highest p99 of any run, in milliseconds (0 when no run lasted a sample). */
  p99Ms(): number {
    return this.#p99Ms;
  }

  maxMs(): number {
    return this.#maxMs;
  }
}
