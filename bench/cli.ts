import { runCodecFileCommand } from '../src/cli/codec-file.js';
import { runMain } from '../src/cli/main.js';

runMain(runCodecFileCommand, 'cli');
