import { Registry } from '../../registry.js';
import { decodeScenario } from './decode.js';
import { encodeScenario } from './encode.js';
import { etlScenario } from './etl.js';
import { passthroughScenario } from './passthrough.js';
import { transcodeScenario } from './transcode.js';
import type { Scenario } from './types.js';

/** Every scenario `--scenario` accepts; a new one is one file and one line here. */
export function createScenarioRegistry(): Registry<Scenario> {
  return new Registry<Scenario>('scenario', [passthroughScenario, encodeScenario, decodeScenario, transcodeScenario, etlScenario]);
}
