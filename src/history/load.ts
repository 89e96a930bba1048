import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseResult, ResultFileError } from '../results/read.js';
import type { HistoryInput } from './commits.js';

export interface LoadedHistoryFiles {
  readonly inputs: readonly HistoryInput[];
  readonly warnings: readonly string[];
}

/** Every `*.json` under a folder (subfolders too, hidden ones such as .git skipped), sorted. */
function jsonFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith('.'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return jsonFilesUnder(path);
      return entry.isFile() && entry.name.endsWith('.json') ? [path] : [];
    });
}

function filesOf(path: string): string[] {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    throw new ResultFileError(path, 'no such file or folder');
  }
  if (!isDirectory) return [path];
  const files = jsonFilesUnder(path);
  if (files.length === 0) throw new ResultFileError(path, 'no result files (*.json) in this folder');
  return files;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    throw new ResultFileError(path, code === 'EACCES' ? 'cannot be read (permission denied)' : `cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
}

/**
 * Reads the result files of a history: folders (every *.json in them) and
 * files. Any file that is not a result file stops it with one line naming the
 * file (ResultFileError). A file with the same bytes as one already read (the
 * `latest.json` copy beside a stamped result) is counted once, with a warning;
 * only files of equal length are compared (hashing hundreds of megabytes would
 * cost more than reading them).
 */
export function loadHistoryFiles(paths: readonly string[]): LoadedHistoryFiles {
  const files = [...new Set(paths.flatMap(filesOf))];
  const byLength = new Map<number, string[]>();
  const digests = new Map<string, string>();
  const digestOf = (file: string, text?: string): string => {
    let digest = digests.get(file);
    if (digest === undefined) digests.set(file, (digest = createHash('sha256').update(text ?? readText(file)).digest('hex')));
    return digest;
  };
  const inputs: HistoryInput[] = [];
  const copies: string[] = [];
  for (const file of files) {
    const text = readText(file);
    const sameLength = byLength.get(text.length) ?? [];
    const original = sameLength.length > 0 ? sameLength.find((other) => digestOf(other) === digestOf(file, text)) : undefined;
    if (original !== undefined) {
      copies.push(`${file} (= ${original})`);
      continue;
    }
    byLength.set(text.length, [...sameLength, file]);
    inputs.push({ label: file, result: parseResult(text, file) });
  }
  const warnings = copies.length > 0 ? [`${copies.length} file(s) are byte-for-byte copies of another and are counted once: ${copies.join(', ')}`] : [];
  return { inputs, warnings };
}
