import { join } from 'node:path';
import { INDEX_PAGE, writeRunPage } from '../report/html/write.js';
import { PIPELINE_REPORT_FILE, pipelineMarkdown } from '../report/pipeline-markdown.js';
import { pipelineTerminalReport } from '../report/pipeline-terminal.js';
import type { ResultFile } from '../results/types.js';
import { writeFileAtomic } from '../results/write.js';
import { RESULTS_DIR } from './bench.js';
import type { OutputTarget } from './output-paths.js';
import { reportTargets, resultTargets, saveReports, saveResult, type ResultTarget } from './run-outputs.js';

/** Where a pipeline run's result goes unless --out says otherwise. */
export function pipelineResultTarget(out: string | undefined): ResultTarget {
  return { out, dir: RESULTS_DIR, prefix: 'pipeline', latest: 'pipeline-latest.json' };
}

/** Every path a pipeline run writes, checked before it starts. */
export function pipelineOutputTargets(out: string | undefined, reportsDir: string): OutputTarget[] {
  return [...resultTargets(pipelineResultTarget(out)), ...reportTargets(reportsDir, [PIPELINE_REPORT_FILE, INDEX_PAGE])];
}

/**
 * Writes a pipeline run's result file (a fallback file if that fails), its Markdown
 * report and page, and prints the table and where everything went. Shared by a
 * single run and `--rounds` (which saves the merged file as it is and reports its typed form).
 */
export function finishPipelineRun(result: ResultFile, out: string | undefined, reportsDir: string, saved: { readonly meta: { readonly createdAt: string } } = result): void {
  const written = saveResult(saved, pipelineResultTarget(out));
  const source = written[0] as string;
  const reports = saveReports(reportsDir, source, () => {
    const markdown = join(reportsDir, PIPELINE_REPORT_FILE);
    writeFileAtomic(markdown, pipelineMarkdown(result));
    return [markdown, writeRunPage(reportsDir, { result, source }, 'pipeline')];
  });
  process.stdout.write(`${pipelineTerminalReport(result)}\n\n`);
  process.stdout.write(`result: ${written.join(', ')}\nreports: ${reports.join(', ')}\n`);
}
