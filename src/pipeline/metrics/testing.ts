import { spawnSync } from 'node:child_process';
import { findExecutable } from '../servers/redis-server.js';

// For tests that check an exposition with Prometheus's own linter (Debian: package prometheus).

/** Why `promtool` cannot be used here, or undefined when it can. */
export function promtoolMissing(): string | undefined {
  return findExecutable('promtool') ? undefined : 'promtool not installed (Debian: apt-get install prometheus)';
}

/** `promtool check metrics` on an exposition: its exit status and what it said. */
export function promtoolCheck(text: string): { status: number | null; output: string } {
  const result = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}`.trim() };
}
