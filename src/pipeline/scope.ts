import { abortError, PipelineStageError, type PipelineError } from './errors.js';
import type { Stage } from './types.js';

/**
 * The shared fate of one run: the first failure of any stage, or the caller's abort,
 * stops every stage. Channels and pools register how to stop (`onStop`); long waits
 * (a slow sink's timer) listen to `signal`.
 */
export class RunScope {
  readonly #controller = new AbortController();
  readonly #outer: AbortSignal | undefined;
  readonly #onOuterAbort = (): void => this.stop(abortError(this.#outer as AbortSignal));
  readonly #stoppers: ((error: PipelineError) => void)[] = [];
  #error: PipelineError | undefined;

  constructor(outer?: AbortSignal) {
    this.#outer = outer;
    if (outer?.aborted) this.stop(abortError(outer));
    else outer?.addEventListener('abort', this.#onOuterAbort, { once: true });
  }

  /** Aborted as soon as the run fails or is cancelled. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get error(): PipelineError | undefined {
    return this.#error;
  }

  /** Registers something to stop when the run fails (called at once if it already has). */
  onStop(stopper: (error: PipelineError) => void): void {
    if (this.#error) stopper(this.#error);
    else this.#stoppers.push(stopper);
  }

  /** Records a stage's failure (the first one wins) and stops everything. */
  fail(stage: Stage, thrown: unknown): void {
    this.stop(PipelineStageError.wrap(stage, thrown));
  }

  stop(error: PipelineError): void {
    if (this.#error) return;
    this.#error = error;
    this.#controller.abort(error);
    for (const stopper of this.#stoppers.splice(0)) stopper(error);
  }

  /** Runs one stage's body; whatever it throws fails the run, named after the stage. */
  task(stage: Stage, body: () => Promise<void>): Promise<void> {
    return body().catch((thrown: unknown) => this.fail(stage, thrown));
  }

  /** Waits for every stage task, then throws the run's error if it has one. */
  async settle(tasks: readonly Promise<void>[]): Promise<void> {
    try {
      await Promise.all(tasks);
    } finally {
      this.dispose();
    }
    if (this.#error) throw this.#error;
  }

  dispose(): void {
    this.#outer?.removeEventListener('abort', this.#onOuterAbort);
  }
}
