/**
 * The page's stylesheet. Charts take their colours from these variables, so they
 * follow the light or dark scheme; nothing relies on colour alone (bars carry
 * their figures as text, series differ by pattern, marker shape and line style).
 */
export const PAGE_CSS = `
:root{--ink:#1b1b1b;--muted:#555;--paper:#fff;--rule:#d7d7d7;--grid:#ececec;--accent:#2f5f98;--accent-soft:#dbe6f3;
--s0:#0072b2;--s1:#d55e00;--s2:#009e73;--s3:#cc79a7;--s4:#8a6d00;--s5:#3a8fc4;--s6:#1b1b1b;--good:#e5f3ea;--bad:#fbe4e0;--warn:#fff4d1;--band:#f1f1f1}
@media (prefers-color-scheme:dark){:root{--ink:#e8e8e8;--muted:#a9a9a9;--paper:#161616;--rule:#3a3a3a;--grid:#2a2a2a;--accent:#8db7e8;--accent-soft:#243447;
--s0:#56b4e9;--s1:#f08a4b;--s2:#3fc79d;--s3:#e39cc8;--s4:#e0c050;--s5:#9fd3f5;--s6:#e8e8e8;--good:#1d3326;--bad:#3d2220;--warn:#3a3218;--band:#242424}}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:78rem;padding:1rem 1.25rem 3rem;color:var(--ink);background:var(--paper)}
h1{font-size:1.6rem;margin:.5rem 0 .25rem}h2{font-size:1.3rem;margin:2.25rem 0 .5rem;padding-top:.5rem;border-top:2px solid var(--rule)}
h3{font-size:1.1rem;margin:1.5rem 0 .5rem}small{color:var(--muted);font-weight:normal}
a{color:var(--accent)}code,pre{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:.9em}
pre{background:var(--band);padding:.6rem .8rem;overflow-x:auto;border-radius:4px}
nav.toc ol{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;padding:0;margin:.5rem 0;list-style:none}
.lede{color:var(--muted);margin:.25rem 0}
.figure-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,32rem),1fr));gap:1rem 1.5rem;align-items:start}
figure{margin:0;min-width:0}figure.wide{grid-column:1/-1}.figure-grid>*{min-width:0}
.chart-box{width:100%}
svg.chart{width:100%;height:auto;max-width:100%;display:block;font-size:12px;font-family:inherit}
figcaption{font-size:.88rem;color:var(--muted);margin:.25rem 0}
details{margin:.25rem 0 .75rem}summary{cursor:pointer;color:var(--accent)}
.table-wrap{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;margin:.4rem 0 1rem;font-variant-numeric:tabular-nums;font-size:.9rem}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border-bottom:1px solid var(--rule);padding:.2rem .55rem;text-align:left;vertical-align:top}
td.num{text-align:right;white-space:nowrap}thead th{border-bottom:2px solid var(--rule)}
tbody th{font-weight:500}tr.changed{background:var(--warn);font-weight:600}tr.changed th{font-weight:700}tr.changed.verdict-slower{background:var(--bad)}tr.changed.verdict-faster{background:var(--good)}
tr.summary-row{font-weight:600}
tr.best th,tr.best td{font-weight:600}
table.fidelity th small{display:block;color:var(--muted);font-size:.8em;max-width:22rem}
.table-wrap.fidelity-wrap{max-height:80vh;overflow:auto;border:1px solid var(--rule)}table.fidelity{margin:0}
table.fidelity td{min-width:9rem;max-width:18rem;overflow-wrap:anywhere}
table.fidelity thead th{position:sticky;top:0;z-index:1;background:var(--paper)}
table.fidelity tbody th{position:sticky;left:0;background:var(--paper);min-width:11rem}table.fidelity thead th:first-child{left:0;z-index:2}
td.outcome-kept{background:var(--good)}td.outcome-changed{background:var(--warn)}td.outcome-rejected{background:var(--bad)}
.environment li,p code{overflow-wrap:anywhere}
.note,.empty,.help,.legend-text{color:var(--muted);font-size:.88rem}
.warning{background:var(--warn);padding:.4rem .6rem;border-left:4px solid var(--s4)}
.verdict-line{font-size:1.05rem;padding:.4rem .6rem;border-left:4px solid var(--s2);background:var(--good)}
.verdict-line.has-regression{border-color:var(--s1);background:var(--bad)}
.incomplete{background:var(--warn);padding:.4rem .6rem;border-left:4px solid var(--s4)}
form.calculator{display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;align-items:end;margin:.5rem 0}
form.calculator .field{display:flex;flex-direction:column;gap:.15rem}form.calculator label{font-size:.88rem;color:var(--muted)}
form.calculator .controls{display:flex;gap:.35rem}
form.calculator input,form.calculator select{font:inherit;color:var(--ink);background:var(--paper);border:1px solid var(--rule);border-radius:4px;padding:.2rem .35rem;min-height:2rem}
form.calculator input[type=number]{width:7rem}
.summary{font-weight:600}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
svg .grid{stroke:var(--grid)}svg .axis-line{stroke:var(--muted)}
svg text{fill:var(--ink)}svg .tick,svg .axis-label,svg .series-label{fill:var(--muted)}svg .tick{font-size:11px}svg .series-label{font-size:10px}
svg .value{font-size:11px}svg .missing{fill:var(--muted);font-style:italic;font-size:11px}
svg .bar,svg .legend-swatch{stroke:var(--accent);stroke-width:1}
svg .pattern-ink{fill:var(--accent)}svg .pattern-paper{fill:var(--accent-soft)}
svg .point{fill:var(--accent);stroke:var(--paper);stroke-width:1}svg .cross{stroke:var(--accent);fill:none}
svg .front{fill:none;stroke:var(--muted);stroke-dasharray:5 4;stroke-width:1.5}svg .leader{stroke:var(--muted);stroke-width:.75}
svg .series-line{fill:none;stroke-width:2}
svg .line-0{stroke:var(--s0)}svg .point.line-0,svg .legend-marker.line-0{fill:var(--s0)}svg .line-1{stroke:var(--s1)}svg .point.line-1,svg .legend-marker.line-1{fill:var(--s1)}
svg .line-2{stroke:var(--s2)}svg .point.line-2,svg .legend-marker.line-2{fill:var(--s2)}svg .line-3{stroke:var(--s3)}svg .point.line-3,svg .legend-marker.line-3{fill:var(--s3)}
svg .line-4{stroke:var(--s4)}svg .point.line-4,svg .legend-marker.line-4{fill:var(--s4)}svg .line-5{stroke:var(--s5)}svg .point.line-5,svg .legend-marker.line-5{fill:var(--s5)}
svg .line-6{stroke:var(--s6)}svg .point.line-6,svg .legend-marker.line-6{fill:var(--s6)}
svg .reference{stroke:var(--muted);stroke-dasharray:3 3}svg .reference-label{fill:var(--muted);font-size:11px}
svg .threshold-band{fill:var(--band)}svg .zero-line{stroke:var(--muted)}svg .interval{stroke:var(--ink);stroke-width:1.5}
svg .estimate{fill:var(--ink)}svg .changed-band{fill:var(--warn)}svg .verdict-slower .changed-band{fill:var(--bad)}svg .verdict-faster .changed-band{fill:var(--good)}
svg .changed .row-label{font-weight:700}
svg .band{fill:var(--accent);opacity:.16;stroke:none}svg .point.hollow{fill:var(--paper);stroke:var(--accent);stroke-width:1.5}
svg .mark{stroke-width:2;stroke-dasharray:5 3}svg .mark.regression{stroke:var(--s1)}svg .mark.improvement{stroke:var(--s2)}svg .mark.small{stroke:var(--muted);stroke-width:1}svg .mark.failed{stroke:var(--ink);stroke-dasharray:1 3}svg .mark-label{font-size:11px;font-weight:600}svg .mark-label.small{font-weight:normal;fill:var(--muted)}
@media print{details{display:block}details>summary{display:none}}
`;
