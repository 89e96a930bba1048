export { analyseHistory, analyseSeries, hasHistoryRegression } from './analyse.js';
export { orderCommits, type HistoryInput } from './commits.js';
export { formatHistoryJson } from './json.js';
export { importGabData, GAB_IMPORT, type GabImport } from './gab.js';
export { loadHistoryFiles } from './load.js';
export { DEFAULT_HISTORY_FORMAT, HISTORY_DEFAULTS, HISTORY_FORMATS, MACHINE_MODES, resolveHistoryOptions, thresholdFor, type HistoryFormat, type HistoryOptions, type MachineMode } from './options.js';
export type * from './types.js';

