import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { transform } from 'esbuild';

/**
 * The project compiled to plain JavaScript, for the processes that count
 * instructions. Under tsx, Node 20 runs the module loader's hooks on a thread
 * of their own, whose allocations interleave with the main thread's differently
 * on every run; V8 then places its heap at other addresses, and address-keyed
 * caches (the descriptor lookup cache, the megamorphic stub cache) hit and miss
 * differently: JSON-encoding `orders` counted 36.51 M instructions in one
 * process and 36.26 M in another. Compiled ahead, the measuring process has no
 * loader thread, and starts in a fraction of the instructions.
 *
 * Each `.ts` file becomes a `.js` file at the same place in a mirror of the
 * repository (imports already name `.js` files); other files under the compiled
 * folders, `node_modules` and `proto` are linked, so paths relative to a module
 * resolve as they do in the repository.
 */
export interface CompiledProject {
  readonly dir: string;
  /** Where a source file of the repository (or a plugin outside it) is, compiled. */
  locate(path: string): string;
}

/**
 * Node runs the compiled project as CommonJS: `require` reads each module
 * synchronously, in the same order every time, where the ES module loader
 * fetches them on the thread pool and allocates as the reads complete. Packages
 * that are ES modules only are loaded by require() too (Node 20.17+).
 */
export const COMPILED_NODE_FLAGS: readonly string[] = ['--experimental-require-module', '--disable-warning=ExperimentalWarning'];

/** Folders of the repository whose modules a measuring process may load. */
const COMPILED_FOLDERS = ['src', 'test/fixtures'];
const LINKED = ['node_modules', 'proto'];
const IMPORT_META_URL = '__serbenchImportMetaUrl';
const SKIPPED = new Set(['node_modules', '.git', 'results', 'reports']);

function* filesUnder(dir: string): Generator<string> {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (SKIPPED.has(entry.name) || entry.name.endsWith('.test.ts')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

async function compileFile(source: string, target: string): Promise<void> {
  mkdirSync(dirname(target), { recursive: true });
  if (extname(source) !== '.ts' || source.endsWith('.d.ts')) {
    if (!source.endsWith('.d.ts')) symlinkSync(source, target);
    return;
  }
  const { code } = await transform(readFileSync(source, 'utf8'), {
    loader: 'ts',
    format: 'cjs',
    target: 'node20',
    sourcefile: source,
    define: { 'import.meta.url': IMPORT_META_URL },
    banner: `const ${IMPORT_META_URL} = require('node:url').pathToFileURL(__filename).href;`,
  });
  writeFileSync(target.replace(/\.ts$/, '.js'), code);
}

/** Compiles the repository at `root` (and plugin modules given by path) into a temporary mirror. */
export async function compileProject(root: string, plugins: readonly string[] = []): Promise<CompiledProject> {
  const dir = mkdtempSync(join(tmpdir(), 'serbench-compiled-'));
  const jobs: Promise<void>[] = [];
  for (const folder of COMPILED_FOLDERS) {
    for (const file of filesUnder(join(root, folder))) jobs.push(compileFile(file, join(dir, relative(root, file))));
  }
  for (const name of LINKED) {
    try {
      statSync(join(root, name));
      symlinkSync(join(root, name), join(dir, name));
    } catch {
      // Not there (no proto files in a stripped checkout): nothing to link.
    }
  }
  writeFileSync(join(dir, 'package.json'), '{ "type": "commonjs" }\n');
  const mirror = (path: string): string => {
    const absolute = resolve(path);
    const inside = relative(root, absolute);
    return inside.startsWith('..') || isAbsolute(inside) ? join(dir, 'external', relative('/', absolute)) : join(dir, inside);
  };
  const compiled = (path: string): boolean => COMPILED_FOLDERS.some((folder) => !relative(join(root, folder), resolve(path)).startsWith('..'));
  // A plugin outside the compiled folders is compiled on its own; its imports of other .ts files must be .js paths that exist.
  for (const plugin of plugins) if (!compiled(plugin)) jobs.push(compileFile(resolve(plugin), mirror(plugin)));
  await Promise.all(jobs);
  return { dir, locate: (path) => mirror(path).replace(/\.ts$/, '.js') };
}
