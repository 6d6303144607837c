// Verifies: TL-200, TL-201
/**
 * The traceability report with test results: each verifying test's outcome and message in the
 * matrix (tags, test items, testcases tied by a property), the item's status, the risk chain ending
 * in the test's result, the results read in the summary and the stamp, and "no test results given"
 * without them. Also the interchange writers' outcome adapter over the same evidence.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CommentParser } from '../../src/parsing/commentParser';
import { checkProject, type CheckResult } from '../../src/core/project/check';
import { MemoryFileSystem } from '../../src/core/files/memoryFileSystem';
import { LocalScanService } from '../../src/core/scan/localScanService';
import { buildReportModel, type ReportModel } from '../../src/core/reports/evidence/model';
import { formatCsv } from '../../src/core/reports/evidence/csv';
import { formatMarkdownReport } from '../../src/core/reports/evidence/markdown';
import { formatHtml } from '../../src/core/reports/evidence/html';
import { resultsLine, summaryLine, testText } from '../../src/core/reports/evidence/cells';
import { makeStamp } from '../../src/core/reports/evidence/stamp';
import { testResultLookup } from '../../src/core/results/outcomes';
import { outcomeOfEvidence } from '../../src/core/reports/interchange/testOutcomes';
import { toLobsterFiles } from '../../src/core/reports/interchange/lobster';

const STAMP = makeStamp({ build: 'b', source: { kind: 'none', reason: 'not a git repository' }, generatedAt: '2023-11-14T22:13:20Z', timeFrom: 'SOURCE_DATE_EPOCH' });

const JUNIT = [
  '<?xml version="1.0" encoding="utf-8"?>',
  '<testsuites><testsuite name="pytest" tests="5">',
  '  <testcase classname="tests.test_pump" name="test_limit" file="tests/test_pump.py" time="0.01"/>',
  '  <testcase classname="tests.test_pump" name="test_rate" file="tests/test_pump.py" time="0.01">',
  '    <failure message="AssertionError: assert 5 &lt; 3&#10;second line">trace</failure>',
  '  </testcase>',
  '  <testcase classname="tests.test_pump" name="test_log" file="tests/test_pump.py"><skipped message="no device"/></testcase>',
  '  <testcase classname="bench" name="bench_occlusion">',
  '    <properties><property name="requirements" value="TC-1"/></properties>',
  '  </testcase>',
  '  <testcase classname="bench" name="bench_alarm">',
  '    <properties><property name="requirements" value="REQ-4"/></properties>',
  '    <error message="timeout"/>',
  '  </testcase>',
  '</testsuite></testsuites>',
  '',
].join('\n');

const FILES: Record<string, string> = {
  'requirements/reqs.md': [
    '## RISK-1: Over-delivery', '',
    '## REQ-1: Bolus limit', '- class: B', '',
    '## REQ-2: Rate limit', '- class: C', '- mitigates: RISK-1', '',
    '## REQ-3: Dose log', '- class: A', '',
    '## REQ-4: Alarm', '- class: B', '',
  ].join('\n'),
  'requirements/tests.yml': 'items:\n  - id: TC-1\n    title: Occlusion bench test\n    verifies: REQ-3\n',
  'src/pump.py': '# Implements: REQ-1, REQ-2, REQ-3, REQ-4\ndef pump():\n    pass\n',
  'tests/test_pump.py': [
    '# Verifies: REQ-1', 'def test_limit():', '    pass', '',
    '# Verifies: REQ-2', 'def test_rate():', '    pass', '',
    '# Verifies: REQ-3', 'def test_log():', '    pass', '',
  ].join('\n'),
  'results/junit.xml': JUNIT,
};

let parser: CommentParser;
let result: CheckResult;
let model: ReportModel;
let without: ReportModel;

async function check(files: Record<string, string>): Promise<CheckResult> {
  const fs = new MemoryFileSystem('/project', files);
  return checkProject({ root: fs.root, fs, scanner: new LocalScanService(parser, fs) });
}

before(async () => {
  parser = await CommentParser.create();
  result = await check({ ...FILES, 'tracelens.json': '{ "testResults": ["results/*.xml"] }' });
  model = buildReportModel(result, 'project');
  without = buildReportModel(await check(FILES), 'project');
});
after(() => parser.dispose());

const row = (m: ReportModel, id: string) => m.rows.find((r) => r.id === id)!;

test('each verifying test carries its outcome and the first line of its message; the row its status', () => {
  assert.deepEqual(model.rows.map((r) => `${r.id} ${r.verification ?? '-'} | ${r.verifiedBy.map(testText).join(' ; ')}`), [
    'REQ-1 passed | tests/test_pump.py:1 test_limit [passed]',
    'REQ-2 failed | tests/test_pump.py:5 test_rate [failed: AssertionError: assert 5 < 3]',
    'REQ-3 not-run | tests/test_pump.py:9 test_log [skipped: no device] ; requirements/tests.yml:2 TC-1 [passed]',
    'REQ-4 failed | results/junit.xml:11 bench_alarm [error: timeout]',
    'RISK-1 - | ',
    'TC-1 passed | results/junit.xml:8 bench_occlusion [passed]',
  ]);
  assert.deepEqual(row(model, 'REQ-4').verifiedBy.map((t) => t.source), ['results']);
});

test('a testcase tied by a property is shown, but counts as a test in coverage only as the check counts it', () => {
  const requirements = model.coverage.find((c) => c.kind === 'requirement' && c.safetyClass === 'B')!;
  assert.equal(requirements.items, 2, 'REQ-1 and REQ-4');
  assert.equal(requirements.withTests, 1, 'REQ-1 only: REQ-4 has no verifies tag or test item');
});

test('the risk chain ends in the test and its result', () => {
  const chain = model.chains.find((c) => c.id === 'RISK-1')!;
  assert.deepEqual(chain.controls.map((c) => `${c.id}: ${c.verifiedBy.map(testText).join(' ; ')}`), [
    'REQ-2: tests/test_pump.py:5 test_rate [failed: AssertionError: assert 5 < 3]',
  ]);
  const md = formatMarkdownReport(model, STAMP);
  assert.ok(md.includes('  - control **REQ-2** Rate limit\n    - code: src/pump.py:1 pump\n    - test: tests/test\\_pump.py:5 test\\_rate \\[failed: AssertionError: assert 5 \\< 3\\]\n'), md);
});

test('the summary and the stamp say which results were read, or that none were given', () => {
  assert.deepEqual(model.testResults, { globs: ['results/*.xml'], files: ['results/junit.xml'], testcases: 5 });
  assert.equal(resultsLine(model), 'results/junit.xml (5 testcases)');
  assert.match(summaryLine(model), / · test results \(5 testcases in 1 file\): 1 passed, 2 failed, 1 not run · /);
  assert.equal(without.testResults, undefined);
  assert.equal(resultsLine(without), 'no test results given: tests are shown as traced, not as run');
  assert.match(summaryLine(without), / · no test results given · /);
  assert.deepEqual(row(without, 'REQ-2').verifiedBy, [{ source: 'tag', file: 'tests/test_pump.py', line: 5, name: 'test_rate' }]);
  assert.equal(row(without, 'REQ-2').verification, undefined);
  const html = formatHtml(model, STAMP, { linkBase: '.' });
  assert.ok(html.includes('<dt>Test results</dt><dd class="mono">results/junit.xml (5 testcases)</dd>'));
  assert.ok(html.includes('<span class="state partial">partial</span><br>tests <span class="outcome failed">failed</span>'));
  assert.ok(formatHtml(without, STAMP, { linkBase: '.' }).includes('<dt>Test results</dt><dd class="mono">no test results given: tests are shown as traced, not as run</dd>'));
  assert.ok(formatMarkdownReport(model, STAMP).includes('| Test results | results/junit.xml (5 testcases) |'));
});

test('a glob that matches no file is "none read", never "no results given"', async () => {
  const none = buildReportModel(await check({ ...FILES, 'tracelens.json': '{ "testResults": ["out/*.xml"] }' }), 'project');
  assert.equal(resultsLine(none), 'none read: out/*.xml matched no file');
});

test('CSV: the verifying tests with outcomes and a Test results column', () => {
  const lines = formatCsv(model).split('\r\n');
  const header = lines[0]!.split(',');
  assert.equal(header.indexOf('Test results'), header.indexOf('Verified by') + 1);
  assert.equal(lines[2], 'REQ-2,Rate limit,requirement,C,,yes,partial,,,RISK-1,,src/pump.py:1 pump,tests/test_pump.py:5 test_rate [failed: AssertionError: assert 5 < 3],failed,' +
    'error verification-failed: REQ-2 (class C): verifying test test_rate failed: AssertionError: assert 5 < 3 (results/junit.xml:4); ' +
    'error verification-failed: test_rate verifies REQ-2 and failed: AssertionError: assert 5 < 3 (results/junit.xml:4),requirements/reqs.md,6');
});

test('the interchange adapter: a tag\'s outcome, a test item\'s, none for a tag the check did not judge', () => {
  const outcomeOf = outcomeOfEvidence(result.verification);
  const tag = (id: string) => result.references.find((r) => r.relation === 'verifies' && r.id === id)!;
  assert.deepEqual(['REQ-1', 'REQ-2', 'REQ-3'].map((id) => outcomeOf!(tag(id))), ['passed', 'failed', 'skipped']);
  assert.equal(outcomeOf!(result.items.find((i) => i.id === 'TC-1')!), 'passed');
  assert.equal(outcomeOf!({ ...tag('REQ-1'), id: 'REQ-99' }), undefined);
  assert.equal(outcomeOfEvidence(undefined), undefined, 'no results: no adapter, every status null');
  const lookup = testResultLookup(result.verification!);
  assert.deepEqual(lookup.ofTestItem('RISK-1'), { outcome: 'missing' }, 'an ID with no test of its own: missing');
  const tests = JSON.parse(toLobsterFiles(result, { outcomeOf: outcomeOf! }).get('tests.lobster')!).data as Array<{ tag: string; status: string | null }>;
  assert.deepEqual(tests.map((t) => `${t.tag} ${t.status}`), [
    'req TC-1 ok',
    'test tests/test_pump.py:test_limit ok',
    'test tests/test_pump.py:test_rate fail',
    'test tests/test_pump.py:test_log not run',
  ]);
});
