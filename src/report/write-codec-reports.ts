import { join } from 'node:path';
import type { ResultFile } from '../results/types.js';
import { writeFileAtomic } from '../results/write.js';
import { resultCsv } from './csv.js';
import type { SourcedResult } from './html/environment-section.js';
import { INDEX_PAGE, writeRunPage } from './html/write.js';
import { codecMarkdown } from './markdown.js';

export interface CodecReportOptions {
  /**
   * Other result files the HTML page shows beside this one. Default for the
   * `latest` stem: the pipeline suite's latest result (results/pipeline-latest.json)
   * when it exists, so the page keeps showing both suites after a codec run.
   */
  readonly companions?: readonly SourcedResult[];
  /** Where `result` was read from, when it was (shown on the page and in the reproduce commands). */
  readonly source?: string;
}

/** The files `writeCodecReports` writes in its directory (Markdown, CSV, the page). */
export function codecReportFiles(stem = 'latest'): string[] {
  return [`${stem}.md`, `${stem}.csv`, stem === 'latest' ? INDEX_PAGE : `${stem}.html`];
}

/** Writes the Markdown and CSV reports of a codec result into `dir`; returns the paths. */
export function writeCodecTextReports(result: ResultFile, dir: string, stem = 'latest'): string[] {
  const [markdown, csv] = codecReportFiles(stem) as [string, string];
  const files: [string, string][] = [
    [join(dir, markdown), codecMarkdown(result)],
    [join(dir, csv), resultCsv(result)],
  ];
  for (const [path, content] of files) writeFileAtomic(path, content);
  return files.map(([path]) => path);
}

/** Writes the Markdown, CSV and HTML reports of a codec result into `dir`; returns the paths. */
export function writeCodecReports(result: ResultFile, dir: string, stem = 'latest', options: CodecReportOptions = {}): string[] {
  const written = writeCodecTextReports(result, dir, stem);
  const run: SourcedResult = options.source ? { result, source: options.source } : { result };
  const companions = options.companions ?? (stem === 'latest' ? undefined : []);
  const page = writeRunPage(dir, run, 'codec', { ...(companions ? { companions } : {}), fileName: codecReportFiles(stem)[2] as string });
  return [...written, page];
}
