/**
 * End to end: real child processes under the real profilers, on tiny cases
 * sampled for about a second. clinic's three tools take ~10 s each and run only
 * with SERBENCH_SLOW_TESTS=1.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { ARTEFACT, caseDirName } from './artefact-names.js';
import { readCpuProfiles } from './case-files.js';
import { isModuleLoaderThread, parseCpuProfile } from './cpuprofile.js';
import { isCompleteHtml } from './engines/common.js';
import { createEngineRegistry } from './engines/registry.js';
import { allocationsByFunction, parseHeapProfile } from './heapprofile.js';
import { writeIndex } from './index-page.js';
import { readManifest } from './manifest.js';
import { planPipelineTargets } from './pipeline-targets.js';
import { detectTools, profileCase } from './run-case.js';
import { runDiff } from './run-diff.js';
import { PROJECT_ROOT, type ProfileTarget } from './target.js';
import type { ToolName } from './options.js';
import { createLocator } from './locations.js';
import { caseSourceMaps } from './source-map-store.js';
import { assertCasePprofMatches, GO_PPROF_MISSING, goPprof, parseTop } from './test-go-pprof.js';

const out = mkdtempSync(join(tmpdir(), 'serbench-profile-'));
after(() => rmSync(out, { recursive: true, force: true }));

const engines = createEngineRegistry();
/** Case directories the runs below leave, for the go tool pprof tests at the end. */
const pprofDirs: string[] = [];
let slowDir: string | undefined;
let diffDir: string | undefined;
const FIXTURE = fileURLToPath(new URL('./fixtures/hotspots.ts', import.meta.url));

async function profile(target: ProfileTarget, tools: ToolName[], durationMs = 1000) {
  const outcome = await profileCase(target, { outDir: out, durationMs, tools }, { engines });
  assert.equal(outcome.kind, 'done');
  if (outcome.kind !== 'done') throw new Error('interrupted');
  return outcome;
}

function fixture(id: string, env: Record<string, string>): ProfileTarget {
  return { kind: 'script', id, entry: FIXTURE, args: [], env };
}

/** The summary's CPU table rows (before the first allocations section). */
function cpuRows(summary: string): string[] {
  const cpu = summary.split('## Allocations')[0] ?? '';
  return cpu.split('\n').filter((line) => /^\| \d+ \|/.test(line));
}

function lineOf(file: string, text: string): number {
  return readFileSync(file, 'utf8').split('\n').findIndex((line) => line.includes(text)) + 1;
}

