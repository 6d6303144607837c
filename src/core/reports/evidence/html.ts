// Implements: TL-152
/**
 * The report as one self-contained HTML page: stamp, summary with a small SVG chart, the matrix,
 * the risk chains and the gaps. Everything an auditor must see is in the page as loaded (no
 * collapsed rows, tabs or tooltips); its Content-Security-Policy allows only its own inline style
 * and script (by hash), so it makes no request at all. Every text from the project is escaped.
 */
import { createHash } from 'node:crypto';
import { chainText, findingText, resultsLine, summaryLine } from './cells';
import type { ChainNode, CodeEvidence, ReportModel, ReportRow, TestEvidence } from './model';
import { stampLines, type ReportStamp } from './stamp';
import { REPORT_CSS, REPORT_SCRIPT } from './htmlAssets';

/** Where the page's links to project files start: the project root relative to the page's folder (POSIX). */
export interface HtmlOptions {
  readonly linkBase: string;
  /** A host that shows the page in place of a browser (the editor's webview); absent for a file. */
  readonly host?: HtmlHost;
}

// Implements: TL-203
/**
 * What a host adds to the page: its own Content-Security-Policy source (a webview's `cspSource`)
 * and a nonce that admits the page's inline style and script and its own, which follow the
 * page's. The page still loads nothing: the policy admits no other source.
 */
