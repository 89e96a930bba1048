import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { drawValues, NOISE_MODELS, SampleRandom, syntheticResult } from '../src/compare/synthetic.js';
import { writeJsonAtomic } from '../src/results/write.js';
import { ROOT } from './run-command.js';

// Documented commands that print JSON must give JSON to a redirect: `npm run` prints its
// banner on stdout first, so they use `npm run -s` (or --out).

const FORMATS_ON_STDOUT = /--format (?:json|github-action-benchmark|bmf)\b/;
const documents = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];

interface DocumentedCommand {
  readonly where: string;
  readonly command: string;
  /** A line of a code block (runnable as written), not a synopsis in the text. */
  readonly runnable: boolean;
}

/** `npm run` commands in code blocks and inline code spans that write JSON to stdout. */
function jsonToStdoutCommands(): DocumentedCommand[] {
  return documents.flatMap((file) => {
    let fenced = false;
    return readFileSync(join(ROOT, file), 'utf8')
      .split('\n')
      .flatMap((line, index) => {
        if (line.startsWith('```')) fenced = !fenced;
        const commands = fenced ? [line.replace(/\s+#.*$/, '').trim()] : [...line.matchAll(/`(npm run[^`]*)`/g)].map((match) => match[1] as string);
        return commands
          .filter((command) => command.startsWith('npm run') && (FORMATS_ON_STDOUT.test(command) || / > \S+\.json\b/.test(command)))
          .filter((command) => !/(?<!\[)--out \S/.test(command) || / > /.test(command))
          .map((command) => ({ where: `${file}:${index + 1}`, command, runnable: fenced }));
      });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'serbench-doc-json-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('every documented command that writes JSON to stdout runs npm silently (npm run -s)', () => {
  const commands = jsonToStdoutCommands();
  assert.ok(commands.length >= 3, `found ${commands.length}: has the format of the docs changed?`);
  assert.deepEqual(
    commands.filter((c) => !/^npm run (?:-s|--silent) /.test(c.command)).map((c) => `${c.where}: ${c.command}`),
    [],
  );
});

/** A small history: three runs on three days (no git: history orders them by createdAt). */
function historyFolder(): string {
  const folder = join(dir, 'history');
  mkdirSync(folder, { recursive: true });
  const random = new SampleRandom(11);
  for (const day of [1, 2, 3]) {
    const result = syntheticResult([{ id: 'codec/log/json/encode/100', samples: drawValues(random, { model: NOISE_MODELS.lognormal, count: 30, center: 50_000 }) }]);
    writeJsonAtomic(join(folder, `run-${day}.json`), { ...result, meta: { ...result.meta, createdAt: `2025-01-0${day}T00:00:00.000Z` } });
  }
  return folder;
}

test('the documented JSON commands, run through npm on small result files, print parseable JSON', () => {
  const random = new SampleRandom(7);
  const ids = ['codec/log/json/encode/100', 'codec/log/json/decode/100'];
  const fixture = (name: string, scale: number): string => {
    const path = join(dir, name);
    writeJsonAtomic(path, syntheticResult(ids.map((id) => ({ id, samples: drawValues(random, { model: NOISE_MODELS.lognormal, count: 30, center: 50_000 * scale }) }))));
    return path;
  };
  const files: Record<string, string> = { 'base.json': fixture('base.json', 1), 'head.json': fixture('head.json', 1.01), 'r.json': fixture('r.json', 1), 'result.json': fixture('result.json', 1), 'results/history/': historyFolder() };
  const runnable = jsonToStdoutCommands().filter((c) => c.runnable);
  assert.ok(runnable.length >= 2, runnable.map((c) => c.where).join(', '));
  for (const { where, command } of runnable) {
    // As documented, with the example file names pointing at the fixtures and stdout captured instead of redirected.
    const args = command
      .replace(/ > \S+$/, '')
      .split(/\s+/)
      .slice(1)
      .map((arg) => files[arg] ?? arg);
    const run = spawnSync('npm', args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: '1' } });
    assert.ok(run.status === 0 || run.status === 1, `${where}: ${command} exited ${run.status}: ${run.stderr}`);
    assert.doesNotThrow(() => JSON.parse(run.stdout), `${where}: ${command} printed no JSON: ${run.stdout.slice(0, 200)}`);
  }
});
