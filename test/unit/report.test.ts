// Verifies: TL-150, TL-151, TL-152, TL-153, TL-154, TL-155, TL-156
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Workbook } from 'exceljs';
import { unzipSync } from 'fflate';
import { CommentParser } from '../../src/parsing/commentParser';
import { checkProject } from '../../src/core/project/check';
import { MemoryFileSystem } from '../../src/core/files/memoryFileSystem';
import { LocalScanService } from '../../src/core/scan/localScanService';
import { buildReportModel, type ReportModel } from '../../src/core/reports/evidence/model';
import { compareIds } from '../../src/core/reports/evidence/order';
import { csvField, formatCsv } from '../../src/core/reports/evidence/csv';
import { formatMarkdownReport, mdText, stepSummaryMarkdown } from '../../src/core/reports/evidence/markdown';
import { formatJsonReport } from '../../src/core/reports/evidence/json';
import { esc, formatHtml } from '../../src/core/reports/evidence/html';
import { REPORT_SCRIPT } from '../../src/core/reports/evidence/htmlAssets';
import { cellText, formatXlsx } from '../../src/core/reports/evidence/xlsx';
import { generationTime, makeStamp, SourceDateEpochError, stampLines, type ReportStamp } from '../../src/core/reports/evidence/stamp';
import { TOOL_VERSION } from '../../src/core/version';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const STAMP: ReportStamp = makeStamp({
  build: 'sha256:feedfacecafebeef',
  source: { kind: 'git', commit: SHA, branch: 'main', dirty: false },
  config: { file: 'tracelens.json', sha256: 'ab'.repeat(32) },
  generatedAt: '2023-11-14T22:13:20Z',
  timeFrom: 'SOURCE_DATE_EPOCH',
});

const FILES = {
  'requirements/reqs.md': [
    '## SYS-1: Pump delivers insulin', '',
    '## RISK-1: Over-delivery & <script>alert("x")</script>', '',
    '## REQ-2: Bolus, "limit" <b>', '- class: B', '- parent: SYS-1', '- mitigates: RISK-1', '',
    '## REQ-10: Dose log', '- class: A', '- parent: REQ-2', '',
    '## REQ-3: Old', '- status: obsolete', '',
  ].join('\n'),
  'requirements/tests.yml': 'items:\n  - id: TC-1\n    title: Bench test\n    verifies: REQ-2\n',
  'src/dose.c': '// Implements: REQ-2\nint dose_check(int v) { return v; }\n',
  'tests/test_dose.c': '// Verifies: REQ-2\nvoid test_dose(void) {}\n',
};

let parser: CommentParser;
let model: ReportModel;

before(async () => {
  parser = await CommentParser.create();
  const fs = new MemoryFileSystem('/project', FILES);
  model = buildReportModel(await checkProject({ root: fs.root, fs, scanner: new LocalScanService(parser, fs) }), 'project');
});
after(() => parser.dispose());

test('rows: every item of every kind, inactive included, sorted by ID with numbers in order', () => {
  assert.deepEqual(model.rows.map((r) => `${r.id} ${r.kind} ${r.safetyClass}/${r.classFrom} ${r.active ? 'active' : 'inactive'} ${r.coverage} ${r.file}:${r.line}`), [
    'REQ-2 requirement B/item active complete requirements/reqs.md:5',
    'REQ-3 requirement C/default inactive inactive requirements/reqs.md:14',
    'REQ-10 requirement A/item active none requirements/reqs.md:10',
    'RISK-1 risk C/default active complete requirements/reqs.md:3',
    'SYS-1 system C/default active complete requirements/reqs.md:1',
    'TC-1 test C/default active neutral requirements/tests.yml:2',
  ]);
});

test('a row holds its parent chain, risks, code, tests and findings', () => {
  const [req2, , req10, risk] = model.rows;
  assert.deepEqual(req2, {
    id: 'REQ-2', kind: 'requirement', title: 'Bolus, "limit" <b>', safetyClass: 'B', classFrom: 'item', active: true,
    file: 'requirements/reqs.md', line: 5, coverage: 'complete', needs: ['impl', 'test'], missing: [],
    parentChains: [['SYS-1']], mitigates: ['RISK-1'], mitigatedBy: [],
    implementedBy: [{ file: 'src/dose.c', line: 1, symbol: 'dose_check', relation: 'implements' }],
    verifiedBy: [
      { source: 'tag', file: 'tests/test_dose.c', line: 1, name: 'test_dose' },
      { source: 'item', file: 'requirements/tests.yml', line: 2, name: 'TC-1' },
    ],
    findings: [], gap: false,
  });
  assert.deepEqual(req10!.parentChains, [['REQ-2', 'SYS-1']]);
  assert.deepEqual(req10!.missing, ['impl', 'test']);
  assert.equal(req10!.gap, true);
  assert.deepEqual(req10!.findings, [
    { rule: 'unimplemented', severity: 'info', message: 'REQ-10 (class A) is not implemented: no code comment implements it', file: 'requirements/reqs.md', line: 10 },
    { rule: 'unverified', severity: 'warning', message: 'REQ-10 (class A) is not verified: no test verifies it', file: 'requirements/reqs.md', line: 10 },
  ]);
  assert.deepEqual(risk!.mitigatedBy, ['REQ-2']);
});

