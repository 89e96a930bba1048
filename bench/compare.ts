import { runCompare } from '../src/cli/compare.js';
import { runMain } from '../src/cli/main.js';

runMain(runCompare, 'compare');
