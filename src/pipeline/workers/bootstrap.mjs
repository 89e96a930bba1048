// Worker threads cannot load a .ts entry under tsx on Node 20: register tsx's loader
// in this thread first, then import the TypeScript entry point.
import { register } from 'tsx/esm/api';

register();
await import('./worker-main.ts');
