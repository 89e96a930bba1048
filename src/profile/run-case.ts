import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Registry } from '../registry.js';
import { writeFileAtomic, writeJsonAtomic } from '../results/write.js';
import { ARTEFACT, caseDirName } from './artefact-names.js';
import { readCpuProfiles, readHeapProfiles, readRunReport } from './case-files.js';
import { logPath } from './engines/common.js';
import { readHeapPeak } from './engines/heap.js';
import type { Detection, EngineOutcome, EngineTask, ProfileEngine } from './engines/types.js';
import { createLocator } from './locations.js';
import { MANIFEST_SCHEMA, type CaseManifest, type ToolRecord } from './manifest.js';
import type { ProfileOptions, ToolName } from './options.js';
import { caseSourceMaps } from './source-map-store.js';
import { writeCasePprof, withPprofArtefacts } from './pprof-files.js';
import { summaryMarkdown } from './summary.js';
import { captureWindow, PROJECT_ROOT, type ProfileTarget } from './target.js';

export type ProfileProgress =
  | { readonly type: 'tool-start'; readonly target: ProfileTarget; readonly tool: ToolName }
  | { readonly type: 'tool-done'; readonly target: ProfileTarget; readonly record: ToolRecord };

export interface CaseRunContext {
  readonly engines: Registry<ProfileEngine>;
  readonly onProgress?: (event: ProfileProgress) => void;
  readonly signal?: AbortSignal;
  readonly now?: () => Date;
}

export type CaseOutcome = { readonly kind: 'done'; readonly dir: string; readonly manifest: CaseManifest } | { readonly kind: 'interrupted' };

/**
 * The engines to run for a selection, in registry order, with what they need
 * added (0x renders the cpu engine's profiles, so choosing 0x brings cpu).
 */
export function planTools(selected: readonly ToolName[], engines: Registry<ProfileEngine>): ProfileEngine[] {
  const wanted = new Set<ToolName>();
  const add = (name: ToolName): void => {
    if (wanted.has(name)) return;
    wanted.add(name);
    for (const required of engines.get(name).requires) add(required);
  };
  for (const name of selected) add(name);
  return engines.all().filter((engine) => wanted.has(engine.name));
}

/** Which tools can run here (detect() of each), for the command's header and the index. */
export function detectTools(engines: Registry<ProfileEngine>): Array<{ tool: ToolName; detection: Detection }> {
  return engines.all().map((engine) => ({ tool: engine.name, detection: engine.detect() }));
}

export function targetDescription(target: ProfileTarget): Record<string, string | number> {
  switch (target.kind) {
    case 'codec':
      return { suite: 'codec', dataset: target.dataset, codec: target.codec, op: target.op, records: target.records, seed: target.seed };
    case 'pipeline':
      return { suite: 'pipeline', ...target.description };
    case 'script':
      return { suite: 'script', entry: target.entry, args: target.args.join(' ') };
  }
}

/** Puts the finished temporary directory in place of the case's previous one. */
function replaceDir(temporary: string, final: string): void {
  const old = `${final}.${process.pid}.old`;
  if (existsSync(final)) renameSync(final, old);
  renameSync(temporary, final);
  rmSync(old, { recursive: true, force: true });
}

/** An engine that throws (a file it could not read) fails its tool, not the whole run. */
async function runEngine(engine: ProfileEngine, task: EngineTask): Promise<EngineOutcome> {
  const started = performance.now();
  try {
    return await engine.run(task);
  } catch (error) {
    return { status: 'failed', reason: `${engine.name}: ${error instanceof Error ? error.message : String(error)}`, artefacts: [], elapsedMs: Math.round(performance.now() - started) };
  }
}

/** Reads what it can; a profile that does not parse becomes a line in the summary. */
function readSafely<T>(read: () => T[], problems: string[]): T[] {
  try {
    return read();
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
    return [];
  }
}

