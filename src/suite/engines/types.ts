import type { SuiteEvent } from '../events.js';
import type { CaseBody } from '../measure.js';
import type { CodecSuiteOptions, Measure } from '../options.js';

/** One prepared case of a group (the codecs of one dataset, op and batch size). */
export interface GroupMember {
  readonly id: string;
  readonly body: CaseBody;
}

export interface GroupPosition {
  /** 0-based index of the group among the process's groups, and their number. */
  readonly index: number;
  readonly total: number;
  readonly round: number;
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

/** How a measuring process turns a group's prepared cases into samples (reported as events). */
export interface MeasureEngine {
  measureGroup(members: readonly GroupMember[], position: GroupPosition): Promise<void>;
}

export interface EngineFactory {
  readonly name: Measure;
  /** The unit of the samples it reports (lower is better). */
  readonly unit: 'ns' | 'instructions';
  create(options: CodecSuiteOptions, context: EngineContext): MeasureEngine;
}
