import { createHash } from 'node:crypto';
import { SampleRandom, SYNTHETIC_ENV } from '../compare/synthetic.js';
import type { LoadedCase, LoadedResult } from '../results/read.js';
import { RESULT_SCHEMA, type Environment } from '../results/types.js';
import type { HistoryInput } from './commits.js';

/** Small hand-made histories for the tests of history and its reports. */

export const shaOf = (commit: number): string => createHash('sha1').update(`commit ${commit}`).digest('hex');

export interface CommitFileSpec {
  readonly commit: number;
  /** Case id → the figure this commit's samples centre on (lognormal noise of `sigma` around it). */
  readonly cases: Readonly<Record<string, number>>;
  readonly unit?: string;
  readonly env?: Partial<Environment>;
  readonly dirty?: boolean;
  /** Omit the commit time (a file written before serbench recorded it). */
  readonly noCommitTime?: boolean;
  readonly failed?: readonly string[];
  readonly label?: string;
}

const T0 = Date.parse('2026-02-01T00:00:00.000Z');

/** One result file of a commit: 2 runs × 3 rounds of 5 samples per case, noise `sigma`, seeded by commit and case. */
export function commitFile(spec: CommitFileSpec, sigma = 0.01): HistoryInput {
  const cases = Object.entries(spec.cases).map(([id, center], index): LoadedCase => {
    const random = new SampleRandom(spec.commit * 7919 + index * 104729 + (spec.label?.length ?? 0));
    const samples = Array.from({ length: 30 }, () => center * Math.exp(sigma * random.normal()));
    const failed = spec.failed?.includes(id);
    return failed
      ? { id, unit: spec.unit ?? 'ns', samples: [], status: 'failed', error: 'decoder threw: boom' }
      : { id, unit: spec.unit ?? 'ns', samples, status: 'ok', extra: { roundSizes: [5, 5, 5, 5, 5, 5] } };
  });
  const commitTime = new Date(T0 + spec.commit * 3_600_000).toISOString();
  const result: LoadedResult = {
    schema: RESULT_SCHEMA,
    complete: true,
    meta: {
      createdAt: new Date(T0 + spec.commit * 3_600_000 + 600_000).toISOString(),
      git: { sha: shaOf(spec.commit), dirty: spec.dirty === true, ...(spec.noCommitTime ? {} : { commitTime }), branch: 'main' },
      env: { ...SYNTHETIC_ENV, ...spec.env },
      options: {},
    },
    cases,
  };
  return { label: spec.label ?? `results/${String(spec.commit).padStart(3, '0')}.json`, result };
}

/** `commits` commits of the given cases; `figure(case, commit)` gives each one's centre. */
export function steadyHistory(commits: number, ids: readonly string[], figure: (id: string, commit: number) => number, sigma = 0.01): HistoryInput[] {
  return Array.from({ length: commits }, (_, commit) => commitFile({ commit, cases: Object.fromEntries(ids.map((id) => [id, figure(id, commit)])) }, sigma));
}
