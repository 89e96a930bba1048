import { logDataset } from './log.js';
import { metricsDataset } from './metrics.js';
import { ordersDataset } from './orders.js';
import { Registry } from '../registry.js';
import type { Dataset } from './types.js';

export function createDatasetRegistry(): Registry<Dataset> {
  return new Registry<Dataset>('dataset', [logDataset, metricsDataset, ordersDataset]);
}
