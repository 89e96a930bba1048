// Runs every *.test.ts under src/, test/ and bench/ with Node's test runner through tsx.
// (Node 20's --test does not expand globs itself.) A copy of every result file the tests
// write is collected (SERBENCH_RESULT_COPIES), and src/results/result-schema.test.ts runs
// last to check each against docs/result.schema.json.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const SCHEMA_TEST = join('src', 'results', 'result-schema.test.ts');

function findTests(dir) {
  let found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found = found.concat(findTests(path));
    else if (entry.name.endsWith('.test.ts')) found.push(relative(root, path));
  }
  return found;
}

const only = process.argv.slice(2);
const files = only.length > 0 ? only : ['src', 'test', 'bench'].flatMap((dir) => { try { return findTests(join(root, dir)); } catch { return []; } }).sort();
if (files.length === 0) {
  console.error('test: no *.test.ts files found');
  process.exit(1);
}
const copies = mkdtempSync(join(tmpdir(), 'serbench-result-copies-'));
const run = (list, env) => spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...list], { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
const schemaLast = files.includes(SCHEMA_TEST) && files.length > 1;
let status = run(schemaLast ? files.filter((f) => f !== SCHEMA_TEST) : files, { SERBENCH_RESULT_COPIES: copies });
if (schemaLast) status = Math.max(status, run([SCHEMA_TEST], { SERBENCH_RESULT_COPIES_CHECK: copies, ...(only.length === 0 ? { SERBENCH_RESULT_COPIES_FULL: '1' } : {}) }));
rmSync(copies, { recursive: true, force: true });
process.exit(status);
