import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../results/write.js';
import { threadFileName, threadOfFile } from '../artefact-names.js';
import { isModuleLoaderThread, parseCpuProfile, type CpuProfile } from '../cpuprofile.js';
import { createLocator, type Locate } from '../locations.js';
import { PROFILE_DEFAULTS } from '../options.js';
import { caseSourceMaps } from '../source-map-store.js';
import { PROJECT_ROOT } from '../target.js';
import { isCompleteHtml, logPath, packageFile, packageVersion, runNode, unsuccessful } from './common.js';
import type { Artefact, Detection, EngineOutcome, EngineTask, ProfileEngine } from './types.js';

const MIN_MAJOR = 6;

/**
 * The profile as 0x is given it: each frame's line made 1-based (0x prints the
 * number as it finds it) and, for the project's TypeScript, the .ts line from
 * the source maps. The .cpuprofile artefact itself keeps V8's positions.
 */
export function profileForZeroX(profile: CpuProfile, locate: Locate): CpuProfile {
  return {
    ...profile,
    nodes: profile.nodes.map((node) => {
      const { callFrame } = node;
      if (callFrame.lineNumber < 0) return node;
      const location = locate(callFrame);
      const line = location.kind === 'project' && location.line !== undefined ? location.line : callFrame.lineNumber + 1;
      return { ...node, callFrame: { ...callFrame, lineNumber: line } };
    }),
  };
}

/**
 * 0x counts a frame as application code only when its file ends in .js or .mjs;
 * frames of .ts and .cjs files land in the hidden "v8" tier. The page's test is
 * widened to .ts/.cts/.mts/.cjs, or the page is left as it is when 0x changed.
 */
const ZERO_X_APP_TEST = '/\\.m?js:\\d+(:\\d+?)?$/.test(name)';
const WIDENED_APP_TEST = '/\\.[cm]?[jt]s:\\d+(:\\d+?)?$/.test(name)';

export function widenAppFrames(html: string): { html: string; widened: boolean } {
  if (!html.includes(ZERO_X_APP_TEST)) return { html, widened: false };
  return { html: html.replace(ZERO_X_APP_TEST, () => WIDENED_APP_TEST), widened: true };
}

function cli(): string | undefined {
  return packageFile('0x', 'cmd.js');
}

/**
 * 0x's flame graph (it writes into a directory that must already exist: the case directory),
 * one per thread except Node's module loader threads of the cpu engine's profiles (`0x --visualize-cpu-profile`):
 * the same samples as the .cpuprofile, one page per thread, without a second
 * run of the case.
 */
export const flamegraph0xEngine: ProfileEngine = {
  name: '0x',
  description: '0x flame graph (HTML) of each thread’s CPU profile',
  requires: ['cpu'],
  detect(): Detection {
    const version = packageVersion('0x');
    if (!version || !cli()) return { ok: false, reason: '0x is not installed (run npm ci)' };
    if (Number(version.split('.')[0]) < MIN_MAJOR) return { ok: false, reason: `0x ${version} is installed; ${MIN_MAJOR} or later is needed` };
    return { ok: true, version: `0x ${version}` };
  },
  async run(task: EngineTask): Promise<EngineOutcome> {
    const entry = cli();
    if (!entry) return { status: 'failed', reason: '0x is not installed (run npm ci)', artefacts: [], elapsedMs: 0 };
    const profiles = readdirSync(task.caseDir)
      .map((file) => ({ file, thread: threadOfFile('cpu', file) }))
      .filter((p): p is { file: string; thread: number } => p.thread !== undefined)
      .sort((a, b) => a.thread - b.thread);
    if (profiles.length === 0) return { status: 'failed', reason: 'no CPU profile to render (the cpu engine did not produce one)', artefacts: [], elapsedMs: 0 };
    const artefacts: Artefact[] = [];
    let elapsedMs = 0;
    let widenedAll = true;
    const log = logPath(task.caseDir, '0x');
    const locate = createLocator(PROJECT_ROOT, caseSourceMaps(task.caseDir));
    for (const { file, thread } of profiles) {
      const profile = parseCpuProfile(readFileSync(join(task.caseDir, file), 'utf8'), file);
      if (isModuleLoaderThread(profile)) continue;
      const input = join(task.caseDir, `.0x-input-${thread}.cpuprofile`);
      writeFileAtomic(input, JSON.stringify(profileForZeroX(profile, locate)));
      const html = threadFileName('flamegraph', thread);
      const title = `${task.target.id} — ${thread === 0 ? 'main thread' : `worker thread ${thread}`}`;
      const timeoutMs = PROFILE_DEFAULTS.timeouts.renderMs;
      const outcome = await runNode([entry, '--visualize-cpu-profile', input, '--output-html', join(task.caseDir, html), '--title', title, '--quiet'], {}, { timeoutMs, log, ...(task.signal ? { signal: task.signal } : {}) });
      rmSync(input, { force: true });
      elapsedMs += outcome.kind === 'failed-to-start' ? 0 : outcome.elapsedMs;
      const failure = unsuccessful(outcome, timeoutMs, log, '0x');
      if (failure) return failure.status === 'failed' ? { ...failure, artefacts, elapsedMs } : failure;
      if (!isCompleteHtml(join(task.caseDir, html))) return { status: 'failed', reason: `0x exited without writing a complete ${html}`, artefacts, elapsedMs };
      const page = widenAppFrames(readFileSync(join(task.caseDir, html), 'utf8'));
      if (page.widened) writeFileAtomic(join(task.caseDir, html), page.html);
      widenedAll &&= page.widened;
      artefacts.push({ file: html, label: `0x flame graph (${thread === 0 ? 'main thread' : `worker thread ${thread}`})` });
    }
    return { status: 'ok', artefacts, elapsedMs, ...(widenedAll ? {} : { note: 'this 0x version shows frames of .ts files under its "v8" tier (tick it to see them)' }) };
  },
};
