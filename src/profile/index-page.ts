import { join } from 'node:path';
import { writeFileAtomic } from '../results/write.js';
import { ARTEFACT, PPROF_EXTENSION, threadFileName } from './artefact-names.js';
import type { Detection } from './engines/types.js';
import { escapeHtml, link, page, table } from './html.js';
import { readAllManifests, type CaseManifest } from './manifest.js';
import { PROFILE_DEFAULTS, type ToolName } from './options.js';
import { pprofBaseCommand, pprofCommands } from './pprof-commands.js';
import { DIFF_FILES, DIFF_PPROF_FILES, DIFFS_DIR, readDiffRecords, type DiffRecord } from './run-diff.js';

export const INDEX_FILE = 'index.html';

export interface ToolAvailability {
  readonly tool: ToolName;
  readonly detection: Detection;
}

function command(text: string): string {
  return `<code class="cmd">${escapeHtml(text)}</code>`;
}

function caseRow(manifest: CaseManifest, profilesDir: string): string[] {
  const files = manifest.tools.flatMap((record) => (record.status === 'ok' || record.status === 'failed' ? record.artefacts : []));
  const pprof = files.find((a) => a.file === threadFileName('cpu-pprof', 0)) ?? files.find((a) => a.file.endsWith(PPROF_EXTENSION));
  const open = pprof ? `<br>${command(pprofCommands(join(profilesDir, manifest.dir, pprof.file))[2] ?? '')}` : '';
  const fileList = files.length > 0 ? `<ul class="files">${files.map((a) => `<li>${link(`${manifest.dir}/${a.file}`, a.file)} <span class="muted">${escapeHtml(a.label)}</span></li>`).join('')}</ul>${open}` : '<span class="muted">none</span>';
  const missing = manifest.tools.flatMap((record) => {
    if (record.status === 'ok') return record.note ? [`<li><b>${escapeHtml(record.tool)}</b> note: ${escapeHtml(record.note)}</li>`] : [];
    const log = record.status === 'failed' ? ` (${link(`${manifest.dir}/${ARTEFACT.logs}/${record.tool}.log`, 'log')})` : '';
    return [`<li><b>${escapeHtml(record.tool)}</b> ${record.status === 'unavailable' ? 'not run' : 'failed'}: ${escapeHtml(record.reason)}${log}</li>`];
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

function diffRow(dir: string, record: DiffRecord, profilesDir: string): string[] {
  const first = record.top[0];
  const lead = first ? `${first.name} ${first.delta > 0 ? '+' : ''}${(first.delta * 100).toFixed(1)} points` : '–';
  const pairs = (record.pprof ?? []).map((kind) => {
    const files = DIFF_PPROF_FILES[kind];
    return `${link(`${DIFFS_DIR}/${dir}/${files.base}`, files.base)}, ${link(`${DIFFS_DIR}/${dir}/${files.head}`, files.head)}<br>${command(pprofBaseCommand(join(profilesDir, DIFFS_DIR, dir, files.base), join(profilesDir, DIFFS_DIR, dir, files.head)))}`;
  });
  return [
    link(`${DIFFS_DIR}/${dir}/${DIFF_FILES.html}`, dir),
    link(`${DIFFS_DIR}/${dir}/${DIFF_FILES.markdown}`, DIFF_FILES.markdown),
    `${escapeHtml(record.base.caseId ?? record.base.dir)} → ${escapeHtml(record.head.caseId ?? record.head.dir)}`,
    escapeHtml(lead),
    pairs.length > 0 ? pairs.join('<br>') : '<span class="muted">–</span>',
  ];
}

/**
 * The index of every profiled case in a profiles directory: links to each
 * artefact, why any is missing, and the `go tool pprof` commands, which name
 * files under `profilesDir` (the directory as given to the command).
 */
export function indexHtml(manifests: readonly CaseManifest[], tools: readonly ToolAvailability[], diffs: ReadonlyArray<{ dir: string; record: DiffRecord }>, now: Date, profilesDir: string = PROFILE_DEFAULTS.outDir): string {
  const cases =
    manifests.length > 0
      ? table(['case', 'summary', 'artefacts', 'not produced or notes', 'profiled'], manifests.map((manifest) => caseRow(manifest, profilesDir)))
      : '<p class="muted">No case has been profiled yet: <code>npm run profile -- --dataset log --codec json --op encode</code>.</p>';
  const body = `<h1>serbench profiles</h1>
<p>Made by <code>npm run profile</code>, one directory per case. Open a <code>.cpuprofile</code> in Chrome DevTools (Performance → Load profile) or speedscope, a <code>.heapsnapshot</code> or <code>.heapprofile</code> in DevTools (Memory), the HTML pages in a browser. <span class="muted">Updated ${escapeHtml(now.toISOString())}.</span></p>
${pprofHelp(profilesDir)}
<h2>Cases</h2>
${cases}
${diffs.length > 0 ? `<h2>Diffs</h2>\n${table(['diff', 'table', 'base → head', 'largest change', 'pprof pair'], diffs.map((d) => diffRow(d.dir, d.record, profilesDir)))}` : ''}
<h2>Tools on this machine</h2>
${table(['tool', 'can run', 'version or reason'], toolRows(tools))}`;
  return page('serbench profiles', body);
}

function pprofHelp(profilesDir: string): string {
  const example = join(profilesDir, '<case>', threadFileName('cpu-pprof', 0));
  const [top, list, web] = pprofCommands(example, 'NAME');
  const base = pprofBaseCommand(join('A', threadFileName('cpu-pprof', 0)), join('B', threadFileName('cpu-pprof', 0)));
  return `<p>The <code>.pb.gz</code> files are the same CPU and allocation profiles in pprof's format (Go's <code>go tool pprof</code>, Grafana Pyroscope, Google Cloud Profiler). Run from the repository root, so <code>-list</code> finds the <code>.ts</code> files: ${[web, top, list].map((c) => command(c ?? '')).join(', ')}; what changed between two cases: ${command(base)}.</p>`;
}

/** Rewrites `<outDir>/index.html` from the manifests and diffs found there. */
export function writeIndex(outDir: string, tools: readonly ToolAvailability[], now: Date = new Date()): string {
  const path = join(outDir, INDEX_FILE);
  writeFileAtomic(path, indexHtml(readAllManifests(outDir), tools, readDiffRecords(outDir), now, outDir));
  return path;
}
