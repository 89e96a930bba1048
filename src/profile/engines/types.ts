import type { ToolName } from '../options.js';
import type { ProfileTarget } from '../target.js';

/** Whether an engine can run here, and why not. */
export type Detection = { readonly ok: true; readonly version?: string } | { readonly ok: false; readonly reason: string };

/** A file an engine produced, relative to the case directory. */
export interface Artefact {
  readonly file: string;
  /** What a reader gets from it (shown in the index). */
  readonly label: string;
}

export type EngineOutcome =
  | { readonly status: 'ok'; readonly artefacts: readonly Artefact[]; readonly elapsedMs: number; readonly note?: string }
  | { readonly status: 'failed'; readonly reason: string; readonly artefacts: readonly Artefact[]; readonly elapsedMs: number }
  | { readonly status: 'interrupted'; readonly elapsedMs: number };

export interface EngineTask {
  readonly target: ProfileTarget;
  /** The case's temporary directory: artefacts are written or moved here. */
  readonly caseDir: string;
  readonly durationMs: number;
  readonly signal?: AbortSignal;
}

/** One profiler behind one interface: the orchestrator knows nothing else about it. */
export interface ProfileEngine {
  readonly name: ToolName;
  readonly description: string;
  /** Engines whose artefacts this one needs (0x renders the cpu engine's profiles). */
  readonly requires: readonly ToolName[];
  detect(): Detection;
  run(task: EngineTask): Promise<EngineOutcome>;
}
