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
import { DEFAULT_REPORTS_DIR } from '../report/html/write.js';
import { codecReportFiles, writeCodecReports } from '../report/write-codec-reports.js';
import { codecTerminalReport } from '../report/terminal.js';
import { createMeta } from '../results/env.js';
import { runComplete } from '../results/failure.js';
import { RESULT_SCHEMA, type ResultFile } from '../results/types.js';
import { planSuite } from '../suite/codec-suite.js';
import {
  ALL_CODECS,
  CODEC_OPS,
  CODEC_SUITE_DEFAULTS,
  DEFAULT_SUITE_CODECS,
  MEASURES,
  MEMCPY,
  QUICK_OVERRIDES,
  resolveCodecSuiteOptions,
  selectSuiteCodecs,
  SUPERVISOR_DEFAULTS,
  type CodecOp,
  type CodecSuiteOptions,
  type Measure,
} from '../suite/options.js';
import type { SuiteEvent } from '../suite/events.js';
import { valgrindVersion, VALGRIND_MISSING } from '../suite/instructions/valgrind.js';
import { runSupervisedSuite } from '../suite/supervisor.js';
import { mergeResumed, resumableCases } from '../results/resume.js';
import { checkNames, integerFlag, listFlag, parseFlags, percentFlag, shardFlag, stringFlag } from './args.js';
import { UsageError } from './errors.js';
import { benchExitCode, FAIL_ON_HELP, failOnFlag, type FailOn, runSummaryLine } from './exit-code.js';
import { onInterrupt } from './interrupt.js';
import { checkJsonOut, checkOutputs } from './output-paths.js';
import { createProgress } from './progress.js';
import { reportTargets, resultTargets, saveReports, saveResult, type ResultTarget } from './run-outputs.js';

export const RESULTS_DIR = 'results';
export const REPORTS_DIR = DEFAULT_REPORTS_DIR;

const flags = {
  dataset: { type: 'string' },
  codec: { type: 'string' },
  op: { type: 'string' },
  records: { type: 'string' },
  seed: { type: 'string' },
  time: { type: 'string' },
  rounds: { type: 'string' },
  'max-rounds': { type: 'string' },
  budget: { type: 'string' },
  precision: { type: 'string' },
  measure: { type: 'string' },
  jobs: { type: 'string' },
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
  'fail-on': { type: 'string' },
  ...INPUT_FLAGS,
  help: { type: 'boolean', short: 'h' },
} as const;

/** `npm run bench -- --help`: every default from CODEC_SUITE_DEFAULTS, QUICK_OVERRIDES and SUPERVISOR_DEFAULTS. */
export function benchHelp(): string {
  const d = CODEC_SUITE_DEFAULTS;
  const q = QUICK_OVERRIDES;
  return `npm run bench -- [flags]
  --dataset a,b     datasets (default: all)
  --codec a,b       codecs, memcpy, or all (default: ${DEFAULT_SUITE_CODECS.join(', ')}; all with --quick)
  --compression a,b also measure each codec compressed with these (${createCompressorRegistry().names().join(', ')})
  --op a,b          ${CODEC_OPS.join(', ')} (default: both)
  --records N       records per batch (default ${d.records})
  --measure M       ${MEASURES.join(' or ')}: wall clock (default), or instructions counted under Valgrind (repeatable on a noisy machine)
  --rounds N        rounds per case, each in a fresh process (default ${d.rounds}; --quick ${q.rounds})
  --max-rounds N    add rounds, up to N in all, for groups not yet within --precision (default ${d.maxRounds})
  --budget S        add those rounds only while the run stays within S seconds (default ${d.budgetS}; 0: no limit)
  --precision PCT   target run-to-run interval of every relative figure (default ${d.precision * 100}%; 0: off)
  --time MS         measuring time per case, split across its rounds (default ${d.timeMs}; --quick ${q.timeMs});
                    each round warms up first for ${d.warmupMs} ms (--quick ${q.warmupMs})
  --jobs N          --measure instructions: Valgrind processes at once (default: one per core)
  --quick           a smoke run: every codec, a tiny time budget; its figures are too noisy to compare
  --seed N          dataset seed (default ${d.seed})
  --shard I/N       run the I-th of N slices of the matrix
  --out FILE        result file (default ${RESULTS_DIR}/codec-<time>.json and ${RESULTS_DIR}/latest.json)
  --reports-dir DIR where reports go (default ${REPORTS_DIR}/)
  --no-fidelity     skip the fidelity probes
  --resume FILE     keep the finished cases of an earlier (interrupted) result file, run the rest
  --case-timeout S  a case silent this long is killed and recorded as failed (default ${SUPERVISOR_DEFAULTS.caseTimeoutMs / 1000})
  --heap-limit MB   heap limit of the measuring process (default ${SUPERVISOR_DEFAULTS.heapLimitMb})
  --plugin FILE,..  also load codecs from these modules (default export: a codec or an array of codecs)
${FAIL_ON_HELP}
${INPUT_HELP}
Exit 0 when every case was measured (or refused by the fidelity gate), 1 when a case failed to run
(threw, crashed, hung, ran out of memory), 2 on bad flags or output paths, 130 when interrupted.`;
}

