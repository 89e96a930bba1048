import { runCalibrate } from '../src/cli/calibrate.js';
import { runMain } from '../src/cli/main.js';

runMain(runCalibrate, 'calibrate');
