import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors.js';

export type FlagSpec = NonNullable<ParseArgsConfig['options']>;

export interface ParsedFlags {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
}

/**
 * `--records -5` reads to parseArgs as a flag with no value followed by an unknown
 * option ("argument is ambiguous"); joined as `--records=-5`, the value reaches the
 * flag's own check, which says what is valid.
 */
function joinNegativeValues(argv: readonly string[], options: FlagSpec): string[] {
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const next = argv[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      joined.push(`${arg}=${next}`);
      i++;
    } else joined.push(arg);
  }
  return joined;
}

/** node:util parseArgs with errors turned into one-line UsageErrors that list the valid flags. */
export function parseFlags(argv: readonly string[], options: FlagSpec, allowPositionals = false): ParsedFlags {
  try {
    const { values, positionals } = parseArgs({ args: joinNegativeValues(argv, options), options, allowPositionals, strict: true });
    return { values: values as ParsedFlags['values'], positionals };
  } catch (error) {
    const valid = Object.keys(options)
      .map((flag) => `--${flag}`)
      .join(', ');
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UsageError(`${message?.replace(/\. To specify.*$/, '')}; valid flags: ${valid}`);
  }
}

export function stringFlag(flags: ParsedFlags, name: string): string | undefined {
  const value = flags.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** A comma-separated list flag (`--codec json,protobuf`); undefined when absent. */
export function listFlag(flags: ParsedFlags, name: string): string[] | undefined {
  const value = stringFlag(flags, name);
  if (value === undefined) return undefined;
  const items = value.split(',').map((item) => item.trim());
  if (items.every((item) => item === '')) throw new UsageError(`--${name} needs at least one value`);
  // `--dataset log,` is more likely a name left out than a stray comma: say so rather than guess.
  if (items.includes('')) throw new UsageError(`--${name} '${value}' has an empty name; separate names with single commas (e.g. --${name} a,b)`);
  return items;
}

/** Checks each name against a list of valid ones: `unknown codec 'x'; valid: a, b`. */
export function checkNames(kind: string, names: readonly string[] | undefined, valid: readonly string[]): string[] | undefined {
  if (!names) return undefined;
  for (const name of names) {
    if (!valid.includes(name)) throw new UsageError(`unknown ${kind} '${name}'; valid: ${valid.join(', ')}`);
  }
  return [...names];
}

export function integerFlag(flags: ParsedFlags, name: string, range: { min: number; max: number }): number | undefined {
  const value = stringFlag(flags, name);
  if (value === undefined) return undefined;
  return parseInteger(`--${name}`, value, range);
}

export function integerListFlag(flags: ParsedFlags, name: string, range: { min: number; max: number }): number[] | undefined {
  return listFlag(flags, name)?.map((item) => parseInteger(`--${name}`, item, range));
}

export function parseInteger(label: string, value: string, range: { min: number; max: number }): number {
  const trimmed = value.replace(/_/g, '');
  const number = /^\d+$/.test(trimmed) ? Number(trimmed) : /^\d+(\.\d+)?e\d+$/i.test(trimmed) ? Number(trimmed) : NaN;
  if (!Number.isSafeInteger(number) || number < range.min || number > range.max) {
    const valid = range.min === 1 ? `a positive integer (at most ${range.max})` : `a whole number from ${range.min} to ${range.max}`;
    throw new UsageError(`${label} must be ${valid}, got '${value}'`);
  }
  return number;
}

/** Seconds (decimals allowed) from a flag, in milliseconds; a UsageError names the flag and the range. */
export function parseSeconds(label: string, value: string, range: { min: number; max: number }): number {
  const seconds = /^\d*\.?\d+$/.test(value) ? Number(value) : NaN;
  if (!(seconds >= range.min && seconds <= range.max)) throw new UsageError(`${label} must be a number of seconds from ${range.min} to ${range.max}, got '${value}'`);
  return Math.round(seconds * 1000);
}

/** `--shard I/N`: this process runs the I-th (1-based) of N deterministic slices of the case matrix. */
export function shardFlag(flags: ParsedFlags): { index: number; count: number } | undefined {
  const value = stringFlag(flags, 'shard');
  if (value === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) throw new UsageError(`--shard must be I/N with 1 <= I <= N (e.g. 1/4), got '${value}'`);
  return { index, count };
}

/** A percentage from a flag (`1`, `1%`, `0.5%`) as a fraction (0.01); a UsageError names the flag and the range. */
export function percentFlag(flags: ParsedFlags, name: string, range: { min: number; max: number }): number | undefined {
  const value = stringFlag(flags, name);
  if (value === undefined) return undefined;
  const percent = /^\d*\.?\d+%?$/.test(value) ? Number(value.replace('%', '')) : NaN;
  if (!(percent >= range.min && percent <= range.max)) throw new UsageError(`--${name} must be a percentage from ${range.min} to ${range.max} (e.g. 1 or 1%), got '${value}'`);
  return percent / 100;
}
