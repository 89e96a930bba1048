import { measureInterleaved } from '../interleave.js';
import type { CodecSuiteOptions } from '../options.js';
import type { EngineContext, EngineFactory, GroupMember, MeasureEngine, RoundPosition } from './types.js';

/** Fewest cycles before the precision target may end a round. */
const MIN_CYCLES = 24;

/** Seeds the slice order differently per round, the same on every run. */
function orderSeed(options: CodecSuiteOptions, position: RoundPosition): number {
  return (options.seed * 7919 + position.round * 104_729) >>> 0;
}

class TimeEngine implements MeasureEngine {
  constructor(
    private readonly options: CodecSuiteOptions,
    private readonly context: EngineContext,
  ) {}

  /**
   * Every case of the round in one set of cycles, not dataset by dataset: a
   * case's samples then span the whole round (tens of seconds), so each round
   * sees the host's fast and slow modes alike, and any two cases can be
   * compared round by round (results/figures.ts relativeFigure).
   */
  async measure(members: readonly GroupMember[], position: RoundPosition): Promise<void> {
    const { options, context } = this;
    const budgetMs = (members.length * options.timeMs) / options.rounds;
    const ids = members.map((m) => m.id);
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
        onWarmUp: (id) => context.emit({ type: 'case-start', id, stage: 'warm-up', round: position.round, index: ids.indexOf(id), total: ids.length }),
        onSlices: (live) => context.emit({ type: 'slices', ids: live, budgetMs, round: position.round }),
      },
    );
    // An interrupted round keeps the cycles it finished: they are as good as any, only fewer.
    for (const [id, member] of outcome.members) {
      if (member.error) context.emit({ type: 'case-failed', id, error: `measurement failed: ${member.error.message}` });
      else if (member.samplesNs.length > 0) {
        context.emit({ type: 'case-round', id, round: position.round, roundId: position.roundId, samples: member.samplesNs, callsPerSample: member.callsPerSample, precise: outcome.precise });
      }
    }
  }
}

/** Wall clock: every case of a round in alternating slices (src/suite/interleave.ts). */
export const timeEngine: EngineFactory = {
  name: 'time',
  unit: 'ns',
  create: (options, context) => new TimeEngine(options, context),
};
