import type { Comparison } from './types.js';

/** The comparison as JSON (`serbench.compare/v1`): the plain data, every figure from samples. */
export function formatJson(comparison: Comparison): string {
  return `${JSON.stringify(comparison, null, 2)}\n`;
}
