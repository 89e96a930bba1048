import type { SuiteEvent } from '../events.js';
import type { CaseBody } from '../measure.js';
import type { CodecSuiteOptions, Measure } from '../options.js';

/** One prepared case of the process's round. */
export interface GroupMember {
  readonly id: string;
  readonly body: CaseBody;
}

export interface RoundPosition {
  readonly round: number;
  /** Identifies this process's round: samples with the same roundId were taken side by side. */
  readonly roundId: string;
}

export interface EngineContext {
  readonly emit: (event: SuiteEvent) => void;
  readonly signal?: AbortSignal;
  /** A full collection (gc() under --expose-gc). */
  readonly collectGarbage?: () => void;
  /** Empties the young generation (gc({ type: 'minor' }) under --expose-gc). */
  readonly collectYoungGarbage?: () => void;
}

/** How a measuring process turns its prepared cases into samples (reported as events). */
export interface MeasureEngine {
  measure(members: readonly GroupMember[], position: RoundPosition): Promise<void>;
}

export interface EngineFactory {
  readonly name: Measure;
  /** The unit of the samples it reports (lower is better). */
  readonly unit: 'ns' | 'instructions';
  create(options: CodecSuiteOptions, context: EngineContext): MeasureEngine;
}
