import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ROOT } from './run-command.js';

/** scripts/history-branch.sh against a local bare repository standing in for GitHub. */
const dir = mkdtempSync(join(tmpdir(), 'serbench-history-branch-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const git = (cwd: string, ...args: string[]): string => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const script = join(ROOT, 'scripts', 'history-branch.sh');
const run = (cwd: string, env: Record<string, string>, ...args: string[]): string => execFileSync('bash', [script, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });

test('append keeps the newest files in one force-pushed commit of the data branch; fetch reads them back', () => {
  const origin = join(dir, 'origin.git');
  git(dir, 'init', '--quiet', '--bare', origin);
  const clone = join(dir, 'clone');
  git(dir, 'init', '--quiet', clone);
  git(clone, 'remote', 'add', 'origin', origin);
  const env = { HISTORY_KEEP: '3', HISTORY_BRANCH: 'bench-history' };
  assert.match(run(clone, env, 'fetch', join(dir, 'none')), /no bench-history branch yet/);
  for (let i = 0; i < 5; i++) {
    const file = join(dir, `r${i}.json`);
    writeFileSync(file, JSON.stringify({ schema: 'serbench.result/v1', meta: { createdAt: '2026-01-01T00:00:00Z', git: { sha: `${i}`.repeat(40), dirty: false, commitTime: `2026-01-0${i + 1}T00:00:00.000Z` } }, cases: [] }));
    assert.match(run(clone, env, 'append', file), /appended to bench-history/);
  }
  const fetched = join(dir, 'fetched');
  assert.match(run(clone, env, 'fetch', fetched), /3 result file\(s\)/);
  assert.deepEqual(readdirSync(join(fetched, 'results')), ['2026-01-03T00-00-00-000Z-222222222222.json', '2026-01-04T00-00-00-000Z-333333333333.json', '2026-01-05T00-00-00-000Z-444444444444.json']);
  assert.equal(git(origin, 'rev-list', '--count', 'bench-history'), '1', 'one commit: the branch does not grow');
  assert.equal(git(clone, 'status', '--porcelain'), '', 'the checkout is untouched');
});
