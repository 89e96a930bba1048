import { join, resolve } from 'node:path';
import { createCodecRegistry } from '../codecs/registry.js';
import { createDatasetRegistry } from '../datasets/registry.js';
import { createEngineRegistry } from '../profile/engines/registry.js';
import { writeIndex } from '../profile/index-page.js';
import { PROFILE_DEFAULTS, resolveProfileOptions, TOOL_NAMES, type ProfileOptions, type ToolName } from '../profile/options.js';
import { PIPELINE_FLAG_NAMES, PIPELINE_PROFILE_DEFAULTS, PipelineSelectionError, planPipelineTargets, type PipelineSelection } from '../profile/pipeline-targets.js';
import { detectTools, planTools, profileCase } from '../profile/run-case.js';
import { pprofBaseCommand } from '../profile/pprof-commands.js';
import { defaultDiffDir, DIFF_PPROF_FILES, DiffInputError, runDiff } from '../profile/run-diff.js';
import type { ProfileTarget } from '../profile/target.js';
import { codecCaseId, planCodecCases } from '../suite/matrix.js';
import { datasetNameFor, type InputRequest } from '../inputs/resolve.js';
import { INPUT_FLAGS, INPUT_HELP, inputLines, inputRequests, loadRunInputs } from './inputs.js';
import { CODEC_OPS, MEMCPY, type CodecOp } from '../suite/options.js';
import { checkNames, integerFlag, listFlag, parseFlags, parseSeconds, stringFlag, type FlagSpec, type ParsedFlags } from './args.js';
import { UsageError } from './errors.js';
import { checkOutputs } from './output-paths.js';
import { INTERRUPTED_EXIT_CODE, onInterrupt } from './interrupt.js';
import { createProgress } from './progress.js';

function pipelineDefaultsLine(): string {
  const { block, sink, records } = PIPELINE_PROFILE_DEFAULTS;
  return `--scenario ${block.scenarios.join()} --dataset ${block.datasets.join()} --codec ${block.codecs.join()} --variant ${block.variants.join()} --batch ${block.batches.join()} --workers ${block.workers.join()} --sink ${sink} --records ${records}`;
}

export const PROFILE_USAGE = `usage: npm run profile -- <selector> [flags]
       npm run profile -- --diff <base-case-dir> <head-case-dir> [--out DIR]

Profiles each selected case in its own child process and writes, per case,
<out>/<case-id with / replaced by __>/: CPU profiles, a heap snapshot at peak and a
sampling heap profile, the same CPU and heap profiles in pprof format (cpu.pb.gz,
heap.pb.gz: go tool pprof -http=: FILE), a 0x flame graph, clinic reports and
summary.md; then <out>/index.html. Nothing is selected by default (every case would take long):
give at least one of the selector flags.

Codec cases (the codec suite's case bodies):
  --dataset a,b     datasets (default: all)        --codec a,b   codecs or memcpy (default: all codecs)
  --op encode,decode (default: both)               --records N   records per batch (default ${PROFILE_DEFAULTS.records})
  --seed N          dataset seed (default ${PROFILE_DEFAULTS.seed})
${INPUT_HELP}
Pipeline cases (any of these flags selects the pipeline suite; each case runs bench/pipeline.ts for one configuration):
  --variant a,b  --scenario a,b  --batch N,M  --workers N,M  --sink NAME  (with --dataset, --codec, --records)
  a dimension not given takes one value: ${pipelineDefaultsLine()}
Profiling:
  --duration S      seconds each tool samples a case (default ${PROFILE_DEFAULTS.durationMs / 1000}); a pipeline case repeats its timed runs at least this long (--min-time)
  --tools a,b       ${TOOL_NAMES.join(', ')} (default: all; 0x renders the cpu profiles, so it brings cpu)
  --out DIR         profiles directory (default ${PROFILE_DEFAULTS.outDir})
  --diff A B        compare the CPU profiles of two case directories: writes <out>/diffs/<name>/diff.html, diff.md
                    and pprof pairs base.cpu.pb.gz, head.cpu.pb.gz (go tool pprof -normalize -base BASE HEAD)
  --help            this text

Exit 0: every selected tool ran or was reported unavailable; 1: a tool failed; 2: usage; 130: interrupted.
`;

const FLAGS = {
  dataset: { type: 'string' },
  codec: { type: 'string' },
  op: { type: 'string' },
  records: { type: 'string' },
  seed: { type: 'string' },
  variant: { type: 'string' },
  scenario: { type: 'string' },
  batch: { type: 'string' },
  workers: { type: 'string' },
  sink: { type: 'string' },
  duration: { type: 'string' },
  tools: { type: 'string' },
  out: { type: 'string' },
  diff: { type: 'boolean' },
  ...INPUT_FLAGS,
  help: { type: 'boolean', short: 'h' },
} satisfies FlagSpec;

const SELECTOR_FLAGS = ['dataset', 'codec', 'op', 'records', 'input', ...PIPELINE_FLAG_NAMES] as const;

