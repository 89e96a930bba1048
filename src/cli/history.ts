import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyseHistory, DEFAULT_HISTORY_FORMAT, formatHistoryJson, hasHistoryRegression, HISTORY_DEFAULTS, HISTORY_FORMATS, importGabData, loadHistoryFiles, MACHINE_MODES, resolveHistoryOptions, type History, type HistoryFormat, type HistoryOptions, type MachineMode } from '../history/index.js';
import { renderHistoryPage } from '../report/html/history-page.js';
import { formatHistoryMarkdown } from '../report/history/markdown.js';
import { formatHistoryTerminal } from '../report/history/terminal.js';
import { ResultFileError } from '../results/read.js';
import { writeFileAtomic, writeJsonAtomic } from '../results/write.js';
import { integerFlag, parseFlags, stringFlag, type FlagSpec } from './args.js';
import { parseAlpha, parseThreshold } from './compare.js';
import { UsageError } from './errors.js';

const percent = (fraction: number): number => Math.round(fraction * 1000) / 10;

export const HISTORY_USAGE = `usage: npm run history -- <folder or result files ...> [flags]
       npm run history -- --import-gab <data.js> --out <folder>

Orders result files by commit, pools the files of each commit, builds one series
per case, unit and machine, and finds where each series changed (E-Divisive with
a permutation test). Exit 0; 1 with --fail-on-regression when a regression change
point falls in the last --since commits or a case fails at the newest commit;
2 bad input or usage.

  --format F             ${HISTORY_FORMATS.join(' | ')} (default ${DEFAULT_HISTORY_FORMAT}); html is the trend page
  --out FILE             write the report there (stdout then shows the terminal summary)
  --threshold PCT        smallest change that matters (default ${percent(HISTORY_DEFAULTS.threshold)}), or per unit:
                         --threshold 5,instructions=1
  --fail-on-regression   exit 1 on a regression in the last --since commits
  --since N              commits the gate looks at (default ${HISTORY_DEFAULTS.since})
  --branch NAME          only result files measured on this branch (meta.git.branch)
  --machines M           ${MACHINE_MODES.join(' | ')} (default ${HISTORY_DEFAULTS.machines}): one series per machine, or pooled
  --alpha A              intervals at 1 − A (default ${HISTORY_DEFAULTS.alpha})
  --significance P       permutation p-value a change point needs (default ${HISTORY_DEFAULTS.significance})
  --permutations N       shuffles per test (default ${HISTORY_DEFAULTS.permutations})
  --min-segment N        fewest commits on each side of a change point (default ${HISTORY_DEFAULTS.minSegment})
  --seed N               seed of the shuffles (default ${HISTORY_DEFAULTS.seed})
  --import-gab FILE      convert github-action-benchmark's data.js into result files in --out
  --help                 this text
`;

const FLAGS = {
  format: { type: 'string' },
  out: { type: 'string' },
  threshold: { type: 'string' },
  'fail-on-regression': { type: 'boolean' },
  since: { type: 'string' },
  branch: { type: 'string' },
  machines: { type: 'string' },
  alpha: { type: 'string' },
  significance: { type: 'string' },
  permutations: { type: 'string' },
  'min-segment': { type: 'string' },
  seed: { type: 'string' },
  'import-gab': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} satisfies FlagSpec;

export interface HistoryIo {
  readonly write: (text: string) => void;
}

const defaultIo: HistoryIo = { write: (text) => process.stdout.write(text) };

function oneOf<T extends string>(flag: string, value: string | undefined, valid: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(valid as readonly string[]).includes(value)) throw new UsageError(`unknown ${flag} '${value}'; valid: ${valid.join(', ')}`);
  return value as T;
}

/** `5`, `5%`, `instructions=1` or a comma-separated mix: the default threshold and per-unit ones. */
export function parseThresholds(value: string | undefined): Pick<Partial<HistoryOptions>, 'threshold' | 'unitThresholds'> {
  if (value === undefined) return {};
  const unitThresholds: Record<string, number> = {};
  let threshold: number | undefined;
  for (const item of value.split(',').map((part) => part.trim())) {
    const match = /^([a-z][\w./-]*)=(.+)$/i.exec(item);
    const parsed = parseThreshold(match ? match[2] : item);
    if (parsed === undefined) continue;
    if (match) unitThresholds[match[1] as string] = parsed;
    else threshold = parsed;
  }
  return { ...(threshold !== undefined ? { threshold } : {}), unitThresholds };
}

