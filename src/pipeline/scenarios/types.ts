import type { Codec } from '../../codecs/types.js';
import type { Dataset } from '../../datasets/types.js';
import type { Batch, PipelinePlan, Shard, SourceKind, Transform } from '../types.js';

/** What a scenario builds its stages from. */
export interface ScenarioContext {
  readonly plan: PipelinePlan;
  readonly dataset: Dataset;
  /** Undefined for scenarios that use no codec. */
  readonly codec: Codec | undefined;
}

/** The data of a source, made before timing starts; each run walks it afresh. */
export interface BatchSource {
  /**
   * The batches of one run. `transferable`: byte payloads must own their whole
   * ArrayBuffer, because they will be moved to another thread (and detached here); the
   * fresh copies that takes are made in this call, which variants make before their
   * clock starts.
   */
  batches(transferable: boolean): Iterator<Batch>;
}

/** What a pipeline does to its records, registered by name (`--scenario NAME`). */
export interface Scenario {
  readonly name: string;
  readonly description: string;
  /** False when the codec dimension does not apply (the case's codec is NO_CODEC). */
  readonly usesCodec: boolean;
  /** Source kinds the scenario supports; the first is its default. */
  readonly sources: readonly [SourceKind, ...SourceKind[]];
  /** Prepares the source data for a shard of the records (untimed). */
  prepareSource(context: ScenarioContext, shard: Shard): Promise<BatchSource>;
  createTransform(context: ScenarioContext): Transform;
}
