import { join } from 'node:path';
import { writeFileAtomic } from '../results/write.js';
import { ARTEFACT } from './artefact-names.js';
import type { Detection } from './engines/types.js';
import { escapeHtml, link, page, table } from './html.js';
import { readAllManifests, type CaseManifest } from './manifest.js';
import type { ToolName } from './options.js';
import { DIFF_FILES, DIFFS_DIR, readDiffRecords, type DiffRecord } from './run-diff.js';

export const INDEX_FILE = 'index.html';

export interface ToolAvailability {
  readonly tool: ToolName;
  readonly detection: Detection;
}

function caseRow(manifest: CaseManifest): string[] {
  const files = manifest.tools.flatMap((record) => (record.status === 'ok' || record.status === 'failed' ? record.artefacts : []));
  const fileList = files.length > 0 ? `<ul class="files">${files.map((a) => `<li>${link(`${manifest.dir}/${a.file}`, a.file)} <span class="muted">${escapeHtml(a.label)}</span></li>`).join('')}</ul>` : '<span class="muted">none</span>';
  const missing = manifest.tools
    .filter((record) => record.status !== 'ok')
    .map((record) => {
      const reason = record.status === 'failed' || record.status === 'unavailable' ? record.reason : '';
      const log = record.status === 'failed' ? ` (${link(`${manifest.dir}/${ARTEFACT.logs}/${record.tool}.log`, 'log')})` : '';
      return `<li><b>${escapeHtml(record.tool)}</b> ${record.status === 'unavailable' ? 'not run' : 'failed'}: ${escapeHtml(reason)}${log}</li>`;
    });
  const sampled = `${(manifest.durationMs / 1000).toFixed(1)} s ${manifest.window === 'measured' ? 'timed loop' : 'whole process'}`;
  return [
    `<code>${escapeHtml(manifest.caseId)}</code>`,
    manifest.summary ? link(`${manifest.dir}/${manifest.summary}`, 'summary.md') : '–',
    fileList,
    missing.length > 0 ? `<ul class="files bad">${missing.join('')}</ul>` : '<span class="muted">–</span>',
    `${escapeHtml(manifest.createdAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z'))}<br><span class="muted">node ${escapeHtml(manifest.node)}, ${escapeHtml(sampled)}, ${(manifest.elapsedMs / 1000).toFixed(0)} s in all</span>`,
  ];
}

function toolRows(tools: readonly ToolAvailability[]): string[][] {
  return tools.map(({ tool, detection }) => [escapeHtml(tool), detection.ok ? 'yes' : '<span class="bad">no</span>', escapeHtml(detection.ok ? (detection.version ?? '') : detection.reason)]);
}

function diffRow(dir: string, record: DiffRecord): string[] {
  const first = record.top[0];
  const lead = first ? `${first.name} ${first.delta > 0 ? '+' : ''}${(first.delta * 100).toFixed(1)} points` : '–';
  return [
    link(`${DIFFS_DIR}/${dir}/${DIFF_FILES.html}`, dir),
    link(`${DIFFS_DIR}/${dir}/${DIFF_FILES.markdown}`, DIFF_FILES.markdown),
    `${escapeHtml(record.base.caseId ?? record.base.dir)} → ${escapeHtml(record.head.caseId ?? record.head.dir)}`,
    escapeHtml(lead),
  ];
}

/** The index of every profiled case in a profiles directory: links to each artefact, and why any is missing. */
export function indexHtml(manifests: readonly CaseManifest[], tools: readonly ToolAvailability[], diffs: ReadonlyArray<{ dir: string; record: DiffRecord }>, now: Date): string {
  const cases =
    manifests.length > 0
      ? table(['case', 'summary', 'artefacts', 'not produced', 'profiled'], manifests.map(caseRow))
      : '<p class="muted">No case has been profiled yet: <code>npm run profile -- --dataset log --codec json --op encode</code>.</p>';
  const body = `<h1>serbench profiles</h1>
<p>Made by <code>npm run profile</code>, one directory per case. Open a <code>.cpuprofile</code> in Chrome DevTools (Performance → Load profile) or speedscope, a <code>.heapsnapshot</code> or <code>.heapprofile</code> in DevTools (Memory), the HTML pages in a browser. <span class="muted">Updated ${escapeHtml(now.toISOString())}.</span></p>
<h2>Cases</h2>
${cases}
${diffs.length > 0 ? `<h2>Diffs</h2>\n${table(['diff', 'table', 'base → head', 'largest change'], diffs.map((d) => diffRow(d.dir, d.record)))}` : ''}
<h2>Tools on this machine</h2>
${table(['tool', 'can run', 'version or reason'], toolRows(tools))}`;
  return page('serbench profiles', body);
}

/** Rewrites `<outDir>/index.html` from the manifests and diffs found there. */
export function writeIndex(outDir: string, tools: readonly ToolAvailability[], now: Date = new Date()): string {
  const path = join(outDir, INDEX_FILE);
  writeFileAtomic(path, indexHtml(readAllManifests(outDir), tools, readDiffRecords(outDir), now));
  return path;
}
