import { Bench } from 'tinybench';
import type { CaseBody } from './measure.js';

export type WarmUp = { readonly ok: true; readonly callsPerSlice: number; readonly msPerCall: number } | { readonly ok: false; readonly error: Error };

function toError(thrown: unknown): Error {
  return thrown instanceof Error ? thrown : new Error(String(thrown));
}

/** Calls per slice so that a slice lasts at least `sliceMs` (fast calls are timed in groups: timer resolution, loop overhead). */
export function callsForSlice(msPerCall: number, sliceMs: number): number {
  if (!(msPerCall > 0)) return 1;
  return Math.max(1, Math.min(1 << 20, Math.ceil(sliceMs / msPerCall)));
}

/**
 * Warms a body up with tinybench for `warmupMs` (JIT tiers, inline caches) and
 * takes the median time of a call from it, which sizes the slices. A body that
 * throws here fails its case before any slice is timed.
 */
export async function warmUp(body: CaseBody, warmupMs: number, sliceMs: number, signal?: AbortSignal): Promise<WarmUp> {
  try {
    const bench = new Bench({
      time: warmupMs,
      warmupTime: 0,
      warmupIterations: 0,
      iterations: 2,
      retainSamples: false,
      throws: true,
      timestampProvider: 'hrtimeNow',
      ...(signal ? { signal } : {}),
    });
    bench.add('warm-up', body.mode === 'sync' ? () => void body.call() : async () => void (await body.call()));
    await bench.run();
    const result = bench.tasks[0]?.result;
    if (!result) return { ok: false, error: new Error('tinybench returned no result') };
    if (result.state === 'errored') return { ok: false, error: toError(result.error) };
    if (result.state !== 'completed' && result.state !== 'aborted-with-statistics') return { ok: false, error: new Error(`warm-up ${result.state}`) };
    const msPerCall = result.latency.p50;
    return { ok: true, msPerCall, callsPerSlice: callsForSlice(msPerCall, sliceMs) };
  } catch (thrown) {
    return { ok: false, error: toError(thrown) };
  }
}
