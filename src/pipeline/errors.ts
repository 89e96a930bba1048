import { describeThrown } from '../codecs/types.js';
import type { Stage } from './types.js';

/** A stage of a running pipeline failed; the whole pipeline stopped with it. */
export class PipelineStageError extends Error {
  constructor(
    readonly stage: Stage,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${stage} stage failed: ${detail}`, options);
    this.name = 'PipelineStageError';
  }

  static wrap(stage: Stage, thrown: unknown): PipelineError {
    if (thrown instanceof PipelineStageError || thrown instanceof PipelineAbortedError) return thrown;
    return new PipelineStageError(stage, describeThrown(thrown), { cause: thrown });
  }
}

/** The run was cancelled from outside (an AbortSignal, SIGINT). */
export class PipelineAbortedError extends Error {
  constructor(reason: unknown) {
    super(`pipeline aborted: ${reason instanceof Error ? reason.message : String(reason ?? 'aborted')}`);
    this.name = 'PipelineAbortedError';
  }
}

export type PipelineError = PipelineStageError | PipelineAbortedError;

/** The error a run ends with when its signal aborts. */
export function abortError(signal: AbortSignal): PipelineAbortedError {
  return signal.reason instanceof PipelineAbortedError ? signal.reason : new PipelineAbortedError(signal.reason);
}
