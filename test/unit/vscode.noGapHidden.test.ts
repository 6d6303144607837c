// Verifies: TL-210, TL-211, TL-212, TL-213
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyze } from '../../src/core/project/check';
import type { Finding, Item, Reference, SafetyClass } from '../../src/core/model/types';
import type { LoadStats, ProjectSnapshot } from '../../src/core/project/projectIndex';
import { bySeverity, capFindings, hiddenGapsMessage, MAX_DIAGNOSTICS_PER_FILE, worstHidden } from '../../src/vscode/features/diagnosticCap';
import { gutterMarks } from '../../src/vscode/features/gutterModel';
import { scanCacheFolder } from '../../src/vscode/state/cacheLocation';
import { indexLogLines, SKIPPED_AT_INFO } from '../../src/vscode/state/indexLog';
import { SnapshotLookup } from '../../src/vscode/state/snapshotLookup';
import { Project, type LiveIndex } from '../../src/vscode/state/project';
import { item, ref, testConfig } from '../helpers/model';
import { memoryProject } from '../helpers/project';
import { CommentParser } from '../../src/parsing/commentParser';
import { LocalScanService } from '../../src/core/scan/localScanService';
import { ProjectIndex } from '../../src/core/project/projectIndex';

let parser: CommentParser;
before(async () => { parser = await CommentParser.create(); });
after(() => parser.dispose());

function snapshotOf(items: Item[], references: Reference[]): ProjectSnapshot {
  const config = testConfig();
  const { findings, summary, index } = analyze({ items, references, problems: [] }, config);
  return {
    config, items, references, findings, skipped: [], summary, index,
    requirementFiles: [...new Set(items.map((i) => i.file))].sort(),
    codeFiles: [...new Set(references.map((r) => r.file))].sort(),
  };
}

const BIG = 'requirements/big.md';

/** 3,000 unimplemented items, 4 lines apart: the first 2,900 class A, the last 100 class B. */
function bigFile(): ProjectSnapshot {
  const items: Item[] = [];
  for (let n = 1; n <= 3000; n++) {
    const safetyClass: SafetyClass = n > 2900 ? 'B' : 'A';
    items.push(item(`BIG-${String(n).padStart(4, '0')}`, { file: BIG, line: 4 * n, class: safetyClass }));
  }
  return snapshotOf(items, []);
}

const finding = (severity: Finding['severity'], line: number, column = 1): Finding => ({ rule: 'r', severity, message: '', file: 'f', line, column });

test('diagnostics are ordered errors first, then warnings, then infos, each by place', () => {
  const ordered = bySeverity([finding('info', 1), finding('warning', 9), finding('error', 7, 5), finding('warning', 2), finding('error', 7, 2)]);
  assert.deepEqual(ordered.map((f) => `${f.severity}:${f.line}:${f.column}`), ['error:7:2', 'error:7:5', 'warning:2:1', 'warning:9:1', 'info:1:1']);
});

test('a file within the cap shows every finding, none hidden', () => {
  const findings = Array.from({ length: MAX_DIAGNOSTICS_PER_FILE }, (_, i) => finding('warning', i + 1));
  const capped = capFindings(findings);
  assert.equal(capped.shown.length, 1000);
  assert.equal(capped.hidden, 0);
  assert.deepEqual(capped.hiddenBySeverity, { error: 0, warning: 0, info: 0 });
});

test('a 3,000-item file: 999 diagnostics, errors first, and a count of the 5,001 left out', () => {
  const view = SnapshotLookup.of(bigFile());
  const findings = view.findingsIn(BIG);
  assert.equal(findings.length, 6000, 'unimplemented and unverified for each item');
  const capped = capFindings(findings);
  assert.equal(capped.shown.length, 999, 'one place is kept for the summary');
  const severities = capped.shown.map((f) => f.severity);
  assert.equal(severities.lastIndexOf('error'), 99, 'the 100 errors (unverified class B) come first');
  assert.equal(severities.indexOf('warning'), 100);
  assert.equal(severities.includes('info'), false);
  assert.deepEqual([capped.shown[0]!.id, capped.shown[0]!.line, capped.shown[0]!.rule], ['BIG-2901', 11604, 'unverified']);
  assert.deepEqual([capped.shown[100]!.id, capped.shown[100]!.rule], ['BIG-0001', 'unverified']);
  assert.equal(capped.hidden, 5001);
  assert.deepEqual(capped.hiddenBySeverity, { error: 0, warning: 2101, info: 2900 });
  assert.equal(worstHidden(capped.hiddenBySeverity), 'warning');
  assert.equal(hiddenGapsMessage(capped),
    '5,001 more gaps in this file are not listed as problems (2,101 warnings, 2,900 infos): VS Code shows at most 1,000 per file. '
    + 'Every item\'s coverage shows in the gutter; the Gaps view filtered to this file lists them all.');
});

test('one finding over the cap: 999 shown, 2 counted (one place goes to the summary)', () => {
  const findings = [...Array.from({ length: 1000 }, (_, i) => finding('warning', i + 1)), finding('error', 5000)];
  const capped = capFindings(findings);
  assert.equal(capped.shown[0]!.line, 5000, 'the error is kept');
  assert.equal(capped.hidden, 2);
  assert.deepEqual(capped.hiddenBySeverity, { error: 0, warning: 2, info: 0 });
  const small = capFindings([finding('info', 1), finding('warning', 2), finding('error', 3)], 2);
  assert.match(hiddenGapsMessage(small, 2), /^2 more gaps in this file are not listed as problems \(1 warning, 1 info\): VS Code shows at most 2 per file\./);
});

