import { execFileSync } from 'node:child_process';
import os from 'node:os';
import type { Environment, ResultMeta } from './types.js';

export function currentEnvironment(): Environment {
  const cpus = os.cpus();
  return {
    node: process.version,
    v8: process.versions.v8,
    platform: process.platform,
    arch: process.arch,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpuCount: os.availableParallelism?.() ?? cpus.length,
    totalMemBytes: os.totalmem(),
  };
}

function git(args: readonly string[]): string | null {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

export function gitState(): ResultMeta['git'] {
  const sha = git(['rev-parse', 'HEAD']);
  const status = git(['status', '--porcelain', '--untracked-files=no']);
  return { sha, dirty: status !== null && status !== '' };
}

export function createMeta(options: Readonly<Record<string, unknown>>, now = new Date()): ResultMeta {
  return { createdAt: now.toISOString(), git: gitState(), env: currentEnvironment(), options };
}
