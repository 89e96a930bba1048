import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gitState } from './env.js';

test('a run inside a git checkout records its commit, the commit time and the branch', (t) => {
  const state = gitState({});
  if (state.sha === null) {
    t.skip('not run from a git checkout');
    return;
  }
  assert.match(state.sha ?? '', /^[0-9a-f]{40}$/);
  assert.ok(state.commitTime && Number.isFinite(Date.parse(state.commitTime)), `commitTime ${state.commitTime}`);
  // A detached checkout (CI) has no branch of its own: GitHub's variables name it.
  if (state.branch === undefined) assert.equal(gitState({ GITHUB_REF: 'refs/heads/main' }).branch, 'main');
});
