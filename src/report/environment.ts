import type { ResultFile } from '../results/types.js';
import { formatBytes } from './format.js';

export function environmentLines(result: ResultFile): string[] {
  const { env, git, createdAt, options } = result.meta;
  return [
    `Node ${env.node} (V8 ${env.v8}), ${env.platform}/${env.arch}`,
    `CPU: ${env.cpuModel} × ${env.cpuCount}; memory ${formatBytes(env.totalMemBytes)}`,
    `git ${git.sha ? git.sha.slice(0, 12) : 'unknown'}${git.dirty ? ' (dirty)' : ''}; run at ${createdAt}${result.complete ? '' : ' — INCOMPLETE run'}`,
    `options: ${JSON.stringify(options)}`,
  ];
}
