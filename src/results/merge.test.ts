import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asLoaded, syntheticResult, SYNTHETIC_ENV } from '../compare/synthetic.js';
import type { LoadedResult } from './read.js';
import { mergeResults } from './merge.js';

function file(ids: string[], samples: number[] = [10, 11, 12], overrides: Partial<LoadedResult['meta']> = {}): LoadedResult {
  const result = asLoaded(syntheticResult(ids.map((id) => ({ id, samples }))));
  return { ...result, meta: { ...result.meta, git: { sha: 'abc', dirty: false }, ...overrides } };
}

test('shards join into one file, in order, with the merge recorded', () => {
  const a = file(['x', 'y'], [1, 2, 3], { options: { shard: { index: 1, count: 2 }, rounds: 3 }, createdAt: '2025-01-02T00:00:00.000Z' });
  const b = file(['z'], [4, 5], { options: { shard: { index: 2, count: 2 }, rounds: 3 }, createdAt: '2025-01-03T00:00:00.000Z' });
  const merged = mergeResults([
    { label: 'a.json', result: a },
    { label: 'b.json', result: b },
  ]);
  assert.deepEqual(merged.cases.map((item) => item.id), ['x', 'y', 'z']);
  assert.equal(merged.meta.createdAt, '2025-01-03T00:00:00.000Z');
  assert.equal(merged.meta.options.shard, undefined);
  assert.equal(merged.meta.options.rounds, 3);
  assert.deepEqual(merged.meta.options.merged, { files: ['a.json', 'b.json'], shards: [{ index: 1, count: 2 }, { index: 2, count: 2 }], concatSamples: false });
  assert.equal(merged.complete, true);
});

test('overlapping cases are refused unless samples are to be concatenated', () => {
  const inputs = [
    { label: 'p1.json', result: file(['x', 'y'], [10, 20, 30]) },
    { label: 'p2.json', result: file(['x'], [40, 50]) },
  ];
  assert.throws(() => mergeResults(inputs), { message: 'case "x" is in both p1.json and p2.json: shards must not overlap (pass --concat-samples to join repeated runs of the same cases)' });
  const merged = mergeResults(inputs, { concatSamples: true });
  const x = merged.cases.find((item) => item.id === 'x');
  assert.deepEqual(x?.samples, [10, 20, 30, 40, 50]);
  assert.equal((x?.stats as { median: number }).median, 30);
  assert.deepEqual(x?.extra, { mergedFrom: ['p1.json', 'p2.json'], sampleCounts: [3, 2], roundSizes: [3, 2], roundIds: ['', ''] });
});

test('a run that failed in one process makes the joined case failed', () => {
  const failed = file(['x'], []);
  const result = { ...failed, cases: failed.cases.map((item) => ({ ...item, status: 'failed' as const, error: 'boom' })) };
  const merged = mergeResults([{ label: 'ok.json', result: file(['x']) }, { label: 'bad.json', result }], { concatSamples: true });
  assert.equal(merged.cases[0]?.status, 'failed');
  assert.equal(merged.cases[0]?.error, 'bad.json: boom');
  assert.deepEqual(merged.cases[0]?.samples, [10, 11, 12]);
});

test('mixed environments and commits are refused unless allowed', () => {
  const here = file(['x']);
  const there = file(['y'], [1], { env: { ...SYNTHETIC_ENV, cpuModel: 'Other CPU' } });
  assert.throws(() => mergeResults([{ label: 'a.json', result: here }, { label: 'b.json', result: there }]), {
    message: 'a.json and b.json come from different environments (cpuModel "Synthetic CPU" vs "Other CPU"); pass --allow-mixed-env to merge them anyway',
  });
  const merged = mergeResults([{ label: 'a.json', result: here }, { label: 'b.json', result: there }], { allowMixedEnv: true });
  assert.equal((merged.meta.options.merged as { environments: unknown[] }).environments.length, 2);
  const later = file(['y'], [1], { git: { sha: 'def', dirty: true } });
  assert.throws(() => mergeResults([{ label: 'a.json', result: here }, { label: 'c.json', result: later }]), /different commits \(abc vs def\)/);
  const mixed = mergeResults([{ label: 'a.json', result: here }, { label: 'c.json', result: later }], { allowMixedCommits: true });
  assert.equal(mixed.meta.git?.dirty, true);
});

