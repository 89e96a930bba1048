// Worker entry: a worker_threads Worker cannot be given a .ts file under tsx on
// Node 20, so this registers tsx's loader in the worker and then imports the real one.
import { register } from 'tsx/esm/api';

register();
await import(new URL('./worker.ts', import.meta.url).href);
