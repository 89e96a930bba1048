import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ARTEFACT } from '../artefact-names.js';
import { describeOutcome, runBounded, type BoundedRunOutcome } from '../spawn.js';
import { nodeArgv, PROJECT_ROOT, type ChildCommand } from '../target.js';
import type { EngineOutcome } from './types.js';

const requireFromHere = createRequire(import.meta.url);

/** The installed version of a package, or undefined when it cannot be found. */
export function packageVersion(name: string): string | undefined {
  try {
    const path = requireFromHere.resolve(`${name}/package.json`);
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { version?: unknown };
    return typeof parsed.version === 'string' ? parsed.version : undefined;
  } catch {
    return undefined;
  }
}

/** A file inside an installed package (a tool's CLI entry). */
export function packageFile(name: string, file: string): string | undefined {
  try {
    const path = join(requireFromHere.resolve(`${name}/package.json`), '..', file);
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

export function nodeMajor(version: string = process.versions.node): number {
  return Number(version.split('.')[0]);
}

export function logPath(caseDir: string, tool: string): string {
  return join(caseDir, ARTEFACT.logs, `${tool}.log`);
}

/** The last meaningful line of a tool's log: usually the error that stopped it. */
export function lastLogLine(path: string): string | undefined {
  try {
    const lines = readFileSync(path, 'utf8')
      .replace(/\x1b\[[0-9;]*[A-Za-z]/g, '')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '' && !/^at /.test(line) && !/^Node\.js v/.test(line));
    return lines.at(-1)?.slice(0, 300);
  } catch {
    return undefined;
  }
}

/** Runs a node command line (with the environment the tools need) under a time limit. */
export function runNode(args: readonly string[], env: Readonly<Record<string, string>>, options: { timeoutMs: number; log: string; signal?: AbortSignal }): Promise<BoundedRunOutcome> {
  return runBounded({
    command: process.execPath,
    args,
    cwd: PROJECT_ROOT,
    // clinic asks about its insight service and waits for an answer unless told not to.
    env: { ...process.env, NO_INSIGHT: '1', ...env },
    timeoutMs: options.timeoutMs,
    logPath: options.log,
    ...(options.signal ? { signal: options.signal } : {}),
  });
}

export function runChild(command: ChildCommand, options: { timeoutMs: number; log: string; signal?: AbortSignal }): Promise<BoundedRunOutcome> {
  return runNode(nodeArgv(command), command.env, options);
}

/**
 * The engine outcome for a run that did not exit with code 0, or undefined when
 * it did. The reason names what happened and the log's last line.
 */
export function unsuccessful(outcome: BoundedRunOutcome, timeoutMs: number, log: string, what: string): EngineOutcome | undefined {
  if (outcome.kind === 'aborted') return { status: 'interrupted', elapsedMs: outcome.elapsedMs };
  if (outcome.kind === 'exited' && outcome.code === 0) return undefined;
  const tail = outcome.kind === 'exited' ? lastLogLine(log) : undefined;
  const elapsedMs = outcome.kind === 'failed-to-start' ? 0 : outcome.elapsedMs;
  return { status: 'failed', reason: `${what} ${describeOutcome(outcome, timeoutMs)}${tail ? `: ${tail}` : ''}`, artefacts: [], elapsedMs };
}

export function elapsedOf(outcome: BoundedRunOutcome): number {
  return outcome.kind === 'failed-to-start' ? 0 : outcome.elapsedMs;
}

export function removeScratch(path: string): void {
  rmSync(path, { recursive: true, force: true });
}

/**
 * True when a file is a whole HTML page (tools that crash mid-write leave half
 * of one). clinic appends an HTML comment after </html>.
 */
export function isCompleteHtml(path: string): boolean {
  if (!existsSync(path)) return false;
  const text = readFileSync(path, 'utf8');
  return /<html[\s>]/i.test(text.slice(0, 4096)) && /<\/html>\s*(?:<!--[\s\S]*?-->\s*)*$/i.test(text.slice(-4096));
}
