import { runMain } from '../src/cli/main.js';
import { runMerge } from '../src/cli/merge.js';

runMain((argv) => runMerge(argv), 'merge');
