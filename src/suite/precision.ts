import { roundsOf, runEstimate } from '../results/figures.js';
import { acrossRuns } from '../stats/runs.js';

/** A case's samples and the rounds (processes) they came from, in order. */
export interface RoundedSamples {
  readonly samples: readonly number[];
  readonly roundSizes: readonly number[];
  readonly roundIds: readonly string[];
}

/** A member's samples by round id (results/figures.ts reads the rounds). */
function segments(item: RoundedSamples): Map<string, readonly number[]> {
  const rounds = roundsOf({ samples: item.samples, unit: 'ns', extra: { roundSizes: item.roundSizes, roundIds: item.roundIds } });
  return new Map(rounds.map((round) => [round.id, round.samples]));
}

/**
 * Per member, its figure in each round that every member shares: the group's
 * rounds were measured side by side in alternating slices, so a member's
 * estimate over the geometric mean of the group's estimates in that round is
 * where it stands relative to the others, whatever the machine's speed (the
 * relative tables' figures, results/figures.ts). A group of one has no partner:
 * its figure is its estimate. Rounds whose samples do not line up (a restarted
 * process) are left out, and so are the rounds in `setAside` (rounds that
 * missed the machine's fast mode: results/figures.ts roundsMissingFastMode).
 */
export function relativeRunFigures(members: readonly RoundedSamples[], setAside: ReadonlySet<string> = new Set()): number[][] {
  const bySegment = members.map(segments);
  const shared = [...(bySegment[0]?.keys() ?? [])].filter((id) => !setAside.has(id) && bySegment.every((rounds) => rounds.get(id)?.length === bySegment[0]?.get(id)?.length));
  const figures = members.map((): number[] => []);
  shared.forEach((id) => {
    const logs = bySegment.map((rounds) => Math.log(runEstimate(rounds.get(id) ?? [], 'ns')));
    const centre = members.length === 1 ? 0 : logs.reduce((sum, value) => sum + value, 0) / logs.length;
    logs.forEach((value, i) => figures[i]?.push(Math.exp(value - centre)));
  });
  return figures;
}

/** The widest run-to-run half-width among a group's members (Infinity before two shared rounds). */
export function groupRunPrecision(members: readonly RoundedSamples[], setAside: ReadonlySet<string> = new Set(), alpha = 0.05): number {
  let worst = 0;
  for (const figures of relativeRunFigures(members, setAside)) worst = Math.max(worst, acrossRuns(figures, alpha)?.halfWidth ?? Infinity);
  return worst;
}
