import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '../results/write.js';
import { readCpuProfiles, readHeapProfiles } from './case-files.js';
import { isModuleLoaderThread, type CpuProfile } from './cpuprofile.js';
import { diffProfiles, type ProfileDiff, type ProfileSet } from './diff.js';
import { DIFF_TOP, diffHtml, diffMarkdown } from './diff-report.js';
import type { HeapProfile } from './heapprofile.js';
import { createLocator } from './locations.js';
import { readManifest } from './manifest.js';
import { cpuPprof, heapPprof } from './pprof.js';
import { pprofComments, writePprofFile } from './pprof-files.js';
import { profileFrames, sourceMapNotes } from './source-map-notes.js';
import type { ThreadProfile } from './summary.js';
import { caseSourceMaps } from './source-map-store.js';
import { PROJECT_ROOT } from './target.js';

/** A directory that cannot be compared (missing, or without CPU profiles): a usage mistake, exit 2. */
export class DiffInputError extends Error {
  override readonly name = 'DiffInputError';
}

export const DIFFS_DIR = 'diffs';
export const DIFF_FILES = { html: 'diff.html', markdown: 'diff.md', json: 'diff.json' } as const;
/** The pprof pairs a diff writes, for `go tool pprof -base base.cpu.pb.gz head.cpu.pb.gz`. */
export const DIFF_PPROF_FILES = {
  cpu: { base: 'base.cpu.pb.gz', head: 'head.cpu.pb.gz' },
  heap: { base: 'base.heap.pb.gz', head: 'head.heap.pb.gz' },
} as const;
export type PprofPairKind = keyof typeof DIFF_PPROF_FILES;

/** diff.json: what the index shows about a diff. */
export interface DiffRecord {
  readonly schema: 'serbench.profile-diff/v1';
  readonly createdAt: string;
  readonly base: { readonly dir: string; readonly caseId?: string };
  readonly head: { readonly dir: string; readonly caseId?: string };
  readonly top: ReadonlyArray<{ readonly name: string; readonly where: string; readonly baseShare: number; readonly headShare: number; readonly delta: number }>;
  /** The pprof pairs written into the diff's directory (absent in diffs made before pprof export). */
  readonly pprof?: readonly PprofPairKind[];
}

/** One side of a diff: its CPU profiles for the comparison, and what the pprof pairs are made of. */
export interface DiffSide extends ProfileSet {
  readonly dir: string;
  readonly caseId?: string;
  readonly cpu: readonly ThreadProfile<CpuProfile>[];
  /** Its heap profiles, or why there are none (not profiled with heap, or not readable). */
  readonly heap: readonly ThreadProfile<HeapProfile>[] | string;
}

/**
 * One side of a diff: every CPU profile in a case directory, placed with that
 * directory's own source maps (base and head may be different checkouts).
 */
export function loadProfileSet(dir: string): DiffSide {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new DiffInputError(`'${dir}' is not a directory (give two case directories, e.g. reports/profiles/codec__log__json__encode__1000)`);
  const profiles = readCpuProfiles(dir);
  if (profiles.length === 0) {
    const found = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
    throw new DiffInputError(`'${dir}' has no cpu.cpuprofile${found.length > 0 ? ` (found ${found.join(', ')})` : ''}; profile the case with --tools cpu first`);
  }
  const manifest = readManifest(dir);
  const label = manifest ? `${manifest.caseId} (${dir})` : dir;
  // Node's module loader threads (tsx compiling) are start-up, not the case's work.
  const own = profiles.filter((p) => !isModuleLoaderThread(p.profile));
  let heap: DiffSide['heap'];
  try {
    heap = readHeapProfiles(dir);
    if (heap.length === 0) heap = `'${dir}' has no heap profile${manifest ? ` (profiled with --tools ${manifest.tools.map((t) => t.tool).join(',')})` : ''}`;
  } catch (error) {
    heap = error instanceof Error ? error.message : String(error);
  }
  return {
    dir,
    label,
    profiles: own.map((p) => p.profile),
    cpu: own,
    heap,
    locate: createLocator(PROJECT_ROOT, caseSourceMaps(dir)),
    ...(manifest ? { caseId: manifest.caseId } : {}),
  };
}

export interface PprofPairs {
  readonly written: readonly PprofPairKind[];
  readonly files: readonly string[];
  /** One line per pair not written, saying why. */
  readonly notes: readonly string[];
}

function sidePprof(kind: PprofPairKind, side: DiffSide, role: 'base' | 'head') {
  const subject = `${role} of a diff, ${side.label}`;
  if (kind === 'cpu') {
    const inputs = side.cpu.map(({ thread, profile }) => ({ thread, profile }));
    return cpuPprof(inputs, side.locate, { comments: pprofComments(`${subject}, CPU of ${inputs.length} thread(s)`, sourceMapNotes(profileFrames(side.profiles, []), side.locate)) });
  }
  const inputs = typeof side.heap === 'string' ? [] : side.heap.map(({ thread, profile }) => ({ thread, profile }));
  return heapPprof(inputs, side.locate, { comments: pprofComments(`${subject}, allocations of ${inputs.length} thread(s)`, sourceMapNotes(profileFrames([], inputs.map((i) => i.profile)), side.locate)) });
}

