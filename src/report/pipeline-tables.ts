import type { CaseResult, PipelineMetrics, ResultFile } from '../results/types.js';

/** One measured pipeline case, flattened (NaN where the file lacks a figure). */
export interface PipelineRow {
  readonly id: string;
  readonly scenario: string;
  readonly dataset: string;
  readonly codec: string;
  readonly sink: string;
  readonly records: number;
  readonly variant: string;
  readonly batchSize: number;
  /** Worker threads; 0 on the main thread. */
  readonly workers: number;
  /** Consumer processes (the group variant); 0 for every other variant. */
  readonly consumers: number;
  readonly recordsPerSec: number;
  readonly mbPerSec: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  /** CPU time ÷ wall time: 2.0 is two cores busy. */
  readonly cpuCores: number;
  readonly gcCount: number;
  /** GC pause ÷ wall time, summed over threads. */
  readonly gcShare: number;
  readonly eventLoopP99Ms: number;
  readonly peakRssBytes: number;
  /** Peak RSS less RSS when the timed runs began: what this case added to the process. */
  readonly rssGrowthBytes: number;
  readonly peakHeapBytes: number;
  /** Mean wall time of a run (whole run() calls), ms. */
  readonly runMs: number;
  /** Main-thread microseconds per batch in postMessage (worker variants that post batches). */
  readonly postMessageUsPerBatch: number;
  /** Relative margin of error of the samples' mean, percent. */
  readonly rme: number;
  /** The group variant's own figures (the `group` object of the case's pipeline block). */
  readonly group?: GroupCaseFigures;
}

/** What the report reads of a group case's `pipeline.group` (src/pipeline/group/figures.ts writes it). */
export interface GroupCaseFigures {
  readonly redelivered: number;
  readonly deadLettered: { readonly batches: number; readonly records: number; readonly firstError?: string };
  readonly killDrill?: { readonly runs: number; readonly heldBatches: readonly number[]; readonly stallMs: readonly number[] };
  readonly lag?: { readonly intervalMs: number; readonly points: readonly (readonly [number, number, number])[] };
  readonly peakOutstanding: number;
  readonly brokerCpuShare: number;
  readonly endCheck?: { readonly runs: number; readonly batches: number; readonly lost: number; readonly writtenTwice: number };
}

function groupFigures(value: unknown): GroupCaseFigures | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const g = value as Partial<GroupCaseFigures>;
  return {
    redelivered: num(g.redelivered),
    deadLettered: { batches: num(g.deadLettered?.batches), records: num(g.deadLettered?.records), ...(g.deadLettered?.firstError ? { firstError: g.deadLettered.firstError } : {}) },
    ...(g.killDrill ? { killDrill: g.killDrill } : {}),
    ...(g.lag && Array.isArray(g.lag.points) ? { lag: g.lag } : {}),
    peakOutstanding: num(g.peakOutstanding),
    brokerCpuShare: num(g.brokerCpuShare),
    ...(g.endCheck ? { endCheck: g.endCheck } : {}),
  };
}

/** The parallel count of a row: consumer processes, worker threads, or 0 (neither). */
export function parallelUnits(row: Pick<PipelineRow, 'workers' | 'consumers'>): number {
  return row.consumers > 0 ? row.consumers : row.workers;
}

export interface PipelineGroup {
  readonly title: string;
  readonly scenario: string;
  readonly dataset: string;
  readonly codec: string;
  readonly sink: string;
  readonly records: number;
  /** Sorted by batch size, then variant (in file order), then workers. */
  readonly rows: readonly PipelineRow[];
}

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : Number.NaN);
const str = (value: unknown, fallback: string): string => (typeof value === 'string' ? value : fallback);

