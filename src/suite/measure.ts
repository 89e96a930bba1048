/** What one timed call does; sync bodies are timed without any await in the loop. */
export type CaseBody = { readonly mode: 'sync'; readonly call: () => unknown } | { readonly mode: 'async'; readonly call: () => Promise<unknown> };

/** Results are written here so V8 cannot drop a call whose result is never used. */
let blackhole: unknown;

/** Reads the blackhole, so the writes into it stay observable. */
export function consume(): unknown {
  return blackhole;
}

/** Runs `calls` back-to-back calls of a body and returns the elapsed milliseconds. */
export async function timeCalls(body: CaseBody, calls: number): Promise<number> {
  const start = performance.now();
  if (body.mode === 'sync') for (let i = 0; i < calls; i++) blackhole = body.call();
  else for (let i = 0; i < calls; i++) blackhole = await body.call();
  return performance.now() - start;
}

/** Runs `calls` calls without timing them (warm-up, instruction-count phases). */
export async function runCalls(body: CaseBody, calls: number): Promise<void> {
  if (body.mode === 'sync') for (let i = 0; i < calls; i++) blackhole = body.call();
  else for (let i = 0; i < calls; i++) blackhole = await body.call();
}
