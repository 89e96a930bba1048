import { availableParallelism } from 'node:os';
import { createPipelineRegistries } from '../pipeline/assemble.js';
import { BATCH_SIZES, NO_CODEC, PIPELINE_DEFAULTS } from '../pipeline/constants.js';
import { expandMatrix, fullMatrix, shardCases, type MatrixSelection } from '../pipeline/matrix.js';
import { caseSettings, matrixBlocks, resolvePipelineOptions, type PipelineSuiteOptions } from '../pipeline/options.js';
import { runPipelineSuite } from '../pipeline/suite.js';
import type { SourceKind } from '../pipeline/types.js';
import { createVariantRegistry } from '../pipeline/variants/registry.js';
import { createMeta } from '../results/env.js';
import { runComplete } from '../results/failure.js';
import { RESULT_SCHEMA, type CaseResult, type PipelineMetrics, type ResultFile } from '../results/types.js';
import { caseId, type CaseSpec } from '../pipeline/case.js';
import { datasetNameFor, type InputRequest } from '../inputs/resolve.js';
import { INPUT_FLAGS, INPUT_HELP, inputLines, inputRequests, loadRunInputs, type RunInputs } from './inputs.js';
import { isValidName, NAME_RULE } from '../pipeline/group/keys.js';
import { mergeResumed, resumableCases } from '../results/resume.js';
import { CODEC_OPS } from '../suite/options.js';
import { checkNames, integerFlag, integerListFlag, listFlag, parseFlags, parseSeconds, shardFlag, stringFlag, type ParsedFlags } from './args.js';
import { REPORTS_DIR, RESULTS_DIR } from './bench.js';
import { UsageError } from './errors.js';
import { benchExitCode, FAIL_ON_HELP, failOnFlag, runSummaryLine, type FailOn } from './exit-code.js';
import { onInterrupt } from './interrupt.js';
import { checkJsonOut, checkOutputs } from './output-paths.js';
import { finishPipelineRun, pipelineOutputTargets } from './pipeline-finish.js';
import { startPipelineServices, type PipelineServices } from './pipeline-services.js';
import { runPipelineRounds } from './pipeline-rounds.js';
import { createProgress } from './progress.js';

/** --workers accepts up to this many threads; more than the machine's cores share them (oversubscription is a valid experiment). */
const MAX_WORKERS = 64;
const SOURCES: readonly SourceKind[] = ['memory', 'generate'];
const FSYNC_POLICIES = ['none', 'batch'] as const;

const FLAGS = {
  scenario: { type: 'string' },
  op: { type: 'string' },
  dataset: { type: 'string' },
  codec: { type: 'string' },
  variant: { type: 'string' },
  batch: { type: 'string' },
  workers: { type: 'string' },
  consumers: { type: 'string' },
  sink: { type: 'string' },
  source: { type: 'string' },
  records: { type: 'string' },
  capacity: { type: 'string' },
  repetitions: { type: 'string' },
  'min-time': { type: 'string' },
  rounds: { type: 'string' },
  interleave: { type: 'boolean' },
  seed: { type: 'string' },
  'slow-rate': { type: 'string' },
  fsync: { type: 'string' },
  'redis-url': { type: 'string' },
  'redis-restart-at': { type: 'string' },
  'metrics-port': { type: 'string' },
  'kill-consumer-at': { type: 'string' },
  'claim-idle-ms': { type: 'string' },
  group: { type: 'string' },
  quick: { type: 'boolean' },
  full: { type: 'boolean' },
  out: { type: 'string' },
  resume: { type: 'string' },
  'reports-dir': { type: 'string' },
  shard: { type: 'string' },
  'fail-on': { type: 'string' },
  ...INPUT_FLAGS,
  help: { type: 'boolean', short: 'h' },
} as const;

