import { runFuzzCommand } from '../src/cli/fuzz.js';
import { runMain } from '../src/cli/main.js';

runMain(runFuzzCommand, 'fuzz');
