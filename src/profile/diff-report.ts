import type { DiffTreeNode, FrameChange, ProfileDiff } from './diff.js';
import { flameGraphSvg, type FlameFrame } from './flamegraph-svg.js';
import { escapeHtml, page, table } from './html.js';
import { formatMs, markdownTable } from './markdown.js';

export const DIFF_TOP = 20;

function points(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

function signedPoints(delta: number): string {
  const value = (delta * 100).toFixed(1);
  return `${delta > 0 ? '+' : delta < 0 ? '' : '±'}${value}`;
}

function changeRow(change: FrameChange, index: number): string[] {
  return [String(index + 1), change.name, change.where, points(change.baseShare), points(change.headShare), signedPoints(change.delta), formatMs(change.baseUs), formatMs(change.headUs)];
}

const HEADER = ['#', 'function', 'where', 'base self', 'head self', 'Δ points', 'base ms', 'head ms'];

/** The Markdown table of the frames whose self time changed most (a reviewer's view). */
export function diffMarkdown(diff: ProfileDiff, top = DIFF_TOP): string {
  const rows = diff.changes.slice(0, top).map(changeRow);
  return [
    `# CPU profile diff: \`${diff.base.label}\` → \`${diff.head.label}\``,
    '',
    `Self time as a share of each side's busy (non-idle) CPU time: base ${formatMs(diff.base.busyUs)} ms in ${diff.base.samples} samples, head ${formatMs(diff.head.busyUs)} ms in ${diff.head.samples} samples. Ranked by the change in share (positive: the function takes more of the time in head).`,
    '',
    rows.length > 0 ? markdownTable(HEADER, rows, ['r', 'l', 'l', 'r', 'r', 'r', 'r', 'r']) : '_Neither side has samples._',
    '',
  ].join('\n');
}

/** Red for frames that gained self time, blue for those that lost it; pale when the change is small. */
export function deltaColour(delta: number, maxAbs: number): string {
  if (maxAbs <= 0 || Math.abs(delta) < 1e-9) return 'rgb(222,222,210)';
  const strength = Math.min(1, Math.abs(delta) / maxAbs);
  const fade = Math.round(220 - 170 * strength);
  return delta > 0 ? `rgb(235,${fade},${fade})` : `rgb(${fade},${fade},235)`;
}

function toFlame(node: DiffTreeNode, side: 'base' | 'head', maxAbs: number): FlameFrame {
  const total = side === 'head' ? node.headTotal : node.baseTotal;
  const delta = node.headSelf - node.baseSelf;
  const tooltip = `${node.name}${node.where ? ` — ${node.where}` : ''}\nself: base ${points(node.baseSelf)} → head ${points(node.headSelf)} (${signedPoints(delta)} points)\ntotal: base ${points(node.baseTotal)} → head ${points(node.headTotal)}`;
  return {
    name: node.name,
    value: total,
    fill: deltaColour(delta, maxAbs),
    tooltip,
    children: [...node.children.values()].map((child) => toFlame(child, side, maxAbs)).filter((child) => child.value > 0),
  };
}

function maxAbsDelta(node: DiffTreeNode): number {
  let max = Math.abs(node.headSelf - node.baseSelf);
  for (const child of node.children.values()) max = Math.max(max, maxAbsDelta(child));
  return max;
}

/**
 * The differential page: the top changes, then two flame graphs coloured by the
 * change in self time — head's shape (what is slower is red and wide) and base's
 * (so frames that disappeared, in blue, can still be seen).
 */
export function diffHtml(diff: ProfileDiff, top = DIFF_TOP): string {
  const maxAbs = maxAbsDelta(diff.tree);
  const rows = diff.changes.slice(0, top).map((change, i) => changeRow(change, i).map((cell, column) => (column === 5 ? `<span style="color:${change.delta > 0 ? '#a40000' : change.delta < 0 ? '#0030a0' : 'inherit'}">${escapeHtml(cell)}</span>` : escapeHtml(cell))));
  const body = `<h1>CPU profile diff</h1>
<p><b>base</b> <code>${escapeHtml(diff.base.label)}</code> (${formatMs(diff.base.busyUs)} ms busy, ${diff.base.samples} samples) → <b>head</b> <code>${escapeHtml(diff.head.label)}</code> (${formatMs(diff.head.busyUs)} ms busy, ${diff.head.samples} samples).</p>
<p>Self time is compared as a share of each side's busy (non-idle) CPU time, so runs of different length compare. Colours: <span class="key" style="background:${deltaColour(1, 1)}">gained self time</span> <span class="key" style="background:${deltaColour(-1, 1)}">lost self time</span> <span class="key" style="background:${deltaColour(0, 1)}">unchanged</span>; hover a frame for its figures.</p>
<h2>Top ${Math.min(top, diff.changes.length)} changes in self time</h2>
${table(HEADER, rows, [0, 3, 4, 5, 6, 7])}
<h2>Head, coloured by change</h2>
<p class="muted">Widths are head's time; red frames take more of it than in base.</p>
<div class="scroll">${flameGraphSvg(toFlame(diff.tree, 'head', maxAbs))}</div>
<h2>Base, coloured by change</h2>
<p class="muted">Widths are base's time; blue frames take less of it (or none) in head.</p>
<div class="scroll">${flameGraphSvg(toFlame(diff.tree, 'base', maxAbs))}</div>`;
  return page(`CPU profile diff: ${diff.base.label} → ${diff.head.label}`, body, '.key{color:#000;padding:0 .3rem} .scroll{overflow-x:auto} svg.flame text{pointer-events:none;fill:#111} svg.flame g:hover rect{stroke:#000;stroke-width:.5}');
}
