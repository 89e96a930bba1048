import { statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { writeFileAtomic } from '../results/write.js';
import { threadFileName, threadRole } from './artefact-names.js';
import { isModuleLoaderThread, type CpuProfile } from './cpuprofile.js';
import type { Artefact } from './engines/types.js';
import type { HeapProfile } from './heapprofile.js';
import type { Locate } from './locations.js';
import type { ToolRecord } from './manifest.js';
import { cpuPprof, heapPprof, type PprofInfo, type PprofResult } from './pprof.js';
import { profileFrames, sourceMapNotes } from './source-map-notes.js';
import type { ThreadProfile } from './summary.js';

/** pprof files written from one tool's profiles, and one line per file not written. */
export interface PprofExport {
  readonly artefacts: readonly Artefact[];
  readonly notes: readonly string[];
}

export interface CasePprof {
  readonly cpu: PprofExport;
  readonly heap: PprofExport;
}

/** Gzipped profile.proto, as `go tool pprof` and profiling services take it. */
export function writePprofFile(path: string, result: Extract<PprofResult, { kind: 'profile' }>): void {
  writeFileAtomic(path, gzipSync(result.profile.encode()));
}

function startedAtMs(path: string, profile: CpuProfile): number | undefined {
  try {
    return statSync(path).mtimeMs - (profile.endTime - profile.startTime) / 1000;
  } catch {
    return undefined;
  }
}

export function pprofComments(subject: string, notes: readonly string[]): string[] {
  return [`serbench: ${subject}`, ...notes];
}

/** Writes one thread's pprof file, or says in one line why it did not. */
function exportThread(caseDir: string, file: string, source: string, label: string, build: () => PprofResult, into: { artefacts: Artefact[]; notes: string[] }): void {
  try {
    const result = build();
    if (result.kind === 'empty') {
      into.notes.push(`${file} not written: ${source}: ${result.reason}`);
      return;
    }
    writePprofFile(join(caseDir, file), result);
    into.artefacts.push({ file, label });
  } catch (error) {
    into.notes.push(`${file} not written: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * `cpu.pb.gz` / `heap.pb.gz` (and `-thread-N` for other threads) beside each
 * .cpuprofile and .heapprofile, placed with the same locator as the summary.
 * A profile with nothing sampled gets a note instead of an empty file.
 */
export function writeCasePprof(caseDir: string, caseId: string, cpu: readonly ThreadProfile<CpuProfile>[], heap: readonly ThreadProfile<HeapProfile>[], locate: Locate): CasePprof {
  const written = { cpu: { artefacts: [] as Artefact[], notes: [] as string[] }, heap: { artefacts: [] as Artefact[], notes: [] as string[] } };
  for (const item of cpu) {
    const role = threadRole(item.thread, isModuleLoaderThread(item.profile));
    const started = startedAtMs(join(caseDir, item.file), item.profile);
    const info: PprofInfo = { comments: pprofComments(`${caseId}, CPU, ${role} (${item.file})`, sourceMapNotes(profileFrames([item.profile], []), locate)), ...(started !== undefined ? { startedAtMs: started } : {}) };
    exportThread(caseDir, threadFileName('cpu-pprof', item.thread), item.file, `pprof CPU profile (${role})`, () => cpuPprof([item], locate, info), written.cpu);
  }
  for (const item of heap) {
    const role = threadRole(item.thread, false);
    const info: PprofInfo = { comments: pprofComments(`${caseId}, allocations, ${role} (${item.file})`, sourceMapNotes(profileFrames([], [item.profile]), locate)) };
    exportThread(caseDir, threadFileName('heap-pprof', item.thread), item.file, `pprof allocations (${role})`, () => heapPprof([item], locate, info), written.heap);
  }
  return written;
}

/** The cpu and heap records with the pprof files made from their profiles, and a note for any not written. */
export function withPprofArtefacts(records: readonly ToolRecord[], pprof: CasePprof): ToolRecord[] {
  return records.map((record) => {
    if (record.status !== 'ok' || (record.tool !== 'cpu' && record.tool !== 'heap')) return record;
    const { artefacts, notes } = pprof[record.tool];
    const note = [...(record.note ? [record.note] : []), ...notes].join('; ');
    return { ...record, artefacts: [...record.artefacts, ...artefacts], ...(note ? { note } : {}) };
  });
}