/** `npm run bench:pipeline -- --help`: the registries' names and every default from PIPELINE_DEFAULTS. */
export function pipelineHelp(): string {
  const registries = createPipelineRegistries();
  const names = { scenarios: registries.scenarios.names(), datasets: registries.datasets.names(), codecs: registries.codecs.names(), variants: createVariantRegistry().names(), sinks: registries.sinks.names() };
  return `npm run bench:pipeline -- [flags]     (every list flag takes a,b,c; each replaces that dimension of the default matrix)
  --scenario a,b    ${names.scenarios.join(', ')}
  --op a,b          ${CODEC_OPS.join(', ')}: the codec suite's name for the scenarios of that name (give --op or --scenario)
  --variant a,b     ${names.variants.join(', ')}
  --dataset a,b     ${names.datasets.join(', ')}
  --codec a,b       ${names.codecs.join(', ')} (scenarios without a codec use '${NO_CODEC}')
  --batch N,M       records per batch, e.g. ${BATCH_SIZES.join(',')}
  --workers N,M     worker threads for the worker variants (1 to ${MAX_WORKERS}; this machine has ${availableParallelism()} cores, more threads share them)
  --consumers N,M   consumer processes for --variant group (default ${PIPELINE_DEFAULTS.group.consumers.join(',')})
  --sink NAME       ${names.sinks.join(' | ')} (default null)
  --source KIND     memory | generate, where the scenario supports it (encode: generate; passthrough: memory)
  --records N       records per run (default ${PIPELINE_DEFAULTS.records}; --quick ${PIPELINE_DEFAULTS.quick.records})
  --repetitions N   timed runs per case, each one a sample (default ${PIPELINE_DEFAULTS.repetitions}; --quick ${PIPELINE_DEFAULTS.quick.repetitions})
  --min-time S      repeat timed runs until they add up to S seconds (at least --repetitions of them; default 0)
  --rounds N        run the selection N times, each in a fresh process, and pool their samples (default 1)
  --interleave      prepare every case first, then alternate their timed runs, so that their ratios
                    hold on a machine whose speed drifts (all cases' threads and processes stay up)
  --capacity N      batches per channel and per worker queue (default: about ${PIPELINE_DEFAULTS.recordsInFlightPerChannel} records' worth)
  --slow-rate N     records a second the slow sink accepts (default ${PIPELINE_DEFAULTS.slowRecordsPerSec})
  --fsync POLICY    file sink: none (default) | batch (fdatasync after each batch)
  --redis-url URL   redis sink and group variant: redis://host:port of a server to use (default: start redis-server on loopback)
  --redis-restart-at N  redis sink and group fault drill: crash and restart the suite's redis-server after batch N of every run
  --kill-consumer-at N  group fault drill: SIGKILL a consumer once N batches of each timed run are committed (a new one replaces it)
  --claim-idle-ms MS    group: a batch pending this long with a consumer is claimed by another (default ${PIPELINE_DEFAULTS.group.claimIdleMs})
  --group NAME      group: use the consumers started with \`npm run consumer -- --group NAME\` (needs --redis-url) instead of starting them
  --metrics-port N  serve live metrics in the Prometheus text format on 127.0.0.1:N/metrics while running (0: any free port)
  --seed N          dataset seed (default ${PIPELINE_DEFAULTS.seed})
  --quick           a smoke run: fewer records and repetitions
  --full            every scenario, dataset, codec, variant, batch size ${BATCH_SIZES.join('/')} and worker count (hours)
  --shard I/N       run the I-th of N slices of the matrix
  --out FILE        result file (default results/pipeline-<time>.json and results/pipeline-latest.json)
  --resume FILE     keep the finished cases of an earlier (interrupted) result file, run the rest
  --reports-dir DIR where reports go (default ${REPORTS_DIR}/: pipeline.md and index.html)
${INPUT_HELP}
                    an input is the source: encode/etl with --source generate (the default) read it while timed
${FAIL_ON_HELP}
Exit 0 when every case ran, 1 when a case failed (threw, hung, ran out of memory), 2 on bad flags or output paths, 130 when interrupted.`;
}

