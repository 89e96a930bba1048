/**
 * How the parent tells a profiled child what to capture: environment variables,
 * so they reach a command we do not own (the pipeline CLI) and its worker threads.
 */
export const CHILD_ENV = {
  /** Directory for in-process CPU profiles (codec cases, whose measured window the runner marks). */
  cpuDir: 'SERBENCH_PROFILE_CPU_DIR',
  /** Directory for sampling heap profiles (every thread). */
  heapDir: 'SERBENCH_PROFILE_HEAP_DIR',
  /** Path of the heap snapshot taken at the main thread's peak heap use. */
  snapshot: 'SERBENCH_PROFILE_SNAPSHOT',
  /** Directory where each thread leaves the source maps of the project's TypeScript files it loaded. */
  sourceMapsDir: 'SERBENCH_PROFILE_SOURCE_MAPS_DIR',
  /** How long the case is sampled (ms); the codec runner loops this long, a pipeline command may honour it. */
  durationMs: 'SERBENCH_PROFILE_DURATION_MS',
  /** `measured`: the child marks its measured window itself (codec cases); otherwise the whole process is profiled. */
  window: 'SERBENCH_PROFILE_WINDOW',
} as const;

/** A codec case's user file (`--input`): the resolved input as JSON, so the child opens the very dataset the parent resolved. */
export const INPUT_SPEC_ENV = 'SERBENCH_PROFILE_INPUT';

/** What part of a child's life is profiled. */
export type CaptureWindow = 'measured' | 'process';

export interface ChildCaptureConfig {
  readonly cpuDir?: string;
  readonly heapDir?: string;
  readonly snapshotPath?: string;
  readonly sourceMapsDir?: string;
  readonly durationMs?: number;
  readonly window?: CaptureWindow;
}

export function readChildConfig(env: NodeJS.ProcessEnv): ChildCaptureConfig {
  const value = (name: string): string | undefined => (env[name] !== undefined && env[name] !== '' ? env[name] : undefined);
  const duration = Number(value(CHILD_ENV.durationMs));
  const config: { -readonly [K in keyof ChildCaptureConfig]: ChildCaptureConfig[K] } = {};
  const cpuDir = value(CHILD_ENV.cpuDir);
  const heapDir = value(CHILD_ENV.heapDir);
  const snapshotPath = value(CHILD_ENV.snapshot);
  const sourceMapsDir = value(CHILD_ENV.sourceMapsDir);
  if (cpuDir) config.cpuDir = cpuDir;
  if (heapDir) config.heapDir = heapDir;
  if (snapshotPath) config.snapshotPath = snapshotPath;
  if (sourceMapsDir) config.sourceMapsDir = sourceMapsDir;
  if (Number.isFinite(duration) && duration > 0) config.durationMs = duration;
  config.window = value(CHILD_ENV.window) === 'measured' ? 'measured' : 'process';
  return config;
}

export function childEnv(config: ChildCaptureConfig): Record<string, string> {
  const env: Record<string, string> = {};
  if (config.cpuDir) env[CHILD_ENV.cpuDir] = config.cpuDir;
  if (config.heapDir) env[CHILD_ENV.heapDir] = config.heapDir;
  if (config.snapshotPath) env[CHILD_ENV.snapshot] = config.snapshotPath;
  if (config.sourceMapsDir) env[CHILD_ENV.sourceMapsDir] = config.sourceMapsDir;
  if (config.durationMs !== undefined) env[CHILD_ENV.durationMs] = String(Math.round(config.durationMs));
  if (config.window) env[CHILD_ENV.window] = config.window;
  return env;
}
