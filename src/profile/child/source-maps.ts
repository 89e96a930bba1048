import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { findSourceMap } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread, threadId } from 'node:worker_threads';
import { writeJsonAtomic } from '../../results/write.js';

/** The parts of a source map the summary needs (sources' content left out). */
export interface StoredSourceMap {
  readonly version: number;
  readonly sources: readonly string[];
  readonly names: readonly string[];
  readonly mappings: string;
  readonly sourceRoot?: string;
  readonly file?: string;
  /** Lines of the .ts text the map was made from (a mapped line past it means the map is stale). */
  readonly sourceLines?: number;
  /** sha256 of that text: two runs of one case that loaded different text make the map stale. */
  readonly sourceSha256?: string;
  /** Set when the map cannot be trusted for the case's profiles, saying why. */
  readonly stale?: string;
}

/** Source maps keyed by the URL V8 reports for the script (`file:///…/x.ts`). */
export type SourceMapTable = Readonly<Record<string, StoredSourceMap>>;

/** Output directories at the project root (src/results/ is code and is searched). */
const SKIPPED_ROOT_DIRS = new Set(['reports', 'results']);

function typeScriptFiles(dir: string, atRoot = true): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    if (entry.name.startsWith('.') || entry.name === 'node_modules' || (atRoot && SKIPPED_ROOT_DIRS.has(entry.name))) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return typeScriptFiles(path, false);
    return /\.[cm]?tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** The .ts text a map was made from: tsx leaves sourcesContent out, so the file as it is now. */
function sourceText(content: string | null | undefined, file: string): string | undefined {
  if (typeof content === 'string') return content;
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The source maps of the project's TypeScript files this thread loaded. tsx
 * compiles each file with an inline source map and turns Node's source-map
 * support on, so Node keeps them; V8's profiles give positions in the compiled
 * code, and these maps lead back to the .ts line. Entries already in `known`
 * are kept as they are (a map does not change once its file is loaded).
 */
export function loadedSourceMaps(projectRoot: string, known: Readonly<Record<string, StoredSourceMap>> = {}): Record<string, StoredSourceMap> {
  const table: Record<string, StoredSourceMap> = {};
  for (const file of typeScriptFiles(projectRoot)) {
    const url = pathToFileURL(file).href;
    const seen = known[url];
    if (seen) {
      table[url] = seen;
      continue;
    }
    const map = findSourceMap(file);
    if (!map) continue;
    const { version, sources, names, mappings, sourceRoot, file: mapFile, sourcesContent } = map.payload;
    const text = sourceText(sourcesContent?.[0], file);
    const source = text !== undefined ? { sourceLines: text.split('\n').length, sourceSha256: createHash('sha256').update(text).digest('hex') } : {};
    table[url] = { version, sources, names, mappings, ...(sourceRoot ? { sourceRoot } : {}), ...(mapFile ? { file: mapFile } : {}), ...source };
  }
  return table;
}

/** How often a worker thread writes the maps of what it has loaded so far (ms). */
const WORKER_DUMP_MS = 1000;

/**
 * Writes this thread's table (`source-maps-<thread>.json`) when it exits. A
 * worker thread ended by terminate() runs no exit handler, so worker threads
 * also write theirs whenever they have loaded more files.
 */
export function dumpSourceMapsAtExit(dir: string, projectRoot: string): void {
  const path = join(dir, `source-maps-${threadId}.json`);
  let table: Record<string, StoredSourceMap> = {};
  const dump = (): void => {
    const next = loadedSourceMaps(projectRoot, table);
    if (Object.keys(next).length === Object.keys(table).length && existsSync(path)) return;
    table = next;
    writeJsonAtomic(path, table);
  };
  if (!isMainThread) setInterval(dump, WORKER_DUMP_MS).unref();
  process.once('exit', dump);
}
