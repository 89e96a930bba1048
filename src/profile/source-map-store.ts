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

/** Merges the per-thread tables a child left in `dumpDir` into the case's source-maps.json. */
export function mergeSourceMapDumps(caseDir: string, dumpDir: string): void {
  if (!existsSync(dumpDir)) return;
  const target = join(caseDir, ARTEFACT.sourceMaps);
  const merged: Record<string, StoredSourceMap> = readSourceMapTable(target);
  for (const file of readdirSync(dumpDir)) {
    if (!file.endsWith('.json')) continue;
    Object.assign(merged, readSourceMapTable(join(dumpDir, file)));
  }
  writeJsonAtomic(target, merged);
}

export function caseSourceMaps(caseDir: string): SourceMapTable {
  return readSourceMapTable(join(caseDir, ARTEFACT.sourceMaps));
}
