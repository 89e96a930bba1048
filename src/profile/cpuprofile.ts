/** The V8 CPU profile format (`.cpuprofile`, as Chrome DevTools and speedscope read it). */
export interface CallFrame {
  readonly functionName: string;
  readonly scriptId?: string;
  readonly url: string;
  /** 0-based, in the code V8 ran. */
  readonly lineNumber: number;
  readonly columnNumber: number;
}

export interface CpuProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly hitCount?: number;
  readonly children?: readonly number[];
  /** Samples per line (1-based, of the compiled code) while this node was on top. */
  readonly positionTicks?: readonly { readonly line: number; readonly ticks: number }[];
}

export interface CpuProfile {
  readonly nodes: readonly CpuProfileNode[];
  /** µs */
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  /** µs between adjacent samples; the first is relative to startTime. */
  readonly timeDeltas: readonly number[];
}

export class ProfileFormatError extends Error {
  override readonly name = 'ProfileFormatError';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isCallFrame(value: unknown): value is CallFrame {
  return isObject(value) && typeof value.functionName === 'string' && typeof value.url === 'string' && typeof value.lineNumber === 'number' && typeof value.columnNumber === 'number';
}

/** Parses and checks a .cpuprofile: nodes with call frames, and as many time deltas as samples. */
export function parseCpuProfile(text: string, source = 'CPU profile'): CpuProfile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ProfileFormatError(`${source} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isObject(value) || !Array.isArray(value.nodes) || value.nodes.length === 0) throw new ProfileFormatError(`${source} has no nodes`);
  for (const node of value.nodes) {
    if (!isObject(node) || typeof node.id !== 'number' || !isCallFrame(node.callFrame)) throw new ProfileFormatError(`${source} has a node without an id or call frame`);
  }
  const samples = value.samples ?? [];
  const timeDeltas = value.timeDeltas ?? [];
  if (!Array.isArray(samples) || !Array.isArray(timeDeltas) || samples.length !== timeDeltas.length) throw new ProfileFormatError(`${source} has samples and timeDeltas of different lengths`);
  if (typeof value.startTime !== 'number' || typeof value.endTime !== 'number') throw new ProfileFormatError(`${source} has no startTime/endTime`);
  return { nodes: value.nodes as CpuProfileNode[], startTime: value.startTime, endTime: value.endTime, samples: samples as number[], timeDeltas: timeDeltas as number[] };
}

/**
 * How long each sample stands for (µs): the time to the next sample, as DevTools
 * counts it; the last one runs to the profile's end.
 */
export function sampleDurations(profile: CpuProfile): number[] {
  const { samples, timeDeltas } = profile;
  const durations: number[] = new Array<number>(samples.length);
  let time = profile.startTime;
  for (let i = 0; i < samples.length; i++) {
    time += timeDeltas[i] ?? 0;
    const next = timeDeltas[i + 1];
    durations[i] = Math.max(0, next !== undefined ? next : profile.endTime - time);
  }
  return durations;
}

/** Self time per node id (µs). */
export function selfTimeByNode(profile: CpuProfile): Map<number, number> {
  const durations = sampleDurations(profile);
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (durations[i] ?? 0)));
  return self;
}

/** V8's pseudo-frames: not functions, reported apart. */
export const META_FRAMES = ['(root)', '(program)', '(idle)', '(garbage collector)'] as const;
export type MetaFrame = (typeof META_FRAMES)[number];

export function metaFrame(frame: CallFrame): MetaFrame | undefined {
  return frame.url === '' && (META_FRAMES as readonly string[]).includes(frame.functionName) ? (frame.functionName as MetaFrame) : undefined;
}

/** One function's identity: the same name at the same place. */
export function frameKey(frame: CallFrame): string {
  return `${frame.functionName}\u0000${frame.url}\u0000${frame.lineNumber}\u0000${frame.columnNumber}`;
}

export interface FunctionSelfTime {
  readonly frame: CallFrame;
  readonly selfUs: number;
  readonly samples: number;
}

export interface SelfTimeTable {
  /** Functions by self time, highest first (pseudo-frames excluded). */
  readonly functions: readonly FunctionSelfTime[];
  readonly meta: Readonly<Record<MetaFrame, number>>;
  /** All sampled time (µs). */
  readonly totalUs: number;
  /** Sampled time not idle (µs): the base of the percentages. */
  readonly busyUs: number;
  readonly sampleCount: number;
}

/** Self time by function over the whole profile (a function that appears at several nodes is summed). */
export function selfTimeByFunction(profile: CpuProfile): SelfTimeTable {
  const durations = sampleDurations(profile);
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const perNode = new Map<number, { us: number; samples: number }>();
  profile.samples.forEach((id, i) => {
    const entry = perNode.get(id) ?? { us: 0, samples: 0 };
    entry.us += durations[i] ?? 0;
    entry.samples += 1;
    perNode.set(id, entry);
  });
  const functions = new Map<string, { frame: CallFrame; selfUs: number; samples: number }>();
  const meta: Record<MetaFrame, number> = { '(root)': 0, '(program)': 0, '(idle)': 0, '(garbage collector)': 0 };
  let totalUs = 0;
  for (const [id, { us, samples }] of perNode) {
    totalUs += us;
    const frame = nodes.get(id)?.callFrame;
    if (!frame) continue;
    const pseudo = metaFrame(frame);
    if (pseudo) {
      meta[pseudo] += us;
      continue;
    }
    const key = frameKey(frame);
    const entry = functions.get(key) ?? { frame, selfUs: 0, samples: 0 };
    entry.selfUs += us;
    entry.samples += samples;
    functions.set(key, entry);
  }
  const sorted = [...functions.values()].sort((a, b) => b.selfUs - a.selfUs || b.samples - a.samples);
  return { functions: sorted, meta, totalUs, busyUs: totalUs - meta['(idle)'], sampleCount: profile.samples.length };
}

/**
 * True for the thread Node starts to run module loader hooks (tsx compiling
 * TypeScript): not the program's own work, so summaries and flame graphs set it
 * aside.
 */
export function isModuleLoaderThread(profile: CpuProfile): boolean {
  return profile.nodes.some((node) => node.callFrame.url === 'node:internal/modules/esm/worker');
}
