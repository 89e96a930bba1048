import { runCompareSimulation } from '../src/cli/compare-simulation.js';
import { runMain } from '../src/cli/main.js';

runMain(runCompareSimulation, 'compare:simulate');
