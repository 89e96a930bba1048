/**
 * V8 profiles as pprof profiles (profile.proto, what `go tool pprof`, Grafana
 * Pyroscope and Cloud Profiler read), built with DataDog's `pprof-format`
 * encoder. Pure: the caller gzips and writes the bytes.
 */
import { Profile, StringTable, type FunctionInput, type LabelInput, type LocationInput, type SampleInput, type ValueTypeInput } from 'pprof-format';
import { frameKey, metaFrame, sampleDurations, type CallFrame, type CpuProfile, type CpuProfileNode } from './cpuprofile.js';
import { allocatedObjects } from './heap-objects.js';
import type { HeapProfile, HeapProfileNode } from './heapprofile.js';
import { functionLabel, lineFrame, stablePlace, type FrameLocation, type Locate } from './locations.js';
import { PROFILE_DEFAULTS } from './options.js';

/** One thread's profile; `thread` becomes a sample label (`main`, `worker 2`) when several threads share one pprof file. */
export interface PprofInput<P> {
  readonly thread: number;
  readonly profile: P;
}

export interface PprofInfo {
  /** Lines shown by `go tool pprof -comments` and in its web UI. */
  readonly comments: readonly string[];
  /** When the profile started (ms since the epoch), if known. */
  readonly startedAtMs?: number;
}

/** A profile, or why none can be written (nothing sampled: no empty file is written). */
export type PprofResult = { readonly kind: 'profile'; readonly profile: Profile } | { readonly kind: 'empty'; readonly reason: string };

/**
 * The name pprof shows. pprof's default view merges functions by name alone,
 * so the name carries the function's place as the diff identifies it (file,
 * not line; anonymous functions with their line): two `encode`s of different
 * codecs stay apart, and `-base` still matches a function a pull request moved.
 */
export function pprofFunctionName(frame: CallFrame, location: FrameLocation): string {
  const label = functionLabel(frame);
  if (metaFrame(frame) !== undefined || location.kind === 'native') return label;
  return `${label} (${stablePlace(frame, location)})`;
}

/** The file pprof's `-list` opens: project and dependency files relative to the project root. */
function sourceFile(location: FrameLocation): string {
  switch (location.kind) {
    case 'project':
      return location.file;
    case 'dependency':
      return location.path;
    case 'node':
      return location.module;
    case 'native':
      return '';
    case 'other':
      return location.url;
  }
}

/** The .ts line when the map gives one, else the compiled line V8 reported (0: none). */
function sourceLine(location: FrameLocation): number {
  if (location.kind === 'native') return 0;
  if (location.kind === 'project') return location.line ?? location.generatedLine ?? 0;
  return location.line;
}

function isMapped(location: FrameLocation): boolean {
  return location.kind !== 'project' || location.line !== undefined;
}

/** Splits a whole number in proportion to weights, the remainders going to the largest fractions. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map((_, i) => (i === 0 ? total : 0));
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, fraction: x - Math.floor(x) })).sort((a, b) => b.fraction - a.fraction);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    left -= 1;
  }
  return parts;
}

const NODE_MAPPING_ID = 1;

/** The string, function and location tables of one pprof profile. */
class PprofTables {
  readonly strings = new StringTable();
  readonly functions: FunctionInput[] = [];
  readonly locations: LocationInput[] = [];
  private readonly functionIds = new Map<string, number>();
  private readonly locationIds = new Map<string, number>();

  constructor(private readonly locate: Locate) {}

  valueType(type: string, unit: string): ValueTypeInput {
    return { type: this.strings.dedup(type), unit: this.strings.dedup(unit) };
  }

  private functionId(frame: CallFrame, location: FrameLocation): number {
    const name = pprofFunctionName(frame, location);
    const filename = sourceFile(location);
    const startLine = sourceLine(location);
    const key = `${name}\u0000${filename}\u0000${startLine}`;
    let id = this.functionIds.get(key);
    if (id === undefined) {
      id = this.functions.length + 1;
      // No system_name: pprof would take a name with brackets for demangled C++ and cut its "(…)".
      this.functions.push({ id, name: this.strings.dedup(name), filename: this.strings.dedup(filename), startLine });
      this.functionIds.set(key, id);
    }
    return id;
  }

