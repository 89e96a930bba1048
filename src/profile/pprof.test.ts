import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { StoredSourceMap } from './child/source-maps.js';
import type { CpuProfile } from './cpuprofile.js';
import type { HeapProfile } from './heapprofile.js';
import { createLocator, lineFrame, type FrameLocation } from './locations.js';
import { allocatedObjects, sampleSizeCandidates } from './heap-objects.js';
import { apportion, cpuPprof, heapPprof } from './pprof.js';
import { writeCasePprof, writePprofFile } from './pprof-files.js';
import { runDiff } from './run-diff.js';
import { mergeSourceMapTables } from './source-map-store.js';
import { frame, profileFromStacks } from './test-profiles.js';
import { assertTopMatches, expectedCpuShares, expectedHeapShares, GO_PPROF_MISSING, goPprof, parseTop } from './test-go-pprof.js';

const out = mkdtempSync(join(tmpdir(), 'serbench-pprof-'));
after(() => rmSync(out, { recursive: true, force: true }));

const ROOT = '/project';
const APP = 'file:///project/src/app.ts';
const WRITER = 'file:///project/node_modules/protobufjs/src/writer.js';
// Generated line L (0-based) of app.ts is .ts line L + 5, for lines 0–2.
const APP_MAP: StoredSourceMap = { version: 3, sources: ['app.ts'], names: [], mappings: 'AAKA;AACA;AACA', sourceLines: 40 };
const locate = createLocator(ROOT, { [APP]: APP_MAP });
const info = { comments: ['test'] };
const why = (location: FrameLocation) => (location.kind === 'project' ? location.unmapped : undefined);

/**
 * main → encode (a dependency) 70 samples of 1 ms, main itself 20 of 1 ms, GC 10
 * of 3 ms, idle 100: by time encode 70/120 of busy time, GC 30/120, main 20/120.
 */
function cpuProfile(): CpuProfile {
  const profile = profileFromStacks([
    { stack: [`main@${APP}`, `encode@${WRITER}`], samples: 70 },
    { stack: [`main@${APP}`], samples: 20 },
    { stack: ['(garbage collector)'], samples: 10 },
    { stack: ['(idle)'], samples: 100 },
  ]);
  // A sample lasts until the next one: the deltas after the GC samples (90–99) are 3 ms.
  const timeDeltas = profile.timeDeltas.map((delta, i) => (i >= 91 && i <= 100 ? 3000 : delta));
  // main starts on generated line 0; V8 sampled its lines 2 and 3 (1-based), 15 and 5 times.
  const nodes = profile.nodes.map((n) => (n.callFrame.functionName === 'main' ? { ...n, callFrame: { ...n.callFrame, lineNumber: 0 }, positionTicks: [{ line: 2, ticks: 15 }, { line: 3, ticks: 5 }] } : n));
  return { ...profile, nodes, timeDeltas, endTime: profile.endTime + 20_000 };
}

function write(name: string, result: ReturnType<typeof cpuPprof>): string {
  assert.equal(result.kind, 'profile', result.kind === 'empty' ? result.reason : '');
  if (result.kind !== 'profile') return '';
  const path = join(out, name);
  writePprofFile(path, result);
  return path;
}

test('apportion splits a whole number by weight and keeps the total', () => {
  assert.deepEqual(apportion(10, [1, 1, 1]), [4, 3, 3]);
  assert.deepEqual(apportion(20, [15, 5]), [15, 5]);
  assert.deepEqual(apportion(7, [0]), [7]);
  assert.equal(apportion(1_000_003, [3, 5, 7]).reduce((a, b) => a + b), 1_000_003);
});

test('a profile with nothing to show is not written: one line says why', () => {
  const empty: CpuProfile = { nodes: [{ id: 1, callFrame: frame('(root)'), children: [] }], startTime: 0, endTime: 10, samples: [], timeDeltas: [] };
  assert.deepEqual(cpuPprof([{ thread: 0, profile: empty }], locate, info), { kind: 'empty', reason: 'the profile has no samples' });
  const idle = profileFromStacks([{ stack: ['(idle)'], samples: 5 }]);
  assert.deepEqual(cpuPprof([{ thread: 0, profile: idle }], locate, info), { kind: 'empty', reason: 'every sample is idle time' });
  const heap: HeapProfile = { head: { callFrame: frame('(root)'), selfSize: 0, children: [] }, samples: [] };
  const dir = join(out, 'empty-case');
  mkdirSync(dir);
  const written = writeCasePprof(dir, 'test/empty', [{ thread: 2, file: 'cpu-thread-2.cpuprofile', profile: empty }], [{ thread: 0, file: 'heap.heapprofile', profile: heap }], locate);
  assert.deepEqual(written.cpu, { artefacts: [], notes: ['cpu-thread-2.pb.gz not written: cpu-thread-2.cpuprofile: the profile has no samples'] });
  assert.deepEqual(written.heap, { artefacts: [], notes: ['heap.pb.gz not written: heap.heapprofile: no allocation was sampled'] });
  assert.deepEqual(readdirSync(dir), [], 'no empty file');
});

