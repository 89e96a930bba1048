import { runHistory } from '../src/cli/history.js';
import { runMain } from '../src/cli/main.js';

runMain(runHistory, 'history');