export interface PipelineCommand {
  readonly options: PipelineSuiteOptions;
  readonly out?: string;
  readonly resume?: string;
  readonly reportsDir: string;
  /** Fresh processes the selection runs in, their samples pooled (--rounds). */
  readonly rounds: number;
  readonly help: boolean;
  readonly metricsPort?: number;
  readonly redisRestartAt?: number;
  readonly failOn: readonly FailOn[];
  /** The user's files (`--input`), resolved when the run starts (their records depend on the cases). */
  readonly inputs: readonly InputRequest[];
}

function secondsFlag(parsed: ParsedFlags, name: string): number | undefined {
  const value = stringFlag(parsed, name);
  return value === undefined ? undefined : parseSeconds(`--${name}`, value, { min: 0, max: 3600 });
}

/** Parses and checks the flags; every bad value is a UsageError naming the valid ones. */
export function parsePipelineFlags(argv: readonly string[]): PipelineCommand {
  const parsed = parseFlags(argv, FLAGS);
  const registries = createPipelineRegistries();
  const variants = createVariantRegistry();
  const inputs = inputRequests(parsed);
  const inputNames = inputs.map((request) => request.name ?? datasetNameFor(request.path));
  const scenarios = checkNames('scenario', listFlag(parsed, 'scenario'), registries.scenarios.names());
  const ops = checkNames('op', listFlag(parsed, 'op'), CODEC_OPS);
  if (scenarios && ops) throw new UsageError('--op names the encode and decode scenarios (the codec suite\'s spelling of --scenario); give --op or --scenario, not both');
  const selection: MatrixSelection = {
    ...optional('scenarios', scenarios ?? ops),
    // With --input, the user's datasets are the run's unless --dataset says otherwise.
    ...optional('datasets', checkNames('dataset', listFlag(parsed, 'dataset'), [...registries.datasets.names(), ...inputNames]) ?? (inputNames.length > 0 ? inputNames : undefined)),
    ...optional('codecs', checkNames('codec', listFlag(parsed, 'codec'), [...registries.codecs.names(), NO_CODEC])),
    ...optional('variants', checkNames('variant', listFlag(parsed, 'variant'), variants.names())),
    ...optional('batches', integerListFlag(parsed, 'batch', { min: 1, max: 1_000_000 })),
    ...optional('workers', integerListFlag(parsed, 'workers', { min: 1, max: MAX_WORKERS })),
    ...optional('consumers', integerListFlag(parsed, 'consumers', { min: 1, max: MAX_WORKERS })),
  };
  const sink = checkNames('sink', listFlag(parsed, 'sink'), registries.sinks.names());
  if (sink && sink.length > 1) throw new UsageError(`--sink takes one sink, got '${sink.join(',')}'`);
  const source = checkNames('source', listFlag(parsed, 'source'), SOURCES);
  if (source && source.length > 1) throw new UsageError(`--source takes one kind, got '${source.join(',')}'`);
  const out = stringFlag(parsed, 'out');
  checkJsonOut(out);
  const usesGroup = parsed.values.full === true || (selection.variants ?? []).includes('group');
  const services = parseServiceFlags(parsed, sink?.[0] ?? 'null', usesGroup);
  const group = parseGroupFlags(parsed, usesGroup, services.redisUrl);
  if (usesGroup && sink?.[0] === 'redis') {
    throw new UsageError('--variant group commits each batch to its ledger in the broker; its consumers write to --sink null, memory, file or slow (each process its own, like worker threads)');
  }
  const options = resolvePipelineOptions({
    selection,
    quick: parsed.values.quick === true,
    full: parsed.values.full === true,
    ...optional('records', integerFlag(parsed, 'records', { min: 1, max: 100_000_000 })),
    ...optional('repetitions', integerFlag(parsed, 'repetitions', { min: 1, max: 1000 })),
    ...optional('minTimeMs', secondsFlag(parsed, 'min-time')),
    interleave: parsed.values.interleave === true,
    ...optional('capacity', integerFlag(parsed, 'capacity', { min: 1, max: 10_000_000 })),
    ...optional('seed', integerFlag(parsed, 'seed', { min: 0, max: 2 ** 32 - 1 })),
    ...optional('slowRecordsPerSec', integerFlag(parsed, 'slow-rate', { min: 1, max: 1_000_000_000 })),
    ...optional('sink', sink?.[0]),
    ...optional('source', source?.[0] as SourceKind | undefined),
    ...optional('shard', shardFlag(parsed)),
    ...optional('fsync', services.fsync),
    ...optional('redisUrl', services.redisUrl),
    ...group,
  });
  const rounds = integerFlag(parsed, 'rounds', { min: 1, max: 100 }) ?? 1;
  const resume = stringFlag(parsed, 'resume');
  if (rounds > 1 && resume !== undefined) throw new UsageError('--rounds and --resume cannot be combined: resume a single-round run, or run the rounds again');
  return {
    options,
    ...(out ? { out } : {}),
    ...optional('resume', resume),
    rounds,
    reportsDir: stringFlag(parsed, 'reports-dir') ?? REPORTS_DIR,
    help: parsed.values.help === true,
    ...optional('metricsPort', services.metricsPort),
    ...optional('redisRestartAt', services.redisRestartAt),
    failOn: failOnFlag(parsed),
    inputs,
  };
}

