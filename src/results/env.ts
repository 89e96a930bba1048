import { execFileSync } from 'node:child_process';
import os from 'node:os';
import type { Environment, GitState, ResultMeta } from './types.js';

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

/**
 * The branch being measured: git's current branch, or, on a detached checkout in
 * GitHub Actions, the pull request's head branch or the pushed branch.
 */
function currentBranch(env: NodeJS.ProcessEnv): string | null {
  const branch = git(['symbolic-ref', '--short', '-q', 'HEAD']);
  if (branch) return branch;
  if (env.GITHUB_HEAD_REF) return env.GITHUB_HEAD_REF;
  return env.GITHUB_REF?.startsWith('refs/heads/') ? env.GITHUB_REF.slice('refs/heads/'.length) : null;
}

export function gitState(env: NodeJS.ProcessEnv = process.env): GitState {
  const sha = git(['rev-parse', 'HEAD']);
  if (sha === null) return { sha, dirty: false };
  const status = git(['status', '--porcelain', '--untracked-files=no']);
  const commitTime = git(['log', '-1', '--format=%cI', 'HEAD']);
  const branch = currentBranch(env);
  return {
    sha,
    dirty: status !== null && status !== '',
    ...(commitTime ? { commitTime: new Date(commitTime).toISOString() } : {}),
    ...(branch ? { branch } : {}),
  };
}

export function createMeta(options: Readonly<Record<string, unknown>>, now = new Date()): ResultMeta {
  return { createdAt: now.toISOString(), git: gitState(), env: currentEnvironment(), options };
}
