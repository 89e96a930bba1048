import { plural } from '../report/format.js';
import { failureKind, FAILURE_KINDS, isRefusedByGate } from '../results/failure.js';
import type { CaseStatus } from '../results/types.js';
import { checkNames, listFlag, type ParsedFlags } from './args.js';
import { INTERRUPTED_EXIT_CODE } from './interrupt.js';

/**
 * The one exit-code rule of the bench commands (docs/contract.md, "Exit codes"):
 * 130 when interrupted; 1 when a case failed to run (threw, crashed, hung, ran out
 * of memory); a codec the fidelity gate refused is a finding shown in the reports and
 * fails the run only with `--fail-on lossy`; 0 otherwise.
 */
export const FAIL_ON_VALUES = ['lossy'] as const satisfies readonly (typeof FAILURE_KINDS)[number][];
export type FailOn = (typeof FAIL_ON_VALUES)[number];

interface CaseLike {
  readonly status: CaseStatus;
  readonly failure?: unknown;
  readonly error?: string;
}

export function benchExitCode(cases: readonly CaseLike[], run: { readonly interrupted: boolean; readonly failOn: readonly FailOn[] }): number {
  if (run.interrupted) return INTERRUPTED_EXIT_CODE;
  const kinds = new Set(cases.map(failureKind));
  if (kinds.has('error')) return 1;
  return run.failOn.some((kind) => kinds.has(kind)) ? 1 : 0;
}

/** `--fail-on lossy`: the findings that fail the run besides cases that failed to run. */
export function failOnFlag(parsed: ParsedFlags): FailOn[] {
  return (checkNames('--fail-on value', listFlag(parsed, 'fail-on'), FAIL_ON_VALUES) ?? []) as FailOn[];
}

export const FAIL_ON_HELP = `  --fail-on lossy   also exit 1 when the fidelity gate refused a codec (by default a finding, shown in the reports)`;


/** The last line of a bench run: how many cases, how long, and what kept it from being complete. */
export function runSummaryLine(cases: readonly CaseLike[], seconds: number, complete: boolean, rounds?: number): string {
  const refused = cases.filter(isRefusedByGate).length;
  const failed = cases.filter((item) => failureKind(item) === 'error').length;
  const notes = [
    ...(refused > 0 ? [`${refused} refused by the fidelity gate (lossy)`] : []),
    ...(failed > 0 ? [`${failed} failed to run`] : []),
  ];
  const perRounds = rounds === undefined ? '' : ` × ${plural(rounds, 'round')}`;
  return `${plural(cases.length, 'case')}${perRounds} in ${seconds.toFixed(1)} s${notes.length > 0 ? `; ${notes.join(', ')}` : ''}${complete ? '' : ' (incomplete)'}`;
}
