import type { LoadedCase, LoadedResult } from '../results/read.js';
import { compareCase, summarizeSide } from './case.js';
import { environmentDifferences, optionDifferences } from './environment.js';
import { resolveCompareOptions, type CompareOptions } from './options.js';
import { COMPARISON_SCHEMA, type CaseComparison, type Comparison, type ComparisonSummary, type FileSummary, type GeometricMean } from './types.js';

/** A loaded result file and how to name it in the output (usually its path). */
export interface LabelledResult {
  readonly label: string;
  readonly result: LoadedResult;
}

function fileSummary({ label, result }: LabelledResult): FileSummary {
  return {
    label,
    createdAt: result.meta.createdAt ?? null,
    sha: result.meta.git?.sha ?? null,
    dirty: result.meta.git?.dirty ?? false,
    complete: result.complete,
    env: result.meta.env,
    cases: result.cases.length,
  };
}

type Compared = Extract<CaseComparison, { kind: 'compared' }>;

function meanLog(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + Math.log(value), 0) / values.length;
}

function geometricMean(cases: readonly CaseComparison[]): GeometricMean | null {
  const rows = cases.filter((item): item is Compared => item.kind === 'compared' && (item.base.median ?? 0) > 0 && (item.head.median ?? 0) > 0);
  if (rows.length === 0) return null;
  return {
    cases: rows.length,
    base: Math.exp(meanLog(rows.map((row) => row.base.median as number))),
    head: Math.exp(meanLog(rows.map((row) => row.head.median as number))),
    change: Math.expm1(meanLog(rows.map((row) => 1 + row.change.estimate))),
  };
}

/** Failed in head, and not already failing in base: what the change broke. */
function isBroken(item: CaseComparison): boolean {
  switch (item.kind) {
    case 'not-comparable':
    case 'too-few-samples':
      return item.head.status === 'failed' && item.base.status !== 'failed';
    case 'added':
      return item.head.status === 'failed';
    default:
      return false;
  }
}

function summarize(cases: readonly CaseComparison[]): ComparisonSummary {
  const broken = cases.filter(isBroken).map((item) => item.id);
  const count = (predicate: (item: CaseComparison) => boolean): number => cases.filter(predicate).length;
  const verdict = (name: string) => (item: CaseComparison) => item.kind === 'compared' && item.verdict === name;
  return {
    compared: count((item) => item.kind === 'compared'),
    slower: count(verdict('slower')),
    faster: count(verdict('faster')),
    unchanged: count(verdict('unchanged')),
    inconclusive: count(verdict('inconclusive')),
    tooFewSamples: count((item) => item.kind === 'too-few-samples'),
    notComparable: count((item) => item.kind === 'not-comparable'),
    added: count((item) => item.kind === 'added'),
    removed: count((item) => item.kind === 'removed'),
    regressions: [...cases.flatMap((item) => (item.kind === 'compared' && item.regression ? [item.id] : [])), ...broken],
    broken,
    geometricMean: geometricMean(cases),
  };
}

function warningsFor(base: LabelledResult, head: LabelledResult, comparison: Pick<Comparison, 'environmentDifferences' | 'cases'>): string[] {
  const warnings: string[] = [];
  const singleRun = comparison.cases.filter((item) => item.kind === 'compared' && item.runs === null).length;
  if (singleRun > 0) {
    warnings.push(
      `${singleRun} case${singleRun === 1 ? ' comes' : 's come'} from a single run on both sides, so their intervals show only the noise within one run; bench with --rounds 3 (or merge several processes with --concat-samples) to account for run-to-run noise`,
    );
  }
  if (comparison.environmentDifferences.length > 0) {
    const fields = comparison.environmentDifferences.map((d) => `${d.field} ${JSON.stringify(d.base)} → ${JSON.stringify(d.head)}`);
    warnings.push(`different environments (${fields.join('; ')}): differences may come from the machine, not the code`);
  }
  for (const side of [base, head]) {
    if (!side.result.complete) warnings.push(`${side.label} is marked incomplete (interrupted, or some cases failed to run)`);
  }
  const options = optionDifferences(base.result, head.result);
  if (options.length > 0) warnings.push(`run options differ (${options.join('; ')})`);
  const quick = [base, head].filter((side) => side.result.meta.options['quick'] === true);
  if (quick.length > 0) {
    const which = quick.length === 2 ? 'both files come' : `${(quick[0] as LabelledResult).label} comes`;
    warnings.push(`${which} from a --quick smoke run: its tiny time budget cannot tell a change from noise, so its verdicts mean little; compare runs without --quick`);
  }
  return warnings;
}

/**
 * Compares two result files case by case (matched by id). Pure: every figure is
 * computed from the cases' `samples`, never from stored statistics.
 */
export function compareResults(base: LabelledResult, head: LabelledResult, overrides: Partial<CompareOptions> = {}): Comparison {
  const options = resolveCompareOptions(overrides);
  const headById = new Map<string, LoadedCase>(head.result.cases.map((item) => [item.id, item]));
  const baseIds = new Set(base.result.cases.map((item) => item.id));
  const cases: CaseComparison[] = [
    ...base.result.cases.map((item): CaseComparison => {
      const other = headById.get(item.id);
      return other ? compareCase(item, other, options) : { kind: 'removed', id: item.id, unit: item.unit, base: summarizeSide(item, options.alpha) };
    }),
    ...head.result.cases
      .filter((item) => !baseIds.has(item.id))
      .map((item): CaseComparison => ({ kind: 'added', id: item.id, unit: item.unit, head: summarizeSide(item, options.alpha) })),
  ];
  const environment = { environmentDifferences: environmentDifferences(base.result, head.result), cases };
  return {
    schema: COMPARISON_SCHEMA,
    alpha: options.alpha,
    threshold: options.threshold,
    confidence: 1 - options.alpha,
    base: fileSummary(base),
    head: fileSummary(head),
    environmentDifferences: environment.environmentDifferences,
    warnings: warningsFor(base, head, environment),
    cases,
    summary: summarize(cases),
  };
}

const MEASURED = { ns: 'wall-clock time (--measure time)', instructions: 'instructions (--measure instructions)' } as const;

function unitsOf(result: LoadedResult): Set<string> {
  return new Set(result.cases.filter((item) => item.samples.length > 0).map((item) => item.unit));
}

/**
 * Why two files cannot be compared at all, or null: one measures time and the
 * other instructions (no case could be compared, and a per-case note would hide it).
 */
export function unitMismatch(base: LabelledResult, head: LabelledResult): string | null {
  const [baseUnits, headUnits] = [unitsOf(base.result), unitsOf(head.result)];
  if (baseUnits.size === 0 || headUnits.size === 0 || [...baseUnits].some((unit) => headUnits.has(unit))) return null;
  const describe = (units: Set<string>): string => [...units].map((unit) => MEASURED[unit as keyof typeof MEASURED] ?? unit).join(' and ');
  return `${base.label} measures ${describe(baseUnits)} but ${head.label} measures ${describe(headUnits)}: compare two runs made with the same --measure`;
}

export function hasRegression(comparison: Comparison): boolean {
  return comparison.summary.regressions.length > 0;
}
