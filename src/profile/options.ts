import { join } from 'node:path';
import { DEFAULT_SEED } from '../datasets/types.js';

/** The engines `--tools` can choose, in the order they run for a case. */
export const TOOL_NAMES = ['cpu', 'heap', '0x', 'clinic-flame', 'clinic-doctor', 'clinic-heap'] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

/** Every default of `npm run profile`, in one place. */
export const PROFILE_DEFAULTS = {
  /** Where case directories and index.html go. */
  outDir: join('reports', 'profiles'),
  /** How long each case is sampled by each tool (ms). */
  durationMs: 5000,
  /**
   * Untimed calls before a codec case's sampling window opens, so the window
   * shows the optimised code the suite times rather than the JIT warming up.
   */
  warmupMs: 250,
  records: 1000,
  seed: DEFAULT_SEED,
  tools: TOOL_NAMES,
  /** V8 CPU sampling interval (µs); the default of --cpu-prof. */
  cpuSamplingIntervalUs: 1000,
  /** Sampling heap profiler interval (bytes); smaller than V8's 512 KiB so a short run has enough samples. */
  heapSamplingIntervalBytes: 16 * 1024,
  /** Rows in the summary's tables. */
  topFunctions: 15,
  /** A codec-case loop returns to the event loop this often (ms), so timers (the peak watcher) and signals run. */
  yieldEveryMs: 20,
  peakSnapshot: {
    /** Heap use is read this often (ms). */
    pollMs: 50,
    /** A new snapshot replaces the previous one only when heap use is this much higher (ratio). */
    minGrowth: 1.2,
    /** At most this many snapshots per run (each one pauses the process). */
    maxSnapshots: 3,
  },
  /** Time allowed, besides the sampling duration, for a child to start, write its files, and a tool to render. */
  timeouts: {
    captureSlackMs: 60_000,
    renderMs: 60_000,
    clinicSlackMs: 90_000,
  },
} as const;

export interface ProfileOptions {
  readonly outDir: string;
  readonly durationMs: number;
  readonly tools: readonly ToolName[];
}

export function resolveProfileOptions(overrides: Partial<ProfileOptions>): ProfileOptions {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) as Partial<ProfileOptions>;
  return Object.freeze({ outDir: PROFILE_DEFAULTS.outDir, durationMs: PROFILE_DEFAULTS.durationMs, tools: PROFILE_DEFAULTS.tools, ...defined });
}
