import type { ResultFile } from '../../results/types.js';
import { environmentLines } from '../environment.js';
import { escapeHtml } from './escape.js';
import { reproduceCommands, suitesOf } from './reproduce.js';

export interface SourcedResult {
  readonly result: ResultFile;
  /** The path the result was read from, as given on the command line; absent for a run just made. */
  readonly source?: string;
}

/** Where and how one result file was measured, and the commands that measure it again. */
export function environmentBlock({ result, source }: SourcedResult): string {
  const suites = suitesOf(result);
  const heading = `${source ? `<code>${escapeHtml(source)}</code>` : 'This run'} <small>(${escapeHtml(suites.join(' and ') || 'no')} suite${suites.length === 1 ? '' : 's'})</small>`;
  const lines = environmentLines(result).map((l) => `<li>${escapeHtml(l)}</li>`).join('');
  const commands = reproduceCommands(result, source).map(escapeHtml).join('\n');
  return `<div class="environment"><h3>${heading}</h3>
<ul>${lines}</ul>
<p>To reproduce (on a quiet machine of the same kind: the figures depend on it):</p>
<pre><code>${commands}</code></pre></div>`;
}
