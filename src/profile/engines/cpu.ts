import { existsSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { threadFileName, threadOfFile, threadRole } from '../artefact-names.js';
import { isModuleLoaderThread, parseCpuProfile } from '../cpuprofile.js';
import { PROFILE_DEFAULTS } from '../options.js';
import { mergeSourceMapDumps } from '../source-map-store.js';
import { captureWindow, childCommand } from '../target.js';
import { elapsedOf, logPath, removeScratch, runChild, unsuccessful } from './common.js';
import type { Artefact, EngineOutcome, EngineTask, ProfileEngine } from './types.js';

/** `CPU.20240101.120000.<pid>.<thread>.<seq>.cpuprofile`, as --cpu-prof names its files. */
const CPU_PROF_FILE = /^CPU\.\d+\.\d+\.(\d+)\.(\d+)\.\d+\.cpuprofile$/;

/**
 * Gives --cpu-prof's files their case-directory names; files of other processes
 * the command started (rare) keep a name with their pid.
 */
export function collectFlagProfiles(scratch: string, caseDir: string, mainPid: number): void {
  for (const file of readdirSync(scratch)) {
    const match = CPU_PROF_FILE.exec(file);
    if (!match) continue;
    const pid = Number(match[1]);
    const thread = Number(match[2]);
    const name = pid === mainPid ? threadFileName('cpu', thread) : `cpu-process-${pid}-thread-${thread}.cpuprofile`;
    renameSync(join(scratch, file), join(caseDir, name));
  }
}

export function collectNamedProfiles(scratch: string, caseDir: string, kind: 'cpu' | 'heap'): void {
  for (const file of readdirSync(scratch)) {
    if (threadOfFile(kind, file) !== undefined) renameSync(join(scratch, file), join(caseDir, file));
  }
}

export function threadArtefacts(caseDir: string, kind: 'cpu' | 'heap', what: string): Artefact[] {
  const files = readdirSync(caseDir)
    .map((file) => ({ file, thread: threadOfFile(kind, file) }))
    .filter((entry): entry is { file: string; thread: number } => entry.thread !== undefined)
    .sort((a, b) => a.thread - b.thread);
  return files.map(({ file, thread }) => ({ file, label: `${what} (${roleOfFile(caseDir, kind, file, thread)})` }));
}

function roleOfFile(caseDir: string, kind: 'cpu' | 'heap', file: string, thread: number): string {
  if (thread === 0 || kind !== 'cpu') return threadRole(thread, false);
  try {
    return threadRole(thread, isModuleLoaderThread(parseCpuProfile(readFileSync(join(caseDir, file), 'utf8'), file)));
  } catch {
    return `thread ${thread}, unreadable`;
  }
}

export const cpuEngine: ProfileEngine = {
  name: 'cpu',
  description: 'V8 CPU profile (node:inspector for codec cases, --cpu-prof per thread for commands)',
  requires: [],
  detect() {
    return { ok: true, version: `node ${process.versions.node}` };
  },
  async run(task: EngineTask): Promise<EngineOutcome> {
    const scratch = join(task.caseDir, '.cpu');
    const sourceMapsDir = join(task.caseDir, '.cpu-source-maps');
    const command = childCommand(task.target, task.durationMs, scratch, { cpuDir: scratch, sourceMapsDir });
    const timeoutMs = task.durationMs + PROFILE_DEFAULTS.warmupMs + PROFILE_DEFAULTS.timeouts.captureSlackMs;
    const log = logPath(task.caseDir, 'cpu');
    const outcome = await runChild(command, { timeoutMs, log, ...(task.signal ? { signal: task.signal } : {}) });
    try {
      const failure = unsuccessful(outcome, timeoutMs, log, 'the profiled process');
      if (failure) return failure;
      if (!existsSync(scratch)) return { status: 'failed', reason: 'the profiled process exited without writing a CPU profile', artefacts: [], elapsedMs: elapsedOf(outcome) };
      if (captureWindow(task.target) === 'measured') collectNamedProfiles(scratch, task.caseDir, 'cpu');
      else if (outcome.kind === 'exited') collectFlagProfiles(scratch, task.caseDir, outcome.pid);
      mergeSourceMapDumps(task.caseDir, sourceMapsDir);
      const artefacts = threadArtefacts(task.caseDir, 'cpu', 'V8 CPU profile');
      if (artefacts.length === 0) return { status: 'failed', reason: 'no CPU profile was written', artefacts: [], elapsedMs: elapsedOf(outcome) };
      return { status: 'ok', artefacts, elapsedMs: elapsedOf(outcome) };
    } finally {
      removeScratch(scratch);
      removeScratch(sourceMapsDir);
    }
  },
};
