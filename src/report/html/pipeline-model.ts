import type { CaseResult, PipelineMetrics, ResultFile } from '../../results/types.js';

/** One measured pipeline case, flattened for charts and tables (NaN for a figure the file lacks). */
export interface PipelinePoint {
  readonly id: string;
  readonly variant: string;
  readonly batchSize: number;
  /** Worker threads; 0 for variants that run on the main thread. */
  readonly workers: number;
  readonly recordsPerSec: number;
  readonly mbPerSec: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  readonly peakRssBytes: number;
  readonly cpuUtilization: number;
  readonly gcPauseMs: number;
  readonly eventLoopDelayP99Ms: number;
}

/** Cases of one scenario, dataset, codec (and sink): the charts of one pipeline block. */
export interface PipelineGroup {
  readonly key: string;
  readonly title: string;
  readonly points: readonly PipelinePoint[];
  /** Cases that did not produce a measurement, with their reason. */
  readonly missing: readonly { readonly id: string; readonly reason: string }[];
}

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : Number.NaN);
const nested = (value: unknown, key: string): unknown => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined);

export function pipelinePoint(id: string, m: PipelineMetrics): PipelinePoint {
  return {
    id,
    variant: m.variant,
    batchSize: m.batchSize,
    workers: m.workers,
    recordsPerSec: num(m.recordsPerSec),
    mbPerSec: num(m.mbPerSec),
    latencyP50Ms: num(nested(m.latencyMs, 'p50')),
    latencyP99Ms: num(nested(m.latencyMs, 'p99')),
    peakRssBytes: num(m.peakRssBytes),
    cpuUtilization: num(m.cpuUtilization),
    gcPauseMs: num(nested(m.gc, 'pauseMs')),
    eventLoopDelayP99Ms: num(nested(m.eventLoopDelayMs, 'p99')),
  };
}

function groupOf(c: CaseResult): { key: string; title: string } {
  const sink = typeof c.pipeline?.sink === 'string' ? c.pipeline.sink : undefined;
  const parts = [c.op, c.dataset, c.codec, ...(sink ? [`${sink} sink`] : [])];
  return { key: parts.join('\u0000'), title: parts.join(' · ') };
}

/** Pipeline cases grouped by scenario (op), dataset, codec and sink, in file order. */
export function pipelineGroups(result: ResultFile): PipelineGroup[] {
  const groups = new Map<string, { title: string; points: PipelinePoint[]; missing: { id: string; reason: string }[] }>();
  for (const c of result.cases) {
    if (c.suite !== 'pipeline') continue;
    const { key, title } = groupOf(c);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { title, points: [], missing: [] }));
    if (c.status === 'ok' && c.pipeline) group.points.push(pipelinePoint(c.id, c.pipeline));
    else group.missing.push({ id: c.id, reason: c.status === 'ok' ? 'no pipeline figures' : `${c.status}: ${c.error}` });
  }
  return [...groups.entries()].map(([key, g]) => ({ key, ...g }));
}

export function variantsOf(points: readonly PipelinePoint[]): string[] {
  return [...new Set(points.map((p) => p.variant))];
}

/**
 * The batch size the scaling chart uses: the one measured with the most
 * (variant, workers) pairs, the larger on a tie (less per-batch overhead).
 */
export function scalingBatchSize(points: readonly PipelinePoint[]): number | undefined {
  const pairs = new Map<number, Set<string>>();
  for (const p of points) {
    if (!Number.isFinite(p.recordsPerSec)) continue;
    const set = pairs.get(p.batchSize) ?? new Set<string>();
    set.add(`${p.variant}\u0000${p.workers}`);
    pairs.set(p.batchSize, set);
  }
  return [...pairs.entries()].sort((a, b) => b[1].size - a[1].size || b[0] - a[0])[0]?.[0];
}

/** Throughput by worker count for each variant, at one batch size (one point per worker count: the best of any duplicates). */
export function scalingSeries(points: readonly PipelinePoint[], batchSize: number): { variant: string; points: PipelinePoint[] }[] {
  return variantsOf(points)
    .map((variant) => {
      const byWorkers = new Map<number, PipelinePoint>();
      for (const p of points) {
        if (p.variant !== variant || p.batchSize !== batchSize || !Number.isFinite(p.recordsPerSec)) continue;
        const seen = byWorkers.get(p.workers);
        if (!seen || p.recordsPerSec > seen.recordsPerSec) byWorkers.set(p.workers, p);
      }
      return { variant, points: [...byWorkers.values()].sort((a, b) => a.workers - b.workers) };
    })
    .filter((s) => s.points.length > 0);
}

/**
 * Parallel efficiency: throughput per worker relative to the variant's smallest
 * worker count (1.0 = adding workers adds throughput in proportion). Only for
 * variants measured at two or more positive worker counts.
 */
export function efficiencySeries(series: readonly { variant: string; points: readonly PipelinePoint[] }[]): { variant: string; points: { workers: number; efficiency: number; point: PipelinePoint }[] }[] {
  return series.flatMap(({ variant, points }) => {
    const threaded = points.filter((p) => p.workers > 0);
    const base = threaded[0];
    if (!base || threaded.length < 2) return [];
    const perWorker = base.recordsPerSec / base.workers;
    return [{ variant, points: threaded.map((p) => ({ workers: p.workers, efficiency: p.recordsPerSec / p.workers / perWorker, point: p })) }];
  });
}

/** Throughput by batch size for each variant, at its smallest worker count; only variants with two or more batch sizes. */
export function batchSeries(points: readonly PipelinePoint[]): { variant: string; workers: number; points: PipelinePoint[] }[] {
  return variantsOf(points).flatMap((variant) => {
    const own = points.filter((p) => p.variant === variant && Number.isFinite(p.recordsPerSec));
    const workers = Math.min(...own.map((p) => p.workers));
    const byBatch = new Map<number, PipelinePoint>();
    for (const p of own) if (p.workers === workers && (!byBatch.has(p.batchSize) || p.recordsPerSec > (byBatch.get(p.batchSize)?.recordsPerSec ?? 0))) byBatch.set(p.batchSize, p);
    const sorted = [...byBatch.values()].sort((a, b) => a.batchSize - b.batchSize);
    return sorted.length >= 2 ? [{ variant, workers, points: sorted }] : [];
  });
}