/** One progress line: which case of how many (and in which round), and what it is doing. */
function describeProgress(event: Extract<SuiteEvent, { type: 'case-start' | 'slices' }>): string {
  if (event.type === 'slices') return `[round ${event.round}] ${event.ids.length} case(s) in alternating slices (up to ${(event.budgetMs / 1000).toFixed(0)} s)`;
  const [, dataset, codec, op] = event.id.split('/');
  return `[${event.index + 1}/${event.total}] ${dataset} ${codec} ${op}: ${event.stage === 'warm-up' ? 'warming up' : 'counting instructions under Valgrind'} (round ${event.round})`;
}

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
  readonly jobs: number | undefined;
  readonly failOn: readonly FailOn[];
  /** The user's files (`--input`), resolved; undefined without --input. */
  readonly inputs?: RunInputs;
}

/** `--measure`: one of MEASURES; `instructions` needs Valgrind, checked before anything runs. */
function measureFlag(value: string | undefined): Measure | undefined {
  if (value === undefined) return undefined;
  if (!(MEASURES as readonly string[]).includes(value)) throw new UsageError(`unknown --measure '${value}'; valid: ${MEASURES.join(', ')}`);
  if (value === 'instructions' && valgrindVersion() === null) throw new UsageError(VALGRIND_MISSING);
  return value as Measure;
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
    maxRounds: integerFlag(parsed, 'max-rounds', { min: 1, max: 100 }),
    budgetS: integerFlag(parsed, 'budget', { min: 0, max: 86_400 }),
    precision: percentFlag(parsed, 'precision', { min: 0, max: 100 }),
    measure: measureFlag(stringFlag(parsed, 'measure')),
    quick,
    shard: shardFlag(parsed),
  } as Partial<CodecSuiteOptions>);
  const out = stringFlag(parsed, 'out');
  checkJsonOut(out);
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
    jobs: integerFlag(parsed, 'jobs', { min: 1, max: 64 }),
    failOn: failOnFlag(parsed),
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
    process.stdout.write(`${benchHelp()}\n`);
    return 0;
  }
  const resultTarget: ResultTarget = { out, dir: RESULTS_DIR, prefix: 'codec', latest: 'latest.json' };
  checkOutputs([...resultTargets(resultTarget), ...reportTargets(reportsDir, codecReportFiles())]);
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
        ...(command.jobs ? { jobs: command.jobs } : {}),
        inputs: command.inputs?.specs ?? [],
        onEvent(event) {
          if (event.type === 'prepare') progress.update(`preparing ${event.dataset}: generating records, fidelity gate, sizes`);
          else if (event.type === 'case-start' || event.type === 'slices') progress.update(describeProgress(event));
          else if (event.type === 'case-failed') progress.log(`${event.id}: ${event.error}`);
        },
      },
    );
    progress.done();
    const cases = mergeResumed(plans, resumed, outcome.cases);
    const complete = runComplete(cases, outcome.interrupted);
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
    const written = saveResult(result, resultTarget);
    const reports = saveReports(reportsDir, written[0] as string, () => writeCodecReports(result, reportsDir));
    process.stdout.write(`${codecTerminalReport(result)}\n\n`);
    process.stdout.write(`result: ${written.join(', ')}\nreports: ${reports.join(', ')}\n`);
    process.stdout.write(`${runSummaryLine(cases, (Date.now() - started) / 1000, complete)}\n`);
    return benchExitCode(cases, { interrupted: outcome.interrupted, failOn: command.failOn });
  } finally {
    interrupt.dispose();
  }
}
