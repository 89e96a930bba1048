import { readdirSync } from 'node:fs';
import { findSourceMap } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { threadId } from 'node:worker_threads';
import { writeJsonAtomic } from '../../results/write.js';

/** The parts of a source map the summary needs (sources' content left out). */
export interface StoredSourceMap {
  readonly version: number;
  readonly sources: readonly string[];
  readonly names: readonly string[];
  readonly mappings: string;
  readonly sourceRoot?: string;
  readonly file?: string;
}

/** Source maps keyed by the URL V8 reports for the script (`file:///…/x.ts`). */
export type SourceMapTable = Readonly<Record<string, StoredSourceMap>>;

const SKIPPED_DIRS = new Set(['node_modules', 'reports', 'results']);

function typeScriptFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    if (entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return typeScriptFiles(path);
    return /\.[cm]?tsx?$/.test(entry.name) ? [path] : [];
  });
}

/**
 * The source maps of the project's TypeScript files this thread loaded. tsx
 * compiles each file with an inline source map and turns Node's source-map
 * support on, so Node keeps them; V8's profiles give positions in the compiled
 * code, and these maps lead back to the .ts line.
 */
export function loadedSourceMaps(projectRoot: string): Record<string, StoredSourceMap> {
  const table: Record<string, StoredSourceMap> = {};
  for (const file of typeScriptFiles(projectRoot)) {
    const map = findSourceMap(file);
    if (!map) continue;
    const { version, sources, names, mappings, sourceRoot, file: mapFile } = map.payload;
    table[pathToFileURL(file).href] = { version, sources, names, mappings, ...(sourceRoot ? { sourceRoot } : {}), ...(mapFile ? { file: mapFile } : {}) };
  }
  return table;
}

/** Writes this thread's table when it exits (`source-maps-<thread>.json`). */
export function dumpSourceMapsAtExit(dir: string, projectRoot: string): void {
  process.once('exit', () => {
    writeJsonAtomic(join(dir, `source-maps-${threadId}.json`), loadedSourceMaps(projectRoot));
  });
}
