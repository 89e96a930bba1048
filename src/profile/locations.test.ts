import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { writeFileAtomic } from '../results/write.js';
import { loadedSourceMaps } from './child/source-maps.js';
import { createLocator, formatLocation, packageLabel, packageOf } from './locations.js';
import { PROJECT_ROOT } from './target.js';
import { frame } from './test-profiles.js';

test('packageOf names the innermost package, scoped or not', () => {
  assert.deepEqual(packageOf('/p/node_modules/protobufjs/src/writer.js'), { packageName: 'protobufjs', file: 'src/writer.js' });
  assert.deepEqual(packageOf('/p/node_modules/@bufbuild/protobuf/dist/esm/wire.js'), { packageName: '@bufbuild/protobuf', file: 'dist/esm/wire.js' });
  assert.deepEqual(packageOf('/p/node_modules/a/node_modules/b/index.js'), { packageName: 'b', file: 'index.js' });
  assert.equal(packageOf('/p/src/x.ts'), undefined);
});

test('frames are placed: project files by path, dependencies by package, node and native apart', () => {
  const locate = createLocator('/project', {});
  assert.equal(formatLocation(locate(frame('f', 'file:///project/node_modules/protobufjs/src/writer.js', 119, 4))), 'protobufjs (src/writer.js:120)');
  assert.equal(formatLocation(locate(frame('f', 'node:internal/buffer', 9, 0))), 'node:internal/buffer:10');
  assert.equal(formatLocation(locate(frame('stringify'))), '(V8 builtin or native)');
  assert.equal(formatLocation(locate(frame('g', 'file:///project/src/codecs/generated/static.cjs', 172, 0))), 'src/codecs/generated/static.cjs:173');
  assert.equal(formatLocation(locate(frame('h', 'file:///project/src/x.ts', 3, 0))), 'src/x.ts (line unknown: no source map; compiled line 4)');
  assert.equal(packageLabel(locate(frame('h', 'file:///project/src/x.ts', 3, 0))), '(this project)');
  assert.equal(packageLabel(locate(frame('f', 'file:///project/node_modules/@scope/pkg/a.js', 0, 0))), '@scope/pkg');
  assert.equal(formatLocation(locate(frame('x', 'file:///elsewhere/y.js', 0, 0))), 'file:///elsewhere/y.js:1');
});

test('TypeScript lines come from the source map the child recorded', () => {
  // One mapping per generated line: generated line L (0-based) column 0 → source line L + 5.
  const mappings = ['AAKA', 'AACA', 'AACA'].join(';');
  const locate = createLocator('/project', { 'file:///project/src/x.ts': { version: 3, sources: ['x.ts'], names: [], mappings } });
  assert.equal(formatLocation(locate(frame('h', 'file:///project/src/x.ts', 2, 0))), 'src/x.ts:8');
  // A map whose first mapping is at column 10: what comes before it is code tsx added.
  const late = createLocator('/project', { 'file:///project/src/y.ts': { version: 3, sources: ['y.ts'], names: [], mappings: 'UAAA' } });
  assert.equal(formatLocation(late(frame('__name', 'file:///project/src/y.ts', 0, 2))), 'src/y.ts (code tsx added, no .ts line)');
});

test('the child records the maps of every project file it loaded (src/results/ included), with the .ts line count', () => {
  const table = loadedSourceMaps(PROJECT_ROOT);
  const write = table[pathToFileURL(join(PROJECT_ROOT, 'src/results/write.ts')).href];
  assert.ok(write, `src/results/write.ts (loaded through ${writeFileAtomic.name}) is recorded`);
  assert.equal(write.sourceLines, readFileSync(join(PROJECT_ROOT, 'src/results/write.ts'), 'utf8').split('\n').length);
  assert.match(write.sourceSha256 ?? '', /^[0-9a-f]{64}$/);
  assert.ok(table[import.meta.url], 'this test file is recorded');
});
