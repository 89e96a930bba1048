import { runConsumerCommand } from '../src/cli/consumer.js';
import { runMain } from '../src/cli/main.js';

runMain(runConsumerCommand, 'consumer');
