import type { Change, Verdict } from './types.js';

/**
 * The verdict for one case. A change counts only when it is both statistically
 * significant (p < alpha) and practically larger than the noise threshold — the
 * whole interval beyond it — so a real but tiny change, or a large but
 * uncertain one, never fails a build. `~` is claimed only when the interval
 * shows that any change is smaller than the threshold; otherwise the honest
 * answer is "inconclusive".
 */
export function verdictOf(change: Change, p: number, alpha: number, threshold: number): Verdict {
  const significant = p < alpha;
  if (significant && change.lower > threshold) return 'slower';
  if (significant && change.upper < -threshold) return 'faster';
  if (change.lower >= -threshold && change.upper <= threshold) return 'unchanged';
  return 'inconclusive';
}
