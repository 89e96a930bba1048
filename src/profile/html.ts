/** Small pure helpers for the self-contained pages the profile command writes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** A relative link; each path segment is URL-encoded, the text escaped. */
export function link(href: string, text: string): string {
  const encoded = href.split('/').map(encodeURIComponent).join('/');
  return `<a href="${escapeHtml(encoded)}">${escapeHtml(text)}</a>`;
}

export function table(header: readonly string[], rows: readonly (readonly string[])[], numericColumns: readonly number[] = []): string {
  const cell = (tag: 'th' | 'td', html: string, i: number): string => `<${tag}${numericColumns.includes(i) ? ' class="num"' : ''}>${html}</${tag}>`;
  const head = header.map((h, i) => cell('th', escapeHtml(h), i)).join('');
  const body = rows.map((row) => `<tr>${row.map((html, i) => cell('td', html, i)).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** A whole page: no scripts, no external resources (it opens from a CI artefact as it is). */
export function page(title: string, body: string, extraStyle = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:1.5rem auto;max-width:80rem;padding:0 1rem;color:#1a1a1a}
table{border-collapse:collapse;margin:.5rem 0 1.25rem;font-variant-numeric:tabular-nums}
th,td{border-bottom:1px solid #ddd;padding:.25rem .6rem;text-align:left;vertical-align:top}
th.num,td.num{text-align:right}
code{font-size:90%}
.muted{color:#666}
.bad{color:#a40000}
ul.files{margin:0;padding-left:1rem}
${extraStyle}
</style></head>
<body>
${body}
</body></html>
`;
}