function toRow(c: CaseResult, m: PipelineMetrics): PipelineRow {
  const wallMs = Number.isFinite(num(m.runMs)) ? num(m.runMs) : num(m.wallMs);
  const cpuMs = num(m.cpuMs);
  const gcShare = num(m.gcPauseShare);
  return {
    id: c.id,
    scenario: str(m.scenario, c.op),
    dataset: c.dataset,
    codec: c.codec,
    sink: str(m.sink, 'null'),
    records: c.records,
    variant: m.variant,
    batchSize: m.batchSize,
    workers: m.workers,
    consumers: Number.isFinite(num(m.consumers)) ? num(m.consumers) : 0,
    recordsPerSec: num(m.recordsPerSec),
    mbPerSec: num(m.mbPerSec),
    latencyP50Ms: num(m.latencyMs?.p50),
    latencyP99Ms: num(m.latencyMs?.p99),
    cpuCores: Number.isFinite(num(m.cpuCores)) ? num(m.cpuCores) : cpuMs / wallMs,
    gcCount: num(m.gc?.count),
    gcShare: Number.isFinite(gcShare) ? gcShare : num(m.gc?.pauseMs) / wallMs,
    eventLoopP99Ms: num(m.eventLoopDelayMs?.p99),
    peakRssBytes: num(m.peakRssBytes),
    rssGrowthBytes: num(m.peakRssBytes) - num(m.startRssBytes),
    peakHeapBytes: num(m.peakHeapBytes),
    runMs: wallMs / num(m.repetitions),
    postMessageUsPerBatch: num(m.postMessageMsPerBatch) * 1000,
    rme: num(c.stats?.rme),
    ...(m.group !== undefined ? { group: groupFigures(m.group) } : {}),
  };
}

/** The measured pipeline cases of a result file. */
export function pipelineRows(result: ResultFile): PipelineRow[] {
  return result.cases.flatMap((c) => (c.suite === 'pipeline' && c.status === 'ok' && c.pipeline ? [toRow(c, c.pipeline)] : []));
}

/** Pipeline cases that have no measurement, with the reason. */
export function unmeasuredPipelineCases(result: ResultFile): { id: string; status: string; reason: string }[] {
  return result.cases.flatMap((c) => (c.suite === 'pipeline' && c.status !== 'ok' ? [{ id: c.id, status: c.status, reason: c.error }] : []));
}

/** Rows grouped by scenario, dataset, codec, sink and record count, in file order. */
export function pipelineGroups(result: ResultFile): PipelineGroup[] {
  const rows = pipelineRows(result);
  // The reference first, then the variants in the order the file has them.
  const variantOrder = [...new Set(['bare', ...rows.map((r) => r.variant)])];
  const groups = new Map<string, PipelineRow[]>();
  for (const row of rows) {
    const key = [row.scenario, row.dataset, row.codec, row.sink, row.records].join('\u0000');
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()].map((members) => {
    const first = members[0] as PipelineRow;
    const sorted = [...members].sort((a, b) => a.batchSize - b.batchSize || variantOrder.indexOf(a.variant) - variantOrder.indexOf(b.variant) || parallelUnits(a) - parallelUnits(b));
    return {
      title: `${first.scenario} · ${first.dataset} · ${first.codec}`,
      scenario: first.scenario,
      dataset: first.dataset,
      codec: first.codec,
      sink: first.sink,
      records: first.records,
      rows: sorted,
    };
  });
}

/** Throughput relative to the bare codec loop on the same batches (NaN without one). */
export function relativeToBare(row: PipelineRow, group: PipelineGroup): number {
  const bare = group.rows.find((r) => r.variant === 'bare' && r.batchSize === row.batchSize);
  return bare ? row.recordsPerSec / bare.recordsPerSec : Number.NaN;
}

export interface ScalingRow {
  readonly group: string;
  readonly variant: string;
  readonly batchSize: number;
  /** Worker threads, or consumer processes for the group variant. */
  readonly workers: number;
  /** The parallel units are consumer processes. */
  readonly processes: boolean;
  readonly recordsPerSec: number;
  /** Throughput ÷ the same variant's throughput with one worker. */
  readonly speedup: number;
  /** Speedup ÷ workers (1.0: every worker adds a worker's worth). */
  readonly efficiency: number;
  readonly cpuCores: number;
}

/**
 * Worker and consumer-group variants by worker (consumer) count, with speedup and
 * parallel efficiency against one worker (efficiency = throughput ÷ K × one's).
 */
export function scalingRows(groups: readonly PipelineGroup[]): ScalingRow[] {
  return groups.flatMap((group) =>
    group.rows
      .filter((row) => parallelUnits(row) > 0)
      .map((row) => {
        const units = parallelUnits(row);
        const one = group.rows.find((r) => r.variant === row.variant && r.batchSize === row.batchSize && parallelUnits(r) === 1);
        const speedup = one ? row.recordsPerSec / one.recordsPerSec : Number.NaN;
        return {
          group: group.title,
          variant: row.variant,
          batchSize: row.batchSize,
          workers: units,
          processes: row.consumers > 0,
          recordsPerSec: row.recordsPerSec,
          speedup,
          efficiency: speedup / units,
          cpuCores: row.cpuCores,
        };
      }),
  );
}

