import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { UnknownNameError } from '../registry.js';
import { UsageError } from './errors.js';
import { parseDuration, parseProfileArgs, runProfileCommand } from './profile.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'serbench-profile-cli-'));
after(() => rmSync(out, { recursive: true, force: true }));

function usage(argv: string[]): string {
  try {
    parseProfileArgs(argv);
  } catch (error) {
    assert.ok(error instanceof UsageError || error instanceof UnknownNameError, String(error));
    assert.equal(error.message.includes('\n'), false);
    return error.message;
  }
  assert.fail(`expected a usage error for ${argv.join(' ')}`);
}

test('nothing selected is refused with a one-line hint; --help is not', () => {
  assert.deepEqual(parseProfileArgs(['--help']), { kind: 'help' });
  assert.match(usage([]), /^select what to profile, e\.g\. --dataset log --codec protobuf --op encode/);
  assert.match(usage(['--duration', '2']), /^select what to profile/);
});

test('codec selections expand like the codec suite, with the same validation', () => {
  const command = parseProfileArgs(['--dataset', 'log', '--codec', 'json,protobuf', '--op', 'encode', '--records', '200', '--duration', '1.5', '--tools', 'cpu,0x']);
  assert.equal(command.kind, 'profile');
  if (command.kind !== 'profile') return;
  assert.deepEqual(command.targets.map((t) => t.id), ['codec/log/json/encode/200', 'codec/log/protobuf/encode/200']);
  assert.deepEqual(command.options.tools, ['cpu', '0x']);
  assert.equal(command.options.durationMs, 1500);
  const all = parseProfileArgs(['--codec', 'json']);
  assert.equal(all.kind === 'profile' ? all.targets.length : 0, 6, 'every dataset × both ops');
  assert.match(usage(['--codec', 'nope']), /^unknown codec 'nope'; valid: json, .*memcpy/);
  assert.match(usage(['--dataset', 'x']), /^unknown dataset 'x'; valid: log/);
  assert.match(usage(['--codec', 'json', '--op', 'both']), /^unknown op 'both'; valid: encode, decode/);
  assert.match(usage(['--codec', 'json', '--tools', 'perf']), /^unknown tool 'perf'; valid: cpu, heap, 0x, clinic-flame, clinic-doctor, clinic-heap/);
  assert.match(usage(['--codec', 'json', '--records', '0']), /--records must be a positive integer/);
  assert.match(usage(['--codec', 'json', '--frobnicate']), /valid flags: --dataset/);
});

test('pipeline flags select pipeline cases; unselected dimensions take one default', () => {
  const command = parseProfileArgs(['--variant', 'workers', '--workers', '1,2']);
  assert.equal(command.kind, 'profile');
  if (command.kind !== 'profile') return;
  assert.deepEqual(command.targets.map((t) => t.id), ['pipeline/encode/log/json/workers/b1000/w1/50000', 'pipeline/encode/log/json/workers/b1000/w2/50000']);
  const [first] = command.targets;
  assert.ok(first?.kind === 'pipeline' && first.args.join(' ').includes('--variant workers') && first.args.join(' ').includes('--workers 1'));
  assert.match(usage(['--variant', 'nope']), /^unknown variant 'nope'; valid: .*workers/);
  assert.match(usage(['--scenario', 'encode', '--op', 'encode']), /--op applies to codec cases only/);
  assert.match(usage(['--variant', 'sync', '--batch', '0']), /--batch must be whole numbers from 1/);
});

test('--diff takes two directories and nothing else', () => {
  assert.deepEqual(parseProfileArgs(['--diff', 'a', 'b']), { kind: 'diff', base: 'a', head: 'b', outDir: join('reports', 'profiles') });
  assert.match(usage(['--diff', 'a']), /--diff needs two case directories/);
  assert.match(usage(['--diff', 'a', 'b', '--codec', 'json']), /takes no --codec/);
  assert.match(usage(['a', 'b']), /^unexpected argument 'a'/);
});

test('--duration is seconds, within bounds', () => {
  assert.equal(parseDuration('2'), 2000);
  assert.equal(parseDuration('0.5'), 500);
  assert.equal(parseDuration(undefined), undefined);
  assert.throws(() => parseDuration('0'), /from 0\.1 to 600/);
  assert.throws(() => parseDuration('abc'), /from 0\.1 to 600/);
});

test('npm run profile end to end: one case, exit 0, index written; a bad flag exits 2 with one line', () => {
  const run = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'bench/profile.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 120_000, env: { ...process.env, CI: '1' } });
  const ok = run(['--dataset', 'metrics', '--codec', 'json', '--op', 'decode', '--records', '100', '--duration', '0.5', '--tools', 'cpu', '--out', out]);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /index: .*index\.html/);
  assert.ok(existsSync(join(out, 'codec__metrics__json__decode__100', 'summary.md')));
  assert.match(readFileSync(join(out, 'index.html'), 'utf8'), /codec\/metrics\/json\/decode\/100/);
  const bad = run(['--codec', 'nope']);
  assert.equal(bad.status, 2);
  assert.equal(bad.stderr.trim().split('\n').length, 1);
  assert.match(bad.stderr, /^profile: unknown codec 'nope'/);
  const diff = run(['--diff', join(out, 'codec__metrics__json__decode__100'), join(out, 'codec__metrics__json__decode__100'), '--out', out]);
  assert.equal(diff.status, 0, diff.stderr);
  assert.match(diff.stdout, /# CPU profile diff/);
  assert.match(diff.stdout, /^pprof: go tool pprof -http=: -normalize -base \S+base\.cpu\.pb\.gz \S+head\.cpu\.pb\.gz$/m);
  assert.ok(existsSync(join(out, 'diffs', 'codec__metrics__json__decode__100', 'diff.html')));
  assert.match(readFileSync(join(out, 'index.html'), 'utf8'), /diffs\/codec__metrics__json__decode__100\/diff\.html/);
});

test('--diff of a directory that is missing or has no CPU profile is a usage error', async () => {
  const io = { out: () => undefined, err: process.stderr };
  await assert.rejects(runProfileCommand(['--diff', join(out, 'nope'), out, '--out', out], io), (e: unknown) => e instanceof UsageError && /is not a directory/.test(e.message));
  await assert.rejects(runProfileCommand(['--diff', out, out, '--out', out], io), (e: unknown) => e instanceof UsageError && /has no cpu\.cpuprofile; profile the case with --tools cpu first/.test(e.message));
});

test('Ctrl-C stops the profiler child at once, leaves no temporary directory and exits 130', async () => {
  const dir = join(out, 'interrupted');
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/profile.ts', '--dataset', 'log', '--codec', 'json', '--op', 'encode', '--duration', '60', '--tools', 'cpu', '--out', dir], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: '1' } });
  let stderr = '';
  let signalled = 0;
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    // Once the profiled child has had time to start, interrupt.
    if (signalled === 0 && stderr.includes(': cpu')) {
      signalled = performance.now();
      setTimeout(() => child.kill('SIGINT'), 1500);
    }
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 130, stderr);
  assert.ok(performance.now() - signalled < 20_000, 'stopped long before the 60 s duration');
  assert.match(stderr, /SIGINT: stopping/);
  assert.deepEqual(readdirSync(dir).filter((name) => name.startsWith('.')), [], 'no temporary directory is left');
  assert.equal(existsSync(join(dir, 'codec__log__json__encode__1000')), false);
});
