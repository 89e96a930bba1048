import { ResultFileError, type LoadedCase, type LoadedResult } from '../results/read.js';
import { RESULT_SCHEMA } from '../results/types.js';

/**
 * github-action-benchmark keeps its history in `data.js` on gh-pages:
 * `window.BENCHMARK_DATA = { entries: { <suite>: [ { commit: { id, timestamp },
 * date, tool, benches: [ { name, value, unit, range? } ] } ] } }`. Each entry
 * becomes a serbench result file, so a project that used it keeps its history.
 *
 * What does not carry over: the runs' samples (the file keeps one value per
 * benchmark), so imported points have no interval; the machine (unknown); and
 * `range`, whose meaning differs by tool. Tools whose figures are better when
 * bigger (ops/sec) are turned into their inverse, so lower is better as in every
 * serbench file: ops/sec and iter/sec become ns per operation.
 */

export const GAB_IMPORT = 'github-action-benchmark';

/** github-action-benchmark's tools whose figures are better when bigger (its `biggerIsBetter`). */
const BIGGER_IS_BETTER = new Set(['benchmarkjs', 'pytest', 'customBiggerIsBetter']);
const PER_SECOND = /^(ops|iter|iterations|operations)\s*\/\s*(s|sec|second)$/i;

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

export interface ImportedEntry {
  /** A file name for the entry: its commit time, sha and suite. */
  readonly name: string;
  readonly result: LoadedResult;
}

export interface GabImport {
  readonly entries: readonly ImportedEntry[];
  readonly warnings: readonly string[];
}

function parseDataJs(text: string, file: string): JsonObject {
  const body = text.trim().replace(/^window\.BENCHMARK_DATA\s*=\s*/, '').replace(/;\s*$/, '');
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new ResultFileError(file, 'not a github-action-benchmark data.js (expected `window.BENCHMARK_DATA = {...}` or its JSON)');
  }
  if (!isObject(value) || !isObject(value.entries)) throw new ResultFileError(file, 'not a github-action-benchmark data.js: no "entries" object');
  return value.entries;
}

function lowerIsBetter(value: number, unit: string, tool: string): { value: number; unit: string } {
  if (!BIGGER_IS_BETTER.has(tool)) return { value, unit };
  if (PER_SECOND.test(unit.trim())) return { value: 1e9 / value, unit: 'ns' };
  return { value: 1 / value, unit: `1/(${unit})` };
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'suite';
}

/** Converts a data.js into result files (one per suite and commit entry); throws ResultFileError naming the file and the first problem. */
export function importGabData(text: string, file: string): GabImport {
  const suites = parseDataJs(text, file);
  const names = Object.keys(suites);
  const warnings: string[] = [];
  let duplicates = 0;
  let inverted = 0;
  const entries = names.flatMap((suite) => {
    const list = suites[suite];
    if (!Array.isArray(list)) throw new ResultFileError(file, `entries["${suite}"] must be an array`);
    return list.map((entry: unknown, index): ImportedEntry => {
      const where = `entries["${suite}"][${index}]`;
      if (!isObject(entry) || !isObject(entry.commit) || typeof entry.commit.id !== 'string') throw new ResultFileError(file, `${where} has no commit id`);
      if (!Array.isArray(entry.benches)) throw new ResultFileError(file, `${where} has no "benches" array`);
      const commitTime = typeof entry.commit.timestamp === 'string' && Number.isFinite(Date.parse(entry.commit.timestamp)) ? new Date(entry.commit.timestamp).toISOString() : undefined;
      const runTime = typeof entry.date === 'number' ? new Date(entry.date).toISOString() : commitTime;
      if (!runTime) throw new ResultFileError(file, `${where} has neither a "date" nor a commit timestamp`);
      const tool = typeof entry.tool === 'string' ? entry.tool : 'unknown';
      const seen = new Set<string>();
      const cases = entry.benches.flatMap((bench: unknown, benchIndex): LoadedCase[] => {
        if (!isObject(bench) || typeof bench.name !== 'string' || typeof bench.value !== 'number' || !Number.isFinite(bench.value) || bench.value <= 0) {
          throw new ResultFileError(file, `${where}.benches[${benchIndex}] needs a "name" and a positive "value"`);
        }
        const id = names.length > 1 ? `${suite}/${bench.name}` : bench.name;
        if (seen.has(id)) {
          duplicates++;
          return [];
        }
        seen.add(id);
        const figure = lowerIsBetter(bench.value, typeof bench.unit === 'string' ? bench.unit : '', tool);
        if (figure.value !== bench.value) inverted++;
        return [{ id, unit: figure.unit || 'value', samples: [figure.value], status: 'ok', extra: { importedFrom: GAB_IMPORT, tool, value: bench.value, unit: bench.unit ?? null } }];
      });
      const sha = entry.commit.id;
      const result: LoadedResult = {
        schema: RESULT_SCHEMA,
        complete: true,
        meta: { createdAt: runTime, git: { sha, dirty: false, ...(commitTime ? { commitTime } : {}) }, env: {}, options: { importedFrom: GAB_IMPORT, suite, tool } },
        cases,
      };
      const stamp = (commitTime ?? runTime).replace(/[:.]/g, '-');
      return { name: `gab-${stamp}-${sha.slice(0, 10)}${names.length > 1 ? `-${slug(suite)}` : ''}.json`, result };
    });
  });
  if (entries.length === 0) throw new ResultFileError(file, 'has no benchmark entries');
  warnings.push(`imported values have no samples: each commit's point has no interval, and change points rest on the commits alone`);
  if (inverted > 0) warnings.push(`${inverted} bigger-is-better figure(s) (ops/sec and the like) were turned into their inverse, so that lower is better`);
  if (duplicates > 0) warnings.push(`${duplicates} benchmark(s) appeared twice in one entry; the first was kept`);
  return { entries, warnings };
}