/**
 * base/head pprof pairs: CPU always (every thread the diff compares, labelled
 * `thread`), allocations when both sides have a heap profile. A pair is written
 * whole or not at all.
 */
export function writePprofPairs(outDir: string, base: DiffSide, head: DiffSide): PprofPairs {
  const written: PprofPairKind[] = [];
  const files: string[] = [];
  const notes: string[] = [];
  for (const kind of ['cpu', 'heap'] as const) {
    if (kind === 'heap' && (typeof base.heap === 'string' || typeof head.heap === 'string')) {
      // Both without a heap profile is nothing to compare; one without is worth a line.
      if (typeof base.heap !== 'string' || typeof head.heap !== 'string') notes.push(`heap pprof pair not written: ${typeof base.heap === 'string' ? base.heap : head.heap}`);
      continue;
    }
    const pair = { base: sidePprof(kind, base, 'base'), head: sidePprof(kind, head, 'head') };
    if (pair.base.kind === 'empty' || pair.head.kind === 'empty') {
      const why = (['base', 'head'] as const).flatMap((role) => {
        const result = pair[role];
        return result.kind === 'empty' ? [`${role} '${(role === 'base' ? base : head).dir}': ${result.reason}`] : [];
      });
      notes.push(`${kind} pprof pair not written: ${why.join('; ')}`);
      continue;
    }
    const paths = { base: join(outDir, DIFF_PPROF_FILES[kind].base), head: join(outDir, DIFF_PPROF_FILES[kind].head) };
    writePprofFile(paths.base, pair.base);
    writePprofFile(paths.head, pair.head);
    written.push(kind);
    files.push(paths.base, paths.head);
  }
  return { written, files, notes };
}


/** The default output directory for a diff of two case directories. */
export function defaultDiffDir(outDir: string, baseDir: string, headDir: string): string {
  const a = basename(resolve(baseDir));
  const b = basename(resolve(headDir));
  return join(outDir, DIFFS_DIR, a === b ? a : `${a}--vs--${b}`);
}

export interface DiffRun {
  readonly diff: ProfileDiff;
  readonly markdown: string;
  readonly files: readonly string[];
  /** Set when the two directories hold different cases. */
  readonly warning?: string;
  /** One line per pprof pair not written. */
  readonly notes: readonly string[];
  readonly pprof: readonly PprofPairKind[];
}

/** Reads both sides, writes diff.html, diff.md and diff.json into `outDir`. */
export function runDiff(baseDir: string, headDir: string, outDir: string, now: Date = new Date()): DiffRun {
  const base = loadProfileSet(baseDir);
  const head = loadProfileSet(headDir);
  const diff = diffProfiles(base, head);
  const markdown = diffMarkdown(diff);
  const html = join(outDir, DIFF_FILES.html);
  const md = join(outDir, DIFF_FILES.markdown);
  const json = join(outDir, DIFF_FILES.json);
  writeFileAtomic(html, diffHtml(diff));
  writeFileAtomic(md, markdown);
  const pairs = writePprofPairs(outDir, base, head);
  const record: DiffRecord = {
    schema: 'serbench.profile-diff/v1',
    createdAt: now.toISOString(),
    base: { dir: resolve(baseDir), ...(base.caseId ? { caseId: base.caseId } : {}) },
    head: { dir: resolve(headDir), ...(head.caseId ? { caseId: head.caseId } : {}) },
    top: diff.changes.slice(0, DIFF_TOP).map(({ name, where, baseShare, headShare, delta }) => ({ name, where, baseShare, headShare, delta })),
    pprof: pairs.written,
  };
  writeJsonAtomic(json, record);
  const warning = base.caseId && head.caseId && base.caseId !== head.caseId ? `the directories hold different cases (${base.caseId} and ${head.caseId})` : undefined;
  return { diff, markdown, files: [html, md, json, ...pairs.files], notes: pairs.notes, pprof: pairs.written, ...(warning ? { warning } : {}) };
}

/** Every diff written under `<outDir>/diffs/`, for the index. */
export function readDiffRecords(outDir: string): Array<{ dir: string; record: DiffRecord }> {
  const root = join(outDir, DIFFS_DIR);
  if (!existsSync(root)) return [];
  const found: Array<{ dir: string; record: DiffRecord }> = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    try {
      const record = JSON.parse(readFileSync(join(root, entry.name, DIFF_FILES.json), 'utf8')) as DiffRecord;
      if (record.schema === 'serbench.profile-diff/v1') found.push({ dir: entry.name, record });
    } catch {
      // not a diff directory
    }
  }
  return found.sort((a, b) => a.dir.localeCompare(b.dir));
}
