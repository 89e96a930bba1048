import { runMain } from '../src/cli/main.js';
import { runProfileCommand } from '../src/cli/profile.js';

runMain(runProfileCommand, 'profile');
