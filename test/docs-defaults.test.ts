import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { benchHelp } from '../src/cli/bench.js';
import { CODEC_FILE_DEFAULTS, CODEC_FILE_HELP } from '../src/cli/codec-file.js';
import { COMPARE_SIMULATION_USAGE, SIMULATION_DEFAULTS } from '../src/cli/compare-simulation.js';
import { COMPARE_USAGE } from '../src/cli/compare.js';
import { FUZZ_HELP } from '../src/cli/fuzz.js';
import { HISTORY_USAGE } from '../src/cli/history.js';
import { MERGE_USAGE } from '../src/cli/merge.js';
import { pipelineHelp } from '../src/cli/pipeline.js';
import { PROFILE_USAGE } from '../src/cli/profile.js';
import { REPORT_USAGE } from '../src/cli/report.js';
import { FUZZ_DEFAULTS } from '../src/codecs/fuzz/options.js';
import { COMPARE_DEFAULTS } from '../src/compare/options.js';
import { createDatasetRegistry } from '../src/datasets/registry.js';
import { PIPELINE_DEFAULTS } from '../src/pipeline/constants.js';
import { PROFILE_DEFAULTS } from '../src/profile/options.js';
import { CODEC_SUITE_DEFAULTS, DEFAULT_SUITE_CODECS, INSTRUCTION_DEFAULTS, MEMCPY, QUICK_OVERRIDES, SUPERVISOR_DEFAULTS } from '../src/suite/options.js';
import { ROOT } from './run-command.js';

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/**
 * Defaults are taken from one place: the options objects the code runs with. Help
 * texts are generated from them; this test keeps the documents honest when a default
 * changes (the README and docs state defaults in prose and tables, which nothing
 * generates).
 */

const HELP: Readonly<Record<string, string>> = {
  bench: benchHelp(),
  'bench:pipeline': pipelineHelp(),
  compare: COMPARE_USAGE,
  'compare:simulate': COMPARE_SIMULATION_USAGE,
  merge: MERGE_USAGE,
  report: REPORT_USAGE,
  profile: PROFILE_USAGE,
  fuzz: FUZZ_HELP,
  cli: CODEC_FILE_HELP,
  history: HISTORY_USAGE,
};

/** Which commands a document is about; README and the contract may speak of any. */
const DOC_COMMANDS: Readonly<Record<string, readonly string[]>> = {
  'docs/codecs.md': ['bench'],
  'docs/pipeline.md': ['bench:pipeline'],
  'docs/sinks-and-metrics.md': ['bench:pipeline'],
  'docs/compare.md': ['compare', 'compare:simulate'],
  'docs/profiling.md': ['profile'],
  'docs/reliability.md': ['fuzz', 'cli'],
  'docs/report.md': ['report'],
  'docs/history.md': ['history'],
};

/** `50 000`, `4,096`, `0.05` → a number; the first number of a text, or undefined. */
function firstNumber(text: string): number | undefined {
  const match = /\d[\d_,\u00a0 ]*(?:\.\d+)?/.exec(text);
  if (!match) return undefined;
  return Number(match[0].replace(/[_,\u00a0 ]/g, ''));
}

/** Each flag of a help text and the first number of what its own text calls the default. */
function helpDefaults(help: string): Map<string, number> {
  const entries: { flag: string; text: string }[] = [];
  for (const line of help.split('\n')) {
    // Some help lines hold two flags side by side: split them at wide gaps.
    for (const segment of line.split(/\s{2,}(?=--[a-z])/)) {
      const flag = /^\s*(--[a-z][a-z-]*)/.exec(segment)?.[1];
      if (flag) entries.push({ flag, text: segment });
      else if (entries.length > 0 && /^\s{4,}/.test(segment)) (entries.at(-1) as { text: string }).text += ` ${segment.trim()}`;
    }
  }
  const defaults = new Map<string, number>();
  for (const { flag, text } of entries) {
    const stated = /\bdefault:? ([^;)]*)/.exec(text)?.[1];
    const value = stated === undefined ? undefined : firstNumber(stated);
    if (value !== undefined && !defaults.has(flag)) defaults.set(flag, value);
  }
  return defaults;
}

const documents = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];
const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');

interface Claim {
  readonly file: string;
  readonly line: number;
  readonly flag: string;
  readonly value: number;
}

