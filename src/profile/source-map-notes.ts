import { frameKey, type CallFrame, type CpuProfile } from './cpuprofile.js';
import type { HeapProfile, HeapProfileNode } from './heapprofile.js';
import type { Locate } from './locations.js';

/** Every distinct call frame of some CPU and heap profiles. */
export function profileFrames(cpu: readonly CpuProfile[], heap: readonly HeapProfile[]): CallFrame[] {
  const frames = new Map<string, CallFrame>();
  const add = (frame: CallFrame): void => {
    frames.set(frameKey(frame), frame);
  };
  for (const profile of cpu) for (const node of profile.nodes) add(node.callFrame);
  const stack: HeapProfileNode[] = heap.map((profile) => profile.head);
  for (let node = stack.pop(); node; node = stack.pop()) {
    add(node.callFrame);
    stack.push(...node.children);
  }
  return [...frames.values()];
}

/**
 * One line per project file whose frames have no .ts line because its source
 * map is missing or stale: those frames keep the compiled location (summary and
 * pprof files alike), and a reader should know which.
 */
export function sourceMapNotes(frames: readonly CallFrame[], locate: Locate): string[] {
  const files = new Map<string, { why: 'no-map' | 'stale'; functions: number }>();
  for (const frame of frames) {
    const location = locate(frame);
    if (location.kind !== 'project' || (location.unmapped !== 'no-map' && location.unmapped !== 'stale')) continue;
    const entry = files.get(location.file) ?? { why: location.unmapped, functions: 0 };
    entry.functions += 1;
    files.set(location.file, entry);
  }
  return [...files]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([file, { why, functions }]) => {
      const reason = why === 'stale' ? 'its source map is stale (it does not fit the code that ran)' : 'no source map was recorded for it';
      return `${file}: ${reason}; ${functions} function(s) keep the line of the compiled JavaScript`;
    });
}