test('an incomplete input makes the merged file incomplete', () => {
  const merged = mergeResults([{ label: 'a.json', result: file(['x']) }, { label: 'b.json', result: { ...file(['y']), complete: false } }]);
  assert.equal(merged.complete, false);
});

test('joined pipeline cases get a pipeline block that follows the joined samples', () => {
  const withPipeline = (result: LoadedResult, recordsPerSec: number): LoadedResult => ({
    ...result,
    cases: result.cases.map((item) => ({ ...item, suite: 'pipeline', pipeline: { variant: 'sync', recordsPerSec, gc: { count: 1, pauseMs: 2 } } })),
  });
  const merged = mergeResults(
    [
      { label: 'p1.json', result: withPipeline(file(['x'], [10, 10, 10]), 1e8) },
      { label: 'p2.json', result: withPipeline(file(['x'], [20, 20, 20, 20]), 5e7) },
    ],
    { concatSamples: true },
  );
  const pipeline = merged.cases[0]?.pipeline as { recordsPerSec: number; gc: unknown };
  assert.equal(pipeline.recordsPerSec, 5e7);
  assert.deepEqual(pipeline.gc, { count: 2, pauseMs: 4 });
});

test('a part skipped by an interrupted run adds nothing; a case skipped everywhere stays skipped', () => {
  const skip = (result: LoadedResult): LoadedResult => ({ ...result, cases: result.cases.map((item) => ({ ...item, samples: [], status: 'skipped', error: 'interrupted' })) });
  const ran = file(['x'], [10, 11, 12]);
  const merged = mergeResults(
    [
      { label: 'p1.json', result: ran },
      { label: 'p2.json', result: skip(file(['x'])) },
    ],
    { concatSamples: true },
  );
  assert.equal(merged.cases[0]?.status, 'ok');
  assert.deepEqual(merged.cases[0]?.samples, [10, 11, 12]);
  const never = mergeResults(
    [
      { label: 'p1.json', result: skip(file(['x'])) },
      { label: 'p2.json', result: skip(file(['x'])) },
    ],
    { concatSamples: true },
  );
  assert.equal(never.cases[0]?.status, 'skipped');
});

test('the merged file keeps the commit time and branch of the runs', () => {
  const git = { sha: 'abc', dirty: false, commitTime: '2026-03-01T10:00:00.000Z', branch: 'main' };
  const merged = mergeResults([
    { label: 'a.json', result: file(['x'], [1, 2], { git }) },
    { label: 'b.json', result: file(['x'], [3, 4], { git }) },
  ], { concatSamples: true });
  assert.deepEqual(merged.meta.git, git);
});

test('rounds a run set aside stay set aside when runs are pooled', () => {
  const withRounds = (samples: number[], ids: string[], aside: string[]): LoadedResult => {
    const result = file(['x'], samples);
    const extra = { roundSizes: ids.map(() => samples.length / ids.length), roundIds: ids, ...(aside.length > 0 ? { setAsideRounds: aside } : {}) };
    return { ...result, cases: result.cases.map((item) => ({ ...item, extra })) };
  };
  const merged = mergeResults([
    { label: 'p1.json', result: withRounds([10, 11, 16, 17], ['r1', 'r2'], ['r2']) },
    { label: 'p2.json', result: withRounds([10, 12], ['r3', 'r4'], []) },
  ], { concatSamples: true });
  const extra = merged.cases[0]?.extra as Record<string, unknown>;
  assert.deepEqual(extra.roundIds, ['r1', 'r2', 'r3', 'r4']);
  assert.deepEqual(extra.setAsideRounds, ['r2']);
});
