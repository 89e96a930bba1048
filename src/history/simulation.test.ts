import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultHistoryScenarios, runHistoryScenario } from './simulation.js';

/** The headline behaviours of docs/history.md on a fresh seed each run (small: 2 histories of 25 series per scenario). */
const seed = Math.floor(Math.random() * 1e6);
const settings = { commits: 60, cases: 25, trials: 2, samplesPerRun: 30 };
const scenario = (name: string) => {
  const found = defaultHistoryScenarios().find((s) => s.name === name);
  assert.ok(found, name);
  return runHistoryScenario(found, seed, settings);
};

test(`no change: no false change point in 50 series (seed ${seed})`, () => {
  for (const name of ['no change, 3% noise', 'no change, 3% noise, outlier samples and 2% outlier runs']) assert.ok(scenario(name).falseChangePoints <= 1, name);
});

test(`a 10% step under 3% noise is found within a commit (seed ${seed})`, () => {
  const outcome = scenario('10% step, 3% noise');
  assert.ok(outcome.found >= 46, `${outcome.found} of 50`);
});

test(`a 2% step is ~ or found, never reported above 4% (seed ${seed})`, () => {
  const outcome = scenario('2% step, 1% noise');
  assert.equal(outcome.found, 0);
  assert.ok(outcome.small >= 40 && outcome.largestReported <= 0.04, JSON.stringify({ small: outcome.small, largest: outcome.largestReported }));
});