test('V8 object counts are recovered from the samples and selfSize', () => {
  const interval = 16 * 1024;
  const scaled = (size: number, n: number) => Math.floor(n / (1 - Math.exp(-size / interval)) + 0.5);
  // The inspector reports each sample as size × its scaled count: 16-byte objects as 16 × 1025.
  assert.deepEqual(sampleSizeCandidates(16 * scaled(16, 1), interval).includes(16), true);
  const sixteen = Array.from({ length: 595 }, () => 16 * scaled(16, 1));
  assert.equal(allocatedObjects(sixteen, 16 * scaled(16, 595), interval), scaled(16, 595));
  const mixed = [...Array.from({ length: 7 }, () => 96 * scaled(96, 1)), ...Array.from({ length: 3 }, () => 40_000 * scaled(40_000, 1))];
  assert.equal(allocatedObjects(mixed, 96 * scaled(96, 7) + 40_000 * scaled(40_000, 3), interval), scaled(96, 7) + scaled(40_000, 3));
});

test('a source map that is missing or stale: frames keep the compiled line', () => {
  const unmapped = createLocator(ROOT, {});
  assert.deepEqual(unmapped(frame('main', APP, 6, 0)), { kind: 'project', file: 'src/app.ts', unmapped: 'no-map', generatedLine: 7 });
  // Past the code the map covers, or past the end of the .ts text it was made from.
  assert.deepEqual(locate(frame('main', APP, 9, 0)), { kind: 'project', file: 'src/app.ts', unmapped: 'stale', generatedLine: 10 });
  const short = createLocator(ROOT, { [APP]: { ...APP_MAP, sourceLines: 6 } });
  assert.equal(why(short(frame('main', APP, 2, 0))), 'stale');
  // Two runs of one case that loaded different text: no map fits both.
  const merged: Record<string, StoredSourceMap> = {};
  mergeSourceMapTables(merged, { [APP]: { ...APP_MAP, sourceSha256: 'a' } });
  mergeSourceMapTables(merged, { [APP]: { ...APP_MAP, sourceSha256: 'a' } });
  assert.equal(merged[APP]?.stale, undefined);
  mergeSourceMapTables(merged, { [APP]: { ...APP_MAP, sourceSha256: 'b' } });
  assert.equal(merged[APP]?.stale, 'the file changed between the runs of this case');
  assert.equal(why(createLocator(ROOT, merged)(frame('main', APP, 0, 0))), 'stale');
});

test('a per-line tick gets a .ts line only when its compiled line holds one .ts line', () => {
  assert.deepEqual(locate(lineFrame(frame('main', APP, 0, 0), 2)), { kind: 'project', file: 'src/app.ts', line: 7 });
  // tsx minifies whitespace: compiled line 0 holds .ts lines 6 (column 0) and 7 (column 5).
  const minified = createLocator(ROOT, { [APP]: { ...APP_MAP, mappings: 'AAKA,KACA' } });
  assert.deepEqual(minified(frame('main', APP, 0, 5)), { kind: 'project', file: 'src/app.ts', line: 7 });
  assert.equal(why(minified(lineFrame(frame('main', APP, 0, 0), 1))), 'generated');
});

test('go tool pprof reads the CPU export: shares of busy time as the summary has them, .ts lines where V8 sampled', { skip: GO_PPROF_MISSING }, () => {
  const profile = cpuProfile();
  const path = write('cpu.pb.gz', cpuPprof([{ thread: 0, profile }], locate, info));
  const rows = parseTop(goPprof(['-top', path]));
  assertTopMatches(rows, expectedCpuShares(JSON.stringify(profile), locate), 'hand-made profile');
  assert.deepEqual(
    rows.map((r) => [r.name, Math.round(r.flat * 120)]),
    [
      ['encode (protobufjs/src/writer.js)', 70],
      ['(garbage collector)', 30],
      ['main (src/app.ts)', 20],
    ],
  );
  // main's 20 samples at the .ts lines of generated lines 2 and 3; callers at the function's first line.
  const lines = parseTop(goPprof(['-lines', '-top', '-sample_index=samples', path])).filter((r) => r.flat > 0).map((r) => [r.name, r.flat]);
  assert.deepEqual(lines, [
    ['encode (protobufjs/src/writer.js) node_modules/protobufjs/src/writer.js:11', 0.7],
    ['main (src/app.ts) src/app.ts:7', 0.15],
    ['(garbage collector)', 0.1],
    ['main (src/app.ts) src/app.ts:8', 0.05],
  ]);
  assert.match(goPprof(['-comments', path]), /^test$/m);
});

test('threads sharing one pprof file (a diff side) are told apart by a thread label', { skip: GO_PPROF_MISSING }, () => {
  const path = write('threads.pb.gz', cpuPprof([{ thread: 0, profile: cpuProfile() }, { thread: 2, profile: cpuProfile() }], locate, info));
  assert.match(goPprof(['-tags', path]), /thread: Total [^\n]*\n\s+\S+ \(50(\.0+)?%\): main\n\s+\S+ \(50(\.0+)?%\): worker 2\n/);
});

