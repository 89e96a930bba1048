import { runBenchCommand } from '../src/cli/bench.js';
import { runMain } from '../src/cli/main.js';

runMain(runBenchCommand, 'bench');
