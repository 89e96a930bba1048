import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CallgrindPhases, dumpFile, dumpTotal } from './phases.js';

const dir = mkdtempSync(join(tmpdir(), 'serbench-phases-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a dump gives its instruction count from the summary or totals line', () => {
  assert.equal(dumpTotal('# callgrind format\nversion: 1\nevents: Ir\nsummary: 40999386\n\nfn=(1) main\n'), 40_999_386);
  assert.equal(dumpTotal('events: Ir\ntotals: 1743\n'), 1743);
  assert.equal(dumpTotal('events: Ir\n'), null);
});

test('read() takes the count of the phase a mark ended; outside callgrind it says how to run', () => {
  const pid = 4242;
  const phases = new CallgrindPhases(dir, pid);
  const index = phases.mark();
  assert.throws(() => phases.read(index), /callgrind wrote no dump for phase 1 .*valgrind --tool=callgrind --dump-before=uv_os_getpriority/);
  writeFileSync(dumpFile(dir, pid, 2), 'events: Ir\nsummary: 123\n');
  assert.equal(phases.read(phases.mark()), 123);
  writeFileSync(dumpFile(dir, pid, 3), 'events: Ir\nsummary: 5\n');
  writeFileSync(dumpFile(dir, pid, 4), 'events: Ir\nsummary: 6\n');
  assert.throws(() => phases.read(phases.mark()), /dumped more often than the phases were marked/);
});