export interface CrossingRow {
  readonly group: string;
  readonly batchSize: number;
  readonly workers: number;
  /** `workers`: the main thread's source posts every batch to the workers. */
  readonly postedPerSec: number;
  /** `workers-sharded`: each worker makes its own records; nothing crosses. */
  readonly shardedPerSec: number;
  /** Share of the sharded throughput lost to crossing (negative: crossing was not the bottleneck). */
  readonly loss: number;
  readonly postMessageUsPerBatch: number;
}

/** `workers` against `workers-sharded` at the same batch size and worker count: what crossing threads costs. */
export function crossingRows(groups: readonly PipelineGroup[]): CrossingRow[] {
  return groups.flatMap((group) =>
    group.rows
      .filter((row) => row.variant === 'workers')
      .flatMap((posted) => {
        const sharded = group.rows.find((r) => r.variant === 'workers-sharded' && r.batchSize === posted.batchSize && r.workers === posted.workers);
        if (!sharded) return [];
        return [
          {
            group: group.title,
            batchSize: posted.batchSize,
            workers: posted.workers,
            postedPerSec: posted.recordsPerSec,
            shardedPerSec: sharded.recordsPerSec,
            loss: 1 - posted.recordsPerSec / sharded.recordsPerSec,
            postMessageUsPerBatch: posted.postMessageUsPerBatch,
          },
        ];
      }),
  );
}

/** Runs shorter than this are too short to tell holding the loop from yielding every 10 ms. */
const HOLD_VISIBLE_RUN_MS = 50;
/** An event-loop delay this long is worth a mention even when the run did yield. */
const SLOW_LOOP_MS = 100;
const HEAVY_GC = 0.1;

/** The most telling cost of a row, in words (or '' when nothing stands out). */
export function tellingCost(row: PipelineRow): string {
  const costs: string[] = [];
  if (row.postMessageUsPerBatch > 0) costs.push(`postMessage ${formatUs(row.postMessageUsPerBatch)} per batch`);
  if (row.gcShare >= HEAVY_GC) costs.push(`GC ${(row.gcShare * 100).toFixed(0)}% of wall time`);
  // A delay as long as half a run means the run held the loop (sync, bare) — when runs are long
  // enough to tell that from the monitor's own 10 ms ticks.
  if (row.runMs >= HOLD_VISIBLE_RUN_MS && row.eventLoopP99Ms >= 0.5 * row.runMs) costs.push(`holds the event loop for whole runs (p99 ${row.eventLoopP99Ms.toFixed(0)} ms)`);
  else if (row.eventLoopP99Ms >= SLOW_LOOP_MS) costs.push(`event loop p99 ${row.eventLoopP99Ms.toFixed(0)} ms`);
  return costs.join(', ');
}

function formatUs(us: number): string {
  return us < 10 ? `${us.toFixed(1)} µs` : `${us.toFixed(0)} µs`;
}

export interface BatchVerdict {
  readonly batchSize: number;
  readonly best: PipelineRow;
  /** Every other pipeline variant (bare excluded) at its best worker count, slowest last. */
  readonly others: readonly { readonly row: PipelineRow; readonly share: number }[];
}

/** For each batch size: the fastest pipeline variant, and how the others compare and why. */
export function batchVerdicts(group: PipelineGroup): BatchVerdict[] {
  const batches = [...new Set(group.rows.map((r) => r.batchSize))];
  return batches.flatMap((batchSize) => {
    const bestPerVariant = new Map<string, PipelineRow>();
    for (const row of group.rows) {
      if (row.batchSize !== batchSize || row.variant === 'bare' || !Number.isFinite(row.recordsPerSec)) continue;
      const seen = bestPerVariant.get(row.variant);
      if (!seen || row.recordsPerSec > seen.recordsPerSec) bestPerVariant.set(row.variant, row);
    }
    const ranked = [...bestPerVariant.values()].sort((a, b) => b.recordsPerSec - a.recordsPerSec);
    const best = ranked[0];
    if (!best) return [];
    return [{ batchSize, best, others: ranked.slice(1).map((row) => ({ row, share: row.recordsPerSec / best.recordsPerSec })) }];
  });
}
