/**
 * The calculator's inline script (plain ES2017, no modules, no network). It repeats
 * the few lines of arithmetic and formatting of calculator-model.ts; the browser test
 * checks that both print the same cells for the same inputs.
 */
export const CALCULATOR_SCRIPT = `(function () {
  'use strict';
  var dataElement = document.getElementById('calculator-data');
  var form = document.getElementById('calculator-form');
  if (!dataElement || !form) return;
  var data = JSON.parse(dataElement.textContent || '{}');
  var body = document.getElementById('calculator-body');
  var summary = document.getElementById('calculator-summary');
  function fixed(v, digits) { return v.toFixed(digits); }
  function rate(v, unit) {
    if (!isFinite(v)) return '\\u2013';
    if (v >= 1e9) return fixed(v / 1e9, 2) + ' G' + unit + '/s';
    if (v >= 1e6) return fixed(v / 1e6, 2) + ' M' + unit + '/s';
    if (v >= 1e3) return fixed(v / 1e3, 1) + ' k' + unit + '/s';
    return fixed(v, 0) + ' ' + unit + '/s';
  }
  function bits(v) {
    if (!isFinite(v)) return '\\u2013';
    if (v >= 1e9) return Number((v / 1e9).toPrecision(3)) + ' Gbit/s';
    if (v >= 1e6) return Number((v / 1e6).toPrecision(3)) + ' Mbit/s';
    if (v >= 1e3) return Number((v / 1e3).toPrecision(3)) + ' kbit/s';
    return Number(v.toPrecision(3)) + ' bit/s';
  }
  function num(v) { return v === null || v === undefined ? NaN : v; }
  function row(codec, input) {
    var encode = num(codec.encodeNsPerRecord), decode = num(codec.decodeNsPerRecord);
    var ns = input.side === 'encode' ? encode : input.side === 'decode' ? decode : encode + decode;
    var bytes = num(codec.bytesPerRecord[input.wire]);
    var cpu = ns > 0 ? input.cores * 1e9 / ns : NaN;
    var link = bytes > 0 ? input.bandwidth / 8 / bytes : NaN;
    var known = isFinite(cpu) && isFinite(link);
    return { codec: codec.codec, cpu: cpu, link: link, messages: known ? Math.min(cpu, link) : NaN,
      bottleneck: !known ? 'not measured' : cpu < link ? 'CPU' : 'bandwidth', crossover: known ? cpu * bytes * 8 : NaN };
  }
  function readInput() {
    return {
      dataset: form.elements.namedItem('dataset').value,
      bandwidth: Number(form.elements.namedItem('bandwidth').value) * Number(form.elements.namedItem('unit').value),
      cores: Number(form.elements.namedItem('cores').value),
      side: form.elements.namedItem('side').value,
      wire: form.elements.namedItem('wire').value
    };
  }
  function update() {
    var input = readInput();
    if (!(input.bandwidth > 0) || !(input.cores > 0)) {
      summary.textContent = 'Enter a bandwidth and a CPU share above zero.';
      return;
    }
    var dataset = null;
    for (var i = 0; i < data.datasets.length; i++) if (data.datasets[i].dataset === input.dataset) dataset = data.datasets[i];
    if (!dataset) dataset = data.datasets[0];
    if (!dataset) return;
    var rows = dataset.codecs.map(function (c) { return row(c, input); });
    var best = Math.max.apply(null, rows.map(function (r) { return isFinite(r.messages) ? r.messages : -1; }));
    while (body.firstChild) body.removeChild(body.firstChild);
    rows.forEach(function (r) {
      var isBest = r.messages === best && isFinite(r.messages);
      var cells = [r.codec, rate(r.messages, 'msg') + (isBest ? ' (most)' : ''), r.bottleneck, rate(r.cpu, 'msg'), rate(r.link, 'msg'), bits(r.crossover)];
      var tr = document.createElement('tr');
      tr.className = 'bottleneck-' + (r.bottleneck === 'CPU' ? 'cpu' : r.bottleneck === 'bandwidth' ? 'bandwidth' : 'none') + (isBest ? ' best' : '');
      cells.forEach(function (text, index) {
        var cell = document.createElement(index === 0 ? 'th' : 'td');
        if (index === 0) cell.setAttribute('scope', 'row');
        else if (index !== 2) cell.className = 'num';
        cell.textContent = text;
        tr.appendChild(cell);
      });
      body.appendChild(tr);
    });
    summary.textContent = summaryText(rows, input, best);
  }
  function joinNames(names) {
    return names.length <= 1 ? (names[0] || '') : names.slice(0, -1).join(', ') + ' and ' + names[names.length - 1];
  }
  function summaryText(rows, input, best) {
    var winners = [], cpuBound = 0, measured = 0;
    rows.forEach(function (r) {
      if (r.bottleneck === 'not measured') return;
      measured++;
      if (r.bottleneck === 'CPU') cpuBound++;
      if (r.messages === best) winners.push(r);
    });
    if (winners.length === 0) return 'No codec has both a time and a size for this choice.';
    var first = winners[0];
    return 'At ' + bits(input.bandwidth) + ' with ' + input.cores + ' core' + (input.cores === 1 ? '' : 's') + ' (' + input.side + '), ' +
      joinNames(winners.map(function (w) { return w.codec; })) + (winners.length === 1 ? ' delivers' : ' deliver') + ' the most: ' +
      rate(first.messages, 'msg') + ', limited by ' + first.bottleneck + '. ' + cpuBound + ' of ' + measured + ' codecs CPU-bound.';
  }
  form.addEventListener('input', update);
  form.addEventListener('change', update);
  form.addEventListener('submit', function (event) { event.preventDefault(); update(); });
  update();
  form.setAttribute('data-ready', 'true');
})();`;
