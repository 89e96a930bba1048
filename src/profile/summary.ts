import { join } from 'node:path';
import type { HeapPeakRecord } from './child/peak-snapshot.js';
import { isModuleLoaderThread, selfTimeByFunction, type CpuProfile, type SelfTimeTable } from './cpuprofile.js';
import { allocationsByFunction, type HeapProfile } from './heapprofile.js';
import { formatLocation, functionLabel, packageLabel, type Locate } from './locations.js';
import type { CaseManifest } from './manifest.js';
import { formatBytes, formatMs, formatPercent, markdownTable } from './markdown.js';
import { ARTEFACT, PPROF_EXTENSION, threadRole } from './artefact-names.js';
import { PROFILE_DEFAULTS } from './options.js';
import { pprofCommands } from './pprof-commands.js';
import { profileFrames, sourceMapNotes } from './source-map-notes.js';

export interface ThreadProfile<P> {
  readonly thread: number;
  readonly file: string;
  readonly profile: P;
}

export interface SummaryInput {
  readonly manifest: Omit<CaseManifest, 'summary' | 'elapsedMs'>;
  readonly cpu: readonly ThreadProfile<CpuProfile>[];
  readonly heap: readonly ThreadProfile<HeapProfile>[];
  readonly peak?: HeapPeakRecord;
  readonly locate: Locate;
  readonly top?: number;
  /** Profiles that could not be read. */
  readonly problems?: readonly string[];
  /** The case directory as the `go tool pprof` commands should name it (default: its name). */
  readonly caseDir?: string;
}

/** A ranked row: what the tests and the diff read, and the Markdown shows. */
export interface RankedFunction {
  readonly name: string;
  readonly where: string;
  readonly packageName: string;
  readonly value: number;
  readonly share: number;
}


/** The top functions by self time, with their places resolved. */
export function rankSelfTime(table: SelfTimeTable, locate: Locate, top: number): RankedFunction[] {
  return table.functions.slice(0, top).map((entry) => {
    const location = locate(entry.frame);
    return { name: functionLabel(entry.frame), where: formatLocation(location), packageName: packageLabel(location), value: entry.selfUs, share: table.busyUs > 0 ? entry.selfUs / table.busyUs : 0 };
  });
}

export function selfTimeByPackage(table: SelfTimeTable, locate: Locate): Array<{ packageName: string; us: number }> {
  const totals = new Map<string, number>();
  for (const entry of table.functions) {
    const name = packageLabel(locate(entry.frame));
    totals.set(name, (totals.get(name) ?? 0) + entry.selfUs);
  }
  const gc = table.meta['(garbage collector)'];
  if (gc > 0) totals.set('(garbage collector)', gc);
  const program = table.meta['(program)'];
  if (program > 0) totals.set('(program)', program);
  return [...totals].map(([packageName, us]) => ({ packageName, us })).sort((a, b) => b.us - a.us);
}

function windowLine(manifest: SummaryInput['manifest']): string {
  const seconds = (manifest.durationMs / 1000).toFixed(1);
  if (manifest.window === 'measured') return `${seconds} s of the case's timed loop, after a ${PROFILE_DEFAULTS.warmupMs} ms warm-up (set-up, data generation and the fidelity gate are not in the profiles)`;
  if (manifest.target.suite === 'pipeline') return `the whole pipeline command for this one configuration, start-up and warm-up run included, its timed runs repeated for at least ${seconds} s`;
  return `the whole process (start-up included), asked to run for about ${seconds} s`;
}

function cpuSection(item: ThreadProfile<CpuProfile>, locate: Locate, top: number): string {
  const table = selfTimeByFunction(item.profile);
  const rows = rankSelfTime(table, locate, top).map((row, i) => [String(i + 1), row.name, formatMs(row.value), formatPercent(row.value, table.busyUs), row.where]);
  const meta = (['(garbage collector)', '(program)', '(idle)'] as const).map((name) => `${name} ${formatMs(table.meta[name])} ms (${formatPercent(table.meta[name], table.totalUs)})`).join(', ');
  const packages = selfTimeByPackage(table, locate).map((row) => [row.packageName, formatMs(row.us), formatPercent(row.us, table.busyUs)]);
  return [
    `## CPU: top ${top} functions by self time — ${threadRole(item.thread, false)} (\`${item.file}\`)`,
    '',
    `${table.sampleCount} samples over ${formatMs(table.totalUs)} ms, ${formatMs(table.busyUs)} ms not idle (the base of the percentages). Outside any function: ${meta}.`,
    '',
    rows.length > 0 ? markdownTable(['#', 'function', 'self ms', 'self %', 'where'], rows, ['r', 'l', 'r', 'r', 'l']) : '_No function was sampled._',
    '',
    `### Self time by package — ${threadRole(item.thread, false)}`,
    '',
    markdownTable(['package', 'self ms', 'self %'], packages, ['l', 'r', 'r']),
  ].join('\n');
}

function loaderNote(loaders: readonly ThreadProfile<CpuProfile>[]): string {
  const busy = loaders.reduce((sum, item) => sum + selfTimeByFunction(item.profile).busyUs, 0);
  const files = loaders.map((item) => `\`${item.file}\``).join(', ');
  return `## Module loader threads\n\n${files}: Node's module loader thread(s), where tsx compiles TypeScript as modules load (${formatMs(busy)} ms busy in all). Not part of the case's own work, so not ranked above; the files are kept.`;
}

