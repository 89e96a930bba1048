/**
 * The real pprof reader for the tests (not a test file itself): `go tool pprof`
 * from Debian's golang-go, kept off the network and out of the user's Go
 * settings, and what its -top output says.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PPROF_EXTENSION, threadOfFile } from './artefact-names.js';
import { parseCpuProfile, selfTimeByFunction } from './cpuprofile.js';
import { allocationsByFunction, parseHeapProfile } from './heapprofile.js';
import type { Locate } from './locations.js';
import { pprofFunctionName } from './pprof.js';
import { PROJECT_ROOT } from './target.js';

const scratch = mkdtempSync(join(tmpdir(), 'serbench-go-'));

/** Never a toolchain download, a module fetch or the user's go env; caches in a scratch directory. */
const GO_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  GOTOOLCHAIN: 'local',
  GOPROXY: 'off',
  GOFLAGS: '',
  GOENV: 'off',
  GOTELEMETRY: 'off',
  GOCACHE: join(scratch, 'cache'),
  GOPATH: join(scratch, 'gopath'),
  HOME: scratch,
  PPROF_TMPDIR: scratch,
};

function go(args: readonly string[], cwd = PROJECT_ROOT) {
  return spawnSync('go', ['tool', 'pprof', ...args], { cwd, env: GO_ENV, encoding: 'utf8', timeout: 60_000 });
}

/** Why the pprof tests cannot run here, or false when `go tool pprof` is available. */
export const GO_PPROF_MISSING: string | false = (() => {
  const probe = spawnSync('go', ['tool', '-n', 'pprof'], { env: GO_ENV, encoding: 'utf8', timeout: 30_000 });
  if (probe.error) return `go tool pprof is not available (${probe.error.message}): install Debian's golang-go, as .ci/run does`;
  if (probe.status !== 0) return `go tool pprof is not available (${(probe.stderr || probe.stdout).trim()}): install Debian's golang-go, as .ci/run does`;
  return false;
})();

/** `go tool pprof <args>`: its output, failing the test on a non-zero exit or a warning. */
export function goPprof(args: readonly string[], cwd?: string): string {
  const result = go(args, cwd);
  assert.equal(result.status, 0, `go tool pprof ${args.join(' ')}: ${result.stderr}`);
  assert.equal(result.stderr.trim(), '', `go tool pprof ${args.join(' ')} warned`);
  return result.stdout;
}

export interface TopRow {
  readonly name: string;
  /** flat% / 100 */
  readonly flat: number;
}

/** The rows of `-top` (flat, flat%, sum%, cum, cum%, name; names may hold spaces). */
export function parseTop(output: string): TopRow[] {
  return output
    .split('\n')
    .map((line) => /^\s*\S+\s+(-?[\d.]+)%\s+-?[\d.]+%\s+\S+\s+-?[\d.]+%\s+(.+)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ name: match[2] ?? '', flat: Number(match[1]) / 100 }));
}

const TOLERANCE = 0.01;

/**
 * pprof's -top rows against shares computed from the V8 profile: every row pprof
 * shows has the expected share within a percentage point, and every function with
 * 2 % or more is among them. Expected shares are summed per pprof name, the
 * identity pprof's default view groups by.
 */
export function assertTopMatches(rows: readonly TopRow[], expected: ReadonlyMap<string, number>, what: string): void {
  assert.ok(rows.length > 0, `${what}: pprof -top showed no rows`);
  for (const row of rows) {
    // -top also lists callers with no self time (cumulative time only).
    const share = expected.get(row.name) ?? 0;
    assert.ok(Math.abs(share - row.flat) <= TOLERANCE, `${what}: ${row.name} is ${(row.flat * 100).toFixed(2)}% in pprof, ${(share * 100).toFixed(2)}% from the profile`);
  }
  for (const [name, share] of expected) {
    if (share >= 0.02) assert.ok(rows.some((row) => row.name === name), `${what}: ${name} (${(share * 100).toFixed(1)}%) is missing from pprof -top`);
  }
}

function add(map: Map<string, number>, name: string, value: number): void {
  map.set(name, (map.get(name) ?? 0) + value);
}

/** Self-time shares of busy time from a .cpuprofile, as the summary computes them, by pprof name. */
export function expectedCpuShares(text: string, locate: Locate): Map<string, number> {
  const table = selfTimeByFunction(parseCpuProfile(text));
  const shares = new Map<string, number>();
  for (const entry of table.functions) add(shares, pprofFunctionName(entry.frame, locate(entry.frame)), entry.selfUs / table.busyUs);
  for (const meta of ['(garbage collector)', '(program)', '(root)'] as const) if (table.meta[meta] > 0) add(shares, meta, table.meta[meta] / table.busyUs);
  return shares;
}

/** Allocation shares from a .heapprofile, as the summary computes them, by pprof name. */
export function expectedHeapShares(text: string, locate: Locate): Map<string, number> {
  const table = allocationsByFunction(parseHeapProfile(text));
  const shares = new Map<string, number>();
  for (const site of table.sites) add(shares, pprofFunctionName(site.frame, locate(site.frame)), site.bytes / table.totalBytes);
  const placed = table.sites.reduce((sum, site) => sum + site.bytes, 0);
  if (placed < table.totalBytes) add(shares, '(root)', (table.totalBytes - placed) / table.totalBytes);
  return shares;
}

/**
 * Reads every pprof file of a case directory with `go tool pprof -top` and
 * checks it against the .cpuprofile or .heapprofile it was made from. Returns
 * the files read.
 */
export function assertCasePprofMatches(dir: string, locate: Locate): string[] {
  const files = readdirSync(dir).filter((file) => file.endsWith(PPROF_EXTENSION));
  for (const file of files) {
    const cpuThread = threadOfFile('cpu-pprof', file);
    const heapThread = threadOfFile('heap-pprof', file);
    const source = cpuThread !== undefined ? file.replace(PPROF_EXTENSION, '.cpuprofile') : file.replace(PPROF_EXTENSION, '.heapprofile');
    assert.ok(cpuThread !== undefined || heapThread !== undefined, `unexpected pprof file ${file}`);
    const text = readFileSync(join(dir, source), 'utf8');
    const expected = cpuThread !== undefined ? expectedCpuShares(text, locate) : expectedHeapShares(text, locate);
    assertTopMatches(parseTop(goPprof(['-top', '-nodecount=25', join(dir, file)])), expected, file);
  }
  return files;
}
