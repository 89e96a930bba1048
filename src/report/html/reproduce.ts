import type { ResultFile } from '../../results/types.js';
import { CODEC_SUITE_DEFAULTS } from '../../suite/options.js';

/**
 * The shell commands that rerun a result file's measurement: check out its commit,
 * install, run the bench with the flags its recorded options imply, and rebuild the
 * page. Only flags whose value differs from the default are written.
 */

type Options = Readonly<Record<string, unknown>>;

const list = (value: unknown): string | undefined => (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string') ? value.join(',') : undefined);
const shellWord = (word: string): string => (/^[\w./,:=@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);

/** Flags for `npm run bench` from the codec suite's options. */
export function codecBenchFlags(options: Options): string[] {
  const flags: string[] = [];
  const datasets = list(options.datasets);
  const codecs = list(options.codecs);
  const ops = list(options.ops);
  if (datasets) flags.push('--dataset', datasets);
  if (codecs) flags.push('--codec', codecs);
  if (ops && ops !== CODEC_SUITE_DEFAULTS.ops.join(',')) flags.push('--op', ops);
  if (typeof options.records === 'number' && options.records !== CODEC_SUITE_DEFAULTS.records) flags.push('--records', String(options.records));
  if (typeof options.seed === 'number' && options.seed !== CODEC_SUITE_DEFAULTS.seed) flags.push('--seed', String(options.seed));
  if (options.quick === true) flags.push('--quick');
  else {
    if (typeof options.timeMs === 'number' && options.timeMs !== CODEC_SUITE_DEFAULTS.timeMs) flags.push('--time', String(options.timeMs));
    if (typeof options.rounds === 'number' && options.rounds !== CODEC_SUITE_DEFAULTS.rounds) flags.push('--rounds', String(options.rounds));
  }
  const shard = options.shard;
  if (typeof shard === 'object' && shard !== null && 'index' in shard && 'count' in shard) flags.push('--shard', `${String(shard.index)}/${String(shard.count)}`);
  return flags;
}

/**
 * Flags for `npm run bench:pipeline`: list options become comma lists and scalars
 * `--name value`, but only for the names SPEC.md lists as pipeline flags.
 */
const PIPELINE_FLAGS: Readonly<Record<string, string>> = {
  datasets: 'dataset', codecs: 'codec', variants: 'variant', scenarios: 'scenario', batchSizes: 'batch', batches: 'batch', workers: 'workers', sink: 'sink', records: 'records',
};

export function pipelineBenchFlags(options: Options): string[] {
  const flags: string[] = [];
  for (const [key, flag] of Object.entries(PIPELINE_FLAGS)) {
    const value = options[key];
    if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' || typeof v === 'number')) flags.push(`--${flag}`, value.join(','));
    else if (typeof value === 'string' || (typeof value === 'number' && key !== 'workers')) flags.push(`--${flag}`, String(value));
  }
  if (options.quick === true) flags.push('--quick');
  return flags;
}

export type Suite = 'codec' | 'pipeline';

export function suitesOf(result: ResultFile): Suite[] {
  return (['codec', 'pipeline'] as const).filter((suite) => result.cases.some((c) => c.suite === suite));
}

/** The commands, one per line; `source` is the result file's path as given to the report. */
export function reproduceCommands(result: ResultFile, source: string | undefined): string[] {
  const { git } = result.meta;
  const lines: string[] = [];
  if (git.sha) lines.push(`git checkout ${git.sha}${git.dirty ? '   # the run had uncommitted changes: they are not in this commit' : ''}`);
  lines.push('npm ci');
  for (const suite of suitesOf(result)) {
    const flags = suite === 'codec' ? codecBenchFlags(result.meta.options) : pipelineBenchFlags(result.meta.options);
    const script = suite === 'codec' ? 'bench' : 'bench:pipeline';
    lines.push(`npm run ${script}${flags.length > 0 ? ` -- ${flags.map(shellWord).join(' ')}` : ''}`);
  }
  lines.push(`npm run report${source ? ` -- ${shellWord(source)}` : ''}`);
  return lines;
}