async function runTools(target: ProfileTarget, plan: readonly ProfileEngine[], caseDir: string, options: ProfileOptions, context: CaseRunContext): Promise<ToolRecord[] | undefined> {
  const records: ToolRecord[] = [];
  for (const engine of plan) {
    const detection = engine.detect();
    if (!detection.ok) {
      records.push({ tool: engine.name, status: 'unavailable', reason: detection.reason });
      continue;
    }
    const missing = engine.requires.filter((name) => records.find((r) => r.tool === name)?.status !== 'ok');
    if (missing.length > 0) {
      records.push({ tool: engine.name, status: 'failed', reason: `needs ${missing.join(', ')}, which produced nothing`, elapsedMs: 0, artefacts: [] });
      continue;
    }
    context.onProgress?.({ type: 'tool-start', target, tool: engine.name });
    const outcome = await runEngine(engine, { target, caseDir, durationMs: options.durationMs, ...(context.signal ? { signal: context.signal } : {}) });
    if (outcome.status === 'interrupted' || context.signal?.aborted) return undefined;
    const record: ToolRecord =
      outcome.status === 'ok'
        ? { tool: engine.name, status: 'ok', elapsedMs: outcome.elapsedMs, artefacts: outcome.artefacts, ...(detection.version ? { version: detection.version } : {}), ...(outcome.note ? { note: outcome.note } : {}) }
        : { tool: engine.name, status: 'failed', reason: outcome.reason, elapsedMs: outcome.elapsedMs, artefacts: outcome.artefacts };
    records.push(record);
    context.onProgress?.({ type: 'tool-done', target, record });
  }
  return records;
}

/**
 * Profiles one case with the selected tools, each in its own child process, in
 * a temporary directory that replaces `<out>/<case-dir>/` only once the summary
 * and manifest are written. An interrupted case leaves nothing behind.
 */
export async function profileCase(target: ProfileTarget, options: ProfileOptions, context: CaseRunContext): Promise<CaseOutcome> {
  const started = performance.now();
  const dirName = caseDirName(target.id);
  const finalDir = join(options.outDir, dirName);
  const temporary = join(options.outDir, `.${dirName}.${process.pid}.tmp`);
  rmSync(temporary, { recursive: true, force: true });
  mkdirSync(temporary, { recursive: true });
  const cleanUp = (): void => rmSync(temporary, { recursive: true, force: true });
  process.once('exit', cleanUp);
  try {
    const plan = planTools(options.tools, context.engines);
    const tools = await runTools(target, plan, temporary, options, context);
    if (!tools) {
      cleanUp();
      return { kind: 'interrupted' };
    }
    const run = readRunReport(logPath(temporary, 'cpu')) ?? readRunReport(logPath(temporary, 'heap'));
    const problems: string[] = [];
    const cpu = readSafely(() => readCpuProfiles(temporary), problems);
    const heap = readSafely(() => readHeapProfiles(temporary), problems);
    const locate = createLocator(PROJECT_ROOT, caseSourceMaps(temporary));
    const ok = (tool: ToolName): boolean => tools.some((record) => record.tool === tool && record.status === 'ok');
    const pprof = writeCasePprof(temporary, target.id, ok('cpu') ? cpu : [], ok('heap') ? heap : [], locate);
    const manifestBase = {
      schema: MANIFEST_SCHEMA,
      caseId: target.id,
      dir: dirName,
      createdAt: (context.now?.() ?? new Date()).toISOString(),
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      durationMs: options.durationMs,
      window: captureWindow(target),
      target: targetDescription(target),
      ...(run ? { run } : {}),
      tools: withPprofArtefacts(tools, pprof),
    } as const;
    const peak = readHeapPeak(temporary);
    const summary = summaryMarkdown({ manifest: manifestBase, cpu, heap, problems, ...(peak ? { peak } : {}), locate, caseDir: finalDir });
    writeFileAtomic(join(temporary, ARTEFACT.summary), summary);
    const manifest: CaseManifest = { ...manifestBase, summary: ARTEFACT.summary, elapsedMs: Math.round(performance.now() - started) };
    writeJsonAtomic(join(temporary, ARTEFACT.manifest), manifest);
    replaceDir(temporary, finalDir);
    return { kind: 'done', dir: finalDir, manifest };
  } catch (error) {
    cleanUp();
    throw error;
  } finally {
    process.off('exit', cleanUp);
  }
}
