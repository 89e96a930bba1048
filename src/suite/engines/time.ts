import { measureInterleaved } from '../interleave.js';
import type { CodecSuiteOptions } from '../options.js';
import type { EngineContext, EngineFactory, GroupMember, GroupPosition, MeasureEngine } from './types.js';

/** Fewest cycles before the precision target may end a group's round. */
const MIN_CYCLES = 24;

/** Seeds each group's slice order differently per round, the same on every run. */
function orderSeed(options: CodecSuiteOptions, position: GroupPosition): number {
  return (options.seed * 7919 + position.round * 104_729 + position.index) >>> 0;
}

class TimeEngine implements MeasureEngine {
  constructor(
    private readonly options: CodecSuiteOptions,
    private readonly context: EngineContext,
  ) {}

  async measureGroup(members: readonly GroupMember[], position: GroupPosition): Promise<void> {
    const { options, context } = this;
    const budgetMs = (members.length * options.timeMs) / options.rounds;
    const where = { round: position.round, group: position.index, groups: position.total };
    const outcome = await measureInterleaved(
      members,
      {
        budgetMs,
        warmupMs: options.warmupMs,
        sliceMs: options.sliceMs,
        minCycles: MIN_CYCLES,
        maxCycles: options.maxSamples,
        // Within a round, half the run-to-run target: the rest is left to the spread between processes.
        precision: options.precision / 2,
        seed: orderSeed(options, position),
        ...(context.signal ? { signal: context.signal } : {}),
      },
      {
        onWarmUp: (id) => context.emit({ type: 'case-start', id, stage: 'warm-up', ...where }),
        onSlices: (ids) => context.emit({ type: 'group-slices', ids, budgetMs, ...where }),
      },
    );
    // An interrupted group is dropped: what finished before it is kept.
    if (outcome.aborted) return;
    for (const [id, member] of outcome.members) {
      if (member.error) context.emit({ type: 'case-failed', id, error: `measurement failed: ${member.error.message}` });
      else if (member.samplesNs.length > 0) {
        context.emit({ type: 'case-round', id, round: position.round, roundId: position.roundId, samples: member.samplesNs, callsPerSample: member.callsPerSample, precise: outcome.precise });
      }
    }
  }
}

/** Wall clock: the cases of a group in alternating slices (src/suite/interleave.ts). */
export const timeEngine: EngineFactory = {
  name: 'time',
  unit: 'ns',
  create: (options, context) => new TimeEngine(options, context),
};
