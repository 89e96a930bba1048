import { Random } from '../datasets/random.js';
import type { Dataset } from '../datasets/types.js';
import { generate } from '../datasets/types.js';
import type { Codec } from '../codecs/types.js';
import { prepareCodec } from '../suite/case-body.js';
import { timeCalls, type CaseBody } from '../suite/measure.js';
import { warmUp } from '../suite/warm-up.js';
import type { CalibrationCycle } from './analysis.js';

export interface CalibrationWorkload {
  readonly dataset: Dataset;
  /** Workload A and B: encoding one batch with each codec, alternated slice by slice. */
  readonly codecs: readonly [Codec, Codec];
  readonly records: number;
  readonly seed: number;
  readonly durationMs: number;
  readonly sliceMs: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (elapsedMs: number) => void;
}

async function encodeBody(codec: Codec, dataset: Dataset, records: readonly ReturnType<typeof generate>[number][]): Promise<CaseBody> {
  const prepared = await prepareCodec(codec, dataset.schema, records);
  if (!prepared.ok) throw new Error(`${codec.name} cannot run the calibration workload: ${prepared.error}`);
  return prepared.body('encode');
}

/**
 * Runs the fixed calibration workload: two real codec cases in short
 * alternating slices, in random order per cycle, for `durationMs`, the way the
 * codec suite's time engine measures a group. Returns every cycle.
 */
export async function runCalibration(workload: CalibrationWorkload): Promise<CalibrationCycle[]> {
  const records = generate(workload.dataset, workload.records, workload.seed);
  const bodies = await Promise.all(workload.codecs.map((codec) => encodeBody(codec, workload.dataset, records)));
  const calls: number[] = [];
  for (const body of bodies) {
    const warmed = await warmUp(body, 300, workload.sliceMs, workload.signal);
    if (!warmed.ok) throw warmed.error;
    calls.push(warmed.callsPerSlice);
  }
  const random = new Random(workload.seed);
  const cycles: CalibrationCycle[] = [];
  const started = performance.now();
  let lastYield = started;
  while (performance.now() - started < workload.durationMs && !workload.signal?.aborted) {
    const atMs = performance.now() - started;
    const perCall = [0, 0];
    for (const index of random.chance(0.5) ? [0, 1] : [1, 0]) perCall[index] = (await timeCalls(bodies[index] as CaseBody, calls[index] as number)) / (calls[index] as number);
    cycles.push({ atMs, a: perCall[0] as number, b: perCall[1] as number });
    if (performance.now() - lastYield > 200) {
      workload.onProgress?.(performance.now() - started);
      await new Promise((resolve) => setImmediate(resolve));
      lastYield = performance.now();
    }
  }
  return cycles;
}
