import type { LoadedResult } from '../results/read.js';
import type { Environment } from '../results/types.js';
import { IGNORED_OPTION_KEYS } from './options.js';
import type { EnvironmentDifference } from './types.js';

/** The fields that change what a benchmark measures; totalMemBytes does not. */
export const COMPARED_ENV_FIELDS: readonly (keyof Environment)[] = ['node', 'v8', 'platform', 'arch', 'cpuModel', 'cpuCount'];

export function environmentDifferences(base: LoadedResult, head: LoadedResult): EnvironmentDifference[] {
  return COMPARED_ENV_FIELDS.flatMap((field) => {
    const before = base.meta.env[field] ?? null;
    const after = head.meta.env[field] ?? null;
    return before === after ? [] : [{ field, base: before, head: after }];
  });
}

function show(value: unknown): string {
  return value === undefined ? '(unset)' : JSON.stringify(value);
}

/** Run options (time budget, rounds, records, ...) that differ, as `name: base → head`. */
export function optionDifferences(base: LoadedResult, head: LoadedResult): string[] {
  const keys = [...new Set([...Object.keys(base.meta.options), ...Object.keys(head.meta.options)])].filter((key) => !IGNORED_OPTION_KEYS.includes(key));
  return keys.flatMap((key) => {
    const before = show(base.meta.options[key]);
    const after = show(head.meta.options[key]);
    return before === after ? [] : [`${key}: ${before} → ${after}`];
  });
}
