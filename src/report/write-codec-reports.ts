import { join } from 'node:path';
import type { ResultFile } from '../results/types.js';
import { writeFileAtomic } from '../results/write.js';
import { resultCsv } from './csv.js';
import { codecHtmlSections, htmlPage } from './html.js';
import { codecMarkdown } from './markdown.js';

/** Writes the Markdown, CSV and HTML reports of a codec result into `dir`; returns the paths. */
export function writeCodecReports(result: ResultFile, dir: string, stem = 'latest'): string[] {
  const files: [string, string][] = [
    [join(dir, `${stem}.md`), codecMarkdown(result)],
    [join(dir, `${stem}.csv`), resultCsv(result)],
    [join(dir, stem === 'latest' ? 'index.html' : `${stem}.html`), htmlPage('serbench codec suite', codecHtmlSections(result), result)],
  ];
  for (const [path, content] of files) writeFileAtomic(path, content);
  return files.map(([path]) => path);
}
