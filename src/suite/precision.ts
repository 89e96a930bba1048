import { cycleCentered } from '../stats/paired.js';
import { acrossRuns } from '../stats/runs.js';
import { median } from '../stats/summary.js';

/** A case's samples and the rounds (processes) they came from, in order. */
export interface RoundedSamples {
  readonly samples: readonly number[];
  readonly roundSizes: readonly number[];
  readonly roundIds: readonly string[];
}

function segments(item: RoundedSamples): Map<string, readonly number[]> {
  const byRound = new Map<string, readonly number[]>();
  let start = 0;
  item.roundSizes.forEach((size, i) => {
    byRound.set(item.roundIds[i] ?? `#${i}`, item.samples.slice(start, start + size));
    start += size;
  });
  return byRound;
}

/**
 * Per member, its figure in each round that every member shares: the group's
 * rounds were measured side by side, cycle by cycle, so a member's median
 * cycle-centred log time is where it stands relative to the others in that
 * round, whatever the machine's speed. A group of one has no partner: its
 * figure is its median time. Rounds whose samples do not line up (a restarted
 * process) are left out.
 */
export function relativeRunFigures(members: readonly RoundedSamples[]): number[][] {
  const bySegment = members.map(segments);
  const shared = [...(bySegment[0]?.keys() ?? [])].filter((id) => bySegment.every((rounds) => rounds.get(id)?.length === bySegment[0]?.get(id)?.length));
  const figures = members.map((): number[] => []);
  for (const id of shared) {
    const series = bySegment.map((rounds) => rounds.get(id) ?? []);
    if (members.length === 1) figures[0]?.push(median(series[0] ?? []));
    else cycleCentered(series).forEach((centred, i) => figures[i]?.push(Math.exp(median(centred))));
  }
  return figures;
}

/** The widest run-to-run half-width among a group's members (Infinity before two shared rounds). */
export function groupRunPrecision(members: readonly RoundedSamples[], alpha = 0.05): number {
  let worst = 0;
  for (const figures of relativeRunFigures(members)) worst = Math.max(worst, acrossRuns(figures, alpha)?.halfWidth ?? Infinity);
  return worst;
}
