import { DEFAULT_SIMULATION, defaultHistoryScenarios, formatHistoryOutcomes, runHistoryScenario } from '../history/simulation.js';
import { HISTORY_DEFAULTS } from '../history/options.js';
import { integerFlag, parseFlags, type FlagSpec } from './args.js';

export const HISTORY_SIMULATION_USAGE = `usage: npm run history:simulate -- [--trials N] [--seed N] [--cases N]

Runs npm run history on seeded synthetic histories whose truth is known (no
change, steps, creeps; run-to-run noise, outlier runs, two-mode machines) and
prints how often change points are found, located, missed or invented.

  --trials N   simulated histories per scenario (default ${DEFAULT_SIMULATION.trials})
  --cases N    series per history (default ${DEFAULT_SIMULATION.cases})
  --seed N     (default 1)
  --help       this text
`;

const FLAGS = {
  trials: { type: 'string' },
  seed: { type: 'string' },
  cases: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} satisfies FlagSpec;

/** `npm run history:simulate`: the must-hold table of docs/history.md. */
export async function runHistorySimulation(argv: readonly string[], write: (text: string) => void = (text) => process.stdout.write(text)): Promise<number> {
  const flags = parseFlags(argv, FLAGS);
  if (flags.values.help) {
    write(HISTORY_SIMULATION_USAGE);
    return 0;
  }
  const trials = integerFlag(flags, 'trials', { min: 1, max: 100_000 }) ?? DEFAULT_SIMULATION.trials;
  const cases = integerFlag(flags, 'cases', { min: 1, max: 10_000 }) ?? DEFAULT_SIMULATION.cases;
  const seed = integerFlag(flags, 'seed', { min: 0, max: 2 ** 32 - 1 }) ?? 1;
  const settings = { ...DEFAULT_SIMULATION, trials, cases };
  const started = performance.now();
  const outcomes = defaultHistoryScenarios(settings.commits).map((scenario, index) => runHistoryScenario(scenario, seed * 1000 + index, settings));
  write(
    `${settings.commits} commits per history, ${cases} series per history, ${trials} histories per scenario, seed ${seed}; ` +
      `threshold ${HISTORY_DEFAULTS.threshold * 100}%, significance ${HISTORY_DEFAULTS.significance}, ${HISTORY_DEFAULTS.permutations} permutations, min segment ${HISTORY_DEFAULTS.minSegment}\n\n`,
  );
  write(formatHistoryOutcomes(outcomes));
  process.stderr.write(`simulated in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return 0;
}