/** The group variant's flags: each needs --variant group. */
function parseGroupFlags(parsed: ParsedFlags, usesGroup: boolean, redisUrl: string | undefined): { groupName?: string; claimIdleMs?: number; killConsumerAt?: number } {
  for (const flag of ['consumers', 'kill-consumer-at', 'claim-idle-ms', 'group']) {
    if (parsed.values[flag] !== undefined && !usesGroup) throw new UsageError(`--${flag} applies to --variant group`);
  }
  const groupName = stringFlag(parsed, 'group');
  if (groupName !== undefined) {
    if (!isValidName(groupName)) throw new UsageError(`--group must be a name of ${NAME_RULE}, got '${groupName}'`);
    if (redisUrl === undefined) throw new UsageError('--group needs --redis-url: consumers on other machines must reach the same server');
  }
  const killConsumerAt = integerFlag(parsed, 'kill-consumer-at', { min: 1, max: 100_000_000 });
  if (killConsumerAt !== undefined && groupName !== undefined) throw new UsageError('--kill-consumer-at needs consumers the suite starts itself (no --group: the drill kills and replaces one)');
  return {
    ...optional('groupName', groupName),
    ...optional('claimIdleMs', integerFlag(parsed, 'claim-idle-ms', { min: 10, max: 3_600_000 })),
    ...optional('killConsumerAt', killConsumerAt),
  };
}

/** A kill drill must fire inside every group case's run: before its last batch. */
function checkKillDrill(killAt: number | undefined, cases: readonly CaseSpec[]): void {
  if (killAt === undefined) return;
  for (const spec of cases) {
    if (spec.consumers === undefined) continue;
    const batches = Math.ceil(spec.records / spec.batchSize);
    if (killAt >= batches) {
      throw new UsageError(`--kill-consumer-at ${killAt} is past the run's batch count: ${caseId(spec)} has ${batches} batches per run (--records ÷ --batch); give a number below ${batches}`);
    }
  }
}

