import { COMPARE_DEFAULTS } from '../compare/options.js';
import { defaultScenarios, formatOutcomes, runScenario } from '../compare/simulation.js';
import { integerFlag, parseFlags, type FlagSpec } from './args.js';

/** The codec suite keeps at most this many samples per case (src/suite/options.ts, maxSamples); fast cases reach it. */
export const DEFAULT_SIMULATED_SAMPLES = 300;

const FLAGS = {
  trials: { type: 'string' },
  seed: { type: 'string' },
  samples: { type: 'string' },
} satisfies FlagSpec;

/** `npm run compare:simulate`: measures false-alarm, detection and coverage rates on synthetic samples. */
export async function runCompareSimulation(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, FLAGS);
  const trials = integerFlag(flags, 'trials', { min: 1, max: 100_000 }) ?? 100;
  const seed = integerFlag(flags, 'seed', { min: 0, max: 2 ** 32 - 1 }) ?? 1;
  const samples = integerFlag(flags, 'samples', { min: 2, max: 100_000 }) ?? DEFAULT_SIMULATED_SAMPLES;
  const started = performance.now();
  const outcomes = defaultScenarios(samples, trials).map((scenario, index) => runScenario(scenario, seed * 1000 + index));
  process.stdout.write(`alpha ${COMPARE_DEFAULTS.alpha}, threshold ${COMPARE_DEFAULTS.threshold * 100}%, ${trials} comparisons of 50 cases per scenario, seed ${seed}\n\n`);
  process.stdout.write(formatOutcomes(outcomes));
  process.stderr.write(`simulated in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return 0;
}
