import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Comparison } from '../../compare/types.js';
import { tryReadResultFile } from '../../results/read.js';
import { writeFileAtomic } from '../../results/write.js';
import type { SourcedResult } from './environment-section.js';
import { renderReportPage } from './page.js';
import { discoverProfileLinks } from './profile-links.js';
import { reportableResult } from './reportable.js';

/** Where reports go unless --reports-dir says otherwise (the bench commands use the same). */
export const DEFAULT_REPORTS_DIR = 'reports';

/** The page a user opens: `<reportsDir>/index.html`. */
export const INDEX_PAGE = 'index.html';

/** The newest result of each suite, as the bench commands write them (relative to the repository root). */
export const LATEST_RESULT_FILES = { codec: join('results', 'latest.json'), pipeline: join('results', 'pipeline-latest.json') } as const;

export interface PageWriteOptions {
  readonly comparison?: Comparison;
  readonly notes?: readonly string[];
  /** Default index.html. */
  readonly fileName?: string;
}

/** Renders the page for `results` (with links to any profiles under `<reportsDir>/profiles/`) and writes it atomically; returns its path. */
export function writeReportPage(reportsDir: string, results: readonly SourcedResult[], options: PageWriteOptions = {}): string {
  const html = renderReportPage({
    results,
    ...(options.comparison ? { comparison: options.comparison } : {}),
    ...(options.notes && options.notes.length > 0 ? { notes: options.notes } : {}),
    ...withProfiles(reportsDir),
  });
  const path = join(reportsDir, options.fileName ?? INDEX_PAGE);
  writeFileAtomic(path, html);
  return path;
}

function withProfiles(reportsDir: string): { profiles?: ReturnType<typeof discoverProfileLinks> } {
  const profiles = discoverProfileLinks(reportsDir);
  return profiles ? { profiles } : {};
}

/**
 * A result file to show beside a fresh run (e.g. the pipeline's latest next to a
 * codec run): absent → nothing; unreadable → nothing plus a note saying why, since
 * a stale or broken companion must not stop the run's own reports.
 */
export function companionResult(path: string): { result?: SourcedResult; note?: string } {
  if (!existsSync(path)) return {};
  const outcome = tryReadResultFile(path);
  if (!outcome.ok) return { note: `Not shown: ${outcome.error.message}` };
  return { result: { result: reportableResult(outcome.result).result, source: path } };
}

export interface RunPageOptions {
  /** Result files to show beside the run; default: the other suite's latest result, when it exists. */
  readonly companions?: readonly SourcedResult[];
  readonly fileName?: string;
}

/**
 * The page after a bench run of one suite: the run itself, plus the other suite's
 * latest result so that index.html keeps showing both suites whichever ran last.
 */
export function writeRunPage(reportsDir: string, run: SourcedResult, suite: 'codec' | 'pipeline', options: RunPageOptions = {}): string {
  const notes: string[] = [];
  let companions = options.companions;
  if (!companions) {
    const companion = companionResult(suite === 'codec' ? LATEST_RESULT_FILES.pipeline : LATEST_RESULT_FILES.codec);
    if (companion.note) notes.push(companion.note);
    companions = companion.result ? [companion.result] : [];
  }
  return writeReportPage(reportsDir, [run, ...companions], { notes, ...(options.fileName ? { fileName: options.fileName } : {}) });
}
