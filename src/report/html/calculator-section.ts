import { CALCULATOR_DEFAULTS, CALCULATOR_HEADER, calculatorCells, calculatorRows, calculatorSummary, type CalculatorData } from './calculator-model.js';
import { CALCULATOR_SCRIPT } from './calculator-script.js';
import { escapeHtml, jsonForScript } from './escape.js';

const BANDWIDTH_UNITS = [
  { value: '1e6', label: 'Mbit/s' },
  { value: '1e9', label: 'Gbit/s' },
] as const;

const SIDE_LABELS = { encode: 'encode (sender)', decode: 'decode (receiver)', both: 'encode + decode on the same CPU' } as const;
const WIRE_LABELS = { raw: 'as encoded', gzip: 'gzip-compressed size', brotli: 'brotli-compressed size' } as const;

function options(entries: readonly (readonly [string, string])[], selected: string): string {
  return entries.map(([value, label]) => `<option value="${escapeHtml(value)}"${value === selected ? ' selected' : ''}>${escapeHtml(label)}</option>`).join('');
}

/**
 * The "messages per second at a given bandwidth" calculator: the table is rendered
 * for the default inputs (so it reads without JavaScript) and the inline script
 * recomputes it when an input changes.
 */
export function calculatorSection(data: CalculatorData): string {
  const first = data.datasets[0];
  if (!first) return '';
  const input = { ...CALCULATOR_DEFAULTS, dataset: first.dataset };
  const rows = calculatorRows(data, input);
  const best = Math.max(...rows.map((r) => (Number.isFinite(r.messagesPerSec) ? r.messagesPerSec : -1)));
  const body = rows
    .map((row) => {
      const cells = calculatorCells(row, best);
      const cls = `bottleneck-${row.bottleneck === 'CPU' ? 'cpu' : row.bottleneck === 'bandwidth' ? 'bandwidth' : 'none'}${row.messagesPerSec === best ? ' best' : ''}`;
      return `<tr class="${cls}">${cells.map((c, i) => (i === 0 ? `<th scope="row">${escapeHtml(c)}</th>` : `<td${i === 2 ? '' : ' class="num"'}>${escapeHtml(c)}</td>`)).join('')}</tr>`;
    })
    .join('\n');
  return `<p>How many messages (one record each) a codec can move per second when it has a given share of CPU and a link of a given speed.
The CPU limit is the cores you give it divided by the measured time per record; the bandwidth limit is the link divided by the bytes per record.
The lower one is what you get, and it names the bottleneck. Batching is as measured (each dataset’s records per batch); framing, protocol overhead and the CPU cost of compression are not included.</p>
<form id="calculator-form" class="calculator" autocomplete="off">
<div class="field"><label for="calc-dataset">Dataset</label><select id="calc-dataset" name="dataset">${options(data.datasets.map((d) => [d.dataset, `${d.dataset} (${d.records} records per batch)`]), first.dataset)}</select></div>
<div class="field"><label for="calc-bandwidth">Bandwidth</label><span class="controls"><input id="calc-bandwidth" name="bandwidth" type="number" min="0" step="any" value="1" inputmode="decimal" aria-describedby="calculator-help">
<select name="unit" aria-label="bandwidth unit">${options(BANDWIDTH_UNITS.map((u) => [u.value, u.label]), '1e9')}</select></span></div>
<div class="field"><label for="calc-cores">CPU share (cores)</label><input id="calc-cores" name="cores" type="number" min="0" step="0.05" value="${CALCULATOR_DEFAULTS.cpuCores}" inputmode="decimal" aria-describedby="calculator-help"></div>
<div class="field"><label for="calc-side">CPU work</label><select id="calc-side" name="side">${options(Object.entries(SIDE_LABELS), CALCULATOR_DEFAULTS.side)}</select></div>
<div class="field"><label for="calc-wire">Bytes on the wire</label><select id="calc-wire" name="wire">${options(Object.entries(WIRE_LABELS), CALCULATOR_DEFAULTS.wire)}</select></div>
</form>
<p class="help" id="calculator-help">Bandwidth: the link's usable rate (e.g. 100 Mbit/s, 1 or 10 Gbit/s). CPU share: how many cores serialization may use (0.25 = a quarter of one core); the run's machine had ${data.cpuCount}.</p>
<p id="calculator-summary" class="summary" aria-live="polite">${escapeHtml(calculatorSummary(rows, input))}</p>
<div class="table-wrap"><table id="calculator-table"><caption>Messages per second each codec can deliver, and what limits it</caption>
<thead><tr>${CALCULATOR_HEADER.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody id="calculator-body">
${body}
</tbody></table></div>
<noscript><p class="note">The inputs need JavaScript; the table shows 1 Gbit/s, 1 core, encode, as encoded.</p></noscript>
<script type="application/json" id="calculator-data">${jsonForScript(data)}</script>
<script>${CALCULATOR_SCRIPT}</script>`;
}
