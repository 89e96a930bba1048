import { compressedCodecNames, createCompressorRegistry } from '../codecs/compression.js';
import { addCodecPlugins } from '../codecs/plugins.js';
import { createCodecRegistry } from '../codecs/registry.js';
import { createDatasetRegistry } from '../datasets/registry.js';
import { generate, type Dataset } from '../datasets/types.js';
import type { Codec } from '../codecs/types.js';
import { fieldFidelity, type DatasetFieldFidelity } from '../fidelity/fields.js';
import type { Registry } from '../registry.js';
import type { CodecCasePlan } from '../suite/matrix.js';
import { INPUT_FLAGS, INPUT_HELP, inputLines, inputRequests, loadRunInputs, type RunInputs } from './inputs.js';
import { probeCodecs } from '../fidelity/probes.js';
import { writeCodecReports } from '../report/write-codec-reports.js';
import { codecTerminalReport } from '../report/terminal.js';
import { createMeta } from '../results/env.js';
import { RESULT_SCHEMA, type ResultFile } from '../results/types.js';
import { writeResultFiles } from '../results/write.js';
import { planSuite } from '../suite/codec-suite.js';
import { ALL_CODECS, CODEC_OPS, CODEC_SUITE_DEFAULTS, DEFAULT_SUITE_CODECS, MEMCPY, resolveCodecSuiteOptions, selectSuiteCodecs, SUPERVISOR_DEFAULTS, type CodecOp, type CodecSuiteOptions } from '../suite/options.js';
import { runSupervisedSuite } from '../suite/supervisor.js';
import { mergeResumed, resumableCases } from '../results/resume.js';
import { checkNames, integerFlag, listFlag, parseFlags, shardFlag, stringFlag } from './args.js';
import { UsageError } from './errors.js';
import { INTERRUPTED_EXIT_CODE, onInterrupt } from './interrupt.js';
import { createProgress } from './progress.js';

export const RESULTS_DIR = 'results';
export const REPORTS_DIR = 'reports';

const flags = {
  dataset: { type: 'string' },
  codec: { type: 'string' },
  op: { type: 'string' },
  records: { type: 'string' },
  seed: { type: 'string' },
  time: { type: 'string' },
  rounds: { type: 'string' },
  out: { type: 'string' },
  'reports-dir': { type: 'string' },
  quick: { type: 'boolean' },
  shard: { type: 'string' },
  'no-fidelity': { type: 'boolean' },
  resume: { type: 'string' },
  'case-timeout': { type: 'string' },
  'heap-limit': { type: 'string' },
  plugin: { type: 'string' },
  compression: { type: 'string' },
  ...INPUT_FLAGS,
  help: { type: 'boolean', short: 'h' },
} as const;

const HELP = `npm run bench -- [flags]
  --dataset a,b     datasets (default: all)
  --codec a,b       codecs, memcpy, or all (default: ${DEFAULT_SUITE_CODECS.join(', ')}; all with --quick)
  --compression a,b also measure each codec compressed with these (${createCompressorRegistry().names().join(', ')})
  --op encode,decode                                  --records N   records per batch (default 1000)
  --rounds N        interleaved rounds per case (default 3)
  --time MS         measuring time per case (default 2400)   --quick   tiny time budget (smoke run)
  --seed N          dataset seed (default 42)        --shard I/N   run the I-th of N slices of the matrix
  --out FILE        result file (default results/codec-<time>.json and results/latest.json)
  --reports-dir DIR where reports go (default reports/)   --no-fidelity   skip the fidelity probes
  --resume FILE     keep the finished cases of an earlier (interrupted) result file, run the rest
  --case-timeout S  a case silent this long is killed and recorded as failed (default 180)
  --heap-limit MB   heap limit of the measuring process (default 4096)
  --plugin FILE,..  also load codecs from these modules (default export: a codec or an array of codecs)
${INPUT_HELP}`;

