import { Bench } from 'tinybench';

export interface MeasureOptions {
  readonly timeMs: number;
  readonly warmupMs: number;
  readonly minSampleMs: number;
  readonly maxSamples: number;
  readonly signal?: AbortSignal;
}

/** What one timed call does; sync bodies are timed without any await in the loop. */
export type CaseBody = { readonly mode: 'sync'; readonly call: () => unknown } | { readonly mode: 'async'; readonly call: () => Promise<unknown> };

export type Measurement =
  | { readonly ok: true; readonly samplesNs: number[]; readonly callsPerSample: number }
  | { readonly ok: false; readonly error: Error };

const YIELD_EVERY_MS = 50;

/** Results are written here so V8 cannot drop a call whose result is never used. */
let blackhole: unknown;
export function consumed(): unknown {
  return blackhole;
}

function toError(thrown: unknown): Error {
  return thrown instanceof Error ? thrown : new Error(String(thrown));
}

/**
 * How many back-to-back calls one sample should time: fast calls (memcpy of a small
 * batch) are shorter than the timer's resolution and loop overhead, so they are
 * timed in groups and the sample is the group's mean.
 */
async function timeCalls(body: CaseBody, calls: number): Promise<number> {
  const start = performance.now();
  if (body.mode === 'sync') for (let i = 0; i < calls; i++) blackhole = body.call();
  else for (let i = 0; i < calls; i++) blackhole = await body.call();
  return performance.now() - start;
}

async function callsPerSample(body: CaseBody, options: MeasureOptions): Promise<number> {
  const targetMs = Math.max(options.minSampleMs, options.timeMs / options.maxSamples);
  let calls = 1;
  for (;;) {
    const elapsed = await timeCalls(body, calls);
    if (elapsed >= targetMs || calls >= 1 << 20) return Math.max(1, Math.round((calls * targetMs) / Math.max(elapsed, 1e-6)));
    calls *= elapsed < targetMs / 8 ? 8 : 2;
  }
}

/** Times `call` with tinybench and returns each sample in nanoseconds per call. */
export async function measure(body: CaseBody, options: MeasureOptions): Promise<Measurement> {
  try {
    const calls = await callsPerSample(body, options);
    const bench = new Bench({
      time: options.timeMs,
      warmupTime: options.warmupMs,
      iterations: 3,
      warmupIterations: 1,
      retainSamples: true,
      throws: true,
      timestampProvider: 'hrtimeNow',
      ...(options.signal ? { signal: options.signal } : {}),
    });
    // The timed region is inside the task (overriddenDuration), so the task may be async and
    // yield to the event loop now and then without touching the samples: otherwise a long run of
    // synchronous calls would keep SIGINT and the abort signal from being seen until the case ends.
    let lastYield = performance.now();
    const yieldNowAndThen = async (): Promise<void> => {
      if (performance.now() - lastYield < YIELD_EVERY_MS) return;
      await new Promise((resolve) => setImmediate(resolve));
      lastYield = performance.now();
    };
    bench.add('case', async () => {
      const start = bench.now();
      if (body.mode === 'sync') for (let i = 0; i < calls; i++) blackhole = body.call();
      else for (let i = 0; i < calls; i++) blackhole = await body.call();
      const duration = bench.now() - start;
      await yieldNowAndThen();
      return { overriddenDuration: duration / calls, overriddenIterationCost: duration };
    });
    await bench.run();
    const result = bench.tasks[0]?.result;
    if (!result) return { ok: false, error: new Error('tinybench returned no result') };
    if (result.state === 'errored') return { ok: false, error: toError(result.error) };
    if (result.state !== 'completed' && result.state !== 'aborted-with-statistics') return { ok: false, error: new Error(`measurement ${result.state}`) };
    const samples = result.latency.samples ?? [];
    return { ok: true, samplesNs: samples.map((ms) => ms * 1e6), callsPerSample: calls };
  } catch (thrown) {
    return { ok: false, error: toError(thrown) };
  }
}
