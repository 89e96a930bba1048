import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/** Event-loop delay of the main thread, from Node's own HDR histogram (perf_hooks). */
export class EventLoopDelay {
  readonly #histogram: IntervalHistogram;

  constructor(resolutionMs = 10) {
    this.#histogram = monitorEventLoopDelay({ resolution: resolutionMs });
  }

  /** Measures from now on, adding to what earlier enable() periods recorded. */
  enable(): void {
    this.#histogram.enable();
  }

  disable(): void {
    this.#histogram.disable();
  }

  reset(): void {
    this.#histogram.reset();
  }

  /** p99 in milliseconds; 0 when the loop was never measured (a run shorter than the resolution). */
  p99Ms(): number {
    return this.#histogram.count === 0 ? 0 : this.#histogram.percentile(99) / 1e6;
  }

  maxMs(): number {
    return this.#histogram.count === 0 ? 0 : this.#histogram.max / 1e6;
  }
}
