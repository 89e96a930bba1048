/**
 * How many objects a sampling heap profile's allocations stand for. V8 scales
 * each sample by the chance of drawing it (SamplingHeapProfiler::ScaleSample);
 * the inspector reports a sample as object size × that count, and a node's
 * selfSize as Σ size × count per object size.
 */

/** V8's scaled count of `samples` samples of objects of `size` bytes (SamplingHeapProfiler::ScaleSample). */
function scaledCount(size: number, samples: number, intervalBytes: number): number {
  return Math.floor(samples / (1 - Math.exp(-size / intervalBytes)) + 0.5);
}

/**
 * The object sizes that give a sample's reported size: the inspector reports
 * `size × ScaleSample(size, 1)`, and the rounding of that count lets several
 * sizes give the same product. Aligned sizes first, then the nearest unrounded product.
 */
export function sampleSizeCandidates(reported: number, intervalBytes: number): number[] {
  const found: Array<{ size: number; error: number }> = [];
  const limit = Math.min(reported, Math.ceil(intervalBytes) + 1);
  for (let objects = 1; objects <= limit; objects++) {
    if (reported % objects !== 0) continue;
    const size = reported / objects;
    if (scaledCount(size, 1, intervalBytes) === objects) found.push({ size, error: Math.abs(reported - size / (1 - Math.exp(-size / intervalBytes))) });
  }
  // V8 aligns heap objects to 8 bytes (4 with pointer compression).
  const misaligned = (size: number): number => (size % 8 === 0 ? 0 : size % 4 === 0 ? 1 : 2);
  return found.sort((a, b) => misaligned(a.size) - misaligned(b.size) || a.error - b.error).map((c) => c.size);
}

const MAX_COMBINATIONS = 4096;

/**
 * How many objects a node's allocations stand for, as V8 counts them: per
 * object size, ScaleSample(size, samples), with selfSize = Σ size × count.
 * The samples alone do not give the object sizes (see sampleSizeCandidates),
 * so the sizes are chosen that add up to the node's selfSize exactly; when
 * none do, the nearest candidate per sample is taken (an estimate).
 */
export function allocatedObjects(reportedSizes: readonly number[], selfSize: number, intervalBytes: number): number {
  const groups = new Map<number, number>();
  for (const reported of reportedSizes) groups.set(reported, (groups.get(reported) ?? 0) + 1);
  const options = [...groups].map(([reported, samples]) => ({ samples, sizes: sampleSizeCandidates(reported, intervalBytes) }));
  if (options.some((option) => option.sizes.length === 0)) return reportedSizes.length;
  const objectsWith = (choice: readonly number[]): { objects: number; bytes: number } =>
    options.reduce(
      (sum, option, i) => {
        const size = option.sizes[choice[i] ?? 0] ?? 0;
        const count = scaledCount(size, option.samples, intervalBytes);
        return { objects: sum.objects + count, bytes: sum.bytes + size * count };
      },
      { objects: 0, bytes: 0 },
    );
  const combinations = options.reduce((product, option) => product * option.sizes.length, 1);
  if (combinations <= MAX_COMBINATIONS) {
    const choice = options.map(() => 0);
    for (let n = 0; n < combinations; n++) {
      let rest = n;
      options.forEach((option, i) => {
        choice[i] = rest % option.sizes.length;
        rest = Math.floor(rest / option.sizes.length);
      });
      const result = objectsWith(choice);
      if (result.bytes === selfSize) return result.objects;
    }
  }
  return objectsWith(options.map(() => 0)).objects;
}
