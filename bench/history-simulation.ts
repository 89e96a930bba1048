import { runHistorySimulation } from '../src/cli/history-simulation.js';
import { runMain } from '../src/cli/main.js';

runMain(runHistorySimulation, 'history:simulate');
