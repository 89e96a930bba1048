import { escapeHtml } from './escape.js';
import { section } from './figure.js';
import { PAGE_CSS } from './styles.js';

export interface PageSection {
  readonly id: string;
  readonly heading: string;
  readonly body: string;
}

/**
 * A self-contained page: inline CSS and SVG, at most inline scripts, a content
 * security policy that forbids every network request, a header with a table of
 * contents, and the sections.
 */
export function htmlDocument(title: string, header: readonly string[], sections: readonly PageSection[]): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<title>${escapeHtml(title)}</title>
<style>${PAGE_CSS}</style></head><body>
<header><h1>${escapeHtml(title)}</h1>
${header.join('\n')}
<nav class="toc" aria-label="Sections"><ol>${sections.map((s) => `<li><a href="#${s.id}">${escapeHtml(s.heading)}</a></li>`).join('')}</ol></nav></header>
<main>
${sections.map((s) => section(s.id, s.heading, s.body)).join('\n')}
</main>
</body></html>
`;
}