test('risk chains run hazard → control → refining requirement, with code and tests', () => {
  assert.deepEqual(model.chains, [{
    id: 'RISK-1', title: 'Over-delivery & <script>alert("x")</script>', active: true, mitigatedInCode: [],
    controls: [{
      id: 'REQ-2', title: 'Bolus, "limit" <b>', kind: 'requirement',
      implementedBy: [{ file: 'src/dose.c', line: 1, symbol: 'dose_check', relation: 'implements' }],
      verifiedBy: [
        { source: 'tag', file: 'tests/test_dose.c', line: 1, name: 'test_dose' },
        { source: 'item', file: 'requirements/tests.yml', line: 2, name: 'TC-1' },
      ],
      refinedBy: [{ id: 'REQ-10', title: 'Dose log', kind: 'requirement', implementedBy: [], verifiedBy: [], refinedBy: [] }],
    }],
  }]);
});

test('coverage by kind and class, findings by rule', () => {
  assert.deepEqual(model.coverage.map((c) => `${c.kind} ${c.safetyClass}: ${c.items} items, ${c.inactive} inactive, ${c.complete}/${c.needing} complete, code ${c.withCode}, tests ${c.withTests}, mitigated ${c.mitigated}`), [
    'requirement A: 1 items, 0 inactive, 0/1 complete, code 0, tests 0, mitigated 0',
    'requirement B: 1 items, 0 inactive, 1/1 complete, code 1, tests 1, mitigated 0',
    'requirement C: 1 items, 1 inactive, 0/0 complete, code 0, tests 0, mitigated 0',
    'risk C: 1 items, 0 inactive, 1/1 complete, code 0, tests 0, mitigated 1',
    'system C: 1 items, 0 inactive, 0/0 complete, code 0, tests 0, mitigated 0',
    'test C: 1 items, 0 inactive, 0/0 complete, code 0, tests 0, mitigated 0',
  ]);
  assert.deepEqual(model.rules, [
    { rule: 'unimplemented', title: 'Unimplemented requirement', error: 0, warning: 0, info: 1 },
    { rule: 'unverified', title: 'Unverified requirement', error: 0, warning: 1, info: 0 },
  ]);
});

test('IDs sort with numbers as numbers, without locale', () => {
  assert.deepEqual(['REQ-10', 'REQ-2', 'REQ-02', 'RISK-1', 'REQ-1a', 'REQ-1', 'A'].sort(compareIds), ['A', 'REQ-1', 'REQ-1a', 'REQ-02', 'REQ-2', 'REQ-10', 'RISK-1']);
});

test('CSV: RFC 4180 quoting, CRLF, a header row with ID first, one row per item', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField('cr\r'), '"cr\r"');
  assert.equal(csvField(12), '12');
  const lines = formatCsv(model).split('\r\n');
  assert.equal(lines[0], 'ID,Title,Kind,Class,Status,Active,Coverage,Missing,Parent chain,Mitigates,Mitigated by,Implemented by,Verified by,Test results,Findings,File,Line');
  assert.equal(lines[1], 'REQ-2,"Bolus, ""limit"" <b>",requirement,B,,yes,complete,,SYS-1,RISK-1,,src/dose.c:1 dose_check,tests/test_dose.c:1 test_dose; requirements/tests.yml:2 TC-1,,,requirements/reqs.md,5');
  assert.equal(lines[2], 'REQ-3,Old,requirement,C (default),obsolete,no,inactive,,,,,,,,,requirements/reqs.md,14');
  assert.equal(lines.length, 8, 'six rows, the header and the empty string after the last CRLF');
  assert.equal(lines[7], '');
});

