/**
 * The measuring side of the codec suite, run in a child process by the
 * supervisor: a case that hangs, crashes or exhausts the heap takes this process
 * down, not the run. Talks to the parent over IPC only.
 */
import { addCodecPlugins } from '../codecs/plugins.js';
import { createCodecRegistry } from '../codecs/registry.js';
import { createDatasetRegistry } from '../datasets/registry.js';
import { openInputDatasets } from '../inputs/dataset.js';
import type { InputSpec } from '../inputs/types.js';
import { planSuite, runCodecSuite } from './codec-suite.js';
import type { SuiteEvent } from './events.js';
import type { CodecSuiteOptions } from './options.js';

export type ParentMessage =
  | {
      readonly type: 'run';
      readonly options: CodecSuiteOptions;
      readonly caseIds: readonly string[];
      readonly round: number;
      readonly roundId: string;
      readonly roundsDone: Readonly<Record<string, number>>;
      readonly withSizes: boolean;
      readonly prepareOnly: boolean;
      readonly plugins: readonly string[];
      readonly inputs: readonly InputSpec[];
    }
  | { readonly type: 'abort' };

const controller = new AbortController();
const abort = (): void => controller.abort(new Error('interrupted'));
// Ctrl-C reaches the whole process group: the child stops its case and reports, like on the parent's 'abort'.
process.on('SIGINT', abort);
process.on('SIGTERM', abort);

function send(event: SuiteEvent): void {
  process.send?.(event);
}

type GcFunction = (options?: { readonly type: 'major' | 'minor' }) => void;

async function run(message: Extract<ParentMessage, { type: 'run' }>): Promise<void> {
  const datasets = createDatasetRegistry(await openInputDatasets(message.inputs, message.options.records));
  const codecs = await addCodecPlugins(createCodecRegistry(), message.plugins);
  const wanted = new Set(message.caseIds);
  const plans = planSuite(message.options, datasets, codecs).filter((p) => wanted.has(p.id));
  const gc = (globalThis as { gc?: GcFunction }).gc;
  await runCodecSuite(
    plans,
    message.options,
    {
      datasets,
      codecs,
      emit: send,
      signal: controller.signal,
      prepareOnly: message.prepareOnly,
      ...(gc ? { collectGarbage: () => gc(), collectYoungGarbage: () => gc({ type: 'minor' }) } : {}),
    },
    { round: message.round, roundId: message.roundId, roundsDone: message.roundsDone, withSizes: message.withSizes },
  );
}

process.on('message', (message: ParentMessage) => {
  if (message.type === 'abort') return abort();
  run(message).then(
    () => process.disconnect?.(),
    (error: unknown) => {
      process.stderr.write(`codec suite child: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
      process.disconnect?.();
    },
  );
});
