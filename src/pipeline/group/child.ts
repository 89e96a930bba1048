import { describeThrown } from '../../codecs/types.js';
import { runGroupConsumer } from './consumer.js';

// The entry point of a consumer process started by the group variant (see fleet.ts):
// `node --import tsx child.ts '{"redisUrl":…,"session":…,"name":…}'`. It stops on
// SIGTERM or SIGINT, and when the suite that started it is gone (its IPC channel closes).

interface ChildOptions {
  readonly redisUrl: string;
  readonly session: string;
  readonly name: string;
}

const options = JSON.parse(process.argv[2] ?? '{}') as ChildOptions;
const controller = new AbortController();
const stop = (): void => controller.abort();
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('disconnect', stop);

runGroupConsumer({ ...options, signal: controller.signal }).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`consumer ${options.name}: ${describeThrown(error)}\n`);
    process.exit(1);
  },
);
