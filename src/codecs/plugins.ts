import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Registry } from '../registry.js';
import type { Codec } from './types.js';

/** A codec module that could not be used; the message says which file and why. */
export class PluginError extends Error {
  override readonly name = 'PluginError';
}

function isCodec(value: unknown): value is Codec {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Codec>;
  return typeof candidate.name === 'string' && typeof candidate.create === 'function';
}

/**
 * A module compiled to CommonJS (as the instruction-count mode runs the project,
 * src/suite/instructions/compiled.ts) keeps its ES default export under
 * `module.exports.default`, flagged `__esModule`; import() of it gives that
 * whole object as the default.
 */
function esModuleDefault(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && (value as { __esModule?: unknown }).__esModule === true && 'default' in value) return (value as { default: unknown }).default;
  return value;
}

/**
 * Loads codecs from user modules (`--plugin ./my-codec.ts`): a module's default
 * export is a Codec or an array of them. This is how a user benchmarks a codec of
 * their own against the registered ones without editing serbench.
 */
export async function loadCodecPlugins(paths: readonly string[]): Promise<Codec[]> {
  const codecs: Codec[] = [];
  for (const path of paths) {
    let module: { default?: unknown };
    try {
      module = (await import(pathToFileURL(resolve(path)).href)) as { default?: unknown };
    } catch (error) {
      throw new PluginError(`--plugin ${path}: cannot load it: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
    const value = esModuleDefault(module.default);
    const exported = Array.isArray(value) ? (value as unknown[]) : [value];
    for (const item of exported) {
      if (!isCodec(item)) throw new PluginError(`--plugin ${path}: the default export must be a codec ({ name, description, int64, create }) or an array of codecs`);
      if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(item.name)) throw new PluginError(`--plugin ${path}: codec name '${item.name}' must be kebab-case`);
      codecs.push(item);
    }
  }
  return codecs;
}

export async function addCodecPlugins(registry: Registry<Codec>, paths: readonly string[]): Promise<Registry<Codec>> {
  for (const codec of await loadCodecPlugins(paths)) {
    if (registry.has(codec.name)) throw new PluginError(`--plugin: codec '${codec.name}' is already registered`);
    registry.add(codec);
  }
  return registry;
}
