/**
 * Child entry for one codec case: `node --import tsx [--import preload.ts]
 * codec-case.ts --dataset D --codec C --op O --records N --seed S --duration-ms MS`.
 * Prepares the case exactly as the codec suite does (prepareCodec, fidelity gate
 * first), warms it up, then calls it back to back for the duration. The profilers
 * watch from outside (0x, clinic) or through the preload (cpu, heap), whose
 * window opens after the warm-up. The parent validated the flags; a bad one here
 * is a one-line error and exit 2.
 */
import { parseArgs } from 'node:util';
import { createCodecRegistry } from '../../codecs/registry.js';
import { createDatasetRegistry } from '../../datasets/registry.js';
import { generate, type Dataset } from '../../datasets/types.js';
import { openInputDataset } from '../../inputs/dataset.js';
import type { InputSpec } from '../../inputs/types.js';
import { INPUT_SPEC_ENV } from './env.js';
import { memcpyBody, prepareCodec } from '../../suite/case-body.js';
import type { CaseBody } from '../../suite/measure.js';
import { CODEC_OPS, MEMCPY, type CodecOp } from '../../suite/options.js';
import { PROFILE_DEFAULTS } from '../options.js';
import { openMeasuredWindow, stopCaptures } from './capture.js';
import { consumed, loopFor } from './loop.js';

export interface CodecChildArgs {
  readonly dataset: string;
  readonly codec: string;
  readonly op: CodecOp;
  readonly records: number;
  readonly seed: number;
  readonly durationMs: number;
  readonly warmupMs: number;
}

class ChildUsageError extends Error {}

function parseChildArgs(argv: readonly string[]): CodecChildArgs {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      dataset: { type: 'string' },
      codec: { type: 'string' },
      op: { type: 'string' },
      records: { type: 'string' },
      seed: { type: 'string' },
      'duration-ms': { type: 'string' },
      'warmup-ms': { type: 'string' },
    },
  });
  const { dataset, codec, op } = values;
  if (!dataset || !codec || !op) throw new ChildUsageError('--dataset, --codec and --op are required');
  if (!(CODEC_OPS as readonly string[]).includes(op)) throw new ChildUsageError(`unknown op '${op}'; valid: ${CODEC_OPS.join(', ')}`);
  const whole = (name: string, text: string | undefined, fallback: number): number => {
    if (text === undefined) return fallback;
    const number = Number(text);
    if (!Number.isSafeInteger(number) || number < 0) throw new ChildUsageError(`--${name} must be a whole number, got '${text}'`);
    return number;
  };
  return {
    dataset,
    codec,
    op: op as CodecOp,
    records: whole('records', values.records, PROFILE_DEFAULTS.records),
    seed: whole('seed', values.seed, PROFILE_DEFAULTS.seed),
    durationMs: whole('duration-ms', values['duration-ms'], PROFILE_DEFAULTS.durationMs),
    warmupMs: whole('warmup-ms', values['warmup-ms'], PROFILE_DEFAULTS.warmupMs),
  };
}

/** The user's file of the case, when the parent resolved one (env INPUT_SPEC_ENV). */
async function inputDatasets(records: number): Promise<Dataset[]> {
  const spec = process.env[INPUT_SPEC_ENV];
  return spec ? [await openInputDataset(JSON.parse(spec) as InputSpec, records)] : [];
}

async function caseBody(args: CodecChildArgs): Promise<CaseBody> {
  const dataset = createDatasetRegistry(await inputDatasets(args.records)).get(args.dataset);
  const records = generate(dataset, args.records, args.seed);
  // The same baseline as the codec suite: copying a buffer the size of the JSON payload.
  if (args.codec === MEMCPY) return memcpyBody(Buffer.byteLength(JSON.stringify(records)));
  const prepared = await prepareCodec(createCodecRegistry().get(args.codec), dataset.schema, records, { userData: dataset.provenance !== undefined });
  if (!prepared.ok) throw new Error(`${args.codec} cannot run on ${args.dataset}: ${prepared.error}`);
  return prepared.body(args.op);
}

async function main(argv: readonly string[]): Promise<void> {
  const args = parseChildArgs(argv);
  const body = await caseBody(args);
  await loopFor(body, args.warmupMs);
  openMeasuredWindow();
  const report = await loopFor(body, args.durationMs);
  stopCaptures();
  process.stdout.write(`${JSON.stringify({ type: 'codec-run', ...report, resultKept: consumed() !== undefined })}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`profile child: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = error instanceof ChildUsageError || (error instanceof Error && error.name === 'UnknownNameError') ? 2 : 1;
});