function heapSection(item: ThreadProfile<HeapProfile>, locate: Locate, top: number): string {
  const table = allocationsByFunction(item.profile);
  const rows = table.sites.slice(0, top).map((site, i) => [String(i + 1), functionLabel(site.frame), formatBytes(site.bytes), formatPercent(site.bytes, table.totalBytes), formatLocation(locate(site.frame))]);
  return [
    `## Allocations: top ${top} sites by bytes allocated — ${threadRole(item.thread, false)} (\`${item.file}\`)`,
    '',
    `Sampled about every ${formatBytes(PROFILE_DEFAULTS.heapSamplingIntervalBytes)} allocated, objects collected later included: ${formatBytes(table.totalBytes)} allocated in all (an estimate from the samples).`,
    '',
    rows.length > 0 ? markdownTable(['#', 'function', 'allocated', 'share', 'where'], rows, ['r', 'l', 'r', 'r', 'l']) : '_No allocation was sampled._',
  ].join('\n');
}

function peakSection(peak: HeapPeakRecord): string {
  const when = peak.trigger === 'exit' ? 'at exit (no earlier poll ran)' : `${(peak.snapshotAtMs / 1000).toFixed(1)} s after watching began`;
  return [
    '## Heap snapshot',
    '',
    `\`${ARTEFACT.heapSnapshot}\` (main thread) was taken ${when}, at ${formatBytes(peak.snapshotHeapUsedBytes)} of heap in use; the highest use seen was ${formatBytes(peak.peakHeapUsedBytes)}. ${peak.snapshotsTaken} snapshot(s) were taken as use grew, the last one kept. A snapshot follows a full GC, so it holds what was live at that moment. Open it in Chrome DevTools (Memory tab).`,
  ].join('\n');
}

function sourceMapSection(input: SummaryInput): string | undefined {
  const notes = sourceMapNotes(profileFrames(input.cpu.map((item) => item.profile), input.heap.map((item) => item.profile)), input.locate);
  if (notes.length === 0) return undefined;
  return ['## Source maps', '', 'Frames of these files are given at their compiled line, here and in the pprof files (`-list` would show the wrong .ts lines for them):', '', ...notes.map((note) => `- ${note}`)].join('\n');
}

/** The main thread's hottest named function, of this project if any: the example for `-list`. */
function hottestNamedFunction(input: SummaryInput): string | undefined {
  const main = input.cpu.find((item) => !isModuleLoaderThread(item.profile));
  const named = main ? selfTimeByFunction(main.profile).functions.filter((entry) => entry.frame.functionName !== '') : [];
  return (named.find((entry) => input.locate(entry.frame).kind === 'project') ?? named[0])?.frame.functionName;
}

function pprofSection(input: SummaryInput, caseDir: string): string | undefined {
  const { manifest } = input;
  const files = manifest.tools.flatMap((record) => (record.status === 'ok' ? record.artefacts.map((a) => a.file) : [])).filter((file) => file.endsWith(PPROF_EXTENSION));
  const [first] = files;
  if (!first) return undefined;
  return [
    '## pprof',
    '',
    `${files.map((f) => `\`${f}\``).join(', ')}: the same profiles for \`go tool pprof\` (run it from the repository root, so \`-list\` finds the .ts files):`,
    '',
    ...pprofCommands(join(caseDir, first), hottestNamedFunction(input)).map((command) => `    ${command}`),
  ].join('\n');
}

function toolsSection(manifest: SummaryInput['manifest']): string {
  const rows = manifest.tools.map((record) => {
    if (record.status === 'ok') return [record.tool, 'ok', [record.artefacts.map((a) => a.file).join(', '), ...(record.note ? [record.note] : [])].join('; ')];
    if (record.status === 'failed') return [record.tool, 'failed', record.reason];
    return [record.tool, 'not run', record.reason];
  });
  return ['## Tools', '', markdownTable(['tool', 'status', 'files or reason'], rows)].join('\n');
}

/** summary.md of a case: where the time goes and what is allocated, read from its profiles. */
export function summaryMarkdown(input: SummaryInput): string {
  const top = input.top ?? PROFILE_DEFAULTS.topFunctions;
  const { manifest } = input;
  const lines = [`# Profile of \`${manifest.caseId}\``, '', `- sampled: ${windowLine(manifest)}`];
  if (manifest.run) lines.push(`- calls in the window: ${manifest.run.calls} in ${(manifest.run.elapsedMs / 1000).toFixed(2)} s (${manifest.run.msPerCall.toFixed(3)} ms per call; profilers add overhead, so time with \`npm run bench\`)`);
  lines.push(`- node ${manifest.node} on ${manifest.platform}, ${manifest.createdAt}`);
  lines.push('- project files are given by their `.ts` path and line (mapped through tsx\'s source maps), dependencies by package name');
  const sections = [lines.join('\n')];
  const loaders = input.cpu.filter((item) => isModuleLoaderThread(item.profile));
  for (const item of input.cpu) if (!loaders.includes(item)) sections.push(cpuSection(item, input.locate, top));
  if (loaders.length > 0) sections.push(loaderNote(loaders));
  if (input.cpu.length === 0) sections.push('## CPU\n\n_No CPU profile (see Tools)._');
  for (const item of input.heap) sections.push(heapSection(item, input.locate, top));
  if (input.heap.length === 0) sections.push('## Allocations\n\n_No heap profile (see Tools)._');
  if (input.peak) sections.push(peakSection(input.peak));
  if (input.problems && input.problems.length > 0) sections.push(['## Not readable', '', ...input.problems.map((p) => `- ${p}`)].join('\n'));
  for (const section of [sourceMapSection(input), pprofSection(input, input.caseDir ?? manifest.dir)]) if (section) sections.push(section);
  sections.push(toolsSection(manifest));
  return `${sections.join('\n\n')}\n`;
}
