import assert from 'node:assert/strict';
import { test } from 'node:test';
import { measureInterleaved, type InterleaveOptions } from './interleave.js';
import type { CaseBody } from './measure.js';

const OPTIONS: InterleaveOptions = { budgetMs: 60, warmupMs: 5, sliceMs: 0.5, minCycles: 4, maxCycles: 400, precision: 0, seed: 7 };

function busy(microseconds: number, log?: string[], name?: string): CaseBody {
  return {
    mode: 'sync',
    call: () => {
      if (log && name) log.push(name);
      const end = performance.now() + microseconds / 1000;
      let spins = 0;
      while (performance.now() < end) spins++;
      return spins;
    },
  };
}

test('every cycle times one slice of every member, in a fresh random order: the samples line up cycle by cycle', async () => {
  const order: string[] = [];
  const outcome = await measureInterleaved(
    [
      { id: 'a', body: busy(200, order, 'a') },
      { id: 'b', body: busy(400, order, 'b') },
      { id: 'c', body: busy(100, order, 'c') },
    ],
    { ...OPTIONS, budgetMs: 150 },
  );
  assert.equal(outcome.aborted, false);
  const lengths = ['a', 'b', 'c'].map((id) => outcome.members.get(id)?.samplesNs.length);
  assert.ok((lengths[0] ?? 0) >= 4);
  assert.deepEqual(lengths, [outcome.cycles, outcome.cycles, outcome.cycles]);
  // b takes about twice as long per call as a: the paired samples say so (loosely: the machine may be busy).
  const a = outcome.members.get('a')?.samplesNs ?? [];
  const b = outcome.members.get('b')?.samplesNs ?? [];
  const ratios = a.map((value, k) => (b[k] as number) / value).sort((x, y) => x - y);
  const middle = ratios[Math.floor(ratios.length / 2)] as number;
  assert.ok(middle > 1.3 && middle < 3.5, `b/a = ${middle}`);
  // The order within a cycle changes: look at which member led each run of slices after the warm-up.
  const firsts = new Set<string>();
  const perCycle = ['a', 'b', 'c'].reduce((sum, id) => sum + (outcome.members.get(id)?.callsPerSample ?? 1), 0);
  let at = order.length - outcome.cycles * perCycle;
  for (let cycle = 0; cycle < outcome.cycles; cycle++) {
    const leader = order[at] as string;
    firsts.add(leader);
    at += perCycle;
  }
  assert.ok(firsts.size >= 2, `cycles always started with ${[...firsts].join()}`);
});

test('a member that throws stops; the others go on and stay aligned', async () => {
  let calls = 0;
  const flaky: CaseBody = {
    mode: 'sync',
    call: () => {
      calls++;
      if (calls > 40) throw new Error('gave up');
      return calls;
    },
  };
  const outcome = await measureInterleaved(
    [
      { id: 'steady', body: busy(20) },
      { id: 'flaky', body: flaky },
    ],
    { ...OPTIONS, warmupMs: 1 },
  );
  assert.match(outcome.members.get('flaky')?.error?.message ?? '', /gave up/);
  assert.equal(outcome.members.get('steady')?.error, undefined);
  assert.equal(outcome.members.get('steady')?.samplesNs.length, outcome.cycles);
});

test('a member that throws in its warm-up fails before any slice', async () => {
  const outcome = await measureInterleaved(
    [
      { id: 'ok', body: busy(20) },
      { id: 'broken', body: { mode: 'sync', call: () => { throw new Error('cannot encode'); } } },
    ],
    OPTIONS,
  );
  assert.match(outcome.members.get('broken')?.error?.message ?? '', /cannot encode/);
  assert.equal(outcome.members.get('broken')?.samplesNs.length, 0);
  assert.ok((outcome.members.get('ok')?.samplesNs.length ?? 0) > 0);
});

test('the precision target ends the cycles before the budget; an abort ends them at once', async () => {
  const precise = await measureInterleaved(
    [
      { id: 'a', body: busy(30) },
      { id: 'b', body: busy(60) },
    ],
    { ...OPTIONS, budgetMs: 5_000, precision: 0.2, minCycles: 8 },
  );
  assert.equal(precise.precise, true);
  assert.ok(precise.cycles < 400);
  const controller = new AbortController();
  controller.abort();
  const aborted = await measureInterleaved([{ id: 'a', body: busy(30) }], { ...OPTIONS, signal: controller.signal });
  assert.equal(aborted.aborted, true);
});