test('Markdown escapes project text and renders the stamp, summary, matrix, chains and gaps', () => {
  assert.equal(mdText('a|b <i>*x*</i> & [l](u) `c` #1\nnext'), 'a\\|b \\<i\\>\\*x\\*\\</i\\> &amp; \\[l\\](u) \\`c\\` \\#1 next');
  const md = formatMarkdownReport(model, STAMP);
  assert.ok(!md.includes('<script>'), 'no raw markup from the project');
  assert.ok(md.includes(`| Commit | ${SHA} |`));
  assert.ok(md.includes(`| Tool | tracelens ${TOOL_VERSION} |`));
  assert.ok(md.includes('| REQ-10 | Dose log | requirement | A |  | none, missing impl, test | REQ-2 → SYS-1 |  |  |  | info unimplemented: REQ-10 (class A) is not implemented: no code comment implements it<br>warning unverified: REQ-10 (class A) is not verified: no test verifies it |'));
  assert.ok(md.includes('- risk **RISK-1** Over-delivery &amp; \\<script\\>alert("x")\\</script\\>\n  - control **REQ-2** Bolus, "limit" \\<b\\>\n    - code: src/dose.c:1 dose\\_check\n'));
  assert.ok(md.includes('    - refined by **REQ-10** Dose log\n      - no code, no test, no refinement\n'));
  assert.ok(md.endsWith('- requirements/reqs.md:10:4 **warning** unverified: REQ-10 (class A) is not verified: no test verifies it\n'));
});

test('the job summary lists at most 50 gaps and says how many it left out', () => {
  const many = { ...model, gaps: Array.from({ length: 53 }, (_, i) => ({ ...model.gaps[0]!, line: i + 1 })) };
  const summary = stepSummaryMarkdown(many);
  assert.ok(summary.startsWith('## Tracelens traceability\n\n### Summary\n\n**'));
  assert.equal(summary.split('\n').filter((l) => l.startsWith('- requirements/reqs.md:')).length, 50);
  assert.ok(summary.includes('- … and 3 more (the full list is in the report)\n'));
});

test('JSON: the stamp and the model, deterministic', () => {
  const text = formatJsonReport(model, STAMP);
  const json = JSON.parse(text) as Record<string, unknown>;
  assert.deepEqual(Object.keys(json), ['report', 'formatVersion', 'stamp', 'root', 'summary', 'files', 'coverage', 'rules', 'rows', 'chains', 'gaps', 'skipped']);
  assert.deepEqual(json['stamp'], STAMP);
  assert.equal((json['rows'] as unknown[]).length, 6);
  assert.equal(text, formatJsonReport(model, STAMP));
});

