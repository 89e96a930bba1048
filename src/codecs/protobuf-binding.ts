import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProtobufBinding } from '../datasets/schema.js';
import { bindingHash } from './proto-schema.js';
import { protobuf, type BatchType } from './protobuf-runtime.js';

/**
 * Protobuf code for a dataset's own .proto (a user's, or one derived from an input's
 * schema), made at run time and kept in a cache keyed by the .proto's hash:
 * - static: protobufjs static code from pbjs (the same generator and flags as
 *   scripts/gen-proto.mjs, plus --keep-case so field names stay the data's own),
 *   generated once per .proto and loaded with require. It stays the static-code path;
 *   nothing falls back to reflection.
 * - reflection: the .proto parsed by protobufjs at run time.
 * - descriptors for protobuf-es: `buf build` writes a FileDescriptorSet.
 */
const require = createRequire(import.meta.url);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const PROTO_CACHE_DIR = join(ROOT, 'node_modules', '.cache', 'serbench', 'protobuf');

function cacheDir(binding: ProtobufBinding): string {
  const dir = join(PROTO_CACHE_DIR, bindingHash(binding));
  const file = join(dir, 'schema.proto');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeAtomically(file, binding.source);
  }
  return dir;
}

function writeAtomically(path: string, content: string | Uint8Array): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}

function lookup(root: unknown, typeName: string): unknown {
  let node: unknown = root;
  for (const part of typeName.split('.')) node = node === undefined || node === null ? undefined : (node as Record<string, unknown>)[part];
  return node;
}

const staticTypes = new Map<string, BatchType>();

/** The static-code batch class; `generated` says whether pbjs ran now (false: from the cache). */
export function staticBatchType(binding: ProtobufBinding): { type: BatchType; file: string; generated: boolean } {
  const hash = bindingHash(binding);
  const dir = cacheDir(binding);
  const file = join(dir, 'static.cjs');
  let generated = false;
  if (!existsSync(file)) {
    const pbjs = require.resolve('protobufjs-cli/bin/pbjs');
    const rootName = `serbench_${hash}`;
    execFileSync(
      process.execPath,
      [pbjs, '-t', 'static-module', '-w', 'commonjs', '-r', rootName, '--force-number', '--keep-case', '--no-verify', '--no-delimited', '--no-convert', '--no-beautify', '-o', `${file}.${process.pid}.tmp`, join(dir, 'schema.proto')],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    renameSync(`${file}.${process.pid}.tmp`, file);
    generated = true;
  }
  let type = staticTypes.get(hash);
  if (!type) {
    type = lookup(require(file), binding.batchType) as BatchType | undefined;
    if (!type) throw new Error(`no message ${binding.batchType} in the generated static code`);
    staticTypes.set(hash, type);
  }
  return { type, file, generated };
}

const reflectedRoots = new Map<string, protobuf.Root>();

/** The .proto parsed by protobufjs reflection (field names kept as written). */
export function reflectedRoot(binding: ProtobufBinding): protobuf.Root {
  const hash = bindingHash(binding);
  let root = reflectedRoots.get(hash);
  if (!root) {
    root = new protobuf.Root().loadSync(join(cacheDir(binding), 'schema.proto'), { keepCase: true });
    root.resolveAll();
    reflectedRoots.set(hash, root);
  }
  return root;
}

export function reflectedBatchType(binding: ProtobufBinding): protobuf.Type {
  const type = reflectedRoot(binding).lookup(binding.batchType);
  if (!(type instanceof protobuf.Type)) throw new Error(`no message ${binding.batchType} in the .proto`);
  return type;
}

/** A FileDescriptorSet of the .proto (google/protobuf imports included), built by buf once per .proto. */
export function descriptorSet(binding: ProtobufBinding): Uint8Array {
  const dir = cacheDir(binding);
  const file = join(dir, 'descriptors.binpb');
  if (!existsSync(file)) {
    const buf = require.resolve('@bufbuild/buf/bin/buf');
    execFileSync(process.execPath, [buf, 'build', dir, '--as-file-descriptor-set', '-o', `${file}.${process.pid}.binpb`], { stdio: ['ignore', 'ignore', 'pipe'] });
    renameSync(`${file}.${process.pid}.binpb`, file);
  }
  return new Uint8Array(readFileSync(file));
}
