import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeCalibration, splitModes, type CalibrationCycle } from './analysis.js';

/** 20 s of cycles every 10 ms; the host runs 1.5× slower during the seconds `slow(second)` says. */
function cycles(slow: (second: number) => boolean, jitter = 0.01): CalibrationCycle[] {
  return Array.from({ length: 2000 }, (_, i) => {
    const atMs = i * 10;
    const factor = slow(Math.floor(atMs / 1000)) ? 1.5 : 1;
    const noise = 1 + jitter * Math.sin(i * 12.9898);
    return { atMs, a: 4 * factor * noise, b: 2 * factor * (1 + jitter * Math.cos(i * 78.233)) };
  });
}

test('two speed modes 1.5× apart, switching every two seconds: found, with their shares and dwell time', () => {
  const profile = analyzeCalibration(cycles((second) => Math.floor(second / 2) % 2 === 1));
  assert.equal(profile.modes.length, 2);
  assert.ok(Math.abs((profile.modes[1]?.relative ?? 0) - 1.5) < 0.03, JSON.stringify(profile.modes));
  assert.ok(Math.abs((profile.modes[0]?.share ?? 0) - 0.5) < 0.05);
  assert.ok(profile.meanDwellSeconds !== null && Math.abs(profile.meanDwellSeconds - 2) < 0.3, String(profile.meanDwellSeconds));
  // The ratio of the two workloads does not care which mode the host is in; absolute time does.
  assert.ok(profile.pairedSpread < profile.absoluteSpread / 5, `${profile.pairedSpread} vs ${profile.absoluteSpread}`);
  assert.ok(profile.secondsForPaired.halfPercent > profile.secondsForPaired.onePercent);
});

test('a steady machine has one mode and no switching', () => {
  const profile = analyzeCalibration(cycles(() => false));
  assert.equal(profile.modes.length, 1);
  assert.equal(profile.meanDwellSeconds, null);
  assert.equal(profile.switchesPerMinute, 0);
  assert.equal(splitModes([0, 0.01, 0.02]).modes.length, 1, 'too few windows to tell modes apart');
});
