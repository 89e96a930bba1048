import os from 'node:os';
import { runGroupConsumer } from '../pipeline/group/consumer.js';
import { isValidName, NAME_RULE } from '../pipeline/group/keys.js';
import { SessionInUseError } from '../pipeline/group/session.js';
import { parseFlags, stringFlag } from './args.js';
import { CommandFailure, UsageError } from './errors.js';
import { redactUrl } from './pipeline-services.js';

// `npm run consumer`: one consumer process of the group variant, for running consumers
// on other machines against one Redis. It serves the runs of a suite started with
// `npm run bench:pipeline -- --variant group --group NAME --redis-url URL` until stopped.

const FLAGS = {
  'redis-url': { type: 'string' },
  group: { type: 'string' },
  name: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const HELP = `npm run consumer -- --redis-url URL --group NAME [--name NAME]
  --redis-url URL   redis://host:port (or rediss://) of the server the suite uses
  --group NAME      the suite's --group name (${NAME_RULE})
  --name NAME       this consumer's name in the group (default <host>-<pid>)
Start the consumers, then the suite with the same --redis-url and --group; each case uses the
first --consumers of them to join. Stop a consumer with Ctrl-C or SIGTERM (exit 0).`;

export interface ConsumerCommand {
  readonly redisUrl: string;
  readonly group: string;
  readonly name: string;
  readonly help: boolean;
}

export function parseConsumerFlags(argv: readonly string[]): ConsumerCommand {
  const parsed = parseFlags(argv, FLAGS);
  const help = parsed.values.help === true;
  const redisUrl = stringFlag(parsed, 'redis-url');
  const group = stringFlag(parsed, 'group');
  const name = stringFlag(parsed, 'name') ?? `${os.hostname().replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 40) || 'host'}-${process.pid}`;
  if (help) return { redisUrl: redisUrl ?? '', group: group ?? '', name, help };
  if (redisUrl === undefined || !/^rediss?:\/\/[^/?#]+/.test(redisUrl)) throw new UsageError(`--redis-url must be redis://host:port (or rediss://), got '${redisUrl ?? ''}'`);
  if (group === undefined || !isValidName(group)) throw new UsageError(`--group must be a name of ${NAME_RULE}, got '${group ?? ''}'`);
  if (!isValidName(name)) throw new UsageError(`--name must be a name of ${NAME_RULE}, got '${name}'`);
  return { redisUrl, group, name, help };
}

export async function runConsumerCommand(argv: readonly string[]): Promise<number> {
  const command = parseConsumerFlags(argv);
  if (command.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const controller = new AbortController();
  const stop = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write(`consumer ${command.name}: ${signal}: leaving group '${command.group}'\n`);
    controller.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    await runGroupConsumer({
      redisUrl: command.redisUrl,
      session: command.group,
      name: command.name,
      signal: controller.signal,
      log: (line) => process.stderr.write(`${line}\n`),
    });
    return 0;
  } catch (error) {
    if (error instanceof SessionInUseError) throw new UsageError(error.message);
    if (error instanceof Error && /cannot connect to/.test(error.message)) throw new CommandFailure(error.message.replace(command.redisUrl, redactUrl(command.redisUrl)));
    throw error;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
