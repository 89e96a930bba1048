import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { planTools } from '../run-case.js';
import { CLINIC_TOOLS, detectClinic } from './clinic.js';
import { isCompleteHtml, lastLogLine } from './common.js';
import { collectFlagProfiles } from './cpu.js';
import { profileForZeroX, widenAppFrames } from './flamegraph-0x.js';
import { createEngineRegistry } from './registry.js';
import { createLocator } from '../locations.js';
import { profileFromStacks } from '../test-profiles.js';

const dir = mkdtempSync(join(tmpdir(), 'serbench-engines-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('every engine answers detect(), and the Node profiler always can run', () => {
  const engines = createEngineRegistry();
  assert.deepEqual(engines.names(), ['cpu', 'heap', '0x', 'clinic-flame', 'clinic-doctor', 'clinic-heap']);
  for (const engine of engines.all()) {
    const detection = engine.detect();
    assert.ok(detection.ok || detection.reason.length > 0, engine.name);
  }
  assert.equal(engines.get('cpu').detect().ok, true);
  assert.equal(engines.get('heap').detect().ok, true);
});

test('clinic doctor is reported as unable to run on Node after 20, with the reason', () => {
  const doctor = CLINIC_TOOLS.find((t) => t.engine === 'clinic-doctor');
  assert.ok(doctor);
  const later = detectClinic(doctor, '22.3.0');
  assert.equal(later.ok, false);
  assert.match(later.ok ? '' : later.reason, /no report on Node 22/);
  const flame = CLINIC_TOOLS.find((t) => t.engine === 'clinic-flame');
  assert.ok(flame);
  assert.equal(detectClinic(flame, '22.3.0').ok, detectClinic(flame).ok);
});

test('choosing 0x brings the cpu engine whose profiles it renders; order is the registry’s', () => {
  const engines = createEngineRegistry();
  assert.deepEqual(planTools(['0x'], engines).map((e) => e.name), ['cpu', '0x']);
  assert.deepEqual(planTools(['clinic-heap', 'heap'], engines).map((e) => e.name), ['heap', 'clinic-heap']);
});

test('--cpu-prof files get per-thread names; other processes keep their pid', () => {
  const scratch = join(dir, 'scratch');
  const caseDir = join(dir, 'case');
  mkdirSync(scratch);
  mkdirSync(caseDir);
  for (const name of ['CPU.20240101.120000.100.0.001.cpuprofile', 'CPU.20240101.120000.100.2.003.cpuprofile', 'CPU.20240101.120000.555.0.004.cpuprofile', 'other.txt']) writeFileSync(join(scratch, name), '{}');
  collectFlagProfiles(scratch, caseDir, 100);
  assert.deepEqual(readdirSync(caseDir).sort(), ['cpu-process-555-thread-0.cpuprofile', 'cpu-thread-2.cpuprofile', 'cpu.cpuprofile']);
});

test('0x is given 1-based lines, and its page counts .ts frames as application code', () => {
  const profile = profileFromStacks([{ stack: ['main@file:///project/node_modules/p/x.js'], samples: 1 }]);
  const prepared = profileForZeroX(profile, createLocator('/project', {}));
  assert.equal(prepared.nodes[1]?.callFrame.lineNumber, (profile.nodes[1]?.callFrame.lineNumber ?? 0) + 1);
  assert.equal(prepared.nodes[0]?.callFrame.lineNumber, -1);
  const page = widenAppFrames("if (!/\\.m?js:\\d+(:\\d+?)?$/.test(name)) {");
  assert.equal(page.widened, true);
  assert.ok(new RegExp(/\/(.*)\/\.test/.exec(page.html)?.[1] ?? 'x').test('fn file:///p/src/a.ts:12'));
  assert.deepEqual(widenAppFrames('<html></html>'), { html: '<html></html>', widened: false });
});

test('complete pages are told from truncated ones; the log’s last line is the reason', () => {
  const page = join(dir, 'page.html');
  writeFileSync(page, '<!DOCTYPE html>\n<html lang="en"><body>x</body></html>\n<!-- {"tool":"doctor"} -->\n');
  assert.equal(isCompleteHtml(page), true);
  writeFileSync(page, '<!DOCTYPE html>\n<html lang="en"><body>x');
  assert.equal(isCompleteHtml(page), false);
  assert.equal(isCompleteHtml(join(dir, 'missing.html')), false);
  const log = join(dir, 'tool.log');
  writeFileSync(log, 'starting\n\x1b[31mError: boom\x1b[0m\n    at foo (x.js:1:1)\n\nNode.js v20.0.0\n');
  assert.equal(lastLogLine(log), 'Error: boom');
});
