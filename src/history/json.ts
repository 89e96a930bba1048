import type { History } from './types.js';

/** The history as JSON (`serbench.history/v1`): the plain data, every figure from the files' samples. */
export function formatHistoryJson(history: History): string {
  return `${JSON.stringify(history, null, 2)}\n`;
}
