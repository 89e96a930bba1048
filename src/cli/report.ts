import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { compareResults } from '../compare/index.js';
import { resultHeadline } from '../compare/format.js';
import type { Comparison } from '../compare/types.js';
import { EXPORT_FORMATS, exportResult, type ExportFormat } from '../report/exports.js';
import type { SourcedResult } from '../report/html/environment-section.js';
import { reportableResult } from '../report/html/reportable.js';
import { DEFAULT_REPORTS_DIR as REPORTS_DIR, LATEST_RESULT_FILES, writeReportPage } from '../report/html/write.js';
import { PIPELINE_REPORT_FILE, pipelineMarkdown } from '../report/pipeline-markdown.js';
import { codecReportFiles, writeCodecTextReports } from '../report/write-codec-reports.js';
import type { LoadedResult } from '../results/read.js';
import { writeFileAtomic } from '../results/write.js';
import { parseFlags, stringFlag, type FlagSpec } from './args.js';
import { UsageError } from './errors.js';
import { loadResultForCommand } from './load-result.js';
import { checkOutputs } from './output-paths.js';
import { reportTargets } from './run-outputs.js';

/** The pipeline suite's Markdown report, as `npm run bench:pipeline` names it. */
export const PIPELINE_REPORT = PIPELINE_REPORT_FILE;

export const REPORT_USAGE = `usage: npm run report -- [result.json | base.json head.json] [flags]

Regenerates the reports from result files: latest.md and latest.csv (codec cases), ${PIPELINE_REPORT} (pipeline
cases) and the HTML page ${REPORTS_DIR}/index.html (both).

  (no file)            ${LATEST_RESULT_FILES.codec} and ${LATEST_RESULT_FILES.pipeline}, those that exist: the page shows both suites
  result.json          that file's reports (codec and/or pipeline cases)
  base.json head.json  head's reports, plus the compare verdicts of base → head on the page
  --reports-dir DIR    where the reports go (default ${REPORTS_DIR}/)
  --format F           instead of reports, write one result file as ${EXPORT_FORMATS.join(' | ')} (bmf: Bencher Metric Format)
  --out FILE           with --format: write the export there (default: stdout)
  --help               this text
`;

const FLAGS = {
  'reports-dir': { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} satisfies FlagSpec;

export interface ReportIo {
  readonly write: (text: string) => void;
}

const defaultIo: ReportIo = { write: (text) => process.stdout.write(text) };

function parseExportFormat(value: string | undefined): ExportFormat | undefined {
  if (value === undefined) return undefined;
  if (!(EXPORT_FORMATS as readonly string[]).includes(value)) throw new UsageError(`unknown format '${value}'; valid: ${EXPORT_FORMATS.join(', ')}`);
  return value as ExportFormat;
}

interface Loaded {
  readonly path: string;
  readonly loaded: LoadedResult;
  readonly sourced: SourcedResult;
  readonly unplaced: number;
}

function load(path: string): Loaded {
  const loaded = loadResultForCommand(path);
  const { result, unplaced } = reportableResult(loaded);
  return { path, loaded, sourced: { result, source: path }, unplaced };
}

export type LatestFiles = { readonly codec: string; readonly pipeline: string };

/** With no file named: the latest result of each suite; neither existing is a usage error. */
function latestFiles(latest: LatestFiles): string[] {
  const paths = [latest.codec, latest.pipeline].filter((path) => existsSync(path));
  if (paths.length === 0) {
    throw new UsageError(`no result file given and neither ${latest.codec} nor ${latest.pipeline} exists; run npm run bench (or bench:pipeline) first, or name a file: npm run report -- <result.json>`);
  }
  return paths;
}

function unplacedNotes(files: readonly Loaded[]): string[] {
  return files.flatMap((f) => (f.unplaced > 0 ? [`${f.path}: ${f.unplaced} case(s) of neither the codec nor the pipeline suite are not shown.`] : []));
}

/** `npm run report`: returns 0; bad files and usage throw UsageError (exit 2, one line naming the file and the problem). */
export async function runReport(argv: readonly string[], io: ReportIo = defaultIo, latest: LatestFiles = LATEST_RESULT_FILES): Promise<number> {
  const flags = parseFlags(argv, FLAGS, true);
  if (flags.values.help) {
    io.write(REPORT_USAGE);
    return 0;
  }
  const format = parseExportFormat(stringFlag(flags, 'format'));
  const out = stringFlag(flags, 'out');
  const reportsDir = stringFlag(flags, 'reports-dir') ?? REPORTS_DIR;
  const positionals = flags.positionals;
  if (positionals.length > 2) throw new UsageError(`report takes at most two result files (base and head), got ${positionals.length}: ${positionals.join(' ')}`);
  if (out !== undefined && format === undefined) throw new UsageError(`--out needs --format (${EXPORT_FORMATS.join(' or ')}); the reports go to --reports-dir`);

  if (format) {
    if (out !== undefined) checkOutputs([{ label: '--out', path: out, kind: 'file' }]);
    if (positionals.length !== 1) throw new UsageError(`--format exports one result file, got ${positionals.length}: npm run report -- <result.json> --format ${format} [--out FILE]`);
    const { loaded } = load(positionals[0] as string);
    const text = exportResult(loaded, format);
    if (out === undefined) io.write(text);
    else {
      writeFileAtomic(out, text);
      io.write(`${format}: ${out}\n`);
    }
    return 0;
  }

  checkOutputs(reportTargets(reportsDir, [...codecReportFiles(), PIPELINE_REPORT]));
  let shown: Loaded[];
  let comparison: Comparison | undefined;
  if (positionals.length === 2) {
    const [base, head] = positionals.map(load) as [Loaded, Loaded];
    comparison = compareResults({ label: base.path, result: base.loaded }, { label: head.path, result: head.loaded });
    shown = [head];
  } else {
    shown = (positionals.length === 1 ? positionals : latestFiles(latest)).map(load);
  }

  const written: string[] = [];
  const codecSource = shown.find((f) => f.sourced.result.cases.some((c) => c.suite === 'codec'));
  if (codecSource) written.push(...writeCodecTextReports(codecSource.sourced.result, reportsDir));
  const pipelineSource = shown.find((f) => f.sourced.result.cases.some((c) => c.suite === 'pipeline'));
  if (pipelineSource) {
    const path = join(reportsDir, PIPELINE_REPORT);
    writeFileAtomic(path, pipelineMarkdown(pipelineSource.sourced.result));
    written.push(path);
  }
  written.push(writeReportPage(reportsDir, shown.map((f) => f.sourced), { ...(comparison ? { comparison } : {}), notes: unplacedNotes(shown) }));
  io.write(`reports: ${written.join(', ')}\n`);
  if (comparison) io.write(`compare: ${resultHeadline(comparison)} (see the page; npm run compare gives the exit status)\n`);
  return 0;
}
