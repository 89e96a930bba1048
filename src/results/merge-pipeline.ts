import { summarize } from '../stats/summary.js';

/**
 * Joins the `pipeline` blocks of one case measured in several processes
 * (`npm run merge -- --concat-samples`). Each figure is joined by what it means:
 * rates follow the median of all the samples; totals over runs add up (and the shares
 * derived from them are recomputed); peaks, and the worst run's p99, take the highest
 * part (a percentile cannot be merged exactly without the histogram); per-batch figures
 * are weighted by repetitions; anything else keeps the first part's value.
 */

type Block = Readonly<Record<string, unknown>>;

export interface PipelinePart {
  readonly block: Block;
  readonly samples: readonly number[];
}

const SUMMED = ['repetitions', 'wallMs', 'cpuMs', 'runMs'] as const;
const HIGHEST = ['peakRssBytes', 'peakHeapBytes', 'workerHeapBytes', 'eventLoopDelayMaxMs'] as const;

function num(block: Block, key: string): number | undefined {
  const value = block[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function nested(block: Block, key: string): Block {
  const value = block[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Block) : {};
}

function numbers(blocks: readonly Block[], read: (block: Block) => number | undefined): number[] | undefined {
  const values = blocks.map(read);
  return values.every((value): value is number => value !== undefined) ? values : undefined;
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/** The merged block, or undefined when no part has one. */
export function mergePipelineBlocks(parts: readonly PipelinePart[]): Block | undefined {
  const blocks = parts.map((part) => part.block);
  const [first] = blocks;
  if (!first) return undefined;
  const merged: Record<string, unknown> = { ...first };

  const medianNs = summarize(parts.flatMap((part) => part.samples)).median;
  const firstNs = summarize(parts[0]?.samples ?? []).median;
  const rate = (key: string) => {
    const value = num(first, key);
    if (value !== undefined && medianNs > 0 && firstNs > 0) merged[key] = value * (firstNs / medianNs);
  };
  rate('recordsPerSec');
  rate('mbPerSec');

  for (const key of SUMMED) {
    const values = numbers(blocks, (block) => num(block, key));
    if (values) merged[key] = sum(values);
  }
  for (const key of HIGHEST) {
    const values = numbers(blocks, (block) => num(block, key));
    if (values) merged[key] = Math.max(...values);
  }
  const loopP99 = numbers(blocks, (block) => num(nested(block, 'eventLoopDelayMs'), 'p99'));
  if (loopP99) merged.eventLoopDelayMs = { ...nested(first, 'eventLoopDelayMs'), p99: Math.max(...loopP99) };

  const p50 = numbers(blocks, (block) => num(nested(block, 'latencyMs'), 'p50'));
  const p99 = numbers(blocks, (block) => num(nested(block, 'latencyMs'), 'p99'));
  if (p50 && p99) merged.latencyMs = { p50: summarize(p50).median, p99: Math.max(...p99) };

  const gcCount = numbers(blocks, (block) => num(nested(block, 'gc'), 'count'));
  const gcPause = numbers(blocks, (block) => num(nested(block, 'gc'), 'pauseMs'));
  if (gcCount && gcPause) merged.gc = { count: sum(gcCount), pauseMs: sum(gcPause) };

  const runMs = numbers(blocks, (block) => num(block, 'runMs'));
  if (runMs && sum(runMs) > 0) {
    const totalRunMs = sum(runMs);
    const cpuMs = numbers(blocks, (block) => num(block, 'cpuMs'));
    if (cpuMs) merged.cpuCores = sum(cpuMs) / totalRunMs;
    const utilization = numbers(blocks, (block) => num(block, 'cpuUtilization'));
    if (utilization) merged.cpuUtilization = sum(utilization.map((value, index) => value * (runMs[index] ?? 0))) / totalRunMs;
    if (gcPause) merged.gcPauseShare = sum(gcPause) / totalRunMs;
  }
  const repetitions = numbers(blocks, (block) => num(block, 'repetitions'));
  const perBatch = numbers(blocks, (block) => num(block, 'postMessageMsPerBatch'));
  if (repetitions && perBatch && sum(repetitions) > 0) {
    merged.postMessageMsPerBatch = sum(perBatch.map((value, index) => value * (repetitions[index] ?? 0))) / sum(repetitions);
  }
  return merged;
}
