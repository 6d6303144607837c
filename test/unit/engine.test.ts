// Verifies: TL-001, TL-007, TL-014, TL-020, TL-011
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CommentParser } from '../../src/parsing/commentParser';
import { checkProject, type CheckResult } from '../../src/core/project/check';
import type { MemoryFileSystem } from '../../src/core/files/memoryFileSystem';
import { LocalScanService } from '../../src/core/scan/localScanService';
import { gapsExtras, memoryProject } from '../helpers/project';

let parser: CommentParser;
let result: CheckResult;

/** A whole check of a project in memory, as the CLI runs it on disk. */
function check(fs: MemoryFileSystem): Promise<CheckResult> {
  return checkProject({ root: fs.root, fs, scanner: new LocalScanService(parser, fs) });
}

before(async () => {
  parser = await CommentParser.create();
  result = await check(memoryProject('gaps', gapsExtras()));
});
after(() => parser.dispose());

const findingKeys = () => result.findings.map((f) => `${f.rule} ${f.id ?? '-'} ${f.severity} ${f.file}:${f.line}`);

test('every rule fires where the fixture has a gap', () => {
  const keys = findingKeys();
  const expected = [
    /^invalid-file - error requirements\/broken\.yml:\d+$/,
    /^duplicate-id REQ-001 error requirements\/software\.md:3$/,
    /^duplicate-id REQ-001 error requirements\/software\.md:32$/,
    /^broken-link SYS-404 error requirements\/software\.md:12$/,
    /^unimplemented REQ-002 warning requirements\/software\.md:10$/,
    /^unverified REQ-002 error requirements\/software\.md:10$/,
    /^unimplemented REQ-003 info requirements\/software\.md:16$/,
    /^unverified REQ-003 warning requirements\/software\.md:16$/,
    /^unmitigated-risk RISK-002 error requirements\/risks\.yml:\d+$/,
    /^unknown-id REQ-099 error src\/dose\.c:7$/,
    /^inactive-reference REQ-004 warning src\/dose\.c:12$/,
  ];
  for (const pattern of expected) assert.ok(keys.some((k) => pattern.test(k)), `missing ${pattern} in\n${keys.join('\n')}`);
});

test('nothing else is reported: inspection needs no test, mitigated risks and traced requirements are quiet', () => {
  const keys = findingKeys();
  assert.ok(!keys.some((k) => k.includes('REQ-005')), keys.join('\n'));
  assert.ok(!keys.some((k) => k.includes('RISK-001')), keys.join('\n'));
  assert.ok(!keys.some((k) => / REQ-001 /.test(k) && !k.startsWith('duplicate-id')), keys.join('\n'));
  assert.ok(keys.some((k) => k.startsWith('unverified REQ-010 error')), 'REQ-010 (default class C, no test) is unverified');
  assert.ok(!keys.some((k) => k.startsWith('unimplemented REQ-010')), 'REQ-010 is implemented in dose.c');
});

test('a malformed requirement file hides nothing else: its good items and every other file are read', () => {
  const ids = new Set(result.items.map((i) => i.id));
  for (const id of ['REQ-001', 'REQ-002', 'REQ-003', 'REQ-004', 'REQ-005', 'SYS-001', 'RISK-001', 'RISK-002', 'REQ-010']) assert.ok(ids.has(id), `${id} missing`);
});

test('IDs in strings and unknown prefixes never count; docstrings do', () => {
  const refs = result.references.map((r) => `${r.id} ${r.relation} ${r.file}:${r.line}`);
  assert.ok(!refs.some((r) => r.startsWith('REQ-003')), refs.join('\n'));
  assert.ok(!refs.some((r) => r.startsWith('REQ-002')), refs.join('\n'));
  assert.ok(refs.includes('REQ-001 verifies tests/test_dose.py:3'), refs.join('\n'));
  assert.ok(refs.includes('REQ-001 verifies tests/test_dose.py:8'), refs.join('\n'));
  assert.ok(!refs.some((r) => /^(UTF|SHA)/.test(r)));
});

test('references record the enclosing or documented symbol', () => {
  const byId = new Map(result.references.filter((r) => r.file === 'src/dose.c').map((r) => [r.id, r.symbol]));
  assert.equal(byId.get('REQ-001'), 'dose_limit');
  assert.equal(byId.get('REQ-099'), 'dose_limit');
  assert.equal(byId.get('REQ-004'), 'old_protocol');
});

test('ignored, excluded, binary and oversized files: the last two are reported, never silently dropped', () => {
  assert.deepEqual(result.skipped.map((s) => `${s.file} ${s.reason}`), ['src/blob.c binary', 'src/huge.c too-large']);
  const files = new Set(result.references.map((r) => r.file));
  assert.ok(!files.has('build/ignored.c') && !files.has('src/skip.generated.c') && !files.has('vendor/third_party.c'));
});

test('zero config: the first existing default folder holds the requirements', async () => {
  const zero = await check(memoryProject('zero-config'));
  assert.deepEqual(zero.items.map((i) => i.id), ['SRS-1']);
  assert.deepEqual(zero.references.map((r) => `${r.id} ${r.relation}`), ['SRS-1 implements', 'SRS-1 verifies']);
  assert.deepEqual(zero.findings, []);
});
