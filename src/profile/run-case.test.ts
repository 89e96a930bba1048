import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Registry } from '../registry.js';
import type { ProfileEngine } from './engines/types.js';
import { readManifest } from './manifest.js';
import { profileCase } from './run-case.js';
import type { ProfileTarget } from './target.js';

const out = mkdtempSync(join(tmpdir(), 'serbench-run-case-'));
after(() => rmSync(out, { recursive: true, force: true }));

const target: ProfileTarget = { kind: 'script', id: 'test/fake', entry: '/nowhere.ts', args: [] };

/** Engines that need no child process: what the orchestrator does with their outcomes (they run in this order). */
function fakeEngines(): Registry<ProfileEngine> {
  return new Registry<ProfileEngine>('tool', [
    {
      name: 'cpu',
      description: 'writes a profile that is not JSON',
      requires: [],
      detect: () => ({ ok: true }),
      async run(task) {
        writeFileSync(join(task.caseDir, 'cpu.cpuprofile'), '{"nodes": [');
        return { status: 'ok', artefacts: [{ file: 'cpu.cpuprofile', label: 'broken' }], elapsedMs: 1 };
      },
    },
    { name: 'heap', description: 'throws', requires: [], detect: () => ({ ok: true }), run: () => Promise.reject(new Error('disk on fire')) },
    { name: 'clinic-doctor', description: 'cannot run', requires: [], detect: () => ({ ok: false, reason: 'not on this Node' }), run: () => Promise.reject(new Error('must not run')) },
    { name: '0x', description: 'needs heap', requires: ['heap'], detect: () => ({ ok: true }), run: () => Promise.reject(new Error('must not run')) },
  ]);
}

test('outcomes become tool records; a broken profile or a throwing engine fails its tool, not the run', async () => {
  const outcome = await profileCase(target, { outDir: out, durationMs: 100, tools: ['cpu', 'heap', '0x', 'clinic-doctor'] }, { engines: fakeEngines() });
  assert.equal(outcome.kind, 'done');
  if (outcome.kind !== 'done') return;
  assert.deepEqual(
    outcome.manifest.tools.map((t) => [t.tool, t.status, t.status === 'ok' ? '' : t.reason]),
    [
      ['cpu', 'ok', ''],
      ['heap', 'failed', 'heap: disk on fire'],
      ['clinic-doctor', 'unavailable', 'not on this Node'],
      ['0x', 'failed', 'needs heap, which produced nothing'],
    ],
  );
  const summary = readFileSync(join(outcome.dir, 'summary.md'), 'utf8');
  assert.match(summary, /## Not readable\n\n- cpu\.cpuprofile is not JSON/);
  assert.match(summary, /\| clinic-doctor \| not run \| not on this Node \|/);
  assert.deepEqual(readManifest(outcome.dir)?.tools.length, 4);
});

test('a new run replaces the case directory whole, and leaves no temporary directory', async () => {
  const dir = join(out, 'test__fake');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'stale.html'), 'from an older run');
  const outcome = await profileCase(target, { outDir: out, durationMs: 100, tools: ['cpu'] }, { engines: fakeEngines() });
  assert.equal(outcome.kind, 'done');
  assert.equal(existsSync(join(dir, 'stale.html')), false);
  assert.ok(existsSync(join(dir, 'manifest.json')));
  assert.deepEqual(readdirSync(out).filter((name) => name.startsWith('.')), []);
});

test('an interrupted case leaves nothing behind', async () => {
  const controller = new AbortController();
  const engines = new Registry<ProfileEngine>('tool', [
    {
      name: 'cpu',
      description: 'interrupted',
      requires: [],
      detect: () => ({ ok: true }),
      async run() {
        controller.abort();
        return { status: 'interrupted', elapsedMs: 1 };
      },
    },
  ]);
  const outcome = await profileCase({ ...target, id: 'test/interrupted' }, { outDir: out, durationMs: 100, tools: ['cpu'] }, { engines, signal: controller.signal });
  assert.equal(outcome.kind, 'interrupted');
  assert.equal(existsSync(join(out, 'test__interrupted')), false);
  assert.deepEqual(readdirSync(out).filter((name) => name.startsWith('.')), []);
});