interface BenchCommand {
  readonly options: CodecSuiteOptions;
  readonly out?: string;
  readonly resume?: string;
  readonly reportsDir: string;
  readonly fidelity: boolean;
  readonly caseTimeoutMs: number;
  readonly heapLimitMb: number;
  readonly help: boolean;
  readonly plugins: readonly string[];
  /** The user's files (`--input`), resolved; undefined without --input. */
  readonly inputs?: RunInputs;
}

export async function parseBenchFlags(argv: readonly string[]): Promise<BenchCommand> {
  const parsed = parseFlags(argv, flags);
  const plugins = listFlag(parsed, 'plugin') ?? [];
  const requests = inputRequests(parsed);
  const codecs = await addCodecPlugins(createCodecRegistry(), plugins);
  const ops = checkNames('op', listFlag(parsed, 'op'), CODEC_OPS) as CodecOp[] | undefined;
  const quick = parsed.values.quick === true;
  const pluginCodecs = codecs.names().filter((name) => !createCodecRegistry().has(name));
  const selected = selectSuiteCodecs(checkNames('codec', listFlag(parsed, 'codec'), [...codecs.names(), ALL_CODECS, MEMCPY]), codecs.names(), quick, pluginCodecs);
  const compression = checkNames('compressor', listFlag(parsed, 'compression'), createCompressorRegistry().names()) ?? [];
  const clash = compressedCodecNames(codecs, selected, compression).find((name) => codecs.has(name));
  if (clash) throw new UsageError(`--compression: the compressed codec '${clash}' would have the name of a registered codec`);
  const records = integerFlag(parsed, 'records', { min: 1, max: 10_000_000 });
  const inputs = requests.length > 0 && parsed.values.help !== true ? await loadRunInputs(requests, records ?? CODEC_SUITE_DEFAULTS.records) : undefined;
  const datasets = inputs?.datasets ?? createDatasetRegistry();
  const options = resolveCodecSuiteOptions({
    // With --input, the user's datasets are the run unless --dataset says otherwise.
    datasets: checkNames('dataset', listFlag(parsed, 'dataset'), datasets.names()) ?? [...(inputs?.names ?? [])],
    codecs: selected,
    compression,
    ...(ops ? { ops } : {}),
    records,
    seed: integerFlag(parsed, 'seed', { min: 0, max: 2 ** 32 - 1 }),
    timeMs: integerFlag(parsed, 'time', { min: 1, max: 600_000 }),
    rounds: integerFlag(parsed, 'rounds', { min: 1, max: 100 }),
    quick,
    shard: shardFlag(parsed),
  } as Partial<CodecSuiteOptions>);
  const out = stringFlag(parsed, 'out');
  if (out !== undefined && !out.endsWith('.json')) throw new UsageError(`--out must name a .json file, got '${out}'`);
  const resume = stringFlag(parsed, 'resume');
  return {
    options,
    ...(out ? { out } : {}),
    ...(resume ? { resume } : {}),
    reportsDir: stringFlag(parsed, 'reports-dir') ?? REPORTS_DIR,
    fidelity: parsed.values['no-fidelity'] !== true,
    caseTimeoutMs: (integerFlag(parsed, 'case-timeout', { min: 1, max: 86_400 }) ?? SUPERVISOR_DEFAULTS.caseTimeoutMs / 1000) * 1000,
    heapLimitMb: integerFlag(parsed, 'heap-limit', { min: 64, max: 1_048_576 }) ?? SUPERVISOR_DEFAULTS.heapLimitMb,
    help: parsed.values.help === true,
    plugins,
    ...(inputs ? { inputs } : {}),
  };
}


/** Per input dataset of the run: what each codec does with each field of the very batch the cases timed. */
async function inputFieldFidelity(plans: readonly CodecCasePlan[], datasets: Registry<Dataset>, codecs: readonly Codec[], seed: number): Promise<DatasetFieldFidelity[]> {
  const tables: DatasetFieldFidelity[] = [];
  for (const name of new Set(plans.map((p) => p.dataset))) {
    const dataset = datasets.get(name);
    if (!dataset.provenance || codecs.length === 0) continue;
    const records = plans.find((p) => p.dataset === name)?.records ?? 0;
    tables.push(await fieldFidelity(codecs, dataset, generate(dataset, records, seed)));
  }
  return tables;
}