test('gutter marks: one per item, on its ID line, in its coverage state', () => {
  const file = 'requirements/srs.md';
  const items = [
    item('REQ-001', { file, line: 3, class: 'C' }),
    item('REQ-002', { file, line: 10, class: 'C' }),
    item('REQ-003', { file, line: 20, class: 'C' }),
    item('REQ-004', { file, line: 30, status: 'obsolete' }),
    item('TC-001', { file, line: 40, kind: 'test', links: [['verifies', 'REQ-001']] }),
  ];
  const references = [ref('REQ-001', 'implements', 'src/a.c', 1), ref('REQ-002', 'implements', 'src/a.c', 2)];
  const marks = gutterMarks(SnapshotLookup.of(snapshotOf(items, references)), file);
  assert.deepEqual(Object.fromEntries(marks), { complete: [2], partial: [9], none: [19], inactive: [29], neutral: [39] });
  const big = gutterMarks(SnapshotLookup.of(bigFile()), BIG);
  assert.deepEqual([...big].map(([state, lines]) => `${state}:${lines.length}`), ['complete:0', 'partial:0', 'none:3000', 'inactive:0', 'neutral:0']);
  assert.equal(big.get('none')![2999], 11999);
});

test('the scan cache folder depends on the workspace folder only', () => {
  const storage = path.join('/home/u/.local/share/code-server/User/globalStorage', 'tracelens.tracelens');
  const a = scanCacheFolder(storage, 'file:///work/pump');
  assert.equal(a, path.join(storage, 'scan-cache', '20bf60c0cdf4ed25'));
  assert.equal(scanCacheFolder(storage, 'file:///work/pump'), a, 'the same folder, the same cache');
  assert.notEqual(scanCacheFolder(storage, 'file:///work/pump2'), a);
});

test('the index log: counts, phase timings and skipped files with reasons', () => {
  const file = 'requirements/srs.md';
  const snapshot: ProjectSnapshot = {
    ...snapshotOf([item('REQ-001', { file, line: 3 }), item('REQ-002', { file, line: 9 })], [ref('REQ-001', 'implements', 'src/a.c', 1)]),
    configFile: 'tracelens.json',
    skipped: Array.from({ length: SKIPPED_AT_INFO + 1 }, (_, i) => ({ file: `big/${String(i).padStart(2, '0')}.c`, reason: 'too-large' as const, detail: '2 MB' })),
  };
  const stats: LoadStats = {
    listed: 1234, requirementFiles: 1, resultFiles: 0, codeFiles: 40,
    timings: { config: 2, listing: 30, requirements: 5, results: 0, code: 700, soup: 1, rules: 12 },
  };
  const lines = indexLogLines('/work/pump', stats, snapshot);
  assert.deepEqual(lines.info.slice(0, 4), [
    'Indexed /work/pump (tracelens.json) in 750 ms: 1,234 files listed; 1 requirement file, 2 items; 40 code files, 1 reference; findings: 3 errors, 0 warnings, 0 infos',
    '  phases: config 2 ms · listing 30 ms · requirements 5 ms · test results 0 ms · code 700 ms · SOUP 1 ms · rules 12 ms',
    '  21 code files skipped (the first 20 below; the debug level lists all):',
    '  skipped big/00.c: too-large (2 MB)',
  ]);
  assert.equal(lines.info.length, 3 + SKIPPED_AT_INFO);
  assert.deepEqual(lines.debug, ['  skipped big/20.c: too-large (2 MB)', '  requirement file requirements/srs.md: 2 items']);
});

test("the project tells its host of each successful load (the log's cue) and of each failure", async () => {
  const events: string[] = [];
  let fail = false;
  const snapshot = snapshotOf([item('REQ-001', { line: 3 })], []);
  const index = {
    config: testConfig(), configPath: 'tracelens.json',
    load: async () => { if (fail) throw new Error('disk on fire'); return snapshot; },
    snapshot: () => snapshot, roleOf: () => 'other' as const, dispose: () => undefined,
  } as unknown as LiveIndex;
  const project: Project = new Project('/root', index, {
    openBuffers: () => [], isDirectory: async () => false,
    loaded: () => events.push(`loaded:${project.phase}:${project.snapshot === snapshot}`),
    log: (message) => events.push(`log:${message.split('\n')[0]}`),
  });
  await project.reload();
  fail = true;
  await project.reload();
  assert.deepEqual(events, ['loaded:ready:true', 'log:Loading /root failed: Error: disk on fire']);
});

test('a load records what it read and how long each phase took', async () => {
  const fs = memoryProject('gaps');
  const index = new ProjectIndex(fs.root, fs, parser, new LocalScanService(parser, fs));
  try {
    assert.equal(index.lastLoad, undefined);
    const snapshot = await index.load();
    const stats = index.lastLoad!;
    assert.deepEqual({ ...stats, timings: Object.keys(stats.timings) }, {
      listed: 8, requirementFiles: 4, resultFiles: 0, codeFiles: 2,
      timings: ['config', 'listing', 'requirements', 'results', 'code', 'soup', 'rules'],
    });
    assert.equal(snapshot.codeFiles.length, stats.codeFiles);
    assert.ok(Object.values(stats.timings).every((ms) => Number.isInteger(ms) && ms >= 0));
  } finally {
    index.dispose();
  }
});
