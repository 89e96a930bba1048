import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { reportableResult } from '../report/html/reportable.js';
import { runComplete } from '../results/failure.js';
import { mergeResults } from '../results/merge.js';
import { readResultFile } from '../results/read.js';
import { benchExitCode, runSummaryLine, type FailOn } from './exit-code.js';
import { INTERRUPTED_EXIT_CODE, onInterrupt } from './interrupt.js';
import { finishPipelineRun } from './pipeline-finish.js';

/**
 * `bench:pipeline --rounds N`: the whole selection N times, each time in a fresh
 * process, joined case by case (samples concatenated, the `pipeline` block merged by
 * meaning, `extra.roundSizes` marking the processes). One process's JIT and GC state
 * moves a case by up to ±10% (docs/pipeline.md, "Run-to-run spread"); pooled rounds
 * measure the code rather than the process, and give `compare` its run-level noise.
 */

/** Flags the parent owns: each round gets its own --out and --reports-dir, and runs once. */
const PARENT_FLAGS = new Set(['--rounds', '--out', '--reports-dir']);

/** The argv of one round: the user's flags without the parent's own, plus where the round writes. */
export function roundArgv(argv: readonly string[], out: string, reportsDir: string): string[] {
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const name = arg.split('=', 1)[0] as string;
    if (!PARENT_FLAGS.has(name)) kept.push(arg);
    else if (!arg.includes('=')) i++;
  }
  return [...kept, '--out', out, '--reports-dir', reportsDir];
}

export interface RoundsRun {
  readonly rounds: number;
  readonly argv: readonly string[];
  readonly out: string | undefined;
  readonly reportsDir: string;
  readonly failOn: readonly FailOn[];
}

type RoundExit = { readonly code: number | null; readonly signal: NodeJS.Signals | null };

function runRound(args: readonly string[], stop: AbortSignal): Promise<RoundExit> {
  // Its own process group: a Ctrl-C reaches this process only, which passes one SIGINT on
  // (two would make the round exit at once without writing what it finished).
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1] as string, ...args], { stdio: ['ignore', 'ignore', 'inherit'], detached: true });
  const forward = () => child.kill('SIGINT');
  const killOnExit = () => child.kill('SIGKILL');
  stop.addEventListener('abort', forward, { once: true });
  process.on('exit', killOnExit);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      stop.removeEventListener('abort', forward);
      process.off('exit', killOnExit);
      resolve({ code, signal });
    });
  });
}

/** Runs the rounds, merges what they wrote, writes the result file and reports; returns the exit code. */
export async function runPipelineRounds(run: RoundsRun, log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Promise<number> {
  const scratch = mkdtempSync(join(os.tmpdir(), 'serbench-rounds-'));
  const interrupt = onInterrupt(log);
  const started = Date.now();
  try {
    const files: string[] = [];
    let interrupted = false;
    for (let round = 1; round <= run.rounds && !interrupted; round++) {
      log(`round ${round}/${run.rounds} (a fresh process)`);
      const file = join(scratch, `round-${round}.json`);
      const exit = await runRound(roundArgv(run.argv, file, join(scratch, `reports-${round}`)), interrupt.signal);
      interrupted = interrupt.signal.aborted || exit.code === INTERRUPTED_EXIT_CODE;
      if (existsSync(file)) files.push(file);
      // 1: a case failed (the merged cases say which); anything else is the round itself going wrong.
      if (exit.code !== 0 && exit.code !== 1 && !interrupted) throw new Error(`round ${round} exited with ${exit.code ?? exit.signal} and wrote ${existsSync(file) ? 'a partial result' : 'nothing'}`);
    }
    if (files.length === 0) {
      log('no round finished: nothing written');
      return interrupted ? INTERRUPTED_EXIT_CODE : 1;
    }
    const merged = mergeResults(
      files.map((file, index) => ({ label: `round ${index + 1}`, result: readResultFile(file) })),
      { concatSamples: true },
    );
    const complete = runComplete(merged.cases, interrupted) && files.length === run.rounds;
    const createdAt = merged.meta.createdAt ?? new Date().toISOString();
    const result = { ...merged, complete, meta: { ...merged.meta, createdAt, options: { ...merged.meta.options, rounds: run.rounds, roundsRun: files.length } } };
    const typed = reportableResult(result).result;
    finishPipelineRun(typed, run.out, run.reportsDir, result);
    process.stdout.write(`${runSummaryLine(typed.cases, (Date.now() - started) / 1000, complete, files.length)}\n`);
    return benchExitCode(merged.cases, { interrupted, failOn: run.failOn });
  } finally {
    interrupt.dispose();
    rmSync(scratch, { recursive: true, force: true });
  }
}
