import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeJsonAtomic } from '../results/write.js';
import { ARTEFACT } from './artefact-names.js';
import type { SourceMapTable, StoredSourceMap } from './child/source-maps.js';

export function readSourceMapTable(path: string): Record<string, StoredSourceMap> {
  if (!existsSync(path)) return {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, StoredSourceMap>) : {};
  } catch {
    return {};
  }
}

/**
 * Adds one thread's table to the case's: a file whose .ts text differs between
 * two runs (edited while the case was profiled) gets a map marked stale, since
 * no one map fits the profiles of both runs.
 */
export function mergeSourceMapTables(into: Record<string, StoredSourceMap>, table: Readonly<Record<string, StoredSourceMap>>): void {
  for (const [url, map] of Object.entries(table)) {
    const previous = into[url];
    const changed = previous?.stale !== undefined || (previous?.sourceSha256 !== undefined && map.sourceSha256 !== undefined && previous.sourceSha256 !== map.sourceSha256);
    into[url] = changed ? { ...map, stale: previous?.stale ?? 'the file changed between the runs of this case' } : map;
  }
}

/** Merges the per-thread tables a child left in `dumpDir` into the case's source-maps.json. */
export function mergeSourceMapDumps(caseDir: string, dumpDir: string): void {
  if (!existsSync(dumpDir)) return;
  const target = join(caseDir, ARTEFACT.sourceMaps);
  const merged: Record<string, StoredSourceMap> = readSourceMapTable(target);
  for (const file of readdirSync(dumpDir)) {
    if (!file.endsWith('.json')) continue;
    mergeSourceMapTables(merged, readSourceMapTable(join(dumpDir, file)));
  }
  writeJsonAtomic(target, merged);
}

export function caseSourceMaps(caseDir: string): SourceMapTable {
  return readSourceMapTable(join(caseDir, ARTEFACT.sourceMaps));
}
