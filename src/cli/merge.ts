import { describeThrown } from '../codecs/types.js';
import { MergeError, mergeResults, type MergeInput } from '../results/merge.js';
import { writeResultFile } from '../results/write.js';
import { parseFlags, stringFlag, type FlagSpec } from './args.js';
import { CommandFailure, UsageError } from './errors.js';
import { loadResultForCommand, sameRunProblem } from './load-result.js';
import { checkJsonOut, checkOutputs } from './output-paths.js';

export const DEFAULT_MERGE_OUT = 'results/merged.json';

export const MERGE_USAGE = `usage: npm run merge -- <result.json>... [--out FILE] [flags]

Joins result files into one: the shards of a run (--shard I/N), or repeated runs
of the same cases in separate processes (--concat-samples).

  --out FILE              where to write the merged file (default ${DEFAULT_MERGE_OUT})
  --concat-samples        join a case found in several files by concatenating its samples
                          (each file a separate run: the same run given twice is refused)
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
  checkJsonOut(out);
  checkOutputs([{ label: '--out', path: out, kind: 'file' }]);
  const inputs: MergeInput[] = flags.positionals.map((path) => ({ label: path, result: loadResultForCommand(path) }));
  const concatSamples = flags.values['concat-samples'] === true;
  if (concatSamples) refuseRepeatedRuns(inputs);
  let merged;
  try {
    merged = mergeResults(inputs, {
      concatSamples,
      allowMixedEnv: flags.values['allow-mixed-env'] === true,
      allowMixedCommits: flags.values['allow-mixed-commits'] === true,
    });
  } catch (error) {
    if (error instanceof MergeError) throw new UsageError(error.message);
    throw error;
  }
  try {
    writeResultFile(out, merged);
  } catch (error) {
    throw new CommandFailure(`cannot write ${out}: ${describeThrown(error)}`);
  }
  write(`merged ${inputs.length} file${inputs.length === 1 ? '' : 's'} (${merged.cases.length} cases${merged.complete ? '' : ', incomplete'}) into ${out}\n`);
  return 0;
}

/** Pooling one run twice doubles its samples and makes every interval look tighter than it is. */
function refuseRepeatedRuns(inputs: readonly MergeInput[]): void {
  inputs.forEach((a, i) => {
    for (const b of inputs.slice(i + 1)) {
      const problem = sameRunProblem({ path: a.label, result: a.result }, { path: b.label, result: b.result });
      if (problem) throw new UsageError(`${problem}: --concat-samples pools separate runs, and one run twice would double its samples and narrow every interval`);
    }
  });
}
