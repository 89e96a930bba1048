import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadOfFile } from './artefact-names.js';
import type { CodecRunReport } from './child/loop.js';
import { parseCpuProfile, type CpuProfile } from './cpuprofile.js';
import { parseHeapProfile, type HeapProfile } from './heapprofile.js';
import type { ThreadProfile } from './summary.js';

/** The per-thread CPU profiles in a case directory, main thread first. */
export function readCpuProfiles(dir: string): ThreadProfile<CpuProfile>[] {
  return readdirSync(dir)
    .map((file) => ({ file, thread: threadOfFile('cpu', file) }))
    .filter((entry): entry is { file: string; thread: number } => entry.thread !== undefined)
    .sort((a, b) => a.thread - b.thread)
    .map(({ file, thread }) => ({ file, thread, profile: parseCpuProfile(readFileSync(join(dir, file), 'utf8'), file) }));
}

export function readHeapProfiles(dir: string): ThreadProfile<HeapProfile>[] {
  return readdirSync(dir)
    .map((file) => ({ file, thread: threadOfFile('heap', file) }))
    .filter((entry): entry is { file: string; thread: number } => entry.thread !== undefined)
    .sort((a, b) => a.thread - b.thread)
    .map(({ file, thread }) => ({ file, thread, profile: parseHeapProfile(readFileSync(join(dir, file), 'utf8'), file) }));
}

/** The codec child's report line (`{"type":"codec-run",…}`) from a tool's log, if there is one. */
export function readRunReport(logFile: string): CodecRunReport | undefined {
  let text: string;
  try {
    text = readFileSync(logFile, 'utf8');
  } catch {
    return undefined;
  }
  for (const line of text.split('\n').reverse()) {
    if (!line.startsWith('{"type":"codec-run"')) continue;
    try {
      const parsed = JSON.parse(line) as Partial<CodecRunReport>;
      if (typeof parsed.calls === 'number' && typeof parsed.elapsedMs === 'number' && typeof parsed.msPerCall === 'number') {
        return { calls: parsed.calls, elapsedMs: parsed.elapsedMs, msPerCall: parsed.msPerCall };
      }
    } catch {
      return undefined;
    }
  }
  return undefined;
}
