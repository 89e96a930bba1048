import { SourceMap, type SourceMapPayload } from 'node:module';
import { isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceMapTable, StoredSourceMap } from './child/source-maps.js';
import type { CallFrame } from './cpuprofile.js';

/** Where a sampled function lives, as a reader wants to find it. */
export type FrameLocation =
  /**
   * A file of this repository; `.ts` lines come from tsx's source maps. Without a
   * line, `unmapped` says why (see Unmapped) and `generatedLine` is the 1-based
   * line of the compiled JavaScript V8 ran, when V8 gave one.
   */
  | { readonly kind: 'project'; readonly file: string; readonly line?: number; readonly unmapped?: Unmapped; readonly generatedLine?: number }
  /** A file in node_modules, named by its package; `path` is relative to the project root. */
  | { readonly kind: 'dependency'; readonly packageName: string; readonly file: string; readonly path: string; readonly line: number }
  | { readonly kind: 'node'; readonly module: string; readonly line: number }
  /** V8 builtins and native code (no script). */
  | { readonly kind: 'native' }
  | { readonly kind: 'other'; readonly url: string; readonly line: number };

/**
 * Why a project frame has no .ts line: no map was recorded for the file; the
 * map is stale (it does not describe the code V8 ran: the position lies past
 * the code it maps, it leads past the end of the .ts source, or the file
 * changed between the runs of one case); or the code is something tsx added
 * (esbuild's `__name` helper) that has no .ts line.
 */
export type Unmapped = 'no-map' | 'stale' | 'generated';

/**
 * Places a frame. A frame whose `columnNumber` is negative stands for a whole
 * line of the compiled code (V8's per-line ticks), not a function's start.
 */
export type Locate = (frame: CallFrame) => FrameLocation;

function toPayload(stored: StoredSourceMap): SourceMapPayload {
  return { file: stored.file ?? '', version: stored.version, sources: [...stored.sources], sourcesContent: [], names: [...stored.names], mappings: stored.mappings, sourceRoot: stored.sourceRoot ?? '' };
}

function toPath(url: string): string | undefined {
  if (url.startsWith('file://')) {
    try {
      return fileURLToPath(url);
    } catch {
      return undefined;
    }
  }
  return isAbsolute(url) ? url : undefined;
}

/** `…/node_modules/@scope/pkg/lib/x.js` → `@scope/pkg` and `lib/x.js` (the innermost node_modules wins). */
export function packageOf(path: string): { packageName: string; file: string } | undefined {
  const parts = path.split(/[\\/]/);
  const index = parts.lastIndexOf('node_modules');
  if (index < 0 || index + 1 >= parts.length) return undefined;
  const scoped = parts[index + 1]?.startsWith('@') ?? false;
  const nameParts = parts.slice(index + 1, index + (scoped ? 3 : 2));
  return { packageName: nameParts.join('/'), file: parts.slice(index + (scoped ? 3 : 2)).join('/') };
}

interface LoadedMap {
  readonly map: SourceMap;
  readonly stored: StoredSourceMap;
  /** Lines of compiled code the mappings cover. */
  readonly generatedLines: number;
}

/** Beyond any real column: findEntry then gives the last mapping at or before the line's end. */
const LINE_END = 2 ** 30;

/** The .ts line (1-based) of a compiled position, or why there is none. */
function mapPosition(loaded: LoadedMap, lineNumber: number, columnNumber: number): number | Exclude<Unmapped, 'no-map'> {
  if (loaded.stored.stale !== undefined || lineNumber >= loaded.generatedLines) return 'stale';
  const wholeLine = columnNumber < 0;
  const entry = loaded.map.findEntry(lineNumber, wholeLine ? LINE_END : columnNumber);
  if (!('originalLine' in entry)) return 'generated';
  if (wholeLine) {
    // tsx compiles with minifyWhitespace: a compiled line usually holds many .ts lines, and
    // then a per-line tick has no .ts line of its own (nor does a line of helper code).
    const first = loaded.map.findEntry(lineNumber, 0);
    if (!('originalLine' in first) || first.generatedLine !== lineNumber || entry.generatedLine !== lineNumber || first.originalLine !== entry.originalLine) return 'generated';
  }
  const line = entry.originalLine + 1;
  return loaded.stored.sourceLines !== undefined && line > loaded.stored.sourceLines ? 'stale' : line;
}

