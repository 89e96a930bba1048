import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InputSpec } from '../inputs/types.js';
import type { CodecOp } from '../suite/options.js';
import { INPUT_SPEC_ENV } from './child/env.js';
import { childEnv, type CaptureWindow, type ChildCaptureConfig } from './child/env.js';
import { PROFILE_DEFAULTS } from './options.js';

/** The repository root: children run there, and paths in summaries are relative to it. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const CODEC_CHILD = fileURLToPath(new URL('./child/codec-case.ts', import.meta.url));
const PRELOAD = fileURLToPath(new URL('./child/preload.mjs', import.meta.url));
const PIPELINE_ENTRY = fileURLToPath(new URL('../../bench/pipeline.ts', import.meta.url));

/** One thing to profile. */
export type ProfileTarget =
  | {
      readonly kind: 'codec';
      readonly id: string;
      readonly dataset: string;
      readonly codec: string;
      readonly op: CodecOp;
      readonly records: number;
      readonly seed: number;
      /** The dataset is a user's file (`--input`), resolved by the profile command; the child opens it from this. */
      readonly input?: InputSpec;
    }
  | {
      /** One configuration of the pipeline suite, run by its own command. */
      readonly kind: 'pipeline';
      readonly id: string;
      /** The pipeline command's flags selecting exactly this configuration. */
      readonly args: readonly string[];
      readonly description: Readonly<Record<string, string | number>>;
    }
  | {
      /** Any script (tests profile deliberately slow fixtures this way). */
      readonly kind: 'script';
      readonly id: string;
      readonly entry: string;
      readonly args: readonly string[];
      readonly env?: Readonly<Record<string, string>>;
    };

/** A node command line for a target, before any profiler wraps it. */
export interface ChildCommand {
  /** Flags for node itself (before the script). */
  readonly nodeArgs: readonly string[];
  readonly script: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

/**
 * Codec cases mark their measured window (after set-up and warm-up) and are
 * captured in-process; any other command is profiled from start to exit.
 */
export function captureWindow(target: ProfileTarget): CaptureWindow {
  return target.kind === 'codec' ? 'measured' : 'process';
}

/** What a profiler run of the target should capture (see child/env.ts). */
export interface CaptureRequest {
  readonly cpuDir?: string;
  readonly heapDir?: string;
  readonly snapshotPath?: string;
  readonly sourceMapsDir?: string;
}

/**
 * The command that runs `target` for `durationMs`; anything it writes besides
 * the profiles goes under `scratchDir`. With a capture request, the
 * preload is added; CPU profiles of whole-process targets come from --cpu-prof,
 * which also writes one per worker thread even when a worker is terminated.
 */
export function childCommand(target: ProfileTarget, durationMs: number, scratchDir: string, capture?: CaptureRequest): ChildCommand {
  const window = captureWindow(target);
  const inProcessCpu = window === 'measured' && capture?.cpuDir !== undefined;
  const config: ChildCaptureConfig = {
    durationMs,
    window,
    ...(inProcessCpu && capture?.cpuDir ? { cpuDir: capture.cpuDir } : {}),
    ...(capture?.heapDir ? { heapDir: capture.heapDir } : {}),
    ...(capture?.snapshotPath ? { snapshotPath: capture.snapshotPath } : {}),
    ...(capture?.sourceMapsDir ? { sourceMapsDir: capture.sourceMapsDir } : {}),
  };
  const nodeArgs = ['--import', 'tsx'];
  if (capture) nodeArgs.push('--import', PRELOAD);
  if (capture?.cpuDir && !inProcessCpu) {
    nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${capture.cpuDir}`, `--cpu-prof-interval=${PROFILE_DEFAULTS.cpuSamplingIntervalUs}`);
  }
  const env = childEnv(config);
  switch (target.kind) {
    case 'codec':
      return {
        nodeArgs,
        script: CODEC_CHILD,
        args: ['--dataset', target.dataset, '--codec', target.codec, '--op', target.op, '--records', String(target.records), '--seed', String(target.seed), '--duration-ms', String(Math.round(durationMs))],
        env: target.input ? { ...env, [INPUT_SPEC_ENV]: JSON.stringify(target.input) } : env,
      };
    case 'pipeline':
      // The pipeline command writes a result file and reports; under a profiler they go to scratch, not results/.
      return { nodeArgs, script: PIPELINE_ENTRY, args: [...target.args, '--min-time', String(durationMs / 1000), '--out', join(scratchDir, 'pipeline-result.json'), '--reports-dir', join(scratchDir, 'pipeline-reports')], env };
    case 'script':
      return { nodeArgs, script: target.entry, args: [...target.args], env: { ...target.env, ...env } };
  }
}

/** The argv after `node` for a child command (what profilers wrapping node are given). */
export function nodeArgv(command: ChildCommand): string[] {
  return [...command.nodeArgs, command.script, ...command.args];
}
