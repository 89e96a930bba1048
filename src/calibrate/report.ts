import { runEstimateWords } from '../results/figures.js';
import type { NoiseProfile } from './analysis.js';

const percent = (fraction: number): string => `±${(Math.expm1(fraction) * 100).toFixed(fraction < 0.1 ? 1 : 0)}%`;

function seconds(value: number): string {
  if (!Number.isFinite(value)) return '–';
  return value < 60 ? `${value.toFixed(value < 10 ? 1 : 0)} s` : `${(value / 60).toFixed(1)} min`;
}

/**
 * What `npm run calibrate` prints: the machine's speed modes, how fast it
 * switches, and what that means for serbench's figures. `runs` and `threshold`
 * frame the advice (the default run's processes, compare's threshold).
 */
export function calibrationLines(profile: NoiseProfile, workload: string, threshold = 0.05): string[] {
  const lines = [`calibration: ${workload}, ${profile.cycles} alternating cycles in ${profile.seconds.toFixed(1)} s`];
  if (profile.modes.length === 1) {
    const [only] = profile.modes;
    lines.push(`speed: one mode; windows of ${profile.windowMs} ms spread by ${percent(only?.spread ?? 0)} (1 sd)`);
  } else {
    const described = profile.modes.map((mode, i) => `${i === 0 ? 'fast' : 'slow'} ${mode.relative.toFixed(2)}× (${Math.round(mode.share * 100)}% of the time, spread ${percent(mode.spread)})`);
    lines.push(`speed: two modes, ${described.join(' and ')}; switching ${profile.switchesPerMinute.toFixed(0)} times a minute (stays ${seconds(profile.meanDwellSeconds ?? Number.NaN)} in a mode on average)`);
  }
  lines.push(
    `absolute times: one part of this run (${runEstimateWords('ns')} of its samples) lies within ${percent(profile.absoluteSpread)} of the others (95%): what separate processes see`,
    `ratios of the two workloads alternated every few ms (each part's estimates): within ${percent(profile.pairedSpread)} of each other's (95%); one cycle's ratio spreads by ${percent(profile.cycleRatioSd)} (1 sd)`,
    `pinning a ratio within ±1% takes about ${seconds(profile.secondsForPaired.onePercent)} of alternating slices, ±0.5% about ${seconds(profile.secondsForPaired.halfPercent)} (in one process; processes add their own spread)`,
  );
  const compareNeeds = Math.SQRT2 * profile.absoluteSpread;
  if (compareNeeds > threshold) {
    lines.push(
      `verdict: wall-clock compares of separate runs on this machine cannot resolve ±${(threshold * 100).toFixed(1)}% (two runs differ by up to ${percent(compareNeeds)}): ` +
        'read relative figures (paired), or gate on `--measure instructions`',
    );
  } else lines.push(`verdict: wall-clock compares can resolve changes beyond about ${percent(compareNeeds)} between runs; relative figures hold to ${percent(profile.pairedSpread)}`);
  return lines;
}
