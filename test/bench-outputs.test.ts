import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { ResultFile } from '../src/results/types.js';
import { runEntry, type CommandResult } from './run-command.js';

const dir = mkdtempSync(join(tmpdir(), 'serbench-outputs-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const quickCodec = ['--quick', '--dataset', 'log', '--codec', 'json', '--op', 'encode', '--records', '50'];
const quickPipeline = ['--scenario', 'passthrough', '--dataset', 'log', '--variant', 'sync', '--batch', '100', '--records', '500', '--repetitions', '1'];

/** A refused output path: one line naming it and what is wrong, exit 2, before anything was measured. */
function assertRefusedUpFront(run: CommandResult, command: string, pattern: RegExp): void {
  assert.equal(run.code, 2, run.stderr);
  assert.equal(run.stdout, '');
  const lines = run.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, run.stderr);
  assert.match(lines[0] ?? '', new RegExp(`^${command}: ${pattern.source}`));
}

describe('output paths are checked before anything is measured', () => {
  const takenDir = join(dir, 'taken.json');
  const aFile = join(dir, 'a-file');
  mkdirSync(takenDir);
  writeFileSync(aFile, 'not a directory');
  const pageAsDir = join(dir, 'reports-with-dir');
  mkdirSync(join(pageAsDir, 'index.html'), { recursive: true });

  // The cases of the path check itself are unit tests (src/cli/output-paths.test.ts); these show each command uses it first.
  test('bench: --out naming a directory, --reports-dir naming a file, a report path taken by a directory', async () => {
    const reports = join(dir, 'bench-reports');
    assertRefusedUpFront(await runEntry('bench/codec.ts', [...quickCodec, '--out', takenDir, '--reports-dir', reports]), 'bench', /--out .*taken\.json: is a directory; name a file$/);
    assertRefusedUpFront(await runEntry('bench/codec.ts', [...quickCodec, '--out', join(dir, 'r.json'), '--reports-dir', aFile]), 'bench', /--reports-dir .*a-file: is a file, not a directory$/);
    assertRefusedUpFront(await runEntry('bench/codec.ts', [...quickCodec, '--out', join(dir, 'r.json'), '--reports-dir', pageAsDir]), 'bench', /report file .*index\.html: is a directory; name a file$/);
    assert.equal(existsSync(join(dir, 'r.json')), false);
    assert.equal(existsSync(reports), false);
  });

  test('bench:pipeline: --out naming a directory, --reports-dir naming a file', async () => {
    assertRefusedUpFront(await runEntry('bench/pipeline.ts', [...quickPipeline, '--out', takenDir]), 'bench:pipeline', /--out .*taken\.json: is a directory; name a file$/);
    assertRefusedUpFront(await runEntry('bench/pipeline.ts', [...quickPipeline, '--out', join(dir, 'p.json'), '--reports-dir', aFile]), 'bench:pipeline', /--reports-dir .*a-file: is a file, not a directory$/);
    assert.equal(existsSync(join(dir, 'p.json')), false);
  });

  test('merge --out naming a directory', async () => {
    const input = join(dir, 'input.json');
    writeFileSync(input, JSON.stringify({ schema: 'serbench.result/v1', meta: {}, cases: [{ id: 'a', unit: 'ns', samples: [1] }] }));
    assertRefusedUpFront(await runEntry('bench/merge.ts', [input, '--out', takenDir]), 'merge', /--out .*taken\.json: is a directory; name a file$/);
  });
});

describe('a write that still fails at the end keeps the measurements', () => {
  test('bench: the result directory replaced by a file during the run: exit 1, one line naming the fallback file', async () => {
    const target = join(dir, 'late');
    mkdirSync(target);
    const fallbackDir = join(dir, 'fallback-tmp');
    mkdirSync(fallbackDir);
    let swapped = false;
    const run = await runEntry('bench/codec.ts', [...quickCodec, '--out', join(target, 'r.json'), '--reports-dir', join(target, 'reports')], {
      env: { TMPDIR: fallbackDir },
      onStderr(text) {
        // The paths were checked at the start; now the directory disappears, as if a disk were unmounted.
        if (!swapped && text.includes('[1/')) {
          swapped = true;
          rmSync(target, { recursive: true });
          writeFileSync(target, 'in the way');
        }
      },
    });
    assert.ok(swapped, run.stderr);
    assert.equal(run.code, 1, run.stderr);
    const last = run.stderr.trimEnd().split('\n').at(-1) ?? '';
    assert.match(last, /^bench: cannot write the result to .*late\/r\.json \(.+\); the measurements are kept in (\S+serbench-unsaved-codec-\S+\.json)$/);
    assert.doesNotMatch(run.stderr, /^\s+at /m);
    const fallback = /kept in (\S+)$/.exec(last)?.[1] as string;
    const kept = JSON.parse(readFileSync(fallback, 'utf8')) as ResultFile;
    assert.equal(kept.cases.length, 1);
    assert.equal(kept.cases[0]?.status, 'ok');
    assert.ok((kept.cases[0]?.samples.length ?? 0) > 0);
    assert.deepEqual(readdirSync(fallbackDir).filter((name) => name.endsWith('.tmp')), []);
  });
});
