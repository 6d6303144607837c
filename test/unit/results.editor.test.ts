// Verifies: TL-146
/**
 * Test results in the editor's model: the live index reads results files (git-ignored too),
 * re-reads them on change and forgets deleted ones, agreeing with a full check; the tree, CodeLens
 * and hover words for failing verifications.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { CommentParser } from '../../src/parsing/commentParser';
import { LocalScanService } from '../../src/core/scan/localScanService';
import { ProjectIndex } from '../../src/core/project/projectIndex';
import { checkProject } from '../../src/core/project/check';
import { MemoryFileSystem } from '../../src/core/files/memoryFileSystem';
import { SnapshotLookup } from '../../src/vscode/state/snapshotLookup';
import { coverageIcon, coverageLabel } from '../../src/vscode/views/treeModel';
import { itemHover, resultCounts, timeOfRun, traceSummary } from '../../src/vscode/features/hoverContent';

let parser: CommentParser;
before(async () => { parser = await CommentParser.create(); });
after(() => parser.dispose());

const junit = (outcome: string) => `<testsuites><testsuite name="pytest" timestamp="2025-05-12T09:14:03.5+00:00">
<testcase classname="tests.test_dose" name="test_limit" time="0.1">${outcome}</testcase>
<testcase classname="tests.test_dose" name="test_round" time="0.1"/>
</testsuite></testsuites>`;

function project(): MemoryFileSystem {
  return new MemoryFileSystem(path.resolve('/results-project'), {
    'tracelens.json': '{ "testResults": ["build/results/*.xml"] }',
    '.gitignore': 'build/\n',
    'requirements/reqs.md': '# Requirements\n\n## REQ-001: Bolus limit\n- class: C\n\n## REQ-002: Rounding\n- class: C\n',
    'src/dose.py': '# Implements: REQ-001, REQ-002\ndef dose():\n    return 0\n',
    'tests/test_dose.py': 'def test_limit():\n    # Verifies: REQ-001\n    assert True\n\n\ndef test_round():\n    # Verifies: REQ-002\n    assert True\n',
    'build/results/pytest.xml': junit(''),
  });
}

const rulesOf = (findings: readonly { rule: string; id?: string; file: string; line: number }[]) => findings.filter((f) => f.rule.startsWith('verification') || f.rule === 'results-missing').map((f) => `${f.rule} ${f.id ?? ''} ${f.file}:${f.line}`);

test('the live index reads results, re-reads a changed file and forgets a deleted one, as a check would', async () => {
  const fs = project();
  const index = new ProjectIndex(fs.root, fs, parser, new LocalScanService(parser, fs));
  try {
    await index.load();
    assert.equal(index.roleOf('build/results/pytest.xml'), 'results', 'git-ignored, still a results file');
    let snapshot = index.snapshot();
    assert.deepEqual([...snapshot.verification!.byId].map(([id, e]) => `${id} ${e.status}`), ['REQ-001 passed', 'REQ-002 passed']);
    assert.deepEqual(rulesOf(snapshot.findings), []);

    await fs.write('build/results/pytest.xml', junit('<failure message="assert 11 &lt;= 10"/>'));
    await index.fileChangedOnDisk('build/results/pytest.xml');
    snapshot = index.snapshot();
    assert.deepEqual(rulesOf(snapshot.findings), ['verification-failed REQ-001 requirements/reqs.md:3', 'verification-failed REQ-001 tests/test_dose.py:2']);
    const full = await checkProject({ root: fs.root, fs, scanner: new LocalScanService(parser, fs) });
    assert.deepEqual(snapshot.findings, full.findings, 'the editor agrees with a check');
    assert.deepEqual(snapshot.summary, full.summary);

    const view = SnapshotLookup.of(snapshot);
    const req1 = view.item('REQ-001')!;
    const detail = view.coverageDetail(req1);
    assert.deepEqual([detail.state, detail.verified, detail.verification], ['partial', false, 'failed']);
    assert.deepEqual(coverageIcon(detail.state, req1, detail), { id: 'testing-failed-icon', color: 'testing.iconFailed' });
    assert.equal(coverageLabel(detail.state, req1, detail), 'verification failed');
    assert.equal(traceSummary(req1, view), '1 implementation · 1 test · ✘ 1 failed');
    assert.equal(traceSummary(view.item('REQ-002')!, view), '1 implementation · 1 test · ✔ 1 passed');
    const hover = itemHover(req1, view, (at) => `file:///p/${at.file}#L${at.line}`);
    assert.ok(hover.includes('**Test results**: ✘ 1 failed (2025\\-05\\-12 09:14\\+00:00)'), hover);
    assert.ok(hover.includes('- ✘ `test_limit` failed: assert 11 \\<= 10 [build/results/pytest\\.xml:2](file:///p/build/results/pytest.xml#L2)'), hover);

    await fs.delete('build/results/pytest.xml');
    await index.fileDeleted('build/results/pytest.xml');
    assert.deepEqual(rulesOf(index.snapshot().findings), [
      'verification-not-run REQ-001 requirements/reqs.md:3', 'verification-not-run REQ-002 requirements/reqs.md:6',
      'verification-not-run REQ-001 tests/test_dose.py:2', 'verification-not-run REQ-002 tests/test_dose.py:7',
      'results-missing  tracelens.json:1',
    ]);
  } finally {
    index.dispose();
  }
});

test('counts and time of run in words', () => {
  const at = { file: 'r.xml', line: 1, column: 1 };
  const evidence = {
    status: 'failed' as const,
    tests: [
      { name: 'a', outcome: 'passed' as const, cases: [{ ...at, name: 'a', suites: [], outcome: 'passed' as const, properties: [] }], ambiguous: [] },
      { name: 'b', outcome: 'error' as const, cases: [], ambiguous: [] },
      { name: 'c', outcome: 'missing' as const, cases: [], ambiguous: [] },
      { name: 'd', outcome: 'passed' as const, cases: [], ambiguous: [] },
    ],
  };
  assert.equal(resultCounts(evidence), '✔ 2 passed · ✘ 1 failed · ○ 1 not run');
  assert.equal(timeOfRun(evidence, { 'r.xml': '2025-05-12T10:00:00.000Z' }), '2025-05-12 10:00Z', 'the file time when the XML has none');
  assert.equal(timeOfRun(evidence), undefined);
});
