import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { ResultFile } from '../src/results/types.js';
import { ROOT } from './run-command.js';

// SIGINT through the real npm chain: `npm run bench` as users and CI runners start it.
// Some runners and process managers signal the npm process alone; a terminal's Ctrl-C
// signals the whole process group (and npm forwards it once more).
const dir = mkdtempSync(join(tmpdir(), 'serbench-npm-signals-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  readonly code: number | null;
  readonly stderr: string;
}

/**
 * Two cases alternating for a few seconds; `interrupt` is called once the slices have started.
 * `--precision 0`: two cases can be placed within the target in a fraction of a second, and the
 * round would end before the signal.
 */
function npmBench(out: string, detached: boolean, interrupt: (pid: number) => void): Promise<Run> {
  const args = ['run', 'bench', '--', '--dataset', 'metrics', '--codec', 'json,protobuf', '--op', 'encode', '--records', '100', '--time', '3000', '--rounds', '1', '--precision', '0', '--no-fidelity'];
  args.push('--out', out, '--reports-dir', join(dir, 'reports'));
  const child = spawn('npm', args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], detached, env: { ...process.env, CI: '1' } });
  let stderr = '';
  let sent = false;
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    if (!sent && stderr.includes('alternating slices')) {
      sent = true;
      setTimeout(() => {
        // A run already gone is the assertion's to report (its exit code), not an uncaught ESRCH.
        try {
          interrupt(child.pid as number);
        } catch {}
      }, 500);
    }
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

function assertStoppedAndKept(run: Run, out: string): void {
  assert.equal(run.code, 130, run.stderr);
  assert.doesNotMatch(run.stderr, /again: exiting now/, 'one signal stops the run; it is not taken for a second one');
  const result = JSON.parse(readFileSync(out, 'utf8')) as ResultFile;
  assert.equal(result.complete, false);
  assert.deepEqual(result.cases.map((c) => c.status), ['ok', 'ok'], 'the cycles measured before the signal are kept');
}

test('SIGINT to the npm process alone stops the run, keeps what finished and exits 130', async () => {
  const out = join(dir, 'npm-only.json');
  assertStoppedAndKept(await npmBench(out, false, (pid) => process.kill(pid, 'SIGINT')), out);
});

test('SIGINT to the whole process group (Ctrl-C in a terminal) does the same', async () => {
  const out = join(dir, 'group.json');
  assertStoppedAndKept(await npmBench(out, true, (pid) => process.kill(-pid, 'SIGINT')), out);
});