export interface HtmlHost {
  readonly cspSource: string;
  readonly nonce: string;
  /** CSS after the page's (a theme's colours). */
  readonly css: string;
  /** Script after the page's (link handling, kept state). */
  readonly script: string;
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML content or a double-quoted attribute. */
export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

/** `linkBase/dir/file.c#L12`, each path segment percent-encoded. */
function fileHref(options: HtmlOptions, file: string, line: number): string {
  const encoded = file.split('/').map(encodeURIComponent).join('/');
  const base = options.linkBase === '' || options.linkBase === '.' ? '' : `${options.linkBase.split('/').map(encodeURIComponent).join('/')}/`;
  return `${base}${encoded}#L${line}`;
}

function fileLink(options: HtmlOptions, file: string, line: number, text = `${file}:${line}`): string {
  return `<a href="${esc(fileHref(options, file, line))}">${esc(text)}</a>`;
}

function list(items: readonly string[]): string {
  return items.length === 0 ? '' : `<ul class="cell">${items.map((i) => `<li>${i}</li>`).join('')}</ul>`;
}

function codeItem(options: HtmlOptions, code: CodeEvidence): string {
  return `${fileLink(options, code.file, code.line)}${code.symbol !== undefined ? ` <code>${esc(code.symbol)}</code>` : ''}${code.relation === 'mitigates' ? ' (mitigates)' : ''}`;
}

function testItem(options: HtmlOptions, test: TestEvidence): string {
  const outcome = test.outcome !== undefined
    ? ` <span class="outcome ${esc(test.outcome)}">${esc(test.outcome)}</span>${test.message !== undefined ? `: ${esc(test.message)}` : ''}`
    : '';
  return `${fileLink(options, test.file, test.line)}${test.name !== undefined ? ` <code>${esc(test.name)}</code>` : ''}${outcome}`;
}

/** Test outcomes by the item's verification status (results/evidence.ts), for the colours. */
const STATUS_OUTCOME = { passed: 'passed', failed: 'failed', 'not-run': 'missing' } as const;

function stateCell(row: ReportRow): string {
  const missing = row.missing.length > 0 ? `<br>missing ${esc(row.missing.join(', '))}` : '';
  const tests = row.verification !== undefined ? `<br>tests <span class="outcome ${STATUS_OUTCOME[row.verification]}">${row.verification}</span>` : '';
  return `<span class="state ${row.coverage}">${row.coverage}</span>${missing}${tests}`;
}

function matrixRow(options: HtmlOptions, row: ReportRow): string {
  const classes = [...(row.gap ? ['gap'] : []), ...(row.active ? [] : ['inactive'])];
  const cells = [
    `<th scope="row">${fileLink(options, row.file, row.line, row.id)}</th>`,
    `<td>${esc(row.title)}</td>`,
    `<td>${esc(row.kind)}</td>`,
    `<td>${row.safetyClass}${row.classFrom === 'default' ? ' (default)' : ''}</td>`,
    `<td>${esc(row.status ?? '')}${row.active ? '' : ' (inactive)'}</td>`,
    `<td>${stateCell(row)}</td>`,
    `<td>${list(row.parentChains.map((c) => esc(chainText(c))))}</td>`,
    `<td>${list(row.mitigates.map(esc))}${row.mitigatedBy.length > 0 ? `${row.mitigates.length > 0 ? '<br>' : ''}by ${esc(row.mitigatedBy.join(', '))}` : ''}</td>`,
    `<td>${list(row.implementedBy.map((c) => codeItem(options, c)))}</td>`,
    `<td>${list(row.verifiedBy.map((t) => testItem(options, t)))}</td>`,
    `<td>${list(row.findings.map((f) => `<span class="sev ${f.severity}">${esc(f.severity)}</span> ${esc(findingText(f).slice(f.severity.length + 1))}`))}</td>`,
  ];
  return `<tr${classes.length > 0 ? ` class="${classes.join(' ')}"` : ''}>${cells.join('')}</tr>`;
}

/** Bars for the headline figures: implemented, verified, mitigated. */
function chart(model: ReportModel): string {
  const sum = model.summary;
  const bars: Array<[string, number, number]> = [
    ['Requirements implemented', sum.implemented, sum.requirements],
    ['Requirements verified', sum.verified, sum.requirements],
    ['Risks mitigated', sum.mitigatedRisks, sum.risks],
  ];
  const rowHeight = 26;
  const parts = bars.map(([label, part, whole], i) => {
    const y = i * rowHeight;
    const width = whole === 0 ? 0 : Math.round((part / whole) * 300);
    const figure = whole === 0 ? 'none to count' : `${part} of ${whole} (${Math.round((part / whole) * 1000) / 10}%)`;
    return `<text x="0" y="${y + 16}">${esc(label)}</text><rect class="track" x="180" y="${y + 4}" width="300" height="16"/>` +
      `<rect class="fill" x="180" y="${y + 4}" width="${width}" height="16"/><text x="490" y="${y + 16}">${esc(figure)}</text>`;
  });
  return `<svg class="chart" role="img" aria-labelledby="chart-title" viewBox="0 0 640 ${bars.length * rowHeight}" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="chart-title">Coverage: ${esc(bars.map(([l, p, w]) => `${l} ${p} of ${w}`).join('; '))}</title>${parts.join('')}</svg>`;
}

/**
 * Rows from which a grid table lets the browser skip rows off screen (`content-visibility: auto`):
 * they stay in the page (find, print, assistive technology), but are laid out only when in view.
 */
const OFFSCREEN_ROWS = 500;

/**
 * A table. The matrix and the gaps (`grid`, whose columns the stylesheet sets) lay their rows out
 * as grids rather than as a table, whose layout measures every cell whenever a row shows or hides;
 * past OFFSCREEN_ROWS rows, rows off screen are skipped too: filtering 3,000 rows then lays out only
 * what is in view. Their roles keep them tables for assistive technology.
 */
function table(caption: string, header: readonly string[], rows: readonly string[], attributes = '', grid?: 'matrix' | 'gaps'): string {
  if (grid === undefined) {
    return `<table><caption class="sr">${esc(caption)}</caption><thead><tr>${header.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>` +
      `<tbody${attributes}>${rows.join('\n')}</tbody></table>`;
  }
  return `<table class="grid ${grid}${rows.length > OFFSCREEN_ROWS ? ' offscreen' : ''}" role="table" aria-label="${esc(caption)}"><thead role="rowgroup"><tr role="row">${header.map((h) => `<th scope="col" role="columnheader">${esc(h)}</th>`).join('')}</tr></thead>` +
    `<tbody role="rowgroup"${attributes}>${rows.map((row) => row.replace(/^<tr/, '<tr role="row"').replace(/<td>/g, '<td role="cell">').replace(/<th scope="row">/g, '<th scope="row" role="rowheader">')).join('\n')}</tbody></table>`;
}

function summarySection(model: ReportModel): string {
  const out = ['<section id="summary" aria-labelledby="summary-h"><h2 id="summary-h">Summary</h2>'];
  if (model.summary.items === 0) out.push('<p class="alert" role="alert">No items were found: this report is no evidence of traceability.</p>');
  out.push(`<p class="figures">${esc(summaryLine(model))}</p>`, chart(model));
  out.push('<h3>Coverage by kind and safety class</h3>', table('Coverage by kind and safety class',
    ['Kind', 'Class', 'Items', 'Inactive', 'Needing', 'Complete', 'With code', 'With tests', 'Mitigated'],
    model.coverage.map((c) => `<tr><th scope="row">${esc(c.kind)}</th><td>${c.safetyClass}</td>${[c.items, c.inactive, c.needing, c.complete, c.withCode, c.withTests, c.mitigated].map((n) => `<td class="num">${n}</td>`).join('')}</tr>`)));
  out.push('<h3>Findings by rule</h3>', model.rules.length === 0 ? '<p>No findings.</p>' : table('Findings by rule', ['Rule', 'Title', 'Errors', 'Warnings', 'Info'],
    model.rules.map((r) => `<tr><th scope="row"><code>${esc(r.rule)}</code></th><td>${esc(r.title)}</td>${[r.error, r.warning, r.info].map((n) => `<td class="num">${n}</td>`).join('')}</tr>`)));
  out.push('</section>');
  return out.join('\n');
}

function chainItem(options: HtmlOptions, node: ChainNode, role: string): string {
  const evidence = [
    ...node.implementedBy.map((c) => `code ${codeItem(options, c)}`),
    ...node.verifiedBy.map((t) => `test ${testItem(options, t)}`),
    ...node.refinedBy.map((child) => chainItem(options, child, 'refined by')),
  ];
  if (evidence.length === 0) evidence.push('<span class="unmitigated">no code, no test, no refinement</span>');
  return `${esc(role)} <strong>${esc(node.id)}</strong> ${esc(node.title)}<ul class="chain">${evidence.map((e) => `<li>${e}</li>`).join('')}</ul>`;
}

function chainsSection(options: HtmlOptions, model: ReportModel): string {
  const items = model.chains.map((chain) => {
    const steps = [
      ...chain.mitigatedInCode.map((c) => `code ${codeItem(options, c)}`),
      ...chain.controls.map((control) => chainItem(options, control, 'control')),
    ];
    if (steps.length === 0) steps.push('<span class="unmitigated">NOT MITIGATED</span>');
    return `<li>risk <strong>${esc(chain.id)}</strong> ${esc(chain.title)}${chain.active ? '' : ' (inactive)'}<ul class="chain">${steps.map((s) => `<li>${s}</li>`).join('')}</ul></li>`;
  });
  return `<section id="chains" aria-labelledby="chains-h"><h2 id="chains-h">Risk chains</h2>\n<p>Hazard → risk control → requirement → code → test.</p>\n` +
    `${items.length === 0 ? '<p>No risks found.</p>' : `<ul class="chain">\n${items.join('\n')}\n</ul>`}</section>`;
}

function gapsSection(options: HtmlOptions, model: ReportModel): string {
  const out = ['<section id="gaps" aria-labelledby="gaps-h"><h2 id="gaps-h">Gaps</h2>'];
  if (model.gaps.length === 0) out.push('<p>No gaps: no rule found anything.</p>');
  else {
    out.push(table('Gaps', ['Place', 'Severity', 'Rule', 'ID', 'Message'], model.gaps.map((f) =>
      `<tr><td>${fileLink(options, f.file, f.line, `${f.file}:${f.line}:${f.column}`)}</td><td><span class="sev ${f.severity}">${f.severity}</span></td>` +
      `<td><code>${esc(f.rule)}</code></td><td>${esc(f.id ?? '')}</td><td>${esc(f.message)}</td></tr>`), ' data-filter', 'gaps'));
  }
  if (model.skipped.length > 0) {
    out.push('<h3>Files not examined</h3>', table('Files not examined', ['File', 'Reason', 'Detail'],
      model.skipped.map((s) => `<tr><td>${fileLink(options, s.file, 1, s.file)}</td><td>${esc(s.reason)}</td><td>${esc(s.detail ?? '')}</td></tr>`)));
  }
  out.push('</section>');
  return out.join('\n');
}

/** The report as one HTML page. */
export function formatHtml(model: ReportModel, stamp: ReportStamp, options: HtmlOptions): string {
  const host = options.host;
  const csp = host
    ? `default-src 'none'; style-src ${host.cspSource} 'nonce-${host.nonce}'; script-src 'nonce-${host.nonce}'; img-src 'none'; base-uri 'none'; form-action 'none'`
    : `default-src 'none'; style-src 'sha256-${sha256(REPORT_CSS)}'; script-src 'sha256-${sha256(REPORT_SCRIPT)}'; img-src 'none'; base-uri 'none'; form-action 'none'`;
  const nonce = host ? ` nonce="${esc(host.nonce)}"` : '';
  const title = `Traceability report: ${model.root}`;
  const matrix = [
    '<section id="matrix" aria-labelledby="matrix-h"><h2 id="matrix-h">Matrix</h2>',
    `<p>${model.rows.length} items of every kind, inactive ones included, sorted by ID. Each ID links to where it is defined.</p>`,
    '<div class="controls"><label for="filter">Filter</label><input id="filter" type="search" placeholder="ID, title, file, rule…" autocomplete="off">',
    '<label><input id="gaps-only" type="checkbox"> Gaps only</label><output id="shown" for="filter gaps-only" aria-live="polite"></output></div>',
    table('Traceability matrix', ['ID', 'Title', 'Kind', 'Class', 'Status', 'Coverage', 'Parent chain', 'Mitigates', 'Implemented by', 'Verified by', 'Findings'],
      model.rows.map((row) => matrixRow(options, row)), ' id="matrix-rows" data-filter', 'matrix'),
    '</section>',
  ];
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<meta name="generator" content="${esc(`${stamp.tool} ${stamp.version}`)}">`,
    `<title>${esc(title)}</title>`,
    `<style${nonce}>${REPORT_CSS}${host?.css ?? ''}</style>`,
    '</head>',
    '<body>',
    `<header><h1>${esc(title)}</h1>`,
    `<dl class="stamp">${stampLines(stamp).map(([label, value]) => `<dt>${esc(label)}</dt><dd class="mono">${esc(value)}</dd>`).join('')}` +
      `<dt>Project</dt><dd class="mono">${esc(model.root)}${model.configFile !== undefined ? ` (config ${esc(model.configFile)})` : ''}</dd>` +
      `<dt>Test results</dt><dd class="mono">${esc(resultsLine(model))}</dd></dl></header>`,
    '<main>',
    summarySection(model),
    ...matrix,
    chainsSection(options, model),
    gapsSection(options, model),
    '</main>',
    `<footer>Generated by ${esc(`${stamp.tool} ${stamp.version}`)}. This page is one file: it loads nothing and works offline and in print.</footer>`,
    `<script${nonce}>${REPORT_SCRIPT}${host?.script ?? ''}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
