import { CallgrindPhases, CALLGRIND_DIR_ENV } from '../instructions/phases.js';
import { runCalls, type CaseBody } from '../measure.js';
import { INSTRUCTION_DEFAULTS, type CodecSuiteOptions } from '../options.js';
import type { EngineContext, EngineFactory, GroupMember, MeasureEngine, RoundPosition } from './types.js';

export type InstructionOptions = { readonly [K in keyof typeof INSTRUCTION_DEFAULTS]: number };

/** Counts phases of calls, each starting from an empty young generation. */
export interface PhaseCounter {
  /** Instructions executed by `calls` calls of the body (the marker's own cost taken out). */
  count(body: CaseBody, calls: number): Promise<number>;
}

export type InstructionCount =
  | {
      readonly ok: true;
      readonly perCall: number[];
      readonly callsPerPhase: number;
      readonly warmupPhases: number;
      /** Every instruction the case ran under Valgrind, warm-up included: what it cost its shard. */
      readonly spentInstructions: number;
    }
  | { readonly ok: false; readonly error: Error };

/**
 * Counts a case's instructions per call: one call sizes the phases; warm-up
 * phases run for at least `minWarmupCalls` calls (or `warmupInstructions`) and
 * until two in a row agree (the JIT has settled), or until `maxWarmupPhases`
 * phases or `maxWarmupInstructions` instructions are spent; then `phases` counted phases
 * are the samples, fewer (at least `minPhases`) when they would pass `countedInstructions`.
 * Start-up, module loading, data generation and warm-up are outside every counted phase.
 */
export async function countCase(body: CaseBody, counter: PhaseCounter, options: InstructionOptions, onPhase: () => void = () => {}): Promise<InstructionCount> {
  try {
    const callsFor = (perCall: number): number => Math.max(1, Math.min(1 << 20, Math.ceil(options.phaseInstructions / Math.max(perCall, 1))));
    // The first calls carry compilation: phases are sized again from each warm-up phase, and fixed once it has settled.
    let calls = 1;
    let previous = await counter.count(body, 1);
    let spentCalls = 1;
    let spentInstructions = previous;
    let warmupPhases = 0;
    for (;;) {
      calls = callsFor(previous);
      const total = await counter.count(body, calls);
      const perCall = total / calls;
      warmupPhases++;
      spentCalls += calls;
      spentInstructions += total;
      onPhase();
      const settled = Math.abs(perCall / previous - 1) <= options.warmupTolerance;
      const enough = spentCalls >= options.minWarmupCalls || spentInstructions >= options.warmupInstructions;
      previous = perCall;
      const exhausted = warmupPhases >= options.maxWarmupPhases || spentInstructions >= options.maxWarmupInstructions;
      if ((settled && enough && warmupPhases >= options.minWarmupPhases) || exhausted) break;
    }
    const perCall: number[] = [];
    let counted = 0;
    while (perCall.length < options.phases && (perCall.length < options.minPhases || counted < options.countedInstructions)) {
      const total = await counter.count(body, calls);
      perCall.push(total / calls);
      counted += total;
      onPhase();
    }
    return { ok: true, perCall, callsPerPhase: calls, warmupPhases, spentInstructions: spentInstructions + counted };
  } catch (thrown) {
    return { ok: false, error: thrown instanceof Error ? thrown : new Error(String(thrown)) };
  }
}

/** A PhaseCounter over callgrind's dumps; the marker's own cost is measured once and taken out of every phase. */
export async function callgrindCounter(dir: string, collectYoungGarbage: () => void): Promise<PhaseCounter> {
  const phases = new CallgrindPhases(dir);
  const raw = async (body: CaseBody, calls: number): Promise<number> => {
    collectYoungGarbage();
    phases.resync();
    phases.begin();
    await runCalls(body, calls);
    return phases.end();
  };
  const idle: CaseBody = { mode: 'sync', call: () => undefined };
  await raw(idle, 0);
  const overhead = await raw(idle, 0);
  return { count: async (body, calls) => (await raw(body, calls)) - overhead };
}

class InstructionEngine implements MeasureEngine {
  #counter: Promise<PhaseCounter> | undefined;

  constructor(
    private readonly context: EngineContext,
    private readonly options: InstructionOptions,
  ) {}

  #phaseCounter(): Promise<PhaseCounter> {
    const dir = process.env[CALLGRIND_DIR_ENV];
    if (!dir) return Promise.reject(new Error(`--measure instructions runs its cases under Valgrind; ${CALLGRIND_DIR_ENV} is not set in this process`));
    this.#counter ??= callgrindCounter(dir, this.context.collectYoungGarbage ?? (() => {}));
    return this.#counter;
  }

  async measure(members: readonly GroupMember[], position: RoundPosition): Promise<void> {
    const { context } = this;
    for (const [index, member] of members.entries()) {
      if (context.signal?.aborted) return;
      context.emit({ type: 'case-start', id: member.id, stage: 'count', round: position.round, index, total: members.length });
      // Each case starts from a clean old generation, which then does not fill up before its phases end (DETERMINISTIC_V8_FLAGS).
      context.collectGarbage?.();
      let counted: InstructionCount;
      const startedAt = performance.now();
      try {
        counted = await countCase(member.body, await this.#phaseCounter(), this.options, () => context.emit({ type: 'case-progress', id: member.id }));
      } catch (thrown) {
        counted = { ok: false, error: thrown instanceof Error ? thrown : new Error(String(thrown)) };
      }
      if (context.signal?.aborted) return;
      if (counted.ok) context.emit({ type: 'case-round', id: member.id, round: position.round, roundId: position.roundId, samples: counted.perCall, callsPerSample: counted.callsPerPhase, spentInstructions: counted.spentInstructions, countingMs: performance.now() - startedAt });
      else context.emit({ type: 'case-failed', id: member.id, error: `instruction count failed: ${counted.error.message}` });
    }
  }
}

/** Instructions under Valgrind's callgrind, counted in phases between markers (src/suite/instructions/). */
export const instructionEngine: EngineFactory = {
  name: 'instructions',
  unit: 'instructions',
  create: (_options: CodecSuiteOptions, context) => new InstructionEngine(context, INSTRUCTION_DEFAULTS),
};
