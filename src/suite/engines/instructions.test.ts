import assert from 'node:assert/strict';
import { test } from 'node:test';
import { INSTRUCTION_DEFAULTS } from '../options.js';
import type { InstructionOptions } from './instructions.js';
import type { CaseBody } from '../measure.js';
import { countCase, type PhaseCounter } from './instructions.js';

const BODY: CaseBody = { mode: 'sync', call: () => 1 };

/** A counter whose calls cost `perCall(n)` instructions for the n-th call (0-based), as a JIT warming up would. */
function fakeCounter(perCall: (n: number) => number): PhaseCounter & { calls: number; phases: number[] } {
  const state = {
    calls: 0,
    phases: [] as number[],
    async count(_body: CaseBody, calls: number): Promise<number> {
      let total = 0;
      for (let i = 0; i < calls; i++) total += perCall(state.calls++);
      state.phases.push(calls);
      return total;
    },
  };
  return state;
}

test('warm-up phases run until two in a row agree; the counted phases are the samples, per call', async () => {
  // 10 M instructions a call once warm; the first calls cost more (compilation).
  const counter = fakeCounter((n) => 10_000_000 * (n < 12 ? 1 + (12 - n) / 10 : 1));
  const counted = await countCase(BODY, counter, INSTRUCTION_DEFAULTS);
  assert.ok(counted.ok);
  assert.equal(counted.perCall.length, INSTRUCTION_DEFAULTS.phases);
  for (const value of counted.perCall) assert.equal(value, 10_000_000);
  assert.equal(counted.callsPerPhase, Math.ceil(INSTRUCTION_DEFAULTS.phaseInstructions / 10_000_000));
  assert.ok(counted.warmupPhases >= INSTRUCTION_DEFAULTS.minWarmupPhases);
  assert.ok(counter.calls >= 12, 'the warm-up outlasted the compilation');
  assert.ok(counted.spentInstructions > INSTRUCTION_DEFAULTS.phases * INSTRUCTION_DEFAULTS.phaseInstructions, 'warm-up and counted phases are what the case spent');
});

test('phases are sized from the settled cost, not from the first, slow call', async () => {
  const counter = fakeCounter((n) => (n === 0 ? 900_000_000 : 1_000_000));
  const counted = await countCase(BODY, counter, INSTRUCTION_DEFAULTS);
  assert.ok(counted.ok);
  assert.equal(counted.callsPerPhase, Math.ceil(INSTRUCTION_DEFAULTS.phaseInstructions / 1_000_000));
});

test('a body that never settles stops warming up after the most warm-up phases; a failing count is an error', async () => {
  const unsettled = fakeCounter((n) => 1_000_000 * (1 + (n % 2) * 0.5));
  const options: InstructionOptions = { ...INSTRUCTION_DEFAULTS, phaseInstructions: 1 };
  const counted = await countCase(BODY, unsettled, options);
  assert.ok(counted.ok);
  assert.equal(counted.warmupPhases, INSTRUCTION_DEFAULTS.maxWarmupPhases);
  // A slow body (a billion instructions a call) that never settles stops once warm-up has spent its instructions.
  const slow = fakeCounter((n) => 1_000_000_000 * (1 + (n % 2) * 0.01));
  const slowCount = await countCase(BODY, slow, INSTRUCTION_DEFAULTS);
  assert.ok(slowCount.ok);
  assert.equal(slowCount.callsPerPhase, 1);
  assert.ok(slowCount.warmupPhases < 10, `${slowCount.warmupPhases} warm-up phases`);
  // Its counted phases stop at the counted-instruction budget, after at least minPhases.
  assert.equal(slowCount.perCall.length, Math.max(INSTRUCTION_DEFAULTS.minPhases, Math.ceil(INSTRUCTION_DEFAULTS.countedInstructions / 1_000_000_000)));
  assert.ok(slowCount.perCall.length < INSTRUCTION_DEFAULTS.phases);
  const spentCalls = slow.calls;
  assert.ok(Math.abs(slowCount.spentInstructions / (spentCalls * 1_005_000_000) - 1) < 0.01, `spent ${slowCount.spentInstructions} over ${spentCalls} calls`);
  const failing: PhaseCounter = { count: async () => Promise.reject(new Error('no dump')) };
  const failed = await countCase(BODY, failing, INSTRUCTION_DEFAULTS);
  assert.equal(failed.ok, false);
  assert.match(failed.ok ? '' : failed.error.message, /no dump/);
});
