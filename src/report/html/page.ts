import type { Comparison } from '../../compare/types.js';
import type { ResultFile } from '../../results/types.js';
import { caseError, failedCases, REFUSED_HEADING, REFUSED_NOTE, refusedCases } from '../codec-tables.js';
import { calculatorData } from './calculator-model.js';
import { calculatorSection } from './calculator-section.js';
import { codecSection } from './codec-section.js';
import { compareSection } from './compare-section.js';
import { environmentBlock, type SourcedResult } from './environment-section.js';
import { escapeHtml } from './escape.js';
import { htmlDocument } from './document.js';
import { emptyNote } from './figure.js';
import { fidelitySection } from './fidelity-section.js';
import { inputsSection } from './inputs-section.js';
import { pipelineSection } from './pipeline-section.js';
import { profilesSection, type ProfileLinks } from './profiles-section.js';
import { suitesOf } from './reproduce.js';
import { htmlTable } from './table.js';

export type { SourcedResult } from './environment-section.js';
export type { ProfileLinks } from './profiles-section.js';

/** Everything the page shows; every part is optional and the page says what is missing. */
export interface ReportPageInput {
  /** Result files, in the order given (a file may hold codec cases, pipeline cases, or both). */
  readonly results: readonly SourcedResult[];
  /** base → head, when two files were given to `npm run report`. */
  readonly comparison?: Comparison;
  readonly profiles?: ProfileLinks;
  /** Lines about the input the page could not show (e.g. cases of an unknown suite). */
  readonly notes?: readonly string[];
  readonly title?: string;
}

const hasSuite = (result: ResultFile, suite: 'codec' | 'pipeline'): boolean => result.cases.some((c) => c.suite === suite);

function perResult(results: readonly SourcedResult[], suite: 'codec' | 'pipeline', render: (r: ResultFile) => string): string {
  const withSuite = results.filter((r) => hasSuite(r.result, suite));
  return withSuite.map((r) => (withSuite.length > 1 && r.source ? `<p class="note">From <code>${escapeHtml(r.source)}</code>:</p>` : '') + render(r.result)).join('\n');
}

/** The one-page HTML report: self-contained (inline CSS, inline SVG, one inline script), no network. */
export function renderReportPage(input: ReportPageInput): string {
  const title = input.title ?? 'serbench report';
  const { results } = input;
  const sections: { id: string; heading: string; body: string }[] = [];
  if (input.comparison) sections.push({ id: 'compare', heading: 'Compare: base → head', body: compareSection(input.comparison) });

  const yourData = inputsSection(results.map((r) => r.result));
  if (yourData) sections.push({ id: 'your-data', heading: 'Your data', body: yourData });

  const codec = perResult(results, 'codec', (r) => codecSection(r, input.profiles));
  sections.push({
    id: 'codecs',
    heading: 'Codecs',
    body: codec
      ? `<p>Each dataset: encode and decode time relative to the fastest codec, encoded size raw and compressed, and size against time. Times are medians of one call on a whole batch.</p>\n${codec}`
      : emptyNote('No codec cases in the result files: run npm run bench (or --quick for a smoke run).'),
  });

  const calculatorSource = results.find((r) => hasSuite(r.result, 'codec'));
  const calculator = calculatorSource ? calculatorSection(calculatorData(calculatorSource.result)) : '';
  if (calculator) sections.push({ id: 'calculator', heading: 'Messages per second at a given bandwidth', body: calculator });

  const fidelity = results.find((r) => r.result.fidelity)?.result.fidelity;
  sections.push({ id: 'fidelity', heading: 'Fidelity', body: fidelity ? fidelitySection(fidelity) : emptyNote('No fidelity table in the result files (the codec suite writes one unless run with --no-fidelity).') });

  const pipeline = perResult(results, 'pipeline', (r) => pipelineSection(r, input.profiles));
  sections.push({
    id: 'pipeline',
    heading: 'Pipeline',
    body: pipeline
      ? `<p>Throughput of whole pipelines (source → transform → sink) by concurrency variant, worker threads and batch size.</p>\n${pipeline}`
      : emptyNote('No pipeline cases in the result files: run npm run bench:pipeline, then npm run report (it reads results/latest.json and results/pipeline-latest.json).'),
  });

  sections.push({ id: 'profiles', heading: 'Profiles', body: profilesSection(input.profiles) });

  const refused = results.flatMap((r) => refusedCases(r.result));
  if (refused.length > 0) {
    sections.push({ id: 'refused', heading: REFUSED_HEADING, body: `<p>${escapeHtml(REFUSED_NOTE)}</p>\n${htmlTable(['case', 'reason'], refused.map((c) => [c.id, caseError(c)]))}` });
  }
  const failed = results.flatMap((r) => failedCases(r.result));
  if (failed.length > 0) sections.push({ id: 'failed', heading: 'Cases without a measurement', body: htmlTable(['case', 'status', 'reason'], failed.map((c) => [c.id, c.status, caseError(c)])) });

  sections.push({
    id: 'environment',
    heading: 'Environment and how to reproduce',
    body: results.length > 0 ? results.map(environmentBlock).join('\n') : emptyNote('No result files.'),
  });

  const incomplete = results.filter((r) => !r.result.complete);
  const lede = results.map((r) => `${r.source ? `<code>${escapeHtml(r.source)}</code>` : 'this run'}: ${escapeHtml(suitesOf(r.result).join(' + ') || 'no')} suite, ${r.result.cases.length} cases, ${escapeHtml(r.result.meta.createdAt)}`).join('; ');
  const header = [
    `<p class="lede">${lede || 'No result files.'}</p>`,
    ...incomplete.map((r) => `<p class="incomplete" role="note"><strong>Incomplete run</strong>${r.source ? ` (<code>${escapeHtml(r.source)}</code>)` : ''}: it was interrupted, or some cases failed.</p>`),
    ...(input.notes ?? []).map((n) => `<p class="note">${escapeHtml(n)}</p>`),
  ];
  return htmlDocument(title, header, sections);
}
