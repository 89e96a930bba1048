import type { PipelineGroup, PipelineRow } from '../pipeline-tables.js';
import { parallelUnits, scalingRows } from '../pipeline-tables.js';

/**
 * What the pipeline charts plot, on top of the pipeline suite's own table model
 * (src/report/pipeline-tables.ts: rows grouped by scenario, dataset, codec, sink).
 */

export function variantsOf(rows: readonly PipelineRow[]): string[] {
  return [...new Set(rows.map((r) => r.variant))];
}

/**
 * The batch size the scaling chart uses: the one measured with the most
 * (variant, workers) pairs, the larger on a tie (less per-batch overhead).
 */
export function scalingBatchSize(rows: readonly PipelineRow[]): number | undefined {
  const pairs = new Map<number, Set<string>>();
  for (const r of rows) {
    if (!Number.isFinite(r.recordsPerSec)) continue;
    const set = pairs.get(r.batchSize) ?? new Set<string>();
    set.add(`${r.variant}\u0000${parallelUnits(r)}`);
    pairs.set(r.batchSize, set);
  }
  return [...pairs.entries()].sort((a, b) => b[1].size - a[1].size || b[0] - a[0])[0]?.[0];
}

export interface VariantSeries {
  readonly variant: string;
  readonly rows: readonly PipelineRow[];
}

/** Throughput by worker (or consumer process) count for each variant at one batch size (the best of any duplicates). */
export function scalingSeries(rows: readonly PipelineRow[], batchSize: number): VariantSeries[] {
  return variantsOf(rows)
    .map((variant) => {
      const byWorkers = new Map<number, PipelineRow>();
      for (const r of rows) {
        if (r.variant !== variant || r.batchSize !== batchSize || !Number.isFinite(r.recordsPerSec)) continue;
        const seen = byWorkers.get(parallelUnits(r));
        if (!seen || r.recordsPerSec > seen.recordsPerSec) byWorkers.set(parallelUnits(r), r);
      }
      return { variant, rows: [...byWorkers.values()].sort((a, b) => parallelUnits(a) - parallelUnits(b)) };
    })
    .filter((s) => s.rows.length > 0);
}

export interface EfficiencySeries {
  readonly variant: string;
  readonly points: readonly { readonly workers: number; readonly efficiency: number; readonly speedup: number; readonly recordsPerSec: number }[];
}

/**
 * Parallel efficiency (speedup over one worker ÷ workers, as the Markdown report's
 * scaling table) for the variants measured at two or more worker counts including one.
 */
export function efficiencySeries(group: PipelineGroup, batchSize: number): EfficiencySeries[] {
  const rows = scalingRows([group]).filter((r) => r.batchSize === batchSize && Number.isFinite(r.efficiency));
  return variantsOf(group.rows).flatMap((variant) => {
    const points = rows
      .filter((r) => r.variant === variant)
      .sort((a, b) => a.workers - b.workers)
      .map((r) => ({ workers: r.workers, efficiency: r.efficiency, speedup: r.speedup, recordsPerSec: r.recordsPerSec }));
    return points.length >= 2 ? [{ variant, points }] : [];
  });
}

export interface BatchSeries extends VariantSeries {
  readonly workers: number;
}

/** Throughput by batch size for each variant at its smallest worker count; only variants with two or more batch sizes. */
export function batchSeries(rows: readonly PipelineRow[]): BatchSeries[] {
  return variantsOf(rows).flatMap((variant) => {
    const own = rows.filter((r) => r.variant === variant && Number.isFinite(r.recordsPerSec));
    const workers = Math.min(...own.map(parallelUnits));
    const byBatch = new Map<number, PipelineRow>();
    for (const r of own) if (parallelUnits(r) === workers && (!byBatch.has(r.batchSize) || r.recordsPerSec > (byBatch.get(r.batchSize)?.recordsPerSec ?? 0))) byBatch.set(r.batchSize, r);
    const sorted = [...byBatch.values()].sort((a, b) => a.batchSize - b.batchSize);
    return sorted.length >= 2 ? [{ variant, workers, rows: sorted }] : [];
  });
}

export interface LagSeries {
  readonly label: string;
  readonly consumers: number;
  /** [ms since the first XADD, outstanding batches (lag + pending), lag, pending]. */
  readonly points: readonly (readonly [number, number, number, number])[];
}

/** The group cases' lag over time (their median run), one series per consumer count at the scaling chart's batch size. */
export function lagSeries(rows: readonly PipelineRow[], batchSize: number): LagSeries[] {
  return rows
    .filter((r) => r.consumers > 0 && r.batchSize === batchSize && (r.group?.lag?.points.length ?? 0) > 0)
    .sort((a, b) => a.consumers - b.consumers)
    .map((r) => ({
      label: `${r.variant} ×${r.consumers}`,
      consumers: r.consumers,
      points: (r.group?.lag?.points ?? []).map(([at, lag, pending]) => [at, (Number.isFinite(lag) ? lag : 0) + pending, lag, pending] as const),
    }));
}
