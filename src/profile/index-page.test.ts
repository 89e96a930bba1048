import assert from 'node:assert/strict';
import { test } from 'node:test';
import { indexHtml } from './index-page.js';
import { MANIFEST_SCHEMA, type CaseManifest } from './manifest.js';

const manifest: CaseManifest = {
  schema: MANIFEST_SCHEMA,
  caseId: 'codec/log/json/encode/1000',
  dir: 'codec__log__json__encode__1000',
  createdAt: '2024-01-01T00:00:00.000Z',
  node: 'v20.0.0',
  platform: 'linux x64',
  durationMs: 5000,
  window: 'measured',
  target: {},
  summary: 'summary.md',
  elapsedMs: 60_000,
  tools: [
    { tool: 'cpu', status: 'ok', elapsedMs: 1, artefacts: [{ file: 'cpu.cpuprofile', label: 'V8 CPU profile (main thread)' }, { file: 'cpu.pb.gz', label: 'pprof CPU profile (main thread)' }], note: 'cpu-thread-3.pb.gz not written: cpu-thread-3.cpuprofile: the profile has no samples' },
    { tool: 'clinic-flame', status: 'failed', reason: 'clinic flame did not finish within 95 s & was stopped', elapsedMs: 95_000, artefacts: [] },
    { tool: 'clinic-doctor', status: 'unavailable', reason: 'clinic doctor produces no report on Node 22 <known>' },
  ],
};

test('the index links every artefact and the summary, and says why a tool did not run', () => {
  const html = indexHtml(
    [manifest],
    [{ tool: 'clinic-doctor', detection: { ok: false, reason: 'no report on Node 22' } }],
    [{ dir: 'case', record: { schema: 'serbench.profile-diff/v1', createdAt: '', base: { dir: '/a', caseId: 'x' }, head: { dir: '/b', caseId: 'x' }, top: [{ name: 'hot', where: 'a.ts:1', baseShare: 0.1, headShare: 0.4, delta: 0.3 }], pprof: ['cpu'] } }],
    new Date('2024-01-02T00:00:00Z'),
    'out dir',
  );
  assert.match(html, /^<!doctype html>/);
  assert.match(html.trimEnd(), /<\/html>$/);
  assert.match(html, /href="codec__log__json__encode__1000\/summary\.md"/);
  assert.match(html, /href="codec__log__json__encode__1000\/cpu\.cpuprofile"/);
  assert.match(html, /<b>clinic-flame<\/b> failed: clinic flame did not finish within 95 s &amp; was stopped \(<a href="codec__log__json__encode__1000\/logs\/clinic-flame\.log">log<\/a>\)/);
  assert.match(html, /<b>clinic-doctor<\/b> not run: clinic doctor produces no report on Node 22 &lt;known&gt;/);
  assert.match(html, /href="diffs\/case\/diff\.html"/);
  assert.match(html, /hot \+30\.0 points/);
  // pprof: the files linked, the commands to open them (paths quoted for the shell), a file not written and why.
  assert.match(html, /href="codec__log__json__encode__1000\/cpu\.pb\.gz"/);
  assert.match(html, /<code class="cmd">go tool pprof -http=: &#39;out dir\/codec__log__json__encode__1000\/cpu\.pb\.gz&#39;<\/code>/);
  assert.match(html, /<b>cpu<\/b> note: cpu-thread-3\.pb\.gz not written: cpu-thread-3\.cpuprofile: the profile has no samples/);
  assert.match(html, /href="diffs\/case\/base\.cpu\.pb\.gz"/);
  assert.match(html, /go tool pprof -http=: -normalize -base &#39;out dir\/diffs\/case\/base\.cpu\.pb\.gz&#39; &#39;out dir\/diffs\/case\/head\.cpu\.pb\.gz&#39;/);
});

test('an empty profiles directory still gets a page that says how to fill it', () => {
  const html = indexHtml([], [], [], new Date(0));
  assert.match(html, /No case has been profiled yet: <code>npm run profile -- /);
});