/** `npm run bench`: the codec suite, its result file, reports and terminal table. */
export async function runBenchCommand(argv: readonly string[]): Promise<number> {
  const command = await parseBenchFlags(argv);
  const { options, out, reportsDir, fidelity } = command;
  if (command.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const datasets = command.inputs?.datasets ?? createDatasetRegistry();
  const codecs = await addCodecPlugins(createCodecRegistry(), command.plugins);
  const plans = planSuite(options, datasets, codecs);
  if (command.inputs) for (const line of inputLines(command.inputs, options.records)) process.stderr.write(`${line}\n`);
  const resumed = command.resume ? resumableCases(command.resume, plans.map((p) => p.id)) : [];
  const resumedIds = new Set(resumed.map((c) => c.id));
  if (command.resume) process.stderr.write(`resume: keeping ${resumed.length} finished case(s) of ${command.resume}, running ${plans.length - resumed.length}\n`);
  const progress = createProgress();
  const interrupt = onInterrupt((m) => progress.log(m));
  const started = Date.now();
  try {
    const outcome = await runSupervisedSuite(
      plans.filter((p) => !resumedIds.has(p.id)),
      options,
      {
        caseTimeoutMs: command.caseTimeoutMs,
        heapLimitMb: command.heapLimitMb,
        signal: interrupt.signal,
        plugins: command.plugins,
        inputs: command.inputs?.specs ?? [],
        onEvent(event) {
          if (event.type === 'prepare') progress.update(`preparing ${event.dataset}: generating records, fidelity gate, sizes`);
          else if (event.type === 'case-start') {
            const round = event.rounds > 1 ? ` (round ${event.round}/${event.rounds})` : '';
            const [, dataset, codec, op] = event.id.split('/');
            progress.update(`[${event.index + 1}/${event.total}]${round} ${dataset} ${codec} ${op}`);
          } else if (event.type === 'case-failed') progress.log(`${event.id}: ${event.error}`);
        },
      },
    );
    progress.done();
    const cases = mergeResumed(plans, resumed, outcome.cases);
    const complete = !outcome.interrupted && cases.every((c) => c.status === 'ok');
    const selectedCodecs = codecs.select(options.codecs.filter((c) => c !== MEMCPY));
    const probed = fidelity && !outcome.interrupted && selectedCodecs.length > 0 ? await probeCodecs(selectedCodecs) : undefined;
    const fieldTables = fidelity && !outcome.interrupted ? await inputFieldFidelity(plans, datasets, selectedCodecs, options.seed) : [];
    const meta = createMeta({ ...options, command: 'bench', ...(command.resume ? { resumedFrom: command.resume } : {}) });
    const result: ResultFile = {
      schema: RESULT_SCHEMA,
      complete,
      meta: command.inputs ? { ...meta, inputs: command.inputs.provenance } : meta,
      cases,
      ...(probed ? { fidelity: probed } : {}),
      ...(fieldTables.length > 0 ? { fieldFidelity: fieldTables } : {}),
    };
    const written = writeResultFiles(result, { out, dir: RESULTS_DIR, prefix: 'codec', latest: 'latest.json' });
    const reports = writeCodecReports(result, reportsDir);
    process.stdout.write(`${codecTerminalReport(result)}\n\n`);
    process.stdout.write(`result: ${written.join(', ')}\nreports: ${reports.join(', ')}\n`);
    process.stdout.write(`${cases.length} cases in ${((Date.now() - started) / 1000).toFixed(1)} s${complete ? '' : ' (incomplete)'}\n`);
    if (outcome.interrupted) return INTERRUPTED_EXIT_CODE;
    return 0;
  } finally {
    interrupt.dispose();
  }
}
