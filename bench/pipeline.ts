import { runPipelineCommand } from '../src/cli/pipeline.js';
import { runMain } from '../src/cli/main.js';

runMain(runPipelineCommand, 'bench:pipeline');
