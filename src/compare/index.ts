export { compareResults, hasRegression, unitMismatch, type LabelledResult } from './compare.js';
export { COMPARE_DEFAULTS, COMPARE_FORMATS, DEFAULT_COMPARE_FORMAT, resolveCompareOptions, type CompareFormat, type CompareOptions } from './options.js';
export { formatJson } from './json.js';
export { formatMarkdown } from './markdown.js';
export { formatTerminal, type TerminalOptions } from './terminal.js';
export type * from './types.js';