/**
 * Builds the function that places a frame: project files relative to the root,
 * TypeScript lines mapped back through the source maps the child recorded,
 * dependencies by package name.
 */
export function createLocator(projectRoot: string, sourceMaps: SourceMapTable): Locate {
  const maps = new Map<string, LoadedMap | null>();
  const mapFor = (url: string): LoadedMap | null => {
    let loaded = maps.get(url);
    if (loaded === undefined) {
      const stored = sourceMaps[url];
      try {
        loaded = stored ? { map: new SourceMap(toPayload(stored)), stored, generatedLines: stored.mappings.split(';').length } : null;
      } catch {
        loaded = null;
      }
      maps.set(url, loaded);
    }
    return loaded;
  };
  return (frame) => {
    const { url } = frame;
    const line = frame.lineNumber + 1;
    if (url === '') return { kind: 'native' };
    if (url.startsWith('node:')) return { kind: 'node', module: url, line };
    const path = toPath(url);
    if (!path) return { kind: 'other', url, line };
    const fromRoot = relative(projectRoot, path).split(sep).join('/');
    const inPackage = packageOf(path);
    if (inPackage) return { kind: 'dependency', ...inPackage, path: fromRoot.startsWith('..') ? path : fromRoot, line };
    const file = fromRoot;
    if (file.startsWith('..')) return { kind: 'other', url, line };
    if (!/\.[cm]?tsx?$/.test(file)) return { kind: 'project', file, line };
    const generated = frame.lineNumber >= 0 ? { generatedLine: line } : {};
    const loaded = mapFor(url);
    if (!loaded) return { kind: 'project', file, unmapped: 'no-map', ...generated };
    if (frame.lineNumber < 0) return { kind: 'project', file, unmapped: 'generated' };
    const mapped = mapPosition(loaded, frame.lineNumber, frame.columnNumber);
    return typeof mapped === 'number' ? { kind: 'project', file, line: mapped } : { kind: 'project', file, unmapped: mapped, ...generated };
  };
}

/** A frame standing for one line (1-based) of a function's compiled code, for Locate. */
export function lineFrame(frame: CallFrame, line: number): CallFrame {
  return { ...frame, lineNumber: line - 1, columnNumber: -1 };
}

/**
 * A frame's identity across two versions of the code: its file, not its line (a
 * pull request moves lines). Anonymous functions keep their line, or every
 * callback in a file would be one frame.
 */
export function stablePlace(frame: CallFrame, location: FrameLocation): string {
  if (frame.functionName === '') return formatLocation(location);
  switch (location.kind) {
    case 'project':
      return location.file;
    case 'dependency':
      return `${location.packageName}/${location.file}`;
    case 'node':
      return location.module;
    case 'native':
      return '(native)';
    case 'other':
      return location.url;
  }
}

/** `src/codecs/json.ts:12`, `protobufjs (src/writer.js:120)`, `node:internal/x:3`, `(V8 builtin or native)`. */
export function formatLocation(location: FrameLocation): string {
  switch (location.kind) {
    case 'project': {
      if (location.line !== undefined) return `${location.file}:${location.line}`;
      const compiled = location.generatedLine !== undefined ? `; compiled line ${location.generatedLine}` : '';
      if (location.unmapped === 'generated') return `${location.file} (code tsx added, no .ts line)`;
      return `${location.file} (${location.unmapped === 'stale' ? 'stale source map' : 'line unknown: no source map'}${compiled})`;
    }
    case 'dependency':
      return `${location.packageName} (${location.file}:${location.line})`;
    case 'node':
      return `${location.module}:${location.line}`;
    case 'native':
      return '(V8 builtin or native)';
    case 'other':
      return `${location.url}:${location.line}`;
  }
}

export const PROJECT_PACKAGE = '(this project)';

/** Which package a frame's time is billed to in the "by package" table. */
export function packageLabel(location: FrameLocation): string {
  switch (location.kind) {
    case 'project':
      return PROJECT_PACKAGE;
    case 'dependency':
      return location.packageName;
    case 'node':
      return '(node)';
    case 'native':
      return '(V8 builtin or native)';
    case 'other':
      return '(other)';
  }
}

export function functionLabel(frame: CallFrame): string {
  return frame.functionName === '' ? '(anonymous)' : frame.functionName;
}
