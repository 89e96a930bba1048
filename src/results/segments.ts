import { setAsideRounds } from './figures.js';
import type { LoadedCase } from './read.js';

/**
 * The runs — interleaved rounds or separate processes — that a case's samples
 * came from, as consecutive counts, when the file shows them. Samples from one
 * run share that run's state (JIT tier, heap layout, a noisy neighbour), so
 * compare treats the run, not the sample, as the unit of run-to-run noise.
 *
 * Read from, in order:
 * 1. `extra.roundSizes`: positive whole numbers adding up to the sample count
 *    (merge --concat-samples writes it; a suite may record it directly);
 * 2. `extra.rounds` = R >= 2 and samples that form exactly R ascending runs: the
 *    codec suite stores each round's samples sorted, as tinybench returns them.
 * Otherwise null: one run, or a structure the file does not show.
 */
export function sampleSegments(item: LoadedCase): number[] | null {
  const extra = typeof item.extra === 'object' && item.extra !== null ? (item.extra as Record<string, unknown>) : {};
  const total = item.samples.length;
  const explicit = extra.roundSizes;
  if (Array.isArray(explicit) && explicit.length >= 2) {
    const sizes = explicit.filter((size): size is number => Number.isSafeInteger(size) && (size as number) > 0);
    if (sizes.length === explicit.length && sizes.reduce((sum, size) => sum + size, 0) === total) return sizes;
    return null;
  }
  const rounds = extra.rounds;
  if (typeof rounds !== 'number' || !Number.isSafeInteger(rounds) || rounds < 2) return null;
  const sizes: number[] = [];
  let start = 0;
  for (let i = 1; i <= total; i++) {
    if (i === total || (item.samples[i] as number) < (item.samples[i - 1] as number)) {
      sizes.push(i - start);
      start = i;
    }
  }
  return sizes.length === rounds ? sizes : null;
}

/** Splits samples by {@link sampleSegments}; one segment when the structure is unknown. */
export function splitSegments(item: LoadedCase): number[][] {
  const sizes = sampleSegments(item) ?? [item.samples.length];
  const segments: number[][] = [];
  let start = 0;
  for (const size of sizes) {
    segments.push(item.samples.slice(start, start + size));
    start += size;
  }
  return segments;
}

/**
 * The segments a case's figures are made of: {@link splitSegments} without the
 * rounds its run set aside (`extra.setAsideRounds`, matched through
 * `extra.roundIds` when it names every segment).
 */
export function keptSegments(item: LoadedCase): number[][] {
  const segments = splitSegments(item);
  const ids = (item.extra as Record<string, unknown> | undefined)?.roundIds;
  const aside = setAsideRounds(item);
  if (aside.size === 0 || !Array.isArray(ids) || ids.length !== segments.length) return segments;
  return segments.filter((_, i) => !aside.has(ids[i] as string));
}
