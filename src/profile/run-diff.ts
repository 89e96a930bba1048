import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '../results/write.js';
import { readCpuProfiles } from './case-files.js';
import { isModuleLoaderThread } from './cpuprofile.js';
import { diffProfiles, type ProfileDiff, type ProfileSet } from './diff.js';
import { DIFF_TOP, diffHtml, diffMarkdown } from './diff-report.js';
import { createLocator } from './locations.js';
import { readManifest } from './manifest.js';
import { caseSourceMaps } from './source-map-store.js';
import { PROJECT_ROOT } from './target.js';

/** A directory that cannot be compared (missing, or without CPU profiles): a usage mistake, exit 2. */
export class DiffInputError extends Error {
  override readonly name = 'DiffInputError';
}

export const DIFFS_DIR = 'diffs';
export const DIFF_FILES = { html: 'diff.html', markdown: 'diff.md', json: 'diff.json' } as const;

/** diff.json: what the index shows about a diff. */
export interface DiffRecord {
  readonly schema: 'serbench.profile-diff/v1';
  readonly createdAt: string;
  readonly base: { readonly dir: string; readonly caseId?: string };
  readonly head: { readonly dir: string; readonly caseId?: string };
  readonly top: ReadonlyArray<{ readonly name: string; readonly where: string; readonly baseShare: number; readonly headShare: number; readonly delta: number }>;
}

/**
 * One side of a diff: every CPU profile in a case directory, placed with that
 * directory's own source maps (base and head may be different checkouts).
 */
export function loadProfileSet(dir: string): ProfileSet & { caseId?: string } {
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
  return { label, profiles: own.map((p) => p.profile), locate: createLocator(PROJECT_ROOT, caseSourceMaps(dir)), ...(manifest ? { caseId: manifest.caseId } : {}) };
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
  const record: DiffRecord = {
    schema: 'serbench.profile-diff/v1',
    createdAt: now.toISOString(),
    base: { dir: resolve(baseDir), ...(base.caseId ? { caseId: base.caseId } : {}) },
    head: { dir: resolve(headDir), ...(head.caseId ? { caseId: head.caseId } : {}) },
    top: diff.changes.slice(0, DIFF_TOP).map(({ name, where, baseShare, headShare, delta }) => ({ name, where, baseShare, headShare, delta })),
  };
  writeJsonAtomic(json, record);
  const warning = base.caseId && head.caseId && base.caseId !== head.caseId ? `the directories hold different cases (${base.caseId} and ${head.caseId})` : undefined;
  return { diff, markdown, files: [html, md, json], ...(warning ? { warning } : {}) };
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
