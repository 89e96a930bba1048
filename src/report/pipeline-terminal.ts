import type { ResultFile } from '../results/types.js';
import { formatRate, textTable } from './format.js';
import { groupTerminal } from './pipeline-group.js';
import { parallelLabel, verdictLine } from './pipeline-markdown.js';
import { batchVerdicts, pipelineGroups, relativeToBare, unmeasuredPipelineCases } from './pipeline-tables.js';

const dash = '–';
const ms = (value: number): string => (Number.isFinite(value) ? (value < 1 ? `${(value * 1000).toFixed(0)}µs` : `${value.toFixed(value < 10 ? 1 : 0)}ms`) : dash);
const percent = (share: number): string => (Number.isFinite(share) ? `${(share * 100).toFixed(0)}%` : dash);

/** The compact table printed at the end of `npm run bench:pipeline`. */
export function pipelineTerminalReport(result: ResultFile): string {
  const parts: string[] = [];
  for (const group of pipelineGroups(result)) {
    parts.push(`\n${group.title} — ${group.sink} sink, ${group.records} records`);
    parts.push(
      textTable(
        ['variant', 'batch', 'workers', 'records/s', 'vs bare', 'p99', 'CPU', 'GC', 'loop p99'],
        group.rows.map((row) => [
          row.variant,
          String(row.batchSize),
          parallelLabel(row),
          formatRate(row.recordsPerSec, 'rec'),
          percent(relativeToBare(row, group)),
          ms(row.latencyP99Ms),
          Number.isFinite(row.cpuCores) ? row.cpuCores.toFixed(2) : dash,
          percent(row.gcShare),
          ms(row.eventLoopP99Ms),
        ]),
      ),
    );
    for (const verdict of batchVerdicts(group)) parts.push(`  ${verdictLine(verdict).replace(/\*\*/g, '')}`);
  }
  parts.push(...groupTerminal(pipelineGroups(result)));
  const missing = unmeasuredPipelineCases(result);
  if (missing.length > 0) parts.push(`\n${missing.length} case(s) without a measurement:`, ...missing.map((c) => `  ${c.id}: ${c.status}: ${c.reason}`));
  return parts.join('\n');
}
