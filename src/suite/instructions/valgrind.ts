import { spawnSync } from 'node:child_process';
import { MARKER_FUNCTION } from './phases.js';

/** What to do when Valgrind is not installed: one line a user can act on. */
export const VALGRIND_MISSING = '--measure instructions needs Valgrind, which is not installed: on Debian or Ubuntu, `sudo apt-get install valgrind` (or use --measure time)';

/** The Valgrind to run: `valgrind` from PATH, or the one SERBENCH_VALGRIND names. */
export function valgrindCommand(env: NodeJS.ProcessEnv = process.env): string {
  return env.SERBENCH_VALGRIND || 'valgrind';
}

/** Valgrind's version line (`valgrind-3.19.0`), or null when it cannot be run. */
export function valgrindVersion(command = valgrindCommand()): string | null {
  const probe = spawnSync(command, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  return probe.status === 0 ? probe.stdout.trim() : null;
}

/**
 * Callgrind without cache or branch simulation (instructions only: the fastest
 * and most repeatable count), each thread counted apart, dumping whenever the
 * process calls os.getPriority() (src/suite/instructions/phases.ts), into `dir`.
 */
export function callgrindArgs(dir: string): string[] {
  return [
    '--tool=callgrind',
    '--quiet',
    '--separate-threads=yes',
    `--dump-before=${MARKER_FUNCTION}`,
    `--callgrind-out-file=${dir}/cg.%p`,
    '--cache-sim=no',
    '--branch-sim=no',
    '--dump-instr=no',
    '--dump-line=no',
  ];
}

/**
 * V8 flags for counting. The optimizing compiler and the garbage collector work
 * on the main thread, at the same points on every run, instead of on helper
 * threads that Valgrind schedules differently from run to run. The old
 * generation starts large, so old-generation collection (whose incremental steps
 * would otherwise land in every other phase: +0.5%) stays off during a case's
 * phases; each case starts after a full collection. No memory reducer: it
 * collects on a wall-clock timer.
 */
export const DETERMINISTIC_V8_FLAGS: readonly string[] = ['--predictable', '--predictable-gc-schedule', '--single-threaded', '--initial-old-space-size=2048', '--no-memory-reducer', '--random-seed=1', '--hash-seed=1'];

/**
 * The C library's choices that depend on addresses or on what was freed before,
 * fixed for counting: glibc copies large blocks with `rep movsb` (counted once
 * per byte under Valgrind) or a vector loop depending on the buffers' relative
 * alignment (JSON-encoding `log` counted 9.72 M or 9.57 M instructions a call
 * by that alone); and it moves its mmap threshold as blocks are freed.
 */
export const DETERMINISTIC_ENV: Readonly<Record<string, string>> = {
  GLIBC_TUNABLES: 'glibc.cpu.x86_rep_movsb_threshold=2147483647:glibc.cpu.x86_rep_stosb_threshold=2147483647',
  MALLOC_MMAP_THRESHOLD_: '131072',
  MALLOC_TRIM_THRESHOLD_: '134217728',
  MALLOC_TOP_PAD_: '0',
  MALLOC_ARENA_MAX: '1',
};
