/** Axis scales for the inline SVG charts: pure functions from data values to pixel positions. */

export interface Scale {
  readonly kind: 'linear' | 'log';
  readonly domain: readonly [number, number];
  readonly range: readonly [number, number];
  /** Pixel position of a value (clamped to the range). */
  position(value: number): number;
  readonly ticks: readonly number[];
}

/** A "nice" step (1, 2 or 5 × 10^k) that splits `span` into about `count` intervals. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/**
 * A linear scale from 0 (or the data minimum when negative) to a nice maximum above `max`.
 * `unit` makes ticks nice multiples of it (1024 for bytes: 100 KiB, not 97.7 KiB).
 * `fit: 'data'` starts at a nice value below `min` instead of at 0 (a trend of a few
 * percent would be a flat line on an axis from zero); `fit: 'exact'` spans exactly
 * [min, max] (positions such as commit indices, whose ticks the caller picks).
 */
export function linearScale(min: number, max: number, range: readonly [number, number], tickCount = 5, unit = 1, fit: 'zero' | 'data' | 'exact' = 'zero'): Scale {
  if (fit === 'exact') return exactScale(min, max, range, tickCount);
  const fitted = fit === 'data' && Number.isFinite(min) && Number.isFinite(max);
  const pad = fitted && max <= min ? Math.abs(min) * 0.05 || 1 : 0;
  const low = fitted ? min - pad : Math.min(0, Number.isFinite(min) ? min : 0);
  // A fitted axis of positive values stops at 0 rather than at a nice negative tick.
  const floor = fitted && min >= 0 ? 0 : -Infinity;
  const high = fitted ? max + pad : Number.isFinite(max) && max > low ? max : low + 1;
  const step = niceStep((high - low) / unit, tickCount) * unit;
  const top = Math.ceil(high / step - 1e-9) * step;
  const bottom = Math.max(floor, Math.floor(low / step + 1e-9) * step);
  const ticks: number[] = [];
  // Ticks are whole multiples of the step, so accumulated float error never shows as `-5.55e-17`.
  for (let i = Math.round(bottom / step); i * step <= top + step / 2; i++) ticks.push(Number((i * step).toPrecision(12)));
  const [r0, r1] = range;
  const position = (value: number): number => {
    const clamped = Math.min(top, Math.max(bottom, value));
    return r0 + ((clamped - bottom) / (top - bottom)) * (r1 - r0);
  };
  return { kind: 'linear', domain: [bottom, top], range, position, ticks };
}

function exactScale(min: number, max: number, range: readonly [number, number], tickCount: number): Scale {
  const low = Number.isFinite(min) ? min : 0;
  const high = Number.isFinite(max) && max > low ? max : low + 1;
  const [r0, r1] = range;
  const position = (value: number): number => r0 + ((Math.min(high, Math.max(low, value)) - low) / (high - low)) * (r1 - r0);
  const step = niceStep(high - low, tickCount);
  const ticks: number[] = [];
  for (let i = Math.ceil(low / step - 1e-9); i * step <= high + 1e-9; i++) ticks.push(Number((i * step).toPrecision(12)));
  return { kind: 'linear', domain: [low, high], range, position, ticks };
}

/** Ticks 1, 2, 5 × 10^k between `low` and `high` (both positive), thinned to about `maxTicks`. */
export function logTicks(low: number, high: number, maxTicks = 8): number[] {
  const ticks: number[] = [];
  for (let power = Math.floor(Math.log10(low)); 10 ** power <= high * 1.0001; power++) {
    for (const m of [1, 2, 5]) {
      const v = Number((m * 10 ** power).toPrecision(12));
      if (v >= low * 0.9999 && v <= high * 1.0001) ticks.push(v);
    }
  }
  if (ticks.length <= maxTicks) return ticks;
  const decades = ticks.filter((v) => Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9);
  return decades.length >= 2 ? decades : ticks.filter((_, i) => i % Math.ceil(ticks.length / maxTicks) === 0);
}

/** A log10 scale whose domain is widened to 1-2-5 boundaries around [min, max] (both > 0). */
export function logScale(min: number, max: number, range: readonly [number, number], options: { floor?: number } = {}): Scale {
  const lowRaw = options.floor ?? min;
  const low = niceBelow(lowRaw > 0 ? lowRaw : 1);
  const high = Math.max(niceAbove(max > 0 ? max : 1), low * 10);
  const [r0, r1] = range;
  const span = Math.log10(high) - Math.log10(low);
  const position = (value: number): number => {
    const v = Math.min(high, Math.max(low, value > 0 ? value : low));
    return r0 + ((Math.log10(v) - Math.log10(low)) / span) * (r1 - r0);
  };
  return { kind: 'log', domain: [low, high], range, position, ticks: logTicks(low, high) };
}

function niceBelow(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  const m = value / power;
  return (m >= 5 ? 5 : m >= 2 ? 2 : 1) * power;
}

function niceAbove(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  const m = value / power;
  return (m <= 1 + 1e-9 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * power;
}

/** Values spread over more than `ratio`× read better on a log axis (one slow codec would flatten the rest). */
export function wantsLogScale(values: readonly number[], ratio = 10): boolean {
  const positive = values.filter((v) => Number.isFinite(v) && v > 0);
  if (positive.length < 2) return false;
  return Math.max(...positive) / Math.min(...positive) > ratio;
}

/** The tick unit for byte axes: ticks at round KiB or MiB. */
export function byteTickUnit(max: number): number {
  return max >= 2 * 1024 * 1024 ? 1024 * 1024 : max >= 2048 ? 1024 : 1;
}
