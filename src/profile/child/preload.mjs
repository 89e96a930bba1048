// The --import entry of profiled children. Worker threads inherit the flag, but on
// Node 20 tsx's hooks are not active yet for a worker's --import modules, so a
// worker registers tsx's loader itself first; the main thread already has it.
import { isMainThread } from 'node:worker_threads';

if (!isMainThread) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import('./preload.ts');