export function historyOptionsFromFlags(flags: ReturnType<typeof parseFlags>): Partial<HistoryOptions> {
  const significance = stringFlag(flags, 'significance');
  let parsedSignificance: number | undefined;
  try {
    parsedSignificance = parseAlpha(significance);
  } catch {
    throw new UsageError(`--significance must be a number between 0 and 1 (e.g. ${HISTORY_DEFAULTS.significance}), got '${significance}'`);
  }
  return {
    ...parseThresholds(stringFlag(flags, 'threshold')),
    alpha: parseAlpha(stringFlag(flags, 'alpha')),
    significance: parsedSignificance,
    permutations: integerFlag(flags, 'permutations', { min: 19, max: 100_000 }),
    minSegment: integerFlag(flags, 'min-segment', { min: 1, max: 1000 }),
    since: integerFlag(flags, 'since', { min: 1, max: 1_000_000 }),
    seed: integerFlag(flags, 'seed', { min: 0, max: 2 ** 32 - 1 }),
    machines: oneOf<MachineMode>('--machines', stringFlag(flags, 'machines'), MACHINE_MODES),
    branch: stringFlag(flags, 'branch'),
  };
}

export function renderHistory(history: History, format: HistoryFormat): string {
  switch (format) {
    case 'terminal':
      return formatHistoryTerminal(history);
    case 'markdown':
      return formatHistoryMarkdown(history);
    case 'json':
      return formatHistoryJson(history);
    case 'html':
      return renderHistoryPage(history);
  }
}

/** `--import-gab data.js --out DIR`: one result file per suite and commit of github-action-benchmark's history. */
function importGab(file: string, out: string | undefined, io: HistoryIo): number {
  if (out === undefined) throw new UsageError(`--import-gab needs --out <folder> to write the result files to: npm run history -- --import-gab ${file} --out results/history/`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ResultFileError(file, 'no such file, or it cannot be read');
  }
  const imported = importGabData(text, file);
  for (const entry of imported.entries) writeJsonAtomic(join(out, entry.name), entry.result);
  io.write(`imported ${imported.entries.length} commit entries from ${file} into ${out}\n${imported.warnings.map((w) => `note: ${w}\n`).join('')}next: npm run history -- ${out}\n`);
  return 0;
}

/** `npm run history`: returns the exit code (0 or 1); bad input and usage throw (exit 2, one line). */
export async function runHistory(argv: readonly string[], io: HistoryIo = defaultIo): Promise<number> {
  const flags = parseFlags(argv, FLAGS, true);
  if (flags.values.help) {
    io.write(HISTORY_USAGE);
    return 0;
  }
  const out = stringFlag(flags, 'out');
  const gab = stringFlag(flags, 'import-gab');
  if (gab !== undefined) {
    if (flags.positionals.length > 0) throw new UsageError('--import-gab converts a data.js into result files; run history on the --out folder afterwards, without other files');
    return importGab(gab, out, io);
  }
  if (flags.positionals.length === 0) throw new UsageError('history needs a folder of result files or result files: npm run history -- results/history/ [--format markdown] [--fail-on-regression --since 10]');
  const format = oneOf<HistoryFormat>('format', stringFlag(flags, 'format'), HISTORY_FORMATS) ?? DEFAULT_HISTORY_FORMAT;
  let options: HistoryOptions;
  try {
    options = resolveHistoryOptions(historyOptionsFromFlags(flags));
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
  const loaded = loadHistoryFiles(flags.positionals);
  const analysed = analyseHistory(loaded.inputs, options);
  const history: History = { ...analysed, warnings: [...loaded.warnings, ...analysed.warnings] };
  if (out !== undefined) {
    writeFileAtomic(out, renderHistory(history, format));
    io.write(renderHistory(history, 'terminal'));
  } else io.write(renderHistory(history, format));
  return flags.values['fail-on-regression'] && hasHistoryRegression(history) ? 1 : 0;
}
