import { SourceMap, type SourceMapPayload } from 'node:module';
import { isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceMapTable, StoredSourceMap } from './child/source-maps.js';
import type { CallFrame } from './cpuprofile.js';

/** Where a sampled function lives, as a reader wants to find it. */
export type FrameLocation =
  /**
   * A file of this repository; `.ts` lines come from tsx's source maps. Without a
   * line, `unmapped` says why: no map was recorded for the file, or the code is
   * something tsx added (esbuild's `__name` helper) that has no .ts line.
   */
  | { readonly kind: 'project'; readonly file: string; readonly line?: number; readonly unmapped?: 'no-map' | 'generated' }
  /** A file in node_modules, named by its package. */
  | { readonly kind: 'dependency'; readonly packageName: string; readonly file: string; readonly line: number }
  | { readonly kind: 'node'; readonly module: string; readonly line: number }
  /** V8 builtins and native code (no script). */
  | { readonly kind: 'native' }
  | { readonly kind: 'other'; readonly url: string; readonly line: number };

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

/**
 * Builds the function that places a frame: project files relative to the root,
 * TypeScript lines mapped back through the source maps the child recorded,
 * dependencies by package name.
 */
export function createLocator(projectRoot: string, sourceMaps: SourceMapTable): Locate {
  const maps = new Map<string, SourceMap | null>();
  const mapFor = (url: string): SourceMap | null => {
    let map = maps.get(url);
    if (map === undefined) {
      const stored = sourceMaps[url];
      try {
        map = stored ? new SourceMap(toPayload(stored)) : null;
      } catch {
        map = null;
      }
      maps.set(url, map);
    }
    return map;
  };
  return (frame) => {
    const { url } = frame;
    const line = frame.lineNumber + 1;
    if (url === '') return { kind: 'native' };
    if (url.startsWith('node:')) return { kind: 'node', module: url, line };
    const path = toPath(url);
    if (!path) return { kind: 'other', url, line };
    const inPackage = packageOf(path);
    if (inPackage) return { kind: 'dependency', ...inPackage, line };
    const file = relative(projectRoot, path).split(sep).join('/');
    if (file.startsWith('..')) return { kind: 'other', url, line };
    if (!/\.[cm]?tsx?$/.test(file)) return { kind: 'project', file, line };
    const map = mapFor(url);
    if (!map) return { kind: 'project', file, unmapped: 'no-map' };
    if (frame.lineNumber < 0) return { kind: 'project', file, unmapped: 'generated' };
    const entry = map.findEntry(frame.lineNumber, Math.max(0, frame.columnNumber));
    return 'originalLine' in entry ? { kind: 'project', file, line: entry.originalLine + 1 } : { kind: 'project', file, unmapped: 'generated' };
  };
}

/** `src/codecs/json.ts:12`, `protobufjs (src/writer.js:120)`, `node:internal/x:3`, `(V8 builtin or native)`. */
export function formatLocation(location: FrameLocation): string {
  switch (location.kind) {
    case 'project':
      if (location.line !== undefined) return `${location.file}:${location.line}`;
      return location.unmapped === 'generated' ? `${location.file} (code tsx added, no .ts line)` : `${location.file} (line unknown: no source map)`;
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
