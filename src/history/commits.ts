import { ResultFileError, type LoadedResult } from '../results/read.js';
import type { HistoryCommit } from './types.js';

/** A loaded result file and how to name it (its path). */
export interface HistoryInput {
  readonly label: string;
  readonly result: LoadedResult;
}

export interface OrderedHistory {
  readonly commits: readonly HistoryCommit[];
  /** The inputs of each commit, by commit index. */
  readonly inputsByCommit: readonly (readonly HistoryInput[])[];
  readonly warnings: readonly string[];
}

function commitKey(input: HistoryInput): string {
  const git = input.result.meta.git;
  if (!git?.sha) return `file:${input.label}`;
  return git.dirty ? `${git.sha}+dirty` : git.sha;
}

/** Where a file sits in time: its commit time, or when it ran (files written before commitTime existed). */
function placement(input: HistoryInput): { time: string; source: 'commit' | 'run' } {
  const { git, createdAt } = input.result.meta;
  if (git?.commitTime) return { time: new Date(git.commitTime).toISOString(), source: 'commit' };
  if (createdAt && Number.isFinite(Date.parse(createdAt))) return { time: new Date(createdAt).toISOString(), source: 'run' };
  throw new ResultFileError(input.label, 'has neither meta.git.commitTime nor a meta.createdAt date, so it cannot be placed in a history');
}

/**
 * Groups result files by commit and orders the commits by commit time (run time
 * for files that lack it). Several files of one commit (repeated runs, shards,
 * both suites) become one point of each series; a run with uncommitted changes
 * is its own point (`<sha>+dirty`), and so is each file without a sha.
 */
export function orderCommits(inputs: readonly HistoryInput[], branch: string | null = null): OrderedHistory {
  const warnings: string[] = [];
  let kept = inputs;
  if (branch !== null) {
    kept = inputs.filter((input) => (input.result.meta.git?.branch ?? branch) === branch);
    const unknown = inputs.filter((input) => input.result.meta.git?.branch === undefined).length;
    if (inputs.length - kept.length > 0) warnings.push(`${inputs.length - kept.length} file(s) of other branches left out (--branch ${branch})`);
    if (unknown > 0) warnings.push(`${unknown} file(s) do not record their branch (written before serbench did) and are kept`);
  }
  const groups = new Map<string, { inputs: HistoryInput[]; time: string; source: 'commit' | 'run' }>();
  for (const input of kept) {
    const key = commitKey(input);
    const place = placement(input);
    const group = groups.get(key);
    if (!group) groups.set(key, { inputs: [input], time: place.time, source: place.source });
    else {
      group.inputs.push(input);
      // A commit time wins over run times; among run times, the first run places the commit.
      if ((place.source === 'commit' && group.source === 'run') || (place.source === group.source && place.time < group.time)) Object.assign(group, place);
    }
  }
  const byRunTime = [...groups.values()].filter((group) => group.source === 'run');
  if (byRunTime.length > 0 && byRunTime.length < groups.size) {
    warnings.push(`${byRunTime.length} commit(s) are placed by when they ran: their files do not record the commit time (written before serbench did)`);
  }
  const dirty = [...groups.keys()].filter((key) => key.endsWith('+dirty')).length;
  if (dirty > 0) warnings.push(`${dirty} point(s) were measured with uncommitted changes (shown as <sha>+dirty)`);
  const ordered = [...groups.entries()].sort(([keyA, a], [keyB, b]) => (a.time < b.time ? -1 : a.time > b.time ? 1 : keyA < keyB ? -1 : keyA > keyB ? 1 : 0));
  const commits = ordered.map(([key, group], index): HistoryCommit => {
    const git = group.inputs[0]?.result.meta.git;
    const sha = key.startsWith('file:') ? null : (git?.sha ?? null);
    return {
      index,
      sha,
      dirty: git?.dirty === true && sha !== null,
      label: key.startsWith('file:') ? key.slice('file:'.length) : key,
      time: group.time,
      timeSource: group.source,
      branch: group.inputs.find((input) => input.result.meta.git?.branch)?.result.meta.git?.branch ?? null,
      files: group.inputs.map((input) => input.label),
    };
  });
  return { commits, inputsByCommit: ordered.map(([, group]) => group.inputs), warnings };
}
