import { isRefusedByGate } from '../results/failure.js';
import { caseFigure, relativeFigure, runEstimateWords, type Figure } from '../results/figures.js';
import type { CaseResult } from '../results/types.js';
import { formatDuration } from './format.js';

/** A case's figure, or null when it has no measurement. */
export function figureOf(c: CaseResult | undefined): Figure | null {
  return c?.status === 'ok' && c.samples.length > 0 ? caseFigure(c) : null;
}

/** The figure's value (NaN without one): a time per batch in ns, or instructions per batch. */
export function figureValue(c: CaseResult | undefined): number {
  return figureOf(c)?.value ?? Number.NaN;
}

/** Instructions in readable units (`12.9 M instr`). */
export function formatInstructions(count: number): string {
  if (!Number.isFinite(count)) return '–';
  if (count >= 1e9) return `${(count / 1e9).toFixed(2)} G instr`;
  if (count >= 1e6) return `${(count / 1e6).toFixed(count >= 1e7 ? 1 : 2)} M instr`;
  if (count >= 1e3) return `${(count / 1e3).toFixed(1)} k instr`;
  return `${count.toFixed(0)} instr`;
}

/** A value in the case's unit. */
export function formatMeasure(value: number, unit: string): string {
  return unit === 'instructions' ? formatInstructions(value) : formatDuration(value);
}

/**
 * `±1.2%`: the half-width of the figure's 95% interval. Run-to-run when the
 * figure comes from several runs; marked `*` when it is only the spread within
 * one run (which understates what a second run would show).
 */
export function formatSpread(figure: Figure | null): string {
  if (!figure?.interval) return '';
  const percent = Math.expm1(figure.interval.halfWidth) * 100;
  return `±${percent < 10 ? percent.toFixed(1) : percent.toFixed(0)}%${figure.basis === 'samples' ? '*' : ''}`;
}

/** The time (or count) cell of a case: figure and interval, or why there is none. */
export function measureCell(c: CaseResult | undefined): string {
  if (!c) return '';
  if (c.status !== 'ok') return isRefusedByGate(c) ? 'refused' : c.status;
  const figure = figureOf(c);
  if (!figure) return '–';
  const spread = formatSpread(figure);
  return `${formatMeasure(figure.value, c.unit)}${spread ? ` ${spread}` : ''}`;
}

/** The case with the lowest figure among `cases` (the best of a column), if any was measured. */
export function bestCase(cases: readonly (CaseResult | undefined)[]): CaseResult | undefined {
  let best: CaseResult | undefined;
  for (const c of cases) if (c && Number.isFinite(figureValue(c)) && figureValue(c) > 0 && (!best || figureValue(c) < figureValue(best))) best = c;
  return best;
}

/** True when the interval of `item` relative to `best` includes 1: the two cannot be told apart. */
export function tiedWith(item: CaseResult, best: CaseResult): boolean {
  if (item === best) return true;
  const relative = relativeFigure(item, best);
  return relative.interval !== null && relative.interval.lower <= 1;
}

/**
 * A case relative to the best of its column: `1.00×` for the best, `≈1.02×`
 * when its interval includes the best (a tie: not ranked), else `1.34× ±0.9%`.
 */
export function relativeCell(item: CaseResult | undefined, best: CaseResult | undefined): string {
  if (!item || !best || item.status !== 'ok' || !Number.isFinite(figureValue(item))) return '–';
  if (item === best) return '1.00×';
  const relative = relativeFigure(item, best);
  if (relative.interval !== null && relative.interval.lower <= 1) return `≈${relative.value.toFixed(2)}×`;
  const spread = formatSpread(relative);
  return `${relative.value.toFixed(2)}×${spread ? ` ${spread}` : ''}`;
}

/** What the per-batch figures are, in one line. */
export function figureLegend(unit: string): string {
  return unit === 'instructions'
    ? `instructions per batch under Valgrind (${runEstimateWords(unit)})`
    : `time per batch (${runEstimateWords(unit)} of each process, geometric mean over processes) ± 95% run-to-run interval`;
}
