/**
 * Peak RSS and heap, sampled on a timer and inline (`maybeSample`) by the stage that
 * sees every batch: a run that never yields to the event loop starves the timer.
 * `process.memoryUsage()` reads /proc and costs several microseconds, hence the
 * interval. On a worker thread the heap is that thread's own.
 */
export class MemorySampler {
  peakRssBytes = 0;
  peakHeapBytes = 0;
  readonly #intervalMs: number;
  #nextAt = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(intervalMs: number) {
    this.#intervalMs = intervalMs;
  }

  start(): void {
    this.sample();
    this.#timer ??= setInterval(() => this.sample(), this.#intervalMs).unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    this.sample();
  }

  /** Samples when the last sample is older than the interval; `at` is the caller's clock in ms. */
  maybeSample(at: number): void {
    if (at >= this.#nextAt) {
      this.#nextAt = at + this.#intervalMs;
      this.sample();
    }
  }

  sample(): void {
    const usage = process.memoryUsage();
    if (usage.rss > this.peakRssBytes) this.peakRssBytes = usage.rss;
    if (usage.heapUsed > this.peakHeapBytes) this.peakHeapBytes = usage.heapUsed;
  }

  reset(): void {
    this.peakRssBytes = 0;
    this.peakHeapBytes = 0;
    this.#nextAt = 0;
  }
}
