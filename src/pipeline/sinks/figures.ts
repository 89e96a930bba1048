import { LatencyHistogram } from '../measure/latency.js';
import type { SinkSummary } from './types.js';

/** What a case reports about its sinks beyond records and bytes: fields of the case's `pipeline` object. */
export interface SinkCaseMetrics {
  /** Each sink metric summed over every instance and timed run. */
  readonly sinkMetrics?: Readonly<Record<string, number>>;
  /** Per-batch write latency (sent to acknowledged) over every timed run, in ms. */
  readonly sinkWriteLatencyMs?: { readonly p50: number; readonly p90: number; readonly p99: number; readonly p999: number; readonly max: number; readonly count: number };
}

/** Sums the particular figures of a case's sink summaries (see SinkSummary.metrics). */
export class SinkFigures {
  readonly #totals: Record<string, number> = {};
  readonly #latency = new LatencyHistogram();
  #reported = false;

  add(summaries: readonly SinkSummary[]): void {
    for (const summary of summaries) {
      for (const [name, value] of Object.entries(summary.metrics ?? {})) {
        this.#totals[name] = (this.#totals[name] ?? 0) + value;
        this.#reported = true;
      }
      if (summary.writeLatency !== undefined) {
        const latency = LatencyHistogram.decode(summary.writeLatency);
        this.#latency.add(latency);
        latency.destroy();
      }
    }
  }

  /** Nothing when the sinks reported nothing particular (null, memory, slow). */
  toCaseMetrics(): SinkCaseMetrics {
    const latency = this.#latency;
    return {
      ...(this.#reported ? { sinkMetrics: { ...this.#totals } } : {}),
      ...(latency.count > 0
        ? {
            sinkWriteLatencyMs: {
              p50: latency.percentileMs(50),
              p90: latency.percentileMs(90),
              p99: latency.percentileMs(99),
              p999: latency.percentileMs(99.9),
              max: latency.percentileMs(100),
              count: latency.count,
            },
          }
        : {}),
    };
  }

  destroy(): void {
    this.#latency.destroy();
  }
}