/** The sink and service flags, each checked against the sink it belongs to. */
function parseServiceFlags(parsed: ParsedFlags, sink: string, usesGroup: boolean): { fsync?: 'none' | 'batch'; redisUrl?: string; redisRestartAt?: number; metricsPort?: number } {
  const fsync = checkNames('fsync policy', listFlag(parsed, 'fsync'), FSYNC_POLICIES);
  if (fsync && (fsync.length > 1 || sink !== 'file')) throw new UsageError(`--fsync takes one policy (${FSYNC_POLICIES.join(' | ')}) and applies to --sink file`);
  const redisUrl = stringFlag(parsed, 'redis-url');
  if (redisUrl !== undefined) {
    if (sink !== 'redis' && !usesGroup) throw new UsageError('--redis-url applies to --sink redis and --variant group');
    if (!/^rediss?:\/\/[^/?#]+/.test(redisUrl)) throw new UsageError(`--redis-url must be redis://host:port (or rediss://), got '${redisUrl}'`);
  }
  const redisRestartAt = integerFlag(parsed, 'redis-restart-at', { min: 1, max: 100_000_000 });
  if (redisRestartAt !== undefined && ((sink !== 'redis' && !usesGroup) || redisUrl !== undefined)) {
    throw new UsageError('--redis-restart-at needs --sink redis or --variant group, and the suite\'s own redis-server (no --redis-url: the drill restarts the server)');
  }
  const metricsPort = integerFlag(parsed, 'metrics-port', { min: 0, max: 65_535 });
  return {
    ...optional('fsync', fsync?.[0] as 'none' | 'batch' | undefined),
    ...optional('redisUrl', redisUrl),
    ...optional('redisRestartAt', redisRestartAt),
    ...optional('metricsPort', metricsPort),
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

function caseLine(result: CaseResult, seconds: number): string {
  const p = result.pipeline;
  const took = `(${seconds.toFixed(1)} s)`;
  if (result.status !== 'ok' || !p) return `${result.id}: ${result.status}: ${result.status === 'ok' ? 'no figures' : result.error} ${took}`;
  const p99 = Number.isFinite(p.latencyMs.p99) ? `, p99 ${p.latencyMs.p99.toFixed(2)} ms` : '';
  return `${result.id}: ${(p.recordsPerSec / 1e6).toFixed(3)} M rec/s${p99}${sinkNote(p, result.records)}${groupNote(p)} ${took}`;
}

/** What the sink counted that matters at a glance: a broker's retries and memory, a file's fsync share. */
function sinkNote(p: PipelineMetrics, records: number): string {
  const figures = p.sinkMetrics as Readonly<Record<string, number>> | undefined;
  if (!figures) return '';
  const notes: string[] = [];
  if (figures.streamEntries !== undefined) {
    const runs = typeof p.repetitions === 'number' ? p.repetitions : 1;
    notes.push(`retries ${figures.retries ?? 0}`, `duplicates rejected ${figures.duplicatesRejected ?? 0}`);
    notes.push(`${((figures.serverMemoryBytes ?? 0) / (records * runs)).toFixed(0)} B/record in Redis`);
  }
  if (figures.fsyncs && typeof p.runMs === 'number') notes.push(`fsync ${(((figures.fsyncMs ?? 0) / p.runMs) * 100).toFixed(0)}% of run time`);
  return notes.length > 0 ? `, ${notes.join(', ')}` : '';
}

/** Resolves the inputs for the cases that use them (each read as far as its largest case needs) and says what was read. */
async function pipelineInputs(requests: readonly InputRequest[], cases: readonly CaseSpec[]): Promise<RunInputs | undefined> {
  if (requests.length === 0) return undefined;
  const names = requests.map((request) => request.name ?? datasetNameFor(request.path));
  const records = Math.max(1, ...cases.filter((c) => names.includes(c.dataset)).map((c) => c.records));
  const inputs = await loadRunInputs(requests, records);
  for (const line of inputLines(inputs, records)) process.stderr.write(`${line}\n`);
  return inputs;
}

/** The group variant at a glance: redeliveries, the kill drill's stall, dead letters. */
function groupNote(p: PipelineMetrics): string {
  const group = p.group as { redelivered?: number; deadLettered?: { batches?: number }; killDrill?: { stallMs?: number[] } } | undefined;
  if (!group) return '';
  const notes = [`redelivered ${group.redelivered ?? 0}`];
  const stalls = group.killDrill?.stallMs ?? [];
  if (stalls.length > 0) notes.push(`kill stall ${Math.round(Math.min(...stalls))}–${Math.round(Math.max(...stalls))} ms`);
  if (group.deadLettered?.batches) notes.push(`dead-lettered ${group.deadLettered.batches}`);
  return `, ${notes.join(', ')}`;
}

/** `npm run bench:pipeline`: runs the matrix, writes the result file and reports, prints the table. */
export async function runPipelineCommand(argv: readonly string[]): Promise<number> {
  const command = parsePipelineFlags(argv);
  if (command.help) {
    process.stdout.write(`${pipelineHelp()}\n`);
    return 0;
  }
  const registries = createPipelineRegistries();
  const variants = createVariantRegistry();
  const { options } = command;
  const expanded = shardCases(expandMatrix(matrixBlocks(options, () => fullMatrix(registries, variants)), options.selection, options.records, registries, variants), options.shard);
  const inputs = await pipelineInputs(command.inputs, expanded);
  // A user's file shorter than a case's records gives that case what it has.
  const planned = expanded
    .map((spec) => ({ ...spec, records: Math.min(spec.records, inputs?.datasets.get(spec.dataset).available ?? spec.records) }))
    .map((spec) => ({ spec, id: caseId(spec) }));
  if (planned.length === 0) {
    const group = variants.get('group');
    if (options.selection.variants?.includes('group') && group.scenarios && !options.selection.scenarios?.some((name) => group.scenarios?.includes(name))) {
      throw new UsageError(`--variant group moves encoded batches through Redis: give --scenario ${group.scenarios.join(' or ')}`);
    }
    throw new UsageError('these flags select no case (e.g. --codec none with a scenario that needs a codec)');
  }
  checkKillDrill(options.killConsumerAt, planned.map((p) => p.spec));
  checkOutputs(pipelineOutputTargets(command.out, command.reportsDir));
  if (command.rounds > 1) return runPipelineRounds({ rounds: command.rounds, argv, out: command.out, reportsDir: command.reportsDir, failOn: command.failOn });
  const resumed = command.resume ? resumableCases(command.resume, planned.map((p) => p.id)) : [];
  const resumedIds = new Set(resumed.map((c) => c.id));
  const specs = planned.filter((p) => !resumedIds.has(p.id)).map((p) => p.spec);
  if (command.resume) process.stderr.write(`resume: keeping ${resumed.length} finished case(s) of ${command.resume}, running ${specs.length}\n`);

  const progress = createProgress();
  const interrupt = onInterrupt((message) => progress.log(message));
  const started = Date.now();
  let caseStarted = started;
  let services: PipelineServices | undefined;
  try {
    services = await startPipelineServices({ ...command, needsBroker: planned.some((p) => p.spec.consumers !== undefined) }, (line) => progress.log(line));
    const live = services;
    const outcome = await runPipelineSuite(specs, { ...caseSettings(live.options), ...(inputs ? { inputs: inputs.specs } : {}) }, {
      signal: interrupt.signal,
      registries: inputs ? createPipelineRegistries(inputs.datasets) : registries,
      variants,
      interleave: options.interleave,
      onMeter: (meter, spec) => live.onMeter(meter, spec),
      log: (line) => progress.log(line),
      onCaseStart: (spec, position, total) => {
        live.onCaseStart(spec, total);
        caseStarted = Date.now();
        const parallel = spec.consumers !== undefined ? ` consumers ${spec.consumers}` : spec.workers > 0 ? ` workers ${spec.workers}` : '';
        progress.update(`[${position + 1}/${total}] ${spec.scenario} ${spec.dataset} ${spec.codec} ${spec.variant} batch ${spec.batchSize}${parallel}`);
      },
      onCaseEnd: (result) => {
        live.onCaseEnd(result);
        progress.log(caseLine(result, (Date.now() - caseStarted) / 1000));
      },
    });
    progress.done();
    const cases = mergeResumed(planned, resumed, outcome.cases.map((result) => live.annotate(result)));
    const complete = cases.length === planned.length && runComplete(cases, outcome.interrupted);
    const result: ResultFile = {
      schema: RESULT_SCHEMA,
      complete,
      meta: { ...createMeta({ command: 'bench:pipeline', ...options, ...live.meta, cases: planned.length, ...optional('resumedFrom', command.resume) }), ...(inputs ? { inputs: inputs.provenance } : {}) },
      cases,
    };
    finishPipelineRun(result, command.out, command.reportsDir);
    process.stdout.write(`${runSummaryLine(cases, (Date.now() - started) / 1000, complete)}\n`);
    return benchExitCode(cases, { interrupted: outcome.interrupted, failOn: command.failOn });
  } finally {
    await services?.close();
    interrupt.dispose();
  }
}
