import { escapeHtml } from './escape.js';

/** Links into reports/profiles/ (written by `npm run profile`), relative to the page. */
export interface ProfileLinks {
  /** `profiles/index.html` when it exists. */
  readonly index?: string;
  readonly flamegraphs: readonly { readonly caseId: string; readonly label: string; readonly href: string }[];
}

export function profilesSection(links: ProfileLinks | undefined): string {
  if (!links || (!links.index && links.flamegraphs.length === 0)) {
    return '<p class="empty">No profiles yet: <code>npm run profile -- &lt;selector&gt;</code> writes flame graphs and CPU and heap profiles under <code>reports/profiles/</code>, and the page links them the next time it is generated.</p>';
  }
  const parts: string[] = [];
  if (links.index) parts.push(`<p><a href="${escapeHtml(links.index)}">All profiles (index)</a></p>`);
  if (links.flamegraphs.length > 0) {
    parts.push(`<ul class="profile-links">${links.flamegraphs.map((f) => `<li><a href="${escapeHtml(f.href)}">${escapeHtml(f.label)}</a> — flame graph</li>`).join('')}</ul>`);
  }
  return parts.join('\n');
}

/** A line of flame-graph links for the given cases ('' when none was profiled). */
export function flamegraphLine(caseIds: readonly string[], links: ProfileLinks | undefined): string {
  const wanted = new Set(caseIds);
  const found = (links?.flamegraphs ?? []).filter((f) => wanted.has(f.caseId));
  if (found.length === 0) return '';
  return `<p class="note">Flame graphs: ${found.map((f) => `<a href="${escapeHtml(f.href)}">${escapeHtml(f.label)}</a>`).join(', ')}</p>`;
}
