import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { describeOutcome, runBounded } from './spawn.js';

const dir = mkdtempSync(join(tmpdir(), 'serbench-spawn-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Running, as opposed to gone or a zombie (killed, not yet reaped by init). */
function alive(pid: number): boolean {
  try {
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** A node process that starts a grandchild (as clinic does), prints its pid and waits forever. */
const PARENT_OF_SLEEPER = `
const { spawn } = require('node:child_process');
const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
console.log('grandchild ' + child.pid);
setInterval(() => {}, 1000);
`;

function grandchildPid(log: string): number {
  return Number(/grandchild (\d+)/.exec(readFileSync(log, 'utf8'))?.[1]);
}

test('a run past its time limit is stopped, with the processes it started', async () => {
  const log = join(dir, 'timeout.log');
  const outcome = await runBounded({ command: process.execPath, args: ['-e', PARENT_OF_SLEEPER], cwd: dir, env: process.env, timeoutMs: 1500, logPath: log });
  assert.equal(outcome.kind, 'timed-out');
  assert.match(describeOutcome(outcome, 1500), /did not finish within 2 s/);
  const pid = grandchildPid(log);
  assert.ok(pid > 0);
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(alive(pid), false, 'the grandchild was killed too');
});

test('an abort (Ctrl-C) stops the run at once', async () => {
  const controller = new AbortController();
  const log = join(dir, 'abort.log');
  setTimeout(() => controller.abort(), 1000);
  const started = performance.now();
  const outcome = await runBounded({ command: process.execPath, args: ['-e', PARENT_OF_SLEEPER], cwd: dir, env: process.env, timeoutMs: 60_000, logPath: log, signal: controller.signal });
  assert.equal(outcome.kind, 'aborted');
  assert.ok(performance.now() - started < 10_000);
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(alive(grandchildPid(log)), false);
});

test('stdin is closed and output goes to the log', async () => {
  const log = join(dir, 'stdin.log');
  const outcome = await runBounded({ command: process.execPath, args: ['-e', "process.stdin.on('data', () => {}).on('end', () => console.log('stdin ended'))"], cwd: dir, env: process.env, timeoutMs: 20_000, logPath: log });
  assert.deepEqual(outcome.kind === 'exited' ? [outcome.code, outcome.signal] : outcome.kind, [0, null]);
  assert.match(readFileSync(log, 'utf8'), /stdin ended/);
});

test('a command that cannot start is reported, not thrown', async () => {
  const outcome = await runBounded({ command: join(dir, 'no-such-program'), args: [], cwd: dir, env: process.env, timeoutMs: 5000, logPath: join(dir, 'missing.log') });
  assert.equal(outcome.kind, 'failed-to-start');
  assert.match(describeOutcome(outcome, 5000), /could not start: .*ENOENT/);
});
