// How long `npm run history` takes over a synthetic history of F result files × C cases × S samples:
//   npx tsx scripts/history-perf.ts --files 500 --cases 100 --samples 300
// The files are written to a temporary folder (a third of the cases get a 10% step), then the real
// command runs on them in a fresh process, timed from spawn to exit (wall clock, so it includes
// reading and parsing every file) and, through /usr/bin/time, in CPU seconds (user + system), which a
// busy shared machine disturbs less. Several sizes: --files 125,250,500 --cases 25,50,100.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SampleRandom } from '../src/compare/synthetic.js';
import { defaultHistoryScenarios, syntheticHistory } from '../src/history/simulation.js';
import { writeJsonAtomic } from '../src/results/write.js';

const { values } = parseArgs({ options: { files: { type: 'string', default: '500' }, cases: { type: 'string', default: '100' }, samples: { type: 'string', default: '300' }, keep: { type: 'boolean' } } });
const list = (text: string) => text.split(',').map(Number);
const samples = Number(values.samples);
const scenario = defaultHistoryScenarios().find((s) => s.name === '10% step, 3% noise');
if (!scenario) throw new Error('scenario missing');

const TIME = '/usr/bin/time';
console.log('| files | cases | samples per case and file | data | wall time | CPU time | peak RSS | change points |');
console.log('|--:|--:|--:|--:|--:|--:|--:|--:|');
for (const files of list(values.files)) {
  for (const cases of list(values.cases)) {
    const dir = mkdtempSync(join(tmpdir(), 'serbench-history-perf-'));
    const random = new SampleRandom(files * 1000 + cases);
    const starts = Array.from({ length: cases }, (_, i) => (i % 3 === 0 ? 5 + Math.floor(random.uniform() * (files - 10)) : files + 1));
    // Two runs per commit, as the CI workflow pools them.
    const inputs = syntheticHistory(scenario, { commits: files, cases, trials: 1, samplesPerRun: Math.round(samples / 2) }, random, starts);
    let bytes = 0;
    inputs.forEach((input, index) => {
      const path = join(dir, `${String(index).padStart(5, '0')}.json`);
      writeJsonAtomic(path, input.result);
      bytes += JSON.stringify(input.result, null, 1).length + 1;
    });
    const out = join(dir, 'history.json.out');
    const usage = join(dir, 'time.out');
    const command = [process.execPath, '--import', 'tsx', 'bench/history.ts', dir, '--format', 'json', '--out', out];
    const timed = existsSync(TIME);
    const started = performance.now();
    const run = timed ? spawnSync(TIME, ['-f', '%U %S %M', '-o', usage, ...command], { encoding: 'utf8', maxBuffer: 1 << 28 }) : spawnSync(command[0] as string, command.slice(1), { encoding: 'utf8', maxBuffer: 1 << 28 });
    const seconds = (performance.now() - started) / 1000;
    if (run.status !== 0) throw new Error(`history exited ${run.status}: ${run.stderr}`);
    const [user = NaN, system = NaN, rssKb = NaN] = timed ? readFileSync(usage, 'utf8').trim().split(/\s+/).slice(-3).map(Number) : [];
    const found = /(\d+) regressions?, (\d+) improvements?/.exec(run.stdout);
    console.log(`| ${files} | ${cases} | ${samples} | ${(bytes / 1e6).toFixed(0)} MB | ${seconds.toFixed(1)} s | ${(user + system).toFixed(1)} s | ${(rssKb / 1024).toFixed(0)} MiB | ${found ? Number(found[1]) + Number(found[2]) : '?'} |`);
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
    else console.log(`kept ${dir}`);
  }
}