test('go tool pprof reads a CPU export without source maps at the compiled lines', { skip: GO_PPROF_MISSING }, () => {
  const path = write('unmapped.pb.gz', cpuPprof([{ thread: 0, profile: cpuProfile() }], createLocator(ROOT, {}), info));
  const lines = parseTop(goPprof(['-lines', '-top', '-sample_index=samples', path])).map((r) => r.name);
  assert.ok(lines.includes('main (src/app.ts) src/app.ts:2') && lines.includes('main (src/app.ts) src/app.ts:3'), lines.join('\n'));
});

test('go tool pprof reads the heap export: allocated space and objects', { skip: GO_PPROF_MISSING }, () => {
  const interval = 16 * 1024;
  const sample = (size: number) => size * Math.floor(1 / (1 - Math.exp(-size / interval)) + 0.5);
  const heap: HeapProfile = {
    head: {
      callFrame: frame('(root)'),
      selfSize: 0,
      id: 1,
      children: [
        { callFrame: frame('encode', WRITER, 9, 0), id: 2, selfSize: 16 * Math.floor(3 / (1 - Math.exp(-16 / interval)) + 0.5), children: [] },
        { callFrame: frame('main', APP, 0, 0), id: 3, selfSize: 40_000, children: [] },
      ],
    },
    samples: [
      { size: sample(16), nodeId: 2, ordinal: 1 },
      { size: sample(16), nodeId: 2, ordinal: 2 },
      { size: sample(16), nodeId: 2, ordinal: 3 },
      { size: sample(40_000), nodeId: 3, ordinal: 4 },
    ],
  };
  const path = write('heap.pb.gz', heapPprof([{ thread: 0, profile: heap }], locate, info));
  assertTopMatches(parseTop(goPprof(['-top', path])), expectedHeapShares(JSON.stringify(heap), locate), 'hand-made heap profile');
  const objects = parseTop(goPprof(['-top', '-sample_index=alloc_objects', path]));
  assert.equal(objects[0]?.name, 'encode (protobufjs/src/writer.js)');
  assert.ok((objects[0]?.flat ?? 0) > 0.99, 'three samples of 16-byte objects stand for ~3000 objects, one of 40 000 bytes for one');
});

test('--diff of cases profiled with different tools writes the CPU pair and says why there is no heap pair', () => {
  const caseDir = (name: string, heap: boolean): string => {
    const dir = join(out, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'cpu.cpuprofile'), JSON.stringify(cpuProfile()));
    if (heap) writeFileSync(join(dir, 'heap.heapprofile'), JSON.stringify({ head: { callFrame: frame('(root)'), selfSize: 0, id: 1, children: [{ callFrame: frame('f', APP, 0, 0), id: 2, selfSize: 100, children: [] }] }, samples: [] }));
    return dir;
  };
  const diffDir = join(out, 'diffs', 'tools');
  const result = runDiff(caseDir('with-heap', true), caseDir('cpu-only', false), diffDir);
  assert.deepEqual(result.pprof, ['cpu']);
  assert.deepEqual(result.notes, [`heap pprof pair not written: '${join(out, 'cpu-only')}' has no heap profile`]);
  assert.equal(existsSync(join(diffDir, 'base.heap.pb.gz')), false);
  assert.ok(existsSync(join(diffDir, 'base.cpu.pb.gz')) && existsSync(join(diffDir, 'head.cpu.pb.gz')));
  // Both without heap profiles: nothing to compare, nothing to say.
  assert.deepEqual(runDiff(caseDir('cpu-only', false), caseDir('cpu-only', false), join(out, 'diffs', 'same')).notes, []);
  // A side with nothing but idle time: the pair is not written, one line says which side and why.
  const idle = join(out, 'idle');
  mkdirSync(idle);
  writeFileSync(join(idle, 'cpu.cpuprofile'), JSON.stringify(profileFromStacks([{ stack: ['(idle)'], samples: 5 }])));
  const idleDiff = runDiff(idle, caseDir('cpu-only', false), join(out, 'diffs', 'idle'));
  assert.deepEqual(idleDiff.pprof, []);
  assert.deepEqual(idleDiff.notes, [`cpu pprof pair not written: base '${idle}': every sample is idle time`]);
  assert.equal(existsSync(join(out, 'diffs', 'idle', 'head.cpu.pb.gz')), false, 'a pair is written whole or not at all');
});

test('go tool pprof -base reads the diff\'s pair: the same profile on both sides is no change', { skip: GO_PPROF_MISSING }, () => {
  const diffDir = join(out, 'diffs', 'tools');
  const output = goPprof(['-top', '-normalize', '-base', join(diffDir, 'base.cpu.pb.gz'), join(diffDir, 'head.cpu.pb.gz')]);
  assert.match(output, /Showing nodes accounting for 0, 0% of 0 total/);
  assert.deepEqual(parseTop(output), []);
});