/** Defaults a document states for a flag: in prose (`--flag …` … (default N) and in flag tables with a "default" column. */
function documentedDefaults(file: string): Claim[] {
  const claims: Claim[] = [];
  const lines = read(file).split('\n');
  let defaultColumn = -1;
  lines.forEach((text, index) => {
    const line = index + 1;
    const cells = text.startsWith('|') ? text.split('|').map((cell) => cell.trim()) : [];
    if (cells.length > 0 && cells.includes('default')) defaultColumn = cells.indexOf('default');
    else if (cells.length === 0) defaultColumn = -1;
    const tableFlag = /^`(--[a-z][a-z-]*)/.exec(cells[1] ?? '')?.[1];
    if (tableFlag && defaultColumn > 0) {
      const value = firstNumber(cells[defaultColumn] ?? '');
      if (value !== undefined) claims.push({ file, line, flag: tableFlag, value });
      return;
    }
    for (const match of text.matchAll(/`(--[a-z][a-z-]*)[^`]*`([^.;`|]*?)\bdefault:? (\d[^);,]*)/g)) {
      const value = firstNumber(match[3] ?? '');
      if (value !== undefined) claims.push({ file, line, flag: match[1] as string, value });
    }
  });
  return claims;
}

describe('defaults come from one place', () => {
  test('every help text shows the defaults the code runs with', () => {
    const expected: [command: string, flag: string, value: number][] = [
      ['bench', '--records', CODEC_SUITE_DEFAULTS.records],
      ['bench', '--rounds', CODEC_SUITE_DEFAULTS.rounds],
      ['bench', '--time', CODEC_SUITE_DEFAULTS.timeMs],
      ['bench', '--seed', CODEC_SUITE_DEFAULTS.seed],
      ['bench', '--case-timeout', SUPERVISOR_DEFAULTS.caseTimeoutMs / 1000],
      ['bench', '--heap-limit', SUPERVISOR_DEFAULTS.heapLimitMb],
      ['bench:pipeline', '--records', PIPELINE_DEFAULTS.records],
      ['bench:pipeline', '--repetitions', PIPELINE_DEFAULTS.repetitions],
      ['bench:pipeline', '--min-time', PIPELINE_DEFAULTS.minTimeMs / 1000],
      ['bench:pipeline', '--slow-rate', PIPELINE_DEFAULTS.slowRecordsPerSec],
      ['bench:pipeline', '--seed', PIPELINE_DEFAULTS.seed],
      ['compare', '--alpha', COMPARE_DEFAULTS.alpha],
      ['compare', '--threshold', COMPARE_DEFAULTS.threshold * 100],
      ['compare:simulate', '--trials', SIMULATION_DEFAULTS.trials],
      ['compare:simulate', '--seed', SIMULATION_DEFAULTS.seed],
      ['compare:simulate', '--samples', SIMULATION_DEFAULTS.samples],
      ['profile', '--records', PROFILE_DEFAULTS.records],
      ['profile', '--seed', PROFILE_DEFAULTS.seed],
      ['profile', '--duration', PROFILE_DEFAULTS.durationMs / 1000],
      ['fuzz', '--runs', FUZZ_DEFAULTS.runs],
      ['fuzz', '--seed', FUZZ_DEFAULTS.seed],
      ['fuzz', '--max-seconds', FUZZ_DEFAULTS.maxSecondsPerCodec],
      ['fuzz', '--timeout', FUZZ_DEFAULTS.sandbox.timeoutMs as number],
      ['cli', '--seed', CODEC_FILE_DEFAULTS.seed],
      ['cli', '--timeout', CODEC_FILE_DEFAULTS.timeoutSeconds],
      ['cli', '--heap-limit', CODEC_FILE_DEFAULTS.heapLimitMb],
    ];
    for (const [command, flag, value] of expected) {
      assert.equal(helpDefaults(HELP[command] as string).get(flag), value, `${command} --help: ${flag}`);
    }
  });

  test('every default a document states for a flag is the one its command shows in --help', () => {
    const claims = documents.flatMap(documentedDefaults);
    assert.ok(claims.length >= 10, `found only ${claims.length} documented defaults: has the format of the docs changed?`);
    const problems = claims.flatMap(({ file, line, flag, value }) => {
      const commands = DOC_COMMANDS[file] ?? Object.keys(HELP);
      const shown = commands.flatMap((command) => {
        const stated = helpDefaults(HELP[command] as string).get(flag);
        return stated === undefined ? [] : [`${command}: ${stated}`];
      });
      if (shown.length === 0) return [`${file}:${line}: ${flag} default ${value}, but no --help of ${commands.join(', ')} states a default for ${flag}`];
      return shown.some((entry) => entry.endsWith(`: ${value}`)) ? [] : [`${file}:${line}: ${flag} default ${value}, but --help says ${shown.join('; ')}`];
    });
    assert.deepEqual(problems, []);
  });

  test('figures the documents derive from the defaults agree with them', () => {
    const { rounds, maxRounds, timeMs, warmupMs, records, maxSamples, brotliQuality } = CODEC_SUITE_DEFAULTS;
    const defaultCases = createDatasetRegistry().names().length * ((DEFAULT_SUITE_CODECS.length - 1) * 2 + 1);
    const perRound = Math.round(timeMs / rounds);
    const figure = (file: string, pattern: RegExp): string[] => {
      const match = pattern.exec(read(file));
      assert.ok(match, `${file} no longer says ${pattern.source}: update this test with the document`);
      return match.slice(1);
    };
    const [cases, docRounds, measuring, warmup, total] = figure('docs/codecs.md', /(\d+) cases × (\d+) rounds × \((\d+) ms measuring \+ (\d+) ms warm-up\) ≈ (\d+) s measuring/).map(Number);
    assert.deepEqual([cases, docRounds, measuring, warmup], [defaultCases, rounds, perRound, warmupMs], 'docs/codecs.md: the default time budget');
    assert.equal(total, Math.round((defaultCases * rounds * (perRound + warmupMs)) / 1000), 'docs/codecs.md: the product');
    assert.equal(Number(figure('docs/codecs.md', /up to `--max-rounds`, (\d+) in all/)[0]), maxRounds, 'docs/codecs.md: extra rounds');
    assert.equal(Number(figure('docs/measurement.md', /`--rounds`, default (\d+)/)[0]), rounds, 'docs/measurement.md: rounds');
    assert.equal(Number(figure('docs/measurement.md', /`--max-rounds` \(default (\d+) in all\)/)[0]), maxRounds, 'docs/measurement.md: extra rounds');
    assert.equal(Number(figure('docs/measurement.md', /\(default\s+±(\d+)%\)/)[0]) / 100, CODEC_SUITE_DEFAULTS.precision, 'docs/measurement.md: precision');
    assert.equal(Number(figure('docs/measurement.md', /\(enough back-to-back calls of one case to last at\s+least `sliceMs`, (\d+) ms\)/)[0]), CODEC_SUITE_DEFAULTS.sliceMs, 'docs/measurement.md: slices');
    const [quickMeasuring, quickWarmup] = figure('docs/codecs.md', /`--quick` spends \d+ × \((\d+) \+ (\d+)\) ms/).map(Number);
    assert.deepEqual([quickMeasuring, quickWarmup], [(QUICK_OVERRIDES.timeMs as number) / (QUICK_OVERRIDES.rounds as number), QUICK_OVERRIDES.warmupMs]);
    assert.equal(Number(figure('docs/compare.md', /`maxSamples` (\d+)/)[0]), maxSamples);
    assert.equal(Number(figure('docs/compare.md', /(\d+) samples per side \(the simulation's `--samples` default\)/)[0]), SIMULATION_DEFAULTS.samples);
    assert.equal(Number(figure('docs/compare.md', /codec suite's `--rounds` default is (\d+)/)[0]), rounds);
    assert.equal(Number(figure('README.md', /per batch\*\* \(default (\d+) records/)[0]), records);
    assert.deepEqual(figure('README.md', /brotli quality (\d+) \(quality (\d+) in `--quick`\)/).map(Number), [brotliQuality, QUICK_OVERRIDES.brotliQuality]);
    assert.equal(Number(figure('docs/profiling.md', /(\d+) ms of warm-up, then back to back for `--duration`/)[0]), PROFILE_DEFAULTS.warmupMs);
    assert.ok(DEFAULT_SUITE_CODECS.includes(MEMCPY), 'the case count above counts memcpy once per dataset');
    const warmupEnds = figure('docs/measurement.md', /Warm-up also ends after (\d+)\s+phases or (\d+) G instructions/).map(Number);
    assert.deepEqual(warmupEnds, [INSTRUCTION_DEFAULTS.maxWarmupPhases, INSTRUCTION_DEFAULTS.maxWarmupInstructions / 1e9], 'docs/measurement.md: the end of warm-up');
    const [phases, minPhases, counted] = figure('docs/measurement.md', /\*\*Samples\.\*\* (\w+) counted phases per case, fewer \(at least (\w+)\) once they have counted (\d+) G/);
    assert.deepEqual(
      [NUMBER_WORDS.indexOf(phases?.toLowerCase() ?? ''), NUMBER_WORDS.indexOf(minPhases ?? ''), Number(counted)],
      [INSTRUCTION_DEFAULTS.phases, INSTRUCTION_DEFAULTS.minPhases, INSTRUCTION_DEFAULTS.countedInstructions / 1e9],
      'docs/measurement.md: counted phases',
    );
  });
});
