import { logDataset } from './log.js';
import { metricsDataset } from './metrics.js';
import { ordersDataset } from './orders.js';
import { Registry } from '../registry.js';
import type { Dataset } from './types.js';

/** The built-in datasets, plus `inputs` (a user's files opened by src/inputs/, registered like any other). */
export function createDatasetRegistry(inputs: readonly Dataset[] = []): Registry<Dataset> {
  return new Registry<Dataset>('dataset', [logDataset, metricsDataset, ordersDataset, ...inputs]);
}

/** The names of the built-in datasets (an input may not take one). */
export const BUILT_IN_DATASETS: readonly string[] = [logDataset.name, metricsDataset.name, ordersDataset.name];
