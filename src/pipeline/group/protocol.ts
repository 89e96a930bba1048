import type { SinkSummary } from '../sinks/types.js';
import type { PipelinePlan } from '../types.js';
import { fieldText, type StreamEntry } from './redis-calls.js';

// What the suite and its consumers say to each other, through Redis streams only, so a
// consumer on another machine hears the same as a child process of the suite.

/** A consumer taking part in a run, and which sink instance it is. */
export interface RunMember {
  readonly name: string;
  readonly index: number;
}

/** The suite to every consumer of the session (the control stream). */
export type ControlMessage =
  /** Join run `run`: build the plan's stages and read the run's stream (only the members named). */
  | { readonly type: 'run'; readonly run: number; readonly plan: PipelinePlan; readonly members: readonly RunMember[] }
  /** Every batch of run `run` is done: close the sink and report. */
  | { readonly type: 'end'; readonly run: number };

/** What a consumer measured and did in one run. */
export interface ConsumerReport {
  readonly index: number;
  readonly host: string;
  readonly pid: number;
  /** Batches this consumer committed first (and wrote to its sink), and their records. */
  readonly batches: number;
  readonly records: number;
  /** Batches it processed whose commit found another consumer's already there (it had been claimed away). */
  readonly duplicates: number;
  /** Entries it took over from another consumer's pending list (XAUTOCLAIM) and processed. */
  readonly claimed: number;
  /** Processing attempts that threw (the batch stayed pending, to be retried or dead-lettered). */
  readonly failures: number;
  readonly deadLettered: number;
  readonly cpuMs: number;
  readonly peakRssBytes: number;
  readonly peakHeapBytes: number;
  readonly gcCount: number;
  readonly gcPauseMs: number;
  readonly sink: SinkSummary;
}

/** A consumer to the suite (the run's events stream). */
export type RunEvent =
  | { readonly type: 'ready'; readonly consumer: string }
  | { readonly type: 'report'; readonly consumer: string; readonly report: ConsumerReport }
  | { readonly type: 'failed'; readonly consumer: string; readonly message: string };

/** Stream fields of a message: one JSON field. */
export function messageFields(message: ControlMessage | RunEvent): [string, string] {
  return ['m', JSON.stringify(message)];
}

function parseMessage(entry: StreamEntry): { type?: unknown } | undefined {
  const json = fieldText(entry, 'm');
  if (json === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null ? (value as { type?: unknown }) : undefined;
  } catch {
    return undefined;
  }
}

export function controlMessageOf(entry: StreamEntry): ControlMessage | undefined {
  const message = parseMessage(entry);
  return message?.type === 'run' || message?.type === 'end' ? (message as ControlMessage) : undefined;
}

export function runEventOf(entry: StreamEntry): RunEvent | undefined {
  const message = parseMessage(entry);
  return message?.type === 'ready' || message?.type === 'report' || message?.type === 'failed' ? (message as RunEvent) : undefined;
}
