import { mkdirSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { PROFILE_DEFAULTS, type ToolName } from '../options.js';
import { childCommand, nodeArgv } from '../target.js';
import { elapsedOf, isCompleteHtml, logPath, nodeMajor, packageFile, packageVersion, removeScratch, runNode, unsuccessful } from './common.js';
import type { Detection, EngineOutcome, EngineTask, ProfileEngine } from './types.js';

interface ClinicTool {
  readonly engine: Extract<ToolName, `clinic-${string}`>;
  /** The clinic subcommand. */
  readonly command: 'flame' | 'doctor' | 'heapprofiler';
  readonly packageName: string;
  readonly label: string;
  /** The newest Node major the tool is known to produce a report on, when there is a known limit. */
  readonly lastWorkingNodeMajor?: number;
}

export const CLINIC_TOOLS: readonly ClinicTool[] = [
  { engine: 'clinic-flame', command: 'flame', packageName: '@clinic/flame', label: 'clinic flame report' },
  // clinic is no longer maintained; on Node 21+ doctor exits without a report.
  { engine: 'clinic-doctor', command: 'doctor', packageName: '@clinic/doctor', label: 'clinic doctor report', lastWorkingNodeMajor: 20 },
  { engine: 'clinic-heap', command: 'heapprofiler', packageName: '@clinic/heap-profiler', label: 'clinic heapprofiler report' },
];

export function detectClinic(tool: ClinicTool, nodeVersion: string = process.versions.node): Detection {
  const version = packageVersion('clinic');
  if (!version || !packageFile('clinic', 'bin.js')) return { ok: false, reason: 'clinic is not installed (run npm ci)' };
  const toolVersion = packageVersion(tool.packageName);
  if (!toolVersion) return { ok: false, reason: `${tool.packageName} is not installed (run npm ci)` };
  if (tool.lastWorkingNodeMajor !== undefined && nodeMajor(nodeVersion) > tool.lastWorkingNodeMajor) {
    return { ok: false, reason: `clinic ${tool.command} produces no report on Node ${nodeMajor(nodeVersion)} (known to work up to Node ${tool.lastWorkingNodeMajor}; clinic is no longer maintained)` };
  }
  return { ok: true, version: `clinic ${version} (${tool.packageName} ${toolVersion})` };
}

/**
 * Runs the case under `clinic <tool>`, which starts its own node with its
 * probes; stdin is closed, NO_INSIGHT set and --open=false so it never waits
 * for a person or opens a browser. Its page becomes clinic-<x>.html, the data it
 * was made from clinic-<x>-data.
 */
export function clinicEngine(tool: ClinicTool): ProfileEngine {
  return {
    name: tool.engine,
    description: `${tool.label} (clinic ${tool.command})`,
    requires: [],
    detect: () => detectClinic(tool),
    async run(task: EngineTask): Promise<EngineOutcome> {
      const bin = packageFile('clinic', 'bin.js');
      if (!bin) return { status: 'failed', reason: 'clinic is not installed (run npm ci)', artefacts: [], elapsedMs: 0 };
      const scratch = join(task.caseDir, `.${tool.engine}`);
      mkdirSync(scratch, { recursive: true });
      const command = childCommand(task.target, task.durationMs, scratch);
      const timeoutMs = task.durationMs + PROFILE_DEFAULTS.warmupMs + PROFILE_DEFAULTS.timeouts.clinicSlackMs;
      const log = logPath(task.caseDir, tool.engine);
      const args = [bin, tool.command, '--open=false', '--dest', scratch, '--', process.execPath, ...nodeArgv(command)];
      const outcome = await runNode(args, command.env, { timeoutMs, log, ...(task.signal ? { signal: task.signal } : {}) });
      try {
        const failure = unsuccessful(outcome, timeoutMs, log, `clinic ${tool.command}`);
        if (failure) return failure;
        const suffix = `.clinic-${tool.command}`;
        const produced = readdirSync(scratch);
        const page = produced.find((file) => file.endsWith(`${suffix}.html`));
        if (!page) return { status: 'failed', reason: `clinic ${tool.command} exited without writing a report`, artefacts: [], elapsedMs: elapsedOf(outcome) };
        const html = `${tool.engine}.html`;
        renameSync(join(scratch, page), join(task.caseDir, html));
        const data = produced.find((file) => file.endsWith(suffix));
        if (data) renameSync(join(scratch, data), join(task.caseDir, `${tool.engine}-data`));
        if (!isCompleteHtml(join(task.caseDir, html))) return { status: 'failed', reason: `clinic ${tool.command} wrote an incomplete ${html}`, artefacts: [], elapsedMs: elapsedOf(outcome) };
        return { status: 'ok', artefacts: [{ file: html, label: tool.label }], elapsedMs: elapsedOf(outcome) };
      } finally {
        removeScratch(scratch);
      }
    },
  };
}