  /**
   * The location of a frame: at its start line, or at `tickLine` (a 1-based line
   * of its compiled code that V8 sampled), mapped to the .ts line like the frame.
   */
  location(frame: CallFrame, tickLine?: number): number {
    const key = `${frameKey(frame)}\u0000${tickLine ?? ''}`;
    let id = this.locationIds.get(key);
    if (id !== undefined) return id;
    const start = this.locate(frame);
    let line = sourceLine(start);
    if (tickLine !== undefined && start.kind !== 'native') {
      const atTick = this.locate(lineFrame(frame, tickLine));
      // A tick line without a .ts line of its own falls back to the function's start, unless the whole function is unmapped.
      if (isMapped(atTick) || !isMapped(start)) line = sourceLine(atTick) || tickLine;
    }
    id = this.locations.length + 1;
    this.locations.push({ id, mappingId: NODE_MAPPING_ID, line: [{ functionId: this.functionId(frame, start), line }] });
    this.locationIds.set(key, id);
    return id;
  }

  profile(fields: { sampleType: ValueTypeInput[]; sample: SampleInput[]; periodType: ValueTypeInput; period: number; defaultSampleType: string; durationNanos: number; info: PprofInfo }): Profile {
    const { info } = fields;
    return new Profile({
      // Functions, files and lines are given, so pprof must not look for a binary to symbolize.
      mapping: [{ id: NODE_MAPPING_ID, filename: this.strings.dedup(`node ${process.version}`), hasFunctions: true, hasFilenames: true, hasLineNumbers: true }],
      sampleType: fields.sampleType,
      sample: fields.sample,
      location: this.locations,
      function: this.functions,
      stringTable: this.strings,
      periodType: fields.periodType,
      period: fields.period,
      durationNanos: Math.max(0, Math.round(fields.durationNanos)),
      ...(info.startedAtMs !== undefined ? { timeNanos: BigInt(Math.round(info.startedAtMs)) * 1_000_000n } : {}),
      comment: info.comments.map((line) => this.strings.dedup(line)),
      defaultSampleType: this.strings.dedup(fields.defaultSampleType),
    });
  }

  /** A string label: pprof drops a numeric label of 0, which is the main thread. */
  threadLabel(inputs: readonly PprofInput<unknown>[], thread: number): LabelInput[] {
    return inputs.length > 1 ? [{ key: this.strings.dedup('thread'), str: this.strings.dedup(thread === 0 ? 'main' : `worker ${thread}`) }] : [];
  }
}

