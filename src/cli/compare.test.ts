import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { drawValues, NOISE_MODELS, SampleRandom, syntheticResult } from '../compare/synthetic.js';
import { writeJsonAtomic } from '../results/write.js';
import { runCompare } from './compare.js';
import { UsageError } from './errors.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'serbench-compare-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const IDS = ['codec/log/json/encode/1000', 'codec/log/json/decode/1000', 'codec/orders/protobuf/encode/1000'];

function resultFile(name: string, change: number, seed: number, ids: readonly string[] = IDS, options: Record<string, unknown> = {}): string {
  const random = new SampleRandom(seed);
  const path = join(dir, name);
  const result = syntheticResult(ids.map((id, index) => ({ id, samples: drawValues(random, { model: NOISE_MODELS.outliers, count: 100, center: 10_000 * (index + 1) * (1 + change) }) })));
  writeJsonAtomic(path, { ...result, meta: { ...result.meta, options: { ...result.meta.options, ...options } } });
  return path;
}

const base = resultFile('base.json', 0, 1);
const same = resultFile('same.json', 0, 2);
const slower = resultFile('slower.json', 0.1, 3);

async function run(argv: string[]): Promise<{ code: number; output: string }> {
  let output = '';
  const code = await runCompare(argv, { write: (text) => (output += text), color: false });
  return { code, output };
}

async function usageError(argv: string[]): Promise<string> {
  try {
    await run(argv);
  } catch (error) {
    assert.ok(error instanceof UsageError, String(error));
    assert.equal(error.message.includes('\n'), false);
    return error.message;
  }
  assert.fail('expected a UsageError');
}

test('exit 0 without a regression, 1 with one', async () => {
  const ok = await run([base, same]);
  assert.equal(ok.code, 0);
  assert.match(ok.output, /no regression \(3 compared: 3 ~\)/);
  const regression = await run([base, slower]);
  assert.equal(regression.code, 1);
  assert.match(regression.output, /3 regressions \(3 compared: 3 slower\)/);
});

test('a gate that compared nothing does not pass: no case in both files is exit 2, one line', async () => {
  const other = resultFile('other-cases.json', 0, 4, ['pipeline/passthrough/log/none/sync/b100/w0/2000']);
  assert.match(await usageError([base, other]), /^no case is in both files \(.*base\.json: 3 cases, .*other-cases\.json: 1 case\): nothing was compared/);
  const empty = join(dir, 'no-cases.json');
  writeJsonAtomic(empty, { ...JSON.parse(readFileSync(base, 'utf8')), cases: [] });
  assert.match(await usageError([base, empty]), /^no case is in both files .*no-cases\.json: 0 cases\)/);
  // Some cases in common and some not: compared, and every summary says how many.
  const partly = resultFile('partly.json', 0, 5, [...IDS.slice(0, 1), 'codec/metrics/json/encode/1000']);
  const result = await run([base, partly, '--format', 'markdown']);
  assert.equal(result.code, 0);
  assert.match(result.output, /1 compared: 1 ~; 1 added, 2 removed/);
  assert.equal(JSON.parse((await run([base, partly, '--format', 'json'])).output).summary.compared, 1);
});

test('one run given twice, by path or by content, is refused: exit 2, one line', async () => {
  assert.match(await usageError([base, base]), /base\.json and .*base\.json are the same file: a run compared with itself shows no change/);
  const copy = join(dir, 'copy-of-base.json');
  writeFileSync(copy, JSON.stringify(JSON.parse(readFileSync(base, 'utf8'))));
  assert.match(await usageError([base, copy]), /base\.json and .*copy-of-base\.json hold the same run \(every case they share has identical samples\)/);
});

test('a time file against an instruction file: exit 2, one line naming both measures', async () => {
  const counted = join(dir, 'instructions.json');
  const result = JSON.parse(readFileSync(slower, 'utf8')) as { cases: { unit: string }[] };
  writeJsonAtomic(counted, { ...result, cases: result.cases.map((item) => ({ ...item, unit: 'instructions' })) });
  assert.match(await usageError([base, counted]), /base\.json measures wall-clock time \(--measure time\) but .*instructions\.json measures instructions \(--measure instructions\): compare two runs made with the same --measure/);
});

