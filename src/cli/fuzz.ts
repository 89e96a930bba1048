import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { accountedFor, runFuzzCampaign, type CodecFuzzReport, type ExternalInput } from '../codecs/fuzz/campaign.js';
import { FUZZ_DEFAULTS, resolveFuzzOptions, type FuzzOptions } from '../codecs/fuzz/options.js';
import { FAILURE_KINDS } from '../codecs/fuzz/verdict.js';
import { createCodecRegistry } from '../codecs/registry.js';
import { createDatasetRegistry } from '../datasets/registry.js';
import { writeFileAtomic, writeJsonAtomic } from '../results/write.js';
import { checkNames, integerFlag, listFlag, parseFlags, stringFlag } from './args.js';
import { UsageError } from './errors.js';
import { INTERRUPTED_EXIT_CODE, onInterrupt } from './interrupt.js';
import { checkOutputs } from './output-paths.js';
import { createProgress } from './progress.js';

export const FUZZ_OUT_DIR = join('reports', 'fuzz');
export const FIXTURES_DIR = join('test', 'fixtures', 'parquet');

const flags = {
  codec: { type: 'string' },
  runs: { type: 'string' },
  seed: { type: 'string' },
  'max-seconds': { type: 'string' },
  timeout: { type: 'string' },
  fixtures: { type: 'string' },
  'out-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const FUZZ_HELP = `npm run fuzz -- [flags]   feed every codec's decoder hostile inputs in a sandboxed child process
  --codec a,b        codecs (default: all registered)
  --runs N           generated inputs per codec (default ${FUZZ_DEFAULTS.runs})
  --seed N           fast-check seed (default ${FUZZ_DEFAULTS.seed}); same seed, same inputs
  --max-seconds N    stop a codec's campaign after N seconds (default ${FUZZ_DEFAULTS.maxSecondsPerCodec})
  --timeout MS       deadline of one decode (default ${FUZZ_DEFAULTS.sandbox.timeoutMs})
  --fixtures DIR     Parquet files from other implementations, fed to every codec (default ${FIXTURES_DIR}; 'none' to skip)
  --out-dir DIR      summary.json and failing inputs (default ${FUZZ_OUT_DIR})
Exit 0 when no input made a decoder fail, 1 when one did, 2 on bad flags, 130 when interrupted.`;

export interface FuzzCommand {
  readonly options: FuzzOptions;
  readonly fixtures: string | undefined;
  readonly outDir: string;
  readonly help: boolean;
}

export function parseFuzzFlags(argv: readonly string[]): FuzzCommand {
  const parsed = parseFlags(argv, flags);
  const codecs = createCodecRegistry();
  const timeoutMs = integerFlag(parsed, 'timeout', { min: 10, max: 600_000 });
  const options = resolveFuzzOptions({
    codecs: checkNames('codec', listFlag(parsed, 'codec'), codecs.names()) ?? [],
    runs: integerFlag(parsed, 'runs', { min: 0, max: 10_000_000 }),
    seed: integerFlag(parsed, 'seed', { min: 0, max: 2 ** 31 - 1 }),
    maxSecondsPerCodec: integerFlag(parsed, 'max-seconds', { min: 1, max: 86_400 }),
    ...(timeoutMs === undefined ? {} : { sandbox: { timeoutMs } }),
  });
  const fixturesFlag = stringFlag(parsed, 'fixtures');
  if (fixturesFlag !== undefined && fixturesFlag !== 'none' && !existsSync(fixturesFlag)) throw new UsageError(`--fixtures: no such directory '${fixturesFlag}'`);
  const fixtures = fixturesFlag === 'none' ? undefined : (fixturesFlag ?? (existsSync(FIXTURES_DIR) ? FIXTURES_DIR : undefined));
  return { options, fixtures, outDir: stringFlag(parsed, 'out-dir') ?? FUZZ_OUT_DIR, help: parsed.values.help === true };
}

/** Parquet fixtures are named `<dataset>-<writer>-<variant>.parquet`; the dataset picks the schema to bind. */
export function loadExternalInputs(dir: string, datasets: readonly string[]): ExternalInput[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.parquet'))
    .sort()
    .flatMap((file) => {
      const dataset = file.split('-')[0] ?? '';
      return datasets.includes(dataset) ? [{ dataset, origin: file, bytes: new Uint8Array(readFileSync(join(dir, file))) }] : [];
    });
}

function pad(text: string | number, width: number): string {
  return String(text).padStart(width);
}

export function fuzzTable(reports: readonly CodecFuzzReport[]): string {
  const failureColumns = FAILURE_KINDS.filter((k) => reports.some((r) => r.failuresByKind[k] > 0));
  const header = `${'codec'.padEnd(18)}${pad('inputs', 8)}${pad('decoded', 9)}${pad('rejected', 10)}${pad('failed', 8)}${failureColumns.map((k) => pad(k, k.length + 2)).join('')}${pad('slowest ms', 12)}${pad('seconds', 9)}${pad('restarts', 10)}  stopped by`;
  const rows = reports.map(
    (r) =>
      `${r.codec.padEnd(18)}${pad(r.total.inputs, 8)}${pad(r.total.decoded, 9)}${pad(r.total.rejected, 10)}${pad(r.total.failed, 8)}${failureColumns.map((k) => pad(r.failuresByKind[k], k.length + 2)).join('')}${pad(r.slowestDecodeMs, 12)}${pad(r.seconds, 9)}${pad(r.workerRestarts, 10)}  ${r.stoppedBy}`,
  );
  return [header, ...rows].join('\n');
}

function failureLines(reports: readonly CodecFuzzReport[]): string[] {
  return reports.flatMap((r) => r.failures.map((f) => `  ${r.codec} ${f.failure}: ${f.what} [${f.kind} ${f.origin}: ${f.detail}; input #${f.index}]`));
}

/** Writes the summary (failing inputs' bytes go to files beside it, replayable with `npm run cli -- decode`). */
function writeOutputs(outDir: string, command: FuzzCommand, reports: readonly CodecFuzzReport[], interrupted: boolean): string {
  const summary = {
    schema: 'serbench.fuzz/v1',
    createdAt: new Date().toISOString(),
    complete: !interrupted && reports.every((r) => r.stoppedBy === 'count'),
    options: command.options,
    fixtures: command.fixtures ?? null,
    codecs: reports.map((r) => ({
      ...r,
      accountedFor: accountedFor(r.total),
      failures: r.failures.map(({ bytes, ...rest }, n) => {
        const file = join(outDir, 'failures', r.codec, `${rest.failure}-${n}.${rest.dataset}.bin`);
        writeFileAtomic(file, bytes);
        return { ...rest, file, bytes: bytes.length };
      }),
    })),
  };
  const path = join(outDir, 'summary.json');
  writeJsonAtomic(path, summary);
  return path;
}

/** `npm run fuzz`: the big hostile-input campaign over every registered codec. */
export async function runFuzzCommand(argv: readonly string[]): Promise<number> {
  const command = parseFuzzFlags(argv);
  if (command.help) {
    process.stdout.write(`${FUZZ_HELP}\n`);
    return 0;
  }
  checkOutputs([{ label: '--out-dir', path: command.outDir, kind: 'dir' }]);
  const codecs = createCodecRegistry();
  const datasets = createDatasetRegistry();
  const external = command.fixtures ? loadExternalInputs(command.fixtures, datasets.names()) : [];
  const progress = createProgress();
  const interrupt = onInterrupt((m) => progress.log(m));
  const started = Date.now();
  try {
    const reports = await runFuzzCampaign(command.options, {
      codecs,
      datasets,
      external,
      signal: interrupt.signal,
      onEvent(event) {
        if (event.type === 'codec') progress.update(`${event.codec}: building the corpus`);
        else progress.update(`${event.codec}: ${event.done}/${event.total} inputs`);
      },
    });
    progress.done();
    const summary = writeOutputs(command.outDir, command, reports, interrupt.signal.aborted);
    const failed = reports.reduce((sum, r) => sum + r.total.failed, 0);
    const inputs = reports.reduce((sum, r) => sum + r.total.inputs, 0);
    const lost = reports.filter((r) => !accountedFor(r.total)).map((r) => r.codec);
    process.stdout.write(`${fuzzTable(reports)}\n`);
    for (const line of failureLines(reports)) process.stdout.write(`${line}\n`);
    for (const r of reports) if (r.skipped.length > 0) process.stdout.write(`  ${r.codec} skipped ${r.skipped.map((s) => `${s.dataset} (${s.reason})`).join(', ')}\n`);
    process.stdout.write(
      `${inputs} hostile inputs (${external.length} external files per codec) over ${reports.length} codecs in ${((Date.now() - started) / 1000).toFixed(1)} s, seed ${command.options.seed}: ${failed} failures; ${lost.length === 0 ? 'every input accounted for' : `inputs unaccounted for in ${lost.join(', ')}`}\nsummary: ${summary}\n`,
    );
    if (interrupt.signal.aborted) return INTERRUPTED_EXIT_CODE;
    return failed > 0 || lost.length > 0 ? 1 : 0;
  } finally {
    interrupt.dispose();
  }
}
