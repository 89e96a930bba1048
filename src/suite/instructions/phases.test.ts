import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CallgrindPhases, dumpFile, dumpTotal } from './phases.js';

const dir = mkdtempSync(join(tmpdir(), 'serbench-phases-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const dump = (pid: number, index: number, total: number): void => writeFileSync(dumpFile(dir, pid, index), `events: Ir\nsummary: ${total}\n`);

test('a dump gives its instruction count from the summary or totals line', () => {
  assert.equal(dumpTotal('# callgrind format\nversion: 1\nevents: Ir\nsummary: 40999386\n\nfn=(1) main\n'), 40_999_386);
  assert.equal(dumpTotal('events: Ir\ntotals: 1743\n'), 1743);
  assert.equal(dumpTotal('events: Ir\n'), null);
});

test('end() gives the count of the dump that ended the phase; outside callgrind it says how to run', () => {
  const pid = 4242;
  const phases = new CallgrindPhases(dir, pid);
  phases.begin();
  assert.throws(() => phases.end(), /callgrind wrote no dump for the phase .*valgrind --tool=callgrind --dump-before=uv_os_getpriority/);
  // What callgrind writes for begin() and end(): the gap before the phase, then the phase.
  dump(pid, 1, 900);
  dump(pid, 2, 123);
  assert.equal(phases.end(), 123);
});

test('extra dumps inside a phase fail that phase only; dumps between phases are forgotten', () => {
  const pid = 4343;
  const phases = new CallgrindPhases(dir, pid);
  dump(pid, 1, 10);
  dump(pid, 2, 20);
  dump(pid, 3, 30);
  assert.throws(() => phases.end(), /dumped 1 more time\(s\) than the phase was marked: something else calls uv_os_getpriority/);
  dump(pid, 4, 40);
  phases.resync();
  dump(pid, 5, 50);
  dump(pid, 6, 60);
  assert.equal(phases.end(), 60, 'in step again after the bad phase');
});
