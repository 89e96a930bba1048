import { MergeError, mergeResults, type MergeInput } from '../results/merge.js';
import { writeResultFile } from '../results/write.js';
import { parseFlags, stringFlag, type FlagSpec } from './args.js';
import { UsageError } from './errors.js';
import { loadResultForCommand } from './load-result.js';

export const DEFAULT_MERGE_OUT = 'results/merged.json';

export const MERGE_USAGE = `usage: npm run merge -- <result.json>... [--out FILE] [flags]

Joins result files into one: the shards of a run (--shard I/N), or repeated runs
of the same cases in separate processes (--concat-samples).

  --out FILE              where to write the merged file (default ${DEFAULT_MERGE_OUT})
  --concat-samples        join a case found in several files by concatenating its samples
  --allow-mixed-env       merge files from different environments (node, V8, CPU, cores)
  --allow-mixed-commits   merge files from different git commits
  --help                  this text
`;

const FLAGS = {
  out: { type: 'string' },
  'concat-samples': { type: 'boolean' },
  'allow-mixed-env': { type: 'boolean' },
  'allow-mixed-commits': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} satisfies FlagSpec;

/** `npm run merge`: returns 0, or throws UsageError (exit 2) for bad files and refused merges. */
export async function runMerge(argv: readonly string[], write: (text: string) => void = (text) => process.stdout.write(text)): Promise<number> {
  const flags = parseFlags(argv, FLAGS, true);
  if (flags.values.help) {
    write(MERGE_USAGE);
    return 0;
  }
  if (flags.positionals.length === 0) throw new UsageError('merge needs at least one result file: npm run merge -- <result.json>... [--out FILE]');
  const out = stringFlag(flags, 'out') ?? DEFAULT_MERGE_OUT;
  const inputs: MergeInput[] = flags.positionals.map((path) => ({ label: path, result: loadResultForCommand(path) }));
  let merged;
  try {
    merged = mergeResults(inputs, {
      concatSamples: flags.values['concat-samples'] === true,
      allowMixedEnv: flags.values['allow-mixed-env'] === true,
      allowMixedCommits: flags.values['allow-mixed-commits'] === true,
    });
  } catch (error) {
    if (error instanceof MergeError) throw new UsageError(error.message);
    throw error;
  }
  writeResultFile(out, merged);
  write(`merged ${inputs.length} file${inputs.length === 1 ? '' : 's'} (${merged.cases.length} cases${merged.complete ? '' : ', incomplete'}) into ${out}\n`);
  return 0;
}
