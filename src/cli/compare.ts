import { compareResults, unitMismatch, COMPARE_DEFAULTS, COMPARE_FORMATS, DEFAULT_COMPARE_FORMAT, formatJson, formatMarkdown, formatTerminal, hasRegression, type CompareFormat, type Comparison } from '../compare/index.js';
import { plural } from '../report/format.js';
import { inputChanges } from '../compare/inputs.js';
import { writeFileAtomic } from '../results/write.js';
import { parseFlags, stringFlag, type FlagSpec } from './args.js';
import { UsageError } from './errors.js';
import { loadResultForCommand, sameRunProblem } from './load-result.js';
import { checkOutputs } from './output-paths.js';

export const COMPARE_USAGE = `usage: npm run compare -- <base.json> <head.json> [flags]

Compares two result files case by case from their samples (Mann–Whitney U test,
Hodges–Lehmann change with its interval). Exit 0: no regression; 1: a regression
(p < alpha and the whole interval above the threshold, or a case that fails in head
but not in base); 2: bad input or usage, including a comparison that compared nothing
(no case in both files) and one run given twice (the same file, or identical samples).

  --alpha A                significance level, 0 < A < 1 (default ${COMPARE_DEFAULTS.alpha}); intervals are at 1 − A
  --threshold PCT          noise threshold in percent, e.g. 5 or 5% (default ${COMPARE_DEFAULTS.threshold * 100})
  --format F               ${COMPARE_FORMATS.join(' | ')} (default ${DEFAULT_COMPARE_FORMAT})
  --out FILE               write the report there (stdout then shows the terminal table)
  --fail-on-env-mismatch   exit 2 when node, V8, platform, CPU model or core count differ
  --allow-data-change      compare even when an input dataset (--input) of the same name
                           was read from files with different contents (SHA-256)
  --help                   this text
`;

const FLAGS = {
  alpha: { type: 'string' },
  threshold: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  'fail-on-env-mismatch': { type: 'boolean' },
  'allow-data-change': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} satisfies FlagSpec;

export interface CompareIo {
  readonly write: (text: string) => void;
  /** Colours in the terminal table on stdout. */
  readonly color: boolean;
}

const defaultIo: CompareIo = {
  write: (text) => process.stdout.write(text),
  color: Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined,
};

export function parseAlpha(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const alpha = /^\d*\.?\d+(e-?\d+)?$/i.test(value) ? Number(value) : NaN;
  if (!(alpha > 0 && alpha < 1)) throw new UsageError(`--alpha must be a number between 0 and 1 (e.g. 0.05), got '${value}'`);
  return alpha;
}

export function parseThreshold(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const percent = /^\d*\.?\d+%?$/.test(value) ? Number(value.replace('%', '')) : NaN;
  if (!(percent >= 0 && percent <= 1000)) throw new UsageError(`--threshold must be a percentage from 0 to 1000 (e.g. 5 or 5%), got '${value}'`);
  return percent / 100;
}

function parseFormat(value: string | undefined): CompareFormat {
  if (value === undefined) return DEFAULT_COMPARE_FORMAT;
  if (!(COMPARE_FORMATS as readonly string[]).includes(value)) throw new UsageError(`unknown format '${value}'; valid: ${COMPARE_FORMATS.join(', ')}`);
  return value as CompareFormat;
}

export function renderComparison(comparison: Comparison, format: CompareFormat, color = false): string {
  switch (format) {
    case 'terminal':
      return formatTerminal(comparison, { color });
    case 'markdown':
      return formatMarkdown(comparison);
    case 'json':
      return formatJson(comparison);
  }
}

/** `npm run compare`: returns the exit code (0 or 1); usage and input errors throw UsageError (exit 2). */
export async function runCompare(argv: readonly string[], io: CompareIo = defaultIo): Promise<number> {
  const flags = parseFlags(argv, FLAGS, true);
  if (flags.values.help) {
    io.write(COMPARE_USAGE);
    return 0;
  }
  const [basePath, headPath, ...extra] = flags.positionals;
  if (basePath === undefined || headPath === undefined || extra.length > 0) {
    throw new UsageError(`compare needs exactly two result files, got ${flags.positionals.length}: npm run compare -- <base.json> <head.json> [--alpha A] [--threshold PCT] [--format ${COMPARE_FORMATS.join('|')}] [--out FILE]`);
  }
  const alpha = parseAlpha(stringFlag(flags, 'alpha'));
  const threshold = parseThreshold(stringFlag(flags, 'threshold'));
  const format = parseFormat(stringFlag(flags, 'format'));
  const out = stringFlag(flags, 'out');
  if (out !== undefined) checkOutputs([{ label: '--out', path: out, kind: 'file' }]);

  const base = loadResultForCommand(basePath);
  const head = loadResultForCommand(headPath);
  const mismatch = unitMismatch({ label: basePath, result: base }, { label: headPath, result: head });
  if (mismatch) throw new UsageError(mismatch);
  const changed = inputChanges(base.meta, head.meta);
  if (changed.length > 0 && flags.values['allow-data-change'] !== true) {
    const which = changed.map((c) => `'${c.dataset}' (sha256 ${c.base.slice(0, 12)}… → ${c.head.slice(0, 12)}…)`).join(', ');
    throw new UsageError(`${basePath} and ${headPath} read input dataset ${which} from different files; their timings are of different data (--allow-data-change to compare anyway)`);
  }
  const repeated = sameRunProblem({ path: basePath, result: base }, { path: headPath, result: head });
  if (repeated) throw new UsageError(`${repeated}: a run compared with itself shows no change whatever the code did; compare two runs`);
  const comparison = compareResults({ label: basePath, result: base }, { label: headPath, result: head }, { alpha, threshold });
  checkComparedSomething(comparison);

  if (out !== undefined) {
    writeFileAtomic(out, renderComparison(comparison, format));
    io.write(renderComparison(comparison, 'terminal', io.color));
  } else {
    io.write(renderComparison(comparison, format, io.color));
  }
  if (flags.values['fail-on-env-mismatch'] && comparison.environmentDifferences.length > 0) {
    const fields = comparison.environmentDifferences.map((difference) => difference.field).join(', ');
    throw new UsageError(`${basePath} and ${headPath} come from different environments (${fields} differ); drop --fail-on-env-mismatch to compare them anyway`);
  }
  return hasRegression(comparison) ? 1 : 0;
}

/** A gate that compared nothing must not pass: no case in both files, or none of them with a verdict (and none broken). */
function checkComparedSomething(comparison: Comparison): void {
  const shared = comparison.cases.filter((item) => item.kind !== 'added' && item.kind !== 'removed').length;
  const { base, head } = comparison;
  if (shared === 0) {
    throw new UsageError(`no case is in both files (${base.label}: ${plural(base.cases, 'case')}, ${head.label}: ${plural(head.cases, 'case')}): nothing was compared; compare two runs of the same suite and cases`);
  }
  if (comparison.summary.compared === 0 && !hasRegression(comparison)) {
    throw new UsageError(`none of the ${plural(shared, 'case')} in both files could be compared (too few samples or failed on both sides): nothing was compared`);
  }
}
