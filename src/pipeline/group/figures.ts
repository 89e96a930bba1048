import type { ProcessRunStats } from '../variants/types.js';

// What the group variant measures beyond the common pipeline figures: per run (from
// producer.ts), and over a case's timed runs (the `group` object of the case's
// `pipeline` block in the result file).

export interface KillFigures {
  readonly consumer: string;
  readonly pid: number;
  readonly atBatch: number;
  /** Batches the killed consumer had been handed and not committed: they had to be claimed by others. */
  readonly heldBatches: number;
  /** Absolute time of the kill (ms, see clock.ts). */
  readonly killedAt: number;
  /** From the kill until the replacement consumer had joined the session. */
  readonly replacementJoinMs: number;
}

export interface GroupRunFigures {
  readonly elapsedMs: number;
  readonly batches: number;
  readonly backlogBatches: number;
  /** Entries consumers took over from another consumer's pending list (XAUTOCLAIM) and processed. */
  readonly redelivered: number;
  /** Batches processed twice whose second commit the ledger refused. */
  readonly duplicates: number;
  /** Processing attempts that threw. */
  readonly failures: number;
  readonly deadLettered: { readonly batches: number; readonly records: number; readonly errors: readonly string[] };
  /** The kill drill, with the stall it caused: from the kill until every batch the consumer held was committed by another. */
  readonly kill?: KillFigures & { readonly stallMs: number };
  /** The longest time between two commits while the run was timed. */
  readonly maxAckGapMs: number;
  /** [ms since the first XADD, lag (entries not yet delivered), pending (delivered, not acknowledged)]. */
  readonly lag: { readonly intervalMs: number; readonly points: readonly (readonly [number, number, number])[] };
  readonly processes: readonly ProcessRunStats[];
  readonly broker: { readonly cpuMs: number; readonly peakRssBytes: number; readonly metrics: Readonly<Record<string, number>> };
}

interface ProcessTotals {
  role: ProcessRunStats['role'];
  cpuMs: number;
  peakRssBytes: number;
}

/** Keeps at most `max` points by dropping every other one until they fit (the chart needs the shape, not every sample). */
export function thinPoints<T>(points: readonly T[], max: number): T[] {
  let kept = [...points];
  while (kept.length > max) kept = kept.filter((_, i) => i % 2 === 0);
  return kept;
}

/** The case's group figures: totals over its timed runs, the median run's lag series, per-process CPU and memory. */
export class GroupCaseFigures {
  readonly #runs: GroupRunFigures[] = [];

  add(run: GroupRunFigures): void {
    this.#runs.push(run);
  }

  toCaseFigures(settings: { claimIdleMs: number; retries: number; killConsumerAt?: number; maxLagPoints: number }): Record<string, unknown> {
    const runs = this.#runs;
    if (runs.length === 0) return {};
    const sum = (pick: (run: GroupRunFigures) => number): number => runs.reduce((total, run) => total + pick(run), 0);
    const median = [...runs].sort((a, b) => a.elapsedMs - b.elapsedMs)[Math.floor((runs.length - 1) / 2)] as GroupRunFigures;
    const processes = new Map<string, ProcessTotals>();
    for (const run of runs) {
      for (const p of run.processes) {
        // Replacement consumers keep the slot of the one they replaced: c0g0, c0g1 … are consumer 0.
        const key = p.role === 'consumer' ? `consumer ${/^c(\d+)g/.exec(p.name)?.[1] ?? p.name}` : p.name;
        const seen = processes.get(key) ?? { role: p.role, cpuMs: 0, peakRssBytes: 0 };
        seen.cpuMs += p.cpuMs;
        seen.peakRssBytes = Math.max(seen.peakRssBytes, p.peakRssBytes);
        processes.set(key, seen);
      }
    }
    const kills = runs.flatMap((run) => (run.kill ? [run.kill] : []));
    const errors = runs.flatMap((run) => run.deadLettered.errors);
    const timedMs = sum((run) => run.elapsedMs);
    const brokerCpuMs = sum((run) => (Number.isFinite(run.broker.cpuMs) && run.broker.cpuMs > 0 ? run.broker.cpuMs : 0));
    return {
      group: {
        runs: runs.length,
        batchesPerRun: median.batches,
        backlogBatches: median.backlogBatches,
        claimIdleMs: settings.claimIdleMs,
        retries: settings.retries,
        endCheck: { runs: runs.length, batches: sum((run) => run.batches), lost: 0, writtenTwice: 0 },
        redelivered: sum((run) => run.redelivered),
        duplicates: sum((run) => run.duplicates),
        processingFailures: sum((run) => run.failures),
        deadLettered: { batches: sum((run) => run.deadLettered.batches), records: sum((run) => run.deadLettered.records), ...(errors[0] !== undefined ? { firstError: errors[0] } : {}) },
        maxAckGapMs: Math.max(...runs.map((run) => run.maxAckGapMs)),
        ...(kills.length > 0
          ? {
              killDrill: {
                atBatch: settings.killConsumerAt,
                runs: kills.length,
                heldBatches: kills.map((k) => k.heldBatches),
                stallMs: kills.map((k) => k.stallMs),
                replacementJoinMs: kills.map((k) => k.replacementJoinMs),
              },
            }
          : {}),
        lag: { intervalMs: median.lag.intervalMs, elapsedMs: median.elapsedMs, points: thinPoints(median.lag.points, settings.maxLagPoints) },
        peakOutstanding: Math.max(0, ...runs.flatMap((run) => run.lag.points.map(([, lag, pending]) => (Number.isFinite(lag) ? lag : 0) + pending))),
        processes: [...processes.entries()].map(([name, p]) => ({ role: p.role, name, cpuMs: p.cpuMs, cpuCores: p.cpuMs / timedMs, peakRssBytes: p.peakRssBytes })),
        brokerCpuShare: brokerCpuMs / sum((run) => run.processes.reduce((total, p) => total + (Number.isFinite(p.cpuMs) && p.cpuMs > 0 ? p.cpuMs : 0), 0)),
        broker: { peakRssBytes: Math.max(...runs.map((run) => run.broker.peakRssBytes)), ...sumMetrics(runs) },
      },
    };
  }
}

function sumMetrics(runs: readonly GroupRunFigures[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const run of runs) for (const [name, value] of Object.entries(run.broker.metrics)) totals[name] = (totals[name] ?? 0) + value;
  return totals;
}
