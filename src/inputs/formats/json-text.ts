import { InputError, type RawRecord } from '../types.js';

/** A JSON parse failure in words that never quote the text (V8's messages do). */
export function jsonProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const position = /position (\d+)/.exec(message)?.[1];
  if (/Unexpected end/.test(message)) return 'not valid JSON (it ends too early)';
  return position === undefined ? 'not valid JSON' : `not valid JSON (at character ${Number(position) + 1})`;
}

function kind(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Parses one record's JSON text; `where` is "line 17" or "element 3". */
export function parseRecordJson(text: string, file: string, where: string): RawRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file} ${where}: ${jsonProblem(error)}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new InputError(`${file} ${where}: expected a JSON object (one record), got ${kind(value)}`);
  return value as RawRecord;
}
