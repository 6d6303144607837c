/**
 * The HTML report's stylesheet and script, inline in the page (it loads nothing): light and dark
 * by `prefers-color-scheme`, a print stylesheet that shows every row, and the filter box and
 * "gaps only" toggle. The script is plain ES5 so that any browser an auditor has runs it.
 */

export const REPORT_CSS = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1b1f24;--muted:#4d5560;--line:#d0d7de;--head:#f3f5f7;--ok:#116329;--warn:#7a4d00;--bad:#b3141d;--info:#0b5cad;--bar:#e6e9ed;--barok:#2f8a46;--link:#0a58b8}
@media (prefers-color-scheme:dark){:root{--bg:#0f1419;--fg:#e6e9ed;--muted:#a9b1ba;--line:#39424c;--head:#1a2129;--ok:#5fd17a;--warn:#f0b44c;--bad:#ff7b7b;--info:#7db7ff;--bar:#2a323c;--barok:#3fa45a;--link:#8cc4ff}}
*{box-sizing:border-box}
body{margin:0;padding:1.5rem;background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
h1{font-size:1.5rem;margin:0 0 .75rem}h2{font-size:1.2rem;margin:2rem 0 .5rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}h3{font-size:1rem;margin:1.25rem 0 .4rem}
a{color:var(--link)}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.92em}
dl.stamp{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:0}
dl.stamp dt{font-weight:600;color:var(--muted)}dl.stamp dd{margin:0;word-break:break-all}
.figures{font-size:1.05rem;font-weight:600}
.alert{border:2px solid var(--bad);color:var(--bad);padding:.5rem .75rem;font-weight:700}
table{border-collapse:collapse;width:100%;margin:.25rem 0 1rem}
th,td{border:1px solid var(--line);padding:.3rem .45rem;text-align:left;vertical-align:top}
thead th{background:var(--head);position:sticky;top:0}
td.num{text-align:right;font-variant-numeric:tabular-nums}
table.grid,table.grid thead,table.grid tbody{display:block}
table.grid{border-top:1px solid var(--line);border-left:1px solid var(--line)}
table.grid thead{position:sticky;top:0;z-index:1;background:var(--head)}
table.grid tr{display:grid}
table.grid tr[hidden]{display:none}
table.offscreen tbody tr{content-visibility:auto;contain-intrinsic-size:auto 4rem}
table.grid th,table.grid td{border:0;border-right:1px solid var(--line);border-bottom:1px solid var(--line);overflow-wrap:break-word;min-width:0}
table.grid thead th{position:static}
table.matrix tr{grid-template-columns:8% 11% 8.5% 4.5% 5.5% 7.5% 8% 7.5% 14% 14% 11.5%}
table.gaps tr{grid-template-columns:24% 8% 13% 10% 45%}
ul.cell{margin:0;padding-left:1rem}ul.cell li{margin:0}
tr.inactive>*{color:var(--muted)}
.state{font-weight:600;white-space:nowrap}.sev.info{color:var(--info)}.state.complete{color:var(--ok)}.state.partial,.sev.warning,.outcome.skipped,.outcome.missing{color:var(--warn)}.state.none,.sev.error,.outcome.failed,.outcome.error,.unmitigated{color:var(--bad)}.outcome.passed{color:var(--ok)}
.outcome{font-weight:600}
.controls{display:none;gap:1rem;align-items:center;flex-wrap:wrap;margin:.5rem 0}
.js .controls{display:flex}
.controls input[type=search]{font:inherit;padding:.3rem .5rem;min-width:18rem;color:var(--fg);background:var(--bg);border:1px solid var(--muted);border-radius:4px}
svg.chart{max-width:40rem;width:100%;height:auto}
svg.chart .track{fill:var(--bar)}svg.chart .fill{fill:var(--barok)}svg.chart text{fill:var(--fg);font-size:12px}
ul.chain{margin:.25rem 0;padding-left:1.25rem}
footer{margin-top:2rem;color:var(--muted);font-size:.9em}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media print{body{padding:0;font-size:10pt}.controls{display:none!important}tbody tr[hidden]{display:table-row!important}table.grid tbody tr,table.grid tbody tr[hidden]{display:grid!important;content-visibility:visible!important}table.grid thead{position:static}thead th{position:static}a{color:inherit;text-decoration:none}h2{break-after:avoid}tr{break-inside:avoid}}
`;

export const REPORT_SCRIPT = `
(function () {
  var root = document.documentElement;
  root.className += ' js';
  var filter = document.getElementById('filter');
  var gapsOnly = document.getElementById('gaps-only');
  var shown = document.getElementById('shown');
  var rows = Array.prototype.slice.call(document.querySelectorAll('tbody[data-filter] tr'));
  var texts = rows.map(function (row) { return row.textContent.toLowerCase(); });
  var inMatrix = rows.map(function (row) { return row.parentNode.id === 'matrix-rows'; });
  var total = 0;
  for (var i = 0; i < rows.length; i++) if (inMatrix[i]) total++;
  function apply() {
    var terms = filter.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var gaps = gapsOnly.checked;
    var count = 0;
    for (var i = 0; i < rows.length; i++) {
      var show = !(gaps && inMatrix[i] && rows[i].className.indexOf('gap') === -1);
      for (var t = 0; show && t < terms.length; t++) if (texts[i].indexOf(terms[t]) === -1) show = false;
      if (rows[i].hidden === show) rows[i].hidden = !show;
      if (show && inMatrix[i]) count++;
    }
    shown.textContent = count + ' of ' + total + ' matrix rows shown';
  }
  filter.addEventListener('input', apply);
  gapsOnly.addEventListener('change', apply);
  apply();
})();
`;
