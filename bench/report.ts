import { runMain } from '../src/cli/main.js';
import { runReport } from '../src/cli/report.js';

runMain((argv) => runReport(argv), 'report');
