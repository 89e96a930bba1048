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
    const exported = Array.isArray(module.default) ? (module.default as unknown[]) : [module.default];
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
