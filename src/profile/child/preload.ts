/**
 * Loaded (through preload.mjs) with `--import` into every child the cpu and heap engines start (and
 * into its worker threads, which inherit the flag): starts what the environment
 * asks for. See env.ts.
 */
import { fileURLToPath } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import { PROFILE_DEFAULTS } from '../options.js';
import { onMeasuredWindow, startCaptures } from './capture.js';
import { readChildConfig } from './env.js';
import { watchHeapPeak } from './peak-snapshot.js';
import { dumpSourceMapsAtExit } from './source-maps.js';

const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const config = readChildConfig(process.env);
startCaptures(config);
if (config.sourceMapsDir) dumpSourceMapsAtExit(config.sourceMapsDir, PROJECT_ROOT);
if (config.snapshotPath && isMainThread) {
  const snapshotPath = config.snapshotPath;
  let watching = false;
  const begin = (): void => {
    if (watching) return;
    watching = true;
    watchHeapPeak(snapshotPath);
  };
  // A codec case opens its measured window itself; a command we do not own is
  // watched once its start-up is likely over.
  if (config.window === 'measured') onMeasuredWindow(begin);
  else setTimeout(begin, Math.min(1000, (config.durationMs ?? PROFILE_DEFAULTS.durationMs) * 0.2)).unref();
  // A process that ends before watching began still leaves a snapshot, taken at exit.
  process.once('exit', () => {
    if (watching) return;
    watching = true;
    const stop = watchHeapPeak(snapshotPath);
    stop();
  });
}