export type ProfileCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'diff'; readonly base: string; readonly head: string; readonly outDir: string }
  | { readonly kind: 'profile'; readonly targets: readonly ProfileTarget[]; readonly options: ProfileOptions; readonly inputs: readonly InputRequest[] };

export function parseDuration(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  return parseSeconds('--duration', value, { min: 0.1, max: 600 });
}

function codecTargets(parsed: ParsedFlags, seed: number, inputNames: readonly string[]): ProfileTarget[] {
  const datasets = createDatasetRegistry();
  const codecs = createCodecRegistry();
  const datasetNames = checkNames('dataset', listFlag(parsed, 'dataset'), [...datasets.names(), ...inputNames]) ?? (inputNames.length > 0 ? [...inputNames] : datasets.names());
  const codecNames = checkNames('codec', listFlag(parsed, 'codec'), [...codecs.names(), MEMCPY]) ?? codecs.names();
  const ops = (checkNames('op', listFlag(parsed, 'op'), CODEC_OPS) as CodecOp[] | undefined) ?? [...CODEC_OPS];
  const records = integerFlag(parsed, 'records', { min: 1, max: 10_000_000 }) ?? PROFILE_DEFAULTS.records;
  return planCodecCases(datasetNames, codecNames, ops, records, MEMCPY).map((plan) => ({ kind: 'codec', id: plan.id, dataset: plan.dataset, codec: plan.codec, op: plan.op, records: plan.records, seed }));
}

/** The flags that bring the inputs into a pipeline command the profiler runs. */
function inputArgs(requests: readonly InputRequest[]): string[] {
  return requests.flatMap((r) => {
    const name = r.name ?? datasetNameFor(r.path);
    return ['--input', `${r.path}=${name}`, ...(r.schemaFile ? ['--schema', `${name}=${r.schemaFile}`] : []), ...(r.message ? ['--message', `${name}=${r.message}`] : [])];
  });
}

function pipelineTargets(parsed: ParsedFlags, seed: number, inputs: readonly InputRequest[]): ProfileTarget[] {
  if (parsed.values.op !== undefined) throw new UsageError('--op applies to codec cases only; pipeline cases take --scenario');
  const selection: PipelineSelection = {
    datasets: listFlag(parsed, 'dataset'),
    codecs: listFlag(parsed, 'codec'),
    variants: listFlag(parsed, 'variant'),
    scenarios: listFlag(parsed, 'scenario'),
    batches: listFlag(parsed, 'batch'),
    workers: listFlag(parsed, 'workers'),
    sink: stringFlag(parsed, 'sink'),
    records: stringFlag(parsed, 'records'),
    seed,
    ...(inputs.length > 0 ? { inputs: { names: inputs.map((r) => r.name ?? datasetNameFor(r.path)), args: inputArgs(inputs) } } : {}),
  };
  try {
    return planPipelineTargets(selection);
  } catch (error) {
    if (error instanceof PipelineSelectionError) throw new UsageError(error.message);
    throw error;
  }
}