function parents(nodes: readonly CpuProfileNode[]): Map<number, number> {
  const parent = new Map<number, number>();
  for (const node of nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  return parent;
}

/**
 * CPU profile(s) as pprof: sample types `samples/count` and `cpu/nanoseconds`
 * (the default), each V8 sample standing for the time to the next one, as the
 * summary counts it. Idle time is left out, so pprof's percentages are shares
 * of busy time like the summary's; GC and `(program)` stay, as functions of
 * those names. The leaf frame is placed at the lines V8 sampled
 * (`positionTicks`), callers at their function's first line (V8 records no
 * call sites).
 */
export function cpuPprof(inputs: readonly PprofInput<CpuProfile>[], locate: Locate, info: PprofInfo): PprofResult {
  const tables = new PprofTables(locate);
  const samples: SampleInput[] = [];
  let durationUs = 0;
  let sampleCount = 0;
  for (const { thread, profile } of inputs) {
    durationUs = Math.max(durationUs, profile.endTime - profile.startTime);
    sampleCount += profile.samples.length;
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const parent = parents(profile.nodes);
    const durations = sampleDurations(profile);
    const perNode = new Map<number, { count: number; us: number }>();
    profile.samples.forEach((id, i) => {
      const entry = perNode.get(id) ?? { count: 0, us: 0 };
      entry.count += 1;
      entry.us += durations[i] ?? 0;
      perNode.set(id, entry);
    });
    const label = tables.threadLabel(inputs, thread);
    for (const [id, { count, us }] of perNode) {
      const node = byId.get(id);
      if (!node || metaFrame(node.callFrame) === '(idle)') continue;
      const callers: number[] = [];
      for (let at = parent.get(id); at !== undefined; at = parent.get(at)) {
        const frame = byId.get(at)?.callFrame;
        if (frame && metaFrame(frame) !== '(root)') callers.push(tables.location(frame));
      }
      const ticks = metaFrame(node.callFrame) === undefined ? (node.positionTicks ?? []).filter((t) => t.ticks > 0) : [];
      const weights = ticks.length > 0 ? ticks.map((t) => t.ticks) : [1];
      const counts = apportion(count, weights);
      const nanos = apportion(Math.round(us * 1000), weights);
      weights.forEach((_, i) => {
        const leaf = tables.location(node.callFrame, ticks[i]?.line);
        samples.push({ locationId: [leaf, ...callers], value: [counts[i] ?? 0, nanos[i] ?? 0], label });
      });
    }
  }
  if (samples.length === 0) return { kind: 'empty', reason: sampleCount === 0 ? 'the profile has no samples' : 'every sample is idle time' };
  return {
    kind: 'profile',
    profile: tables.profile({
      sampleType: [tables.valueType('samples', 'count'), tables.valueType('cpu', 'nanoseconds')],
      sample: samples,
      periodType: tables.valueType('cpu', 'nanoseconds'),
      period: PROFILE_DEFAULTS.cpuSamplingIntervalUs * 1000,
      defaultSampleType: 'cpu',
      durationNanos: durationUs * 1000,
      info,
    }),
  };
}

/**
 * Sampling heap profile(s) as pprof: `alloc_objects/count` and
 * `alloc_space/bytes` (the default), objects collected later included, as the
 * profile has them. Bytes are V8's selfSize per stack, so pprof's shares are the
 * summary's; objects are estimated from the samples (left out for a profile
 * without them).
 */
export function heapPprof(inputs: readonly PprofInput<HeapProfile>[], locate: Locate, info: PprofInfo): PprofResult {
  const tables = new PprofTables(locate);
  const interval = PROFILE_DEFAULTS.heapSamplingIntervalBytes;
  const withObjects = inputs.every((input) => input.profile.samples !== undefined);
  const samples: SampleInput[] = [];
  for (const { thread, profile } of inputs) {
    const sizes = new Map<number, number[]>();
    for (const sample of profile.samples ?? []) {
      const list = sizes.get(sample.nodeId) ?? [];
      list.push(sample.size);
      sizes.set(sample.nodeId, list);
    }
    const label = tables.threadLabel(inputs, thread);
    const visit = (node: HeapProfileNode, callers: readonly number[]): void => {
      const isRoot = metaFrame(node.callFrame) === '(root)';
      const here = isRoot ? callers : [tables.location(node.callFrame), ...callers];
      if (node.selfSize > 0) {
        const bytes = Math.round(node.selfSize);
        const objects = allocatedObjects(node.id === undefined ? [] : (sizes.get(node.id) ?? []), node.selfSize, interval);
        samples.push({ locationId: here.length > 0 ? [...here] : [tables.location(node.callFrame)], value: withObjects ? [objects, bytes] : [bytes], label });
      }
      for (const child of node.children) visit(child, here);
    };
    visit(profile.head, []);
  }
  if (samples.length === 0) return { kind: 'empty', reason: 'no allocation was sampled' };
  const space = tables.valueType('alloc_space', 'bytes');
  return {
    kind: 'profile',
    profile: tables.profile({
      sampleType: withObjects ? [tables.valueType('alloc_objects', 'count'), space] : [space],
      sample: samples,
      periodType: tables.valueType('space', 'bytes'),
      period: interval,
      defaultSampleType: 'alloc_space',
      durationNanos: 0,
      info,
    }),
  };
}
