import type { LoadedResult } from './read.js';

function sameSamples(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

/**
 * True when two result files hold the same run, whatever their names: every case
 * they share with samples has the very same samples. Independent runs never repeat
 * a case's timings sample for sample, so this finds a copy, a re-saved file or the
 * same file under another path; a run and its resumed or merged successor differ.
 */
export function sameRun(a: LoadedResult, b: LoadedResult): boolean {
  const other = new Map(b.cases.map((item) => [item.id, item]));
  let shared = 0;
  for (const item of a.cases) {
    const twin = other.get(item.id);
    if (!twin || (item.samples.length === 0 && twin.samples.length === 0)) continue;
    if (!sameSamples(item.samples, twin.samples)) return false;
    shared += 1;
  }
  return shared > 0;
}