test('a codec case: CPU profile, heap snapshot, heap profile, 0x flame graph, summary and index are what they claim', async () => {
  const target: ProfileTarget = { kind: 'codec', id: 'codec/log/protobuf/encode/200', dataset: 'log', codec: 'protobuf', op: 'encode', records: 200, seed: 42 };
  const { dir, manifest } = await profile(target, ['cpu', 'heap', '0x']);
  assert.equal(dir, join(out, caseDirName(target.id)));
  assert.deepEqual(manifest.tools.map((t) => [t.tool, t.status]), [['cpu', 'ok'], ['heap', 'ok'], ['0x', 'ok']]);
  assert.ok(manifest.run && manifest.run.calls > 0, 'the child reports the calls it made');

  const cpu = parseCpuProfile(readFileSync(join(dir, 'cpu.cpuprofile'), 'utf8'));
  assert.ok(cpu.nodes.length > 1 && cpu.samples.length > 100, `${cpu.nodes.length} nodes, ${cpu.samples.length} samples`);
  assert.equal(cpu.timeDeltas.length, cpu.samples.length);

  const snapshot = JSON.parse(readFileSync(join(dir, ARTEFACT.heapSnapshot), 'utf8')) as { snapshot: { meta: { node_fields: string[] } }; nodes: number[]; edges: number[]; strings: string[] };
  assert.ok(snapshot.snapshot.meta.node_fields.length > 0);
  assert.ok(snapshot.nodes.length > 0 && snapshot.edges.length > 0 && snapshot.strings.length > 0);
  assert.equal(snapshot.nodes.length % snapshot.snapshot.meta.node_fields.length, 0);

  const allocations = allocationsByFunction(parseHeapProfile(readFileSync(join(dir, 'heap.heapprofile'), 'utf8')));
  assert.ok(allocations.totalBytes > 0 && allocations.sites.length > 0);

  assert.ok(isCompleteHtml(join(dir, ARTEFACT.flamegraph)));
  assert.match(readFileSync(join(dir, ARTEFACT.flamegraph), 'utf8'), /protobuf[-\w]*\.ts:\d+/, 'the flame graph names the .ts file');

  const summary = readFileSync(join(dir, ARTEFACT.summary), 'utf8');
  assert.ok(cpuRows(summary).some((row) => row.includes('| protobufjs (')), `a protobufjs function among the top functions:\n${summary}`);
  assert.match(summary, /\| \(this project\) \|/);
  assert.match(summary, /## Heap snapshot/);
  assert.deepEqual(readManifest(dir)?.caseId, target.id);

  const index = writeIndex(out, detectTools(engines));
  assert.ok(isCompleteHtml(index));
  const html = readFileSync(index, 'utf8');
  for (const file of ['summary.md', 'cpu.cpuprofile', 'heap.heapsnapshot', 'heap.heapprofile', 'flamegraph.html', 'cpu.pb.gz', 'heap.pb.gz']) {
    assert.ok(html.includes(`href="${caseDirName(target.id)}/${file}"`), `index links ${file}`);
  }
  assert.match(html, /go tool pprof -http=: /);
  assert.match(summary, /## pprof\n\n`cpu\.pb\.gz`, `heap\.pb\.gz`/);
  pprofDirs.push(dir);
});

test('a deliberately slow function is listed first, at its .ts line', async () => {
  const { dir } = await profile(fixture('test/slow', { FIXTURE_MODE: 'slow' }), ['cpu']);
  slowDir = dir;
  pprofDirs.push(dir);
  const [first] = cpuRows(readFileSync(join(dir, ARTEFACT.summary), 'utf8'));
  assert.match(first ?? '', new RegExp(`^\\| 1 \\| deliberatelySlow \\| .* \\| src/profile/fixtures/hotspots\\.ts:${lineOf(FIXTURE, 'export function deliberatelySlow')} \\|$`));
});

test('diffing a run with a slowed function against a normal one ranks that function first', async () => {
  const base = await profile(fixture('test/even', { FIXTURE_MODE: 'even' }), ['cpu'], 1500);
  const baseDir = join(out, 'base');
  rmSync(baseDir, { recursive: true, force: true });
  // The same case id for both sides, as base and head of a pull request would have.
  renameSync(base.dir, baseDir);
  const head = await profile(fixture('test/even', { FIXTURE_MODE: 'even', FIXTURE_HOTSPOT_FACTOR: '4' }), ['cpu'], 1500);
  diffDir = join(out, 'diffs', 'even');
  const result = runDiff(baseDir, head.dir, diffDir);
  assert.deepEqual(result.pprof, ['cpu']);
  assert.deepEqual(result.notes, []);
  assert.equal(result.diff.changes[0]?.name, 'hotspot', result.markdown);
  assert.ok((result.diff.changes[0]?.delta ?? 0) > 0.1);
  assert.equal(result.warning, undefined);
  assert.match(result.markdown.split('\n').find((l) => l.startsWith('| 1 |')) ?? '', /^\| 1 \| hotspot \| src\/profile\/fixtures\/hotspots\.ts:\d+ \|/);
  assert.ok(isCompleteHtml(join(diffDir, 'diff.html')));
  assert.ok(existsSync(join(diffDir, 'diff.md')));
});

test('the heap profile counts objects that were collected, not only what is live at the end', async () => {
  const { dir, manifest } = await profile(fixture('test/garbage', { FIXTURE_MODE: 'garbage', FIXTURE_GARBAGE_MB: '64' }), ['heap']);
  assert.equal(manifest.tools[0]?.status, 'ok', JSON.stringify(manifest.tools[0]));
  const allocations = allocationsByFunction(parseHeapProfile(readFileSync(join(dir, 'heap.heapprofile'), 'utf8')));
  // 64 MiB were allocated and dropped; the sampled estimate is close to it (live data at exit is a few MiB).
  assert.ok(allocations.totalBytes > 32 * 1024 * 1024, `${allocations.totalBytes} bytes`);
  assert.equal(allocations.sites[0]?.frame.functionName, 'makeGarbage');
});

test('a case whose process fails keeps a summary and manifest that say why', async () => {
  const { dir, manifest } = await profile({ kind: 'script', id: 'test/fails', entry: FIXTURE, args: [], env: { FIXTURE_MODE: 'fail' } }, ['cpu', '0x']);
  const [cpu, zeroX] = manifest.tools;
  assert.equal(cpu?.status, 'failed');
  assert.match(cpu?.status === 'failed' ? cpu.reason : '', /exited with code 3: fixture asked to fail/);
  assert.equal(zeroX?.status, 'failed');
  assert.match(readFileSync(join(dir, ARTEFACT.summary), 'utf8'), /\| cpu \| failed \|/);
  assert.ok(existsSync(join(dir, 'logs', 'cpu.log')));
});

test('a workers pipeline case has one CPU profile per thread, worker threads ranked in the summary', async () => {
  const [target] = planPipelineTargets({ variants: ['workers'], workers: ['1'], records: '2000', seed: 42 });
  assert.ok(target);
  const { dir, manifest } = await profile(target, ['cpu']);
  assert.equal(manifest.tools[0]?.status, 'ok', JSON.stringify(manifest.tools[0]));
  const threads = readCpuProfiles(dir);
  assert.equal(threads[0]?.thread, 0);
  const workers = threads.filter((t) => t.thread > 0 && !isModuleLoaderThread(t.profile));
  assert.equal(workers.length, 1, threads.map((t) => t.file).join(', '));
  assert.ok(workers[0]?.profile.nodes.some((n) => n.callFrame.url.endsWith('/src/pipeline/workers/worker-main.ts')));
  assert.match(readFileSync(join(dir, ARTEFACT.summary), 'utf8'), new RegExp(`## CPU: top 15 functions by self time — worker thread ${workers[0]?.thread}`));
  assert.ok(threads.every((t) => existsSync(join(dir, t.file.replace('.cpuprofile', '.pb.gz')))), 'a pprof file per thread');
  pprofDirs.push(dir);
});

test('go tool pprof reads every pprof file written above; its top functions and shares are the summary\'s', { skip: GO_PPROF_MISSING }, () => {
  assert.ok(pprofDirs.length >= 3, 'the case tests above ran');
  let read = 0;
  for (const dir of pprofDirs) read += assertCasePprofMatches(dir, createLocator(PROJECT_ROOT, caseSourceMaps(dir))).length;
  assert.ok(read >= 5, `${read} pprof files read`);
});

test('go tool pprof -list shows the slow function\'s samples at its .ts line', { skip: GO_PPROF_MISSING }, () => {
  assert.ok(slowDir, 'the slow fixture ran');
  const listing = goPprof(['-list', 'deliberatelySlow', join(slowDir, 'cpu.pb.gz')]);
  assert.match(listing, /ROUTINE =+ deliberatelySlow \(src\/profile\/fixtures\/hotspots\.ts\) in src\/profile\/fixtures\/hotspots\.ts/);
  // `<flat> <cum> <line>: <source>`. tsx compiles each file to a few long lines, so V8's per-line
  // ticks fall back to the function's first line, which carries its self time.
  const start = lineOf(FIXTURE, 'export function deliberatelySlow');
  const row = listing.split('\n').find((line) => line.includes(`${start}:export function deliberatelySlow(`));
  assert.ok(row && /^\s+\d[\d.]*m?s\s/.test(row), `line ${start} has self time:\n${listing}`);
});

test('go tool pprof -base of the diff\'s pair shows the slowed function as the largest gain', { skip: GO_PPROF_MISSING }, () => {
  assert.ok(diffDir, 'the diff ran');
  const rows = parseTop(goPprof(['-top', '-normalize', '-base', join(diffDir, 'base.cpu.pb.gz'), join(diffDir, 'head.cpu.pb.gz')]));
  // pprof ranks by the size of the change; the other loops lose what hotspot gains.
  const [gain] = rows.filter((row) => row.flat > 0).sort((a, b) => b.flat - a.flat);
  assert.equal(gain?.name, 'hotspot (src/profile/fixtures/hotspots.ts)', rows.map((r) => `${r.name} ${r.flat}`).join('\n'));
  assert.ok((gain?.flat ?? 0) > 0.1, `hotspot gained ${(gain?.flat ?? 0) * 100}% of head's total`);
});

test('clinic flame, doctor and heapprofiler write complete reports', { skip: process.env.SERBENCH_SLOW_TESTS !== '1' && 'set SERBENCH_SLOW_TESTS=1 (about 40 s)', timeout: 300_000 }, async () => {
  const { dir, manifest } = await profile(fixture('test/clinic', { FIXTURE_MODE: 'slow' }), ['clinic-flame', 'clinic-doctor', 'clinic-heap']);
  for (const record of manifest.tools) {
    if (record.status === 'unavailable') continue;
    assert.equal(record.status, 'ok', JSON.stringify(record));
    assert.ok(isCompleteHtml(join(dir, `${record.tool}.html`)), record.tool);
  }
});
