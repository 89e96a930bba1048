import { writeFileSync } from 'node:fs';
import { analyzeCalibration } from '../calibrate/analysis.js';
import { calibrationLines } from '../calibrate/report.js';
import { runCalibration } from '../calibrate/workload.js';
import { createCodecRegistry } from '../codecs/registry.js';
import { createDatasetRegistry } from '../datasets/registry.js';
import { DEFAULT_SEED } from '../datasets/types.js';
import { COMPARE_DEFAULTS } from '../compare/options.js';
import { checkNames, integerFlag, listFlag, parseFlags, parseSeconds, percentFlag, stringFlag } from './args.js';
import { UsageError } from './errors.js';
import { onInterrupt } from './interrupt.js';
import { checkJsonOut } from './output-paths.js';
import { createProgress } from './progress.js';

/** Every default of `npm run calibrate` in one place. */
export const CALIBRATE_DEFAULTS = {
  durationMs: 20_000,
  dataset: 'orders',
  codecs: ['json', 'protobuf'] as const,
  records: 1000,
  sliceMs: 4,
} as const;

const flags = {
  duration: { type: 'string' },
  dataset: { type: 'string' },
  codec: { type: 'string' },
  records: { type: 'string' },
  threshold: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function calibrateHelp(): string {
  const d = CALIBRATE_DEFAULTS;
  return `npm run calibrate -- [flags]     how noisy is this machine for wall-clock benchmarks?
  --duration S      how long to run the workload (default ${d.durationMs / 1000})
  --dataset D       the dataset the workload encodes (default ${d.dataset})
  --codec A,B       the two codecs alternated slice by slice (default ${d.codecs.join(',')})
  --records N       records per batch (default ${d.records})
  --threshold PCT   the change you want to resolve, as compare's --threshold (default ${COMPARE_DEFAULTS.threshold * 100}%)
  --out FILE        also write the cycles and the analysis as JSON
Runs a fixed workload (encoding one batch with two codecs, alternated every few milliseconds, as
npm run bench measures) and reports the machine's speed modes, how fast it switches between them,
how far absolute times and paired ratios move, and what change it can resolve in how much time.`;
}

/** `npm run calibrate`: measures how noisy this machine is for serbench's wall-clock figures. */
export async function runCalibrate(argv: readonly string[]): Promise<number> {
  const parsed = parseFlags(argv, flags);
  if (parsed.values.help === true) {
    process.stdout.write(`${calibrateHelp()}\n`);
    return 0;
  }
  const datasets = createDatasetRegistry();
  const codecs = createCodecRegistry();
  const [datasetName] = checkNames('dataset', listFlag(parsed, 'dataset'), datasets.names()) ?? [CALIBRATE_DEFAULTS.dataset];
  const pair = checkNames('codec', listFlag(parsed, 'codec'), codecs.names()) ?? [...CALIBRATE_DEFAULTS.codecs];
  if (pair.length !== 2) throw new UsageError(`--codec needs exactly two codecs (e.g. json,protobuf), got ${pair.length}`);
  const duration = stringFlag(parsed, 'duration');
  const durationMs = duration === undefined ? CALIBRATE_DEFAULTS.durationMs : parseSeconds('--duration', duration, { min: 2, max: 3600 });
  const records = integerFlag(parsed, 'records', { min: 1, max: 1_000_000 }) ?? CALIBRATE_DEFAULTS.records;
  const threshold = percentFlag(parsed, 'threshold', { min: 0, max: 1000 }) ?? COMPARE_DEFAULTS.threshold;
  const out = stringFlag(parsed, 'out');
  checkJsonOut(out);
  const dataset = datasets.get(datasetName as string);
  const progress = createProgress();
  const interrupt = onInterrupt((message) => progress.log(message));
  try {
    const cycles = await runCalibration({
      dataset,
      codecs: [codecs.get(pair[0] as string), codecs.get(pair[1] as string)],
      records,
      seed: DEFAULT_SEED,
      durationMs,
      sliceMs: CALIBRATE_DEFAULTS.sliceMs,
      signal: interrupt.signal,
      onProgress: (elapsed) => progress.update(`calibrating: ${(elapsed / 1000).toFixed(0)} of ${(durationMs / 1000).toFixed(0)} s`),
    });
    progress.done();
    if (cycles.length < 20) throw new UsageError(`calibration stopped after ${cycles.length} cycles; it needs at least 20 (run longer)`);
    const profile = analyzeCalibration(cycles);
    const workload = `${dataset.name}, ${records} records, ${pair.join(' vs ')} encode`;
    process.stdout.write(`${calibrationLines(profile, workload, threshold).join('\n')}\n`);
    if (out) writeFileSync(out, `${JSON.stringify({ schema: 'serbench.calibration/v1', workload, profile, cycles }, null, 1)}\n`);
    return interrupt.signal.aborted ? 130 : 0;
  } finally {
    interrupt.dispose();
  }
}