test('HTML: escaped, self-contained, deterministic, with every ID, the full SHA and links relative to the page', () => {
  assert.equal(esc(`<a href="x">&'`), '&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
  const html = formatHtml(model, STAMP, { linkBase: '../project dir' });
  assert.equal(html, formatHtml(model, STAMP, { linkBase: '../project dir' }));
  assert.equal(html.match(/<script/g)?.length, 1, 'only the report\'s own script');
  assert.ok(html.includes('Over-delivery &amp; &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'));
  assert.ok(html.includes('<td role="cell">Bolus, &quot;limit&quot; &lt;b&gt;</td>'));
  assert.ok(!/(src|href)="(https?:)?\/\//.test(html), 'no absolute URL to load or follow');
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)?.[1];
  const scriptHash = createHash('sha256').update(REPORT_SCRIPT).digest('base64');
  assert.ok(csp?.startsWith(`default-src &#39;none&#39;; style-src &#39;sha256-`), csp);
  assert.ok(csp?.includes(`script-src &#39;sha256-${scriptHash}&#39;`));
  for (const row of model.rows) assert.ok(html.includes(`>${row.id}</a></th>`), row.id);
  assert.ok(html.includes(`<dt>Commit</dt><dd class="mono">${SHA}</dd>`));
  assert.ok(html.includes(`<dt>Tool</dt><dd class="mono">tracelens ${TOOL_VERSION}</dd>`));
  assert.ok(html.includes('<tr role="row" class="gap"><th scope="row" role="rowheader"><a href="../project%20dir/requirements/reqs.md#L10">REQ-10</a></th>'));
  assert.ok(html.includes('<tr role="row" class="inactive"><th scope="row" role="rowheader"><a href="../project%20dir/requirements/reqs.md#L14">REQ-3</a>'));
  assert.ok(html.includes('<table class="grid matrix" role="table" aria-label="Traceability matrix">'));
  // Past 500 rows, rows off screen are skipped by layout (the filter stays fast); they stay in the page.
  const long = formatHtml({ ...model, rows: Array.from({ length: 501 }, () => model.rows[0]!) }, STAMP, { linkBase: '.' });
  assert.ok(long.includes('<table class="grid matrix offscreen" role="table"'));
  assert.ok(html.includes('<a href="../project%20dir/src/dose.c#L1">src/dose.c:1</a> <code>dose_check</code>'));
});

test('HTML and Markdown show a verifying test\'s outcome when results give one', () => {
  const [first, ...rest] = model.rows;
  const withOutcome = { ...model, rows: [{ ...first!, verifiedBy: [{ ...first!.verifiedBy[0]!, outcome: 'failed' as const, message: 'expected 5 < 3' }] }, ...rest] };
  assert.ok(formatHtml(withOutcome, STAMP, { linkBase: '.' }).includes('<a href="tests/test_dose.c#L1">tests/test_dose.c:1</a> <code>test_dose</code> <span class="outcome failed">failed</span>: expected 5 &lt; 3'));
  assert.ok(formatMarkdownReport(withOutcome, STAMP).includes('tests/test\\_dose.c:1 test\\_dose \\[failed: expected 5 \\< 3\\]'));
});

test('the stamp: SOURCE_DATE_EPOCH or the clock, and what each state says', () => {
  assert.deepEqual(generationTime('1700000000', 0), { generatedAt: '2023-11-14T22:13:20Z', timeFrom: 'SOURCE_DATE_EPOCH' });
  assert.deepEqual(generationTime(undefined, Date.UTC(2024, 0, 2, 3, 4, 5, 678)), { generatedAt: '2024-01-02T03:04:05Z', timeFrom: 'clock' });
  assert.deepEqual(generationTime('', 0), { generatedAt: '1970-01-01T00:00:00Z', timeFrom: 'clock' });
  for (const bad of ['-1', '1.5', 'now', '1700000000 ']) assert.throws(() => generationTime(bad, 0), SourceDateEpochError, bad);
  const lines = (source: ReportStamp['source']) => Object.fromEntries(stampLines({ ...STAMP, source }));
  assert.deepEqual(lines({ kind: 'git', commit: SHA, dirty: true }), {
    Tool: `tracelens ${TOOL_VERSION}`, Build: 'sha256:feedfacecafebeef', Commit: SHA, Branch: '(detached HEAD)',
    'Working tree': 'DIRTY: uncommitted changes in the checked folder',
    Configuration: `tracelens.json (SHA-256 ${'ab'.repeat(32)})`, Generated: '2023-11-14T22:13:20Z (SOURCE_DATE_EPOCH)',
  });
  const none = lines({ kind: 'none', reason: 'not a git repository' });
  assert.equal(none['Commit'], 'none: not a git repository');
  assert.equal(none['Branch'], undefined);
});

test('XLSX: the matrix and the stamp in cells, the same bytes twice, fixed zip times', async () => {
  const first = await formatXlsx(model, STAMP);
  await new Promise((resolve) => setTimeout(resolve, 2100)); // past a zip timestamp tick (2 s)
  const second = await formatXlsx(model, STAMP);
  assert.ok(Buffer.from(first).equals(Buffer.from(second)), 'byte-identical');
  const entries = unzipSync(first);
  assert.ok(new TextDecoder().decode(entries['docProps/core.xml']).includes('<dcterms:created xsi:type="dcterms:W3CDTF">2023-11-14T22:13:20Z</dcterms:created>'));
  const book = new Workbook();
  await book.xlsx.load(Buffer.from(first) as unknown as ArrayBuffer);
  assert.deepEqual(book.worksheets.map((s) => s.name), ['Matrix', 'Summary', 'Risk chains', 'Gaps']);
  const matrix = book.getWorksheet('Matrix')!;
  assert.equal(matrix.rowCount, 7);
  assert.deepEqual((matrix.getRow(1).values as unknown[]).slice(1, 4), ['ID', 'Title', 'Kind']);
  assert.deepEqual((matrix.getRow(2).values as unknown[]).slice(1), [
    'REQ-2', 'Bolus, "limit" <b>', 'requirement', 'B', undefined, 'yes', 'complete', undefined, 'SYS-1', 'RISK-1', undefined,
    'src/dose.c:1 dose_check', 'tests/test_dose.c:1 test_dose\nrequirements/tests.yml:2 TC-1', undefined, undefined, 'requirements/reqs.md', 5,
  ].map((v) => (v === undefined ? '' : v)));
  const summary = book.getWorksheet('Summary')!;
  assert.deepEqual((summary.getRow(3).values as unknown[]).slice(1), ['Commit', SHA]);
  const chains = book.getWorksheet('Risk chains')!;
  assert.deepEqual((chains.getRow(4).values as unknown[]).slice(1, 3), ['RISK-1', 'RISK-1 → REQ-2 → REQ-10']);
  assert.equal(cellText('a\u0001b'), 'a\ufffdb');
  assert.equal(cellText('x'.repeat(40_000)).length, 32_767);
});
