import { COMPARE_DEFAULTS } from '../compare/options.js';
import { defaultScenarios, formatOutcomes, instructionScenarios, machineScenarios, runScenario } from '../compare/simulation.js';
import { CODEC_SUITE_DEFAULTS, INSTRUCTION_DEFAULTS } from '../suite/options.js';

/** The CI workflow's processes per side and its instruction gate (.github/workflows/bench.yml). */
export const CI_PROCESSES_PER_SIDE = 2;
export const INSTRUCTION_GATE_THRESHOLD = 0.005;
import { integerFlag, parseFlags, type FlagSpec } from './args.js';

/**
 * Defaults of `npm run compare:simulate`. `samples` is what the figures in
 * docs/compare.md were measured with; the codec suite keeps up to
 * CODEC_SUITE_DEFAULTS.maxSamples per case, so fast cases carry more than this.
 */
export const SIMULATION_DEFAULTS = { trials: 100, seed: 1, samples: 300 } as const;

export const COMPARE_SIMULATION_USAGE = `usage: npm run compare:simulate -- [flags]

Measures what npm run compare does on synthetic samples whose truth is known: how often it
fails a build when nothing changed, how often it catches a real slowdown, and how often its
interval contains the true change. Seeded: the same flags give the same table.

  --trials N    comparisons of a 50-case suite per scenario (default ${SIMULATION_DEFAULTS.trials})
  --seed N      seed of the synthetic samples (default ${SIMULATION_DEFAULTS.seed})
  --samples N   samples per case and side (default ${SIMULATION_DEFAULTS.samples}; the codec suite keeps up to ${CODEC_SUITE_DEFAULTS.maxSamples})
  --help        this text
Compare's own defaults apply: alpha ${COMPARE_DEFAULTS.alpha}, threshold ${COMPARE_DEFAULTS.threshold * 100}%.
`;

const FLAGS = {
  trials: { type: 'string' },
  seed: { type: 'string' },
  samples: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} satisfies FlagSpec;

/** `npm run compare:simulate`: measures false-alarm, detection and coverage rates on synthetic samples. */
export async function runCompareSimulation(argv: readonly string[], write: (text: string) => void = (text) => process.stdout.write(text)): Promise<number> {
  const flags = parseFlags(argv, FLAGS);
  if (flags.values.help === true) {
    write(COMPARE_SIMULATION_USAGE);
    return 0;
  }
  const trials = integerFlag(flags, 'trials', { min: 1, max: 100_000 }) ?? SIMULATION_DEFAULTS.trials;
  const seed = integerFlag(flags, 'seed', { min: 0, max: 2 ** 32 - 1 }) ?? SIMULATION_DEFAULTS.seed;
  const samples = integerFlag(flags, 'samples', { min: 2, max: 100_000 }) ?? SIMULATION_DEFAULTS.samples;
  const started = performance.now();
  const outcomes = defaultScenarios(samples, trials).map((scenario, index) => runScenario(scenario, seed * 1000 + index));
  write(`alpha ${COMPARE_DEFAULTS.alpha}, threshold ${COMPARE_DEFAULTS.threshold * 100}%, ${trials} comparisons of 50 cases per scenario, seed ${seed}\n\n`);
  write(formatOutcomes(outcomes));
  const machine = machineScenarios(CODEC_SUITE_DEFAULTS.rounds, trials).map((scenario, index) => runScenario(scenario, seed * 1000 + 500 + index));
  write(`\nThis project's machines (two speed modes 1.5× apart switching every few seconds, 0.2% of samples 10× slower, 3% between processes), as the suite measures:\n\n`);
  write(formatOutcomes(machine));
  const counted = instructionScenarios(INSTRUCTION_DEFAULTS.phases, CI_PROCESSES_PER_SIDE, INSTRUCTION_GATE_THRESHOLD, trials).map((scenario, index) => runScenario(scenario, seed * 1000 + 700 + index));
  write(`\n--measure instructions (${CI_PROCESSES_PER_SIDE} Valgrind processes per side, as the CI gate counts, ${INSTRUCTION_DEFAULTS.phases} counted phases per case each):\n\n`);
  write(formatOutcomes(counted));
  process.stderr.write(`simulated in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return 0;
}