export function parseProfileArgs(argv: readonly string[]): ProfileCommand {
  const parsed = parseFlags(argv, FLAGS, true);
  if (parsed.values.help === true) return { kind: 'help' };
  const outDir = stringFlag(parsed, 'out') ?? PROFILE_DEFAULTS.outDir;
  if (parsed.values.diff === true) {
    const selectors = SELECTOR_FLAGS.filter((flag) => parsed.values[flag] !== undefined);
    if (selectors.length > 0) throw new UsageError(`--diff compares two existing case directories; it takes no ${selectors.map((f) => `--${f}`).join(', ')}`);
    if (parsed.positionals.length !== 2) throw new UsageError(`--diff needs two case directories (base and head), got ${parsed.positionals.length}`);
    const [base, head] = parsed.positionals as [string, string];
    return { kind: 'diff', base, head, outDir };
  }
  if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument '${parsed.positionals[0]}'; select cases with flags (--dataset, --codec, --op, …) or compare with --diff A B`);
  if (!SELECTOR_FLAGS.some((flag) => parsed.values[flag] !== undefined)) {
    throw new UsageError('select what to profile, e.g. --dataset log --codec protobuf --op encode (profiling every case would take long); see --help');
  }
  const seed = integerFlag(parsed, 'seed', { min: 0, max: 2 ** 32 - 1 }) ?? PROFILE_DEFAULTS.seed;
  const pipeline = PIPELINE_FLAG_NAMES.some((flag) => parsed.values[flag] !== undefined);
  const inputs = inputRequests(parsed);
  const targets = pipeline ? pipelineTargets(parsed, seed, inputs) : codecTargets(parsed, seed, inputs.map((r) => r.name ?? datasetNameFor(r.path)));
  if (targets.length === 0) throw new UsageError('the selection matches no case');
  const tools = checkNames('tool', listFlag(parsed, 'tools'), TOOL_NAMES) as ToolName[] | undefined;
  const options = resolveProfileOptions({ outDir, durationMs: parseDuration(stringFlag(parsed, 'duration')), tools });
  // Pipeline targets bring their inputs as flags (the pipeline command resolves them); codec targets get them resolved below.
  return { kind: 'profile', targets, options, inputs: pipeline ? [] : inputs };
}

export interface ProfileIo {
  readonly out: (text: string) => void;
  readonly err: NodeJS.WriteStream;
}

const defaultIo: ProfileIo = { out: (text) => process.stdout.write(text), err: process.stderr };

function runDiffCommand(command: Extract<ProfileCommand, { kind: 'diff' }>, io: ProfileIo): number {
  const outDir = defaultDiffDir(command.outDir, command.base, command.head);
  let result;
  try {
    result = runDiff(command.base, command.head, outDir);
  } catch (error) {
    if (error instanceof DiffInputError) throw new UsageError(error.message);
    throw error;
  }
  const index = writeIndex(command.outDir, detectTools(createEngineRegistry()));
  for (const note of [...(result.warning ? [result.warning] : []), ...result.notes]) io.err.write(`profile: note: ${note}\n`);
  const pprof = result.pprof.map((kind) => `pprof: ${pprofBaseCommand(join(outDir, DIFF_PPROF_FILES[kind].base), join(outDir, DIFF_PPROF_FILES[kind].head))}\n`).join('');
  io.out(`${result.markdown}\nwritten: ${result.files.join(', ')}\n${pprof}index: ${index}\n`);
  return 0;
}

/** Codec targets on a user's file get the resolved input (and at most the records it has). */
async function withInputs(targets: readonly ProfileTarget[], requests: readonly InputRequest[], io: ProfileIo): Promise<ProfileTarget[]> {
  if (requests.length === 0) return [...targets];
  const records = Math.max(1, ...targets.map((t) => (t.kind === 'codec' ? t.records : 0)));
  const inputs = await loadRunInputs(requests, records);
  for (const line of inputLines(inputs, records)) io.err.write(`profile: ${line}\n`);
  return targets.map((target) => {
    const input = target.kind === 'codec' ? inputs.specs.find((spec) => spec.name === target.dataset) : undefined;
    if (target.kind !== 'codec' || !input) return target;
    const recordsUsed = Math.min(target.records, input.available ?? target.records);
    return { ...target, records: recordsUsed, id: codecCaseId(target.dataset, target.codec, target.op, recordsUsed), input };
  });
}

/** `npm run profile`: profiles the selected cases one after another, or diffs two profiled cases. */
export async function runProfileCommand(argv: readonly string[], io: ProfileIo = defaultIo): Promise<number> {
  const command = parseProfileArgs(argv);
  if (command.kind === 'help') {
    io.out(PROFILE_USAGE);
    return 0;
  }
  checkOutputs([{ label: '--out', path: command.kind === 'diff' ? command.outDir : command.options.outDir, kind: 'dir' }]);
  if (command.kind === 'diff') return runDiffCommand(command, io);
  const { options } = command;
  const targets = await withInputs(command.targets, command.inputs, io);
  const engines = createEngineRegistry();
  const tools = detectTools(engines);
  const plan = planTools(options.tools, engines);
  const progress = createProgress(io.err);
  for (const engine of plan) {
    const detection = tools.find((t) => t.tool === engine.name)?.detection;
    if (detection && !detection.ok) progress.log(`profile: ${engine.name} cannot run here: ${detection.reason}`);
  }
  progress.log(`profile: ${targets.length} case(s), ${(options.durationMs / 1000).toFixed(1)} s each with ${plan.map((e) => e.name).join(', ')} → ${resolve(options.outDir)}`);
  const interrupt = onInterrupt((m) => progress.log(m));
  let failures = 0;
  try {
    for (const [index, target] of targets.entries()) {
      const started = performance.now();
      const outcome = await profileCase(target, options, {
        engines,
        signal: interrupt.signal,
        onProgress(event) {
          if (event.type === 'tool-start') progress.update(`[${index + 1}/${targets.length}] ${target.id}: ${event.tool}`);
          else if (event.record.status === 'failed') progress.log(`profile: ${target.id}: ${event.record.tool} failed: ${event.record.reason}`);
        },
      });
      if (outcome.kind === 'interrupted') {
        progress.done();
        writeIndex(options.outDir, tools);
        return INTERRUPTED_EXIT_CODE;
      }
      failures += outcome.manifest.tools.filter((t) => t.status === 'failed').length;
      for (const record of outcome.manifest.tools) if (record.status === 'ok' && record.note) progress.log(`profile: ${target.id}: ${record.tool}: note: ${record.note}`);
      writeIndex(options.outDir, tools);
      progress.log(`[${index + 1}/${targets.length}] ${target.id}: ${outcome.dir}/summary.md (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    }
    progress.done();
    io.out(`index: ${resolve(options.outDir, 'index.html')}\n`);
    return failures > 0 ? 1 : 0;
  } finally {
    interrupt.dispose();
  }
}
