import { createCodecRegistry } from '../codecs/registry.js';
import type { Codec } from '../codecs/types.js';
import { createDatasetRegistry } from '../datasets/registry.js';
import type { Dataset } from '../datasets/types.js';
import type { Registry } from '../registry.js';
import { PipelineStageError } from './errors.js';
import { withSinkFault, withSourceFault, withTransformFault } from './faults.js';
import { createScenarioRegistry } from './scenarios/registry.js';
import type { BatchSource, Scenario, ScenarioContext } from './scenarios/types.js';
import { createSinkRegistry } from './sinks/registry.js';
import type { Sink, SinkFactory } from './sinks/types.js';
import type { PipelinePlan, Shard, Transform } from './types.js';

/** The registries a plan's names are looked up in (main thread and worker threads alike). */
export interface PipelineRegistries {
  readonly datasets: Registry<Dataset>;
  readonly codecs: Registry<Codec>;
  readonly scenarios: Registry<Scenario>;
  readonly sinks: Registry<SinkFactory>;
}

/** `datasets`: the built-in ones plus a run's inputs (cli/inputs.ts); the built-in ones alone by default. */
export function createPipelineRegistries(datasets: Registry<Dataset> = createDatasetRegistry()): PipelineRegistries {
  return { datasets, codecs: createCodecRegistry(), scenarios: createScenarioRegistry(), sinks: createSinkRegistry() };
}

/** A plan's stages, ready to run on this thread. */
export interface PipelineParts {
  readonly plan: PipelinePlan;
  readonly scenario: Scenario;
  readonly transform: Transform;
  /** Prepares the source data of a shard (untimed). */
  prepareSource(shard: Shard): Promise<BatchSource>;
  /** A fresh sink for one run. */
  createSink(instance: number, signal: AbortSignal): Promise<Sink>;
}

/** Builds the stages a plan describes; unknown names throw UnknownNameError listing the valid ones. */
export function assemble(plan: PipelinePlan, registries: PipelineRegistries = createPipelineRegistries()): PipelineParts {
  const scenario = registries.scenarios.get(plan.scenario);
  const context: ScenarioContext = {
    plan,
    dataset: registries.datasets.get(plan.dataset),
    codec: scenario.usesCodec ? registries.codecs.get(plan.codec) : undefined,
  };
  const sinkFactory = registries.sinks.get(plan.sink);
  return {
    plan,
    scenario,
    transform: withTransformFault(scenario.createTransform(context), plan.fault),
    async prepareSource(shard) {
      return withSourceFault(await scenario.prepareSource(context, shard), plan.fault);
    },
    async createSink(instance, signal) {
      try {
        return withSinkFault(await sinkFactory.create({ instance, settings: plan.sinkSettings, signal }), plan.fault);
      } catch (thrown) {
        throw PipelineStageError.wrap('sink', thrown);
      }
    },
  };
}