test('--quick smoke runs compared: the comparison says their verdicts mean little', async () => {
  const quickBase = resultFile('quick-base.json', 0, 6, IDS, { quick: true });
  const quickHead = resultFile('quick-head.json', 0, 7, IDS, { quick: true });
  const both = await run([quickBase, quickHead]);
  assert.match(both.output, /warning: both files come from a --quick smoke run: its tiny time budget cannot tell a change from noise/);
  assert.match((await run([quickBase, same])).output, /warning: .*quick-base\.json comes from a --quick smoke run/);
  assert.doesNotMatch((await run([base, same])).output, /--quick/);
});

test('--format json and markdown; --out writes the report and shows the table', async () => {
  const json = await run([base, slower, '--format', 'json']);
  assert.equal(JSON.parse(json.output).summary.regressions.length, 3);
  const out = join(dir, 'reports', 'compare.md');
  const written = await run([base, same, '--format', 'markdown', '--out', out, '--threshold', '2%', '--alpha', '0.01']);
  assert.equal(written.code, 0);
  assert.match(written.output, /^serbench compare: alpha 0\.01, noise threshold ±2%/);
  assert.match(readFileSync(out, 'utf8'), /^### serbench compare: ✅ no regression/);
});

test('--fail-on-env-mismatch turns different environments into exit 2', async () => {
  const other = join(dir, 'other-cpu.json');
  const file = JSON.parse(readFileSync(same, 'utf8'));
  writeFileSync(other, JSON.stringify({ ...file, meta: { ...file.meta, env: { ...file.meta.env, cpuModel: 'Other', cpuCount: 64 } } }));
  const warned = await run([base, other]);
  assert.equal(warned.code, 0);
  assert.match(warned.output, /warning: different environments \(cpuModel "Synthetic CPU" → "Other"; cpuCount 2 → 64\)/);
  assert.match(await usageError([base, other, '--fail-on-env-mismatch']), /come from different environments \(cpuModel, cpuCount differ\)/);
});

test('usage mistakes are one-line usage errors', async () => {
  assert.match(await usageError([base]), /compare needs exactly two result files, got 1/);
  assert.match(await usageError([base, same, '--alpha', '1.5']), /--alpha must be a number between 0 and 1/);
  assert.match(await usageError([base, same, '--threshold', 'lots']), /--threshold must be a percentage/);
  assert.match(await usageError([base, same, '--format', 'html']), /unknown format 'html'; valid: terminal, markdown, json/);
  assert.match(await usageError([base, same, '--bogus']), /Unknown option '--bogus'.*valid flags: --alpha/);
  assert.match((await run(['--help'])).output, /^usage: npm run compare/);
});

test('bad input files: one line naming the file and the problem', async () => {
  const write = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const notJson = write('not.json', 'hello');
  assert.match(await usageError([notJson, base]), new RegExp(`^${notJson}: not JSON`));
  const shape = write('shape.json', '{"schema":"serbench.result/v1","meta":{},"cases":"none"}');
  assert.equal(await usageError([base, shape]), `${shape}: "cases" must be an array, got "none"`);
  const empty = write('empty-samples.json', '{"schema":"serbench.result/v1","meta":{},"cases":[{"id":"a","unit":"ns","samples":[]}]}');
  assert.equal(await usageError([base, empty]), `${empty}: case "a" has status ok but no samples`);
  const text = write('text-samples.json', '{"schema":"serbench.result/v1","meta":{},"cases":[{"id":"a","unit":"ns","samples":[1,"fast"]}]}');
  assert.equal(await usageError([base, text]), `${text}: case "a": samples[1] is "fast", not a finite number`);
  assert.equal(await usageError([base, join(dir, 'missing.json')]), `${join(dir, 'missing.json')}: no such file`);
});

test('npm run compare: exit codes and one stderr line without a stack trace', () => {
  const command = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'bench/compare.ts', ...args], { cwd: root, encoding: 'utf8' });
  const missing = command([base, join(dir, 'missing.json')]);
  assert.equal(missing.status, 2);
  assert.equal(missing.stderr, `compare: ${join(dir, 'missing.json')}: no such file\n`);
  assert.equal(missing.stdout, '');
  const regression = command([base, slower, '--format', 'markdown']);
  assert.equal(regression.status, 1, regression.stderr);
  assert.match(regression.stdout, /❌ 3 regressions/);
});
