// Verifies: TL-020, TL-021, TL-008
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../../src/core/model/types';
import { item, ref, testConfig } from '../helpers/model';
import { RULES } from '../../src/core/rules/descriptors';
import { evaluateRules } from '../../src/core/rules/evaluate';

const config = testConfig();
const rulesOf = (findings: Finding[]) => findings.map((f) => `${f.rule}:${f.id ?? ''}:${f.severity}`);

test('a fully traced class C requirement yields no findings', () => {
  const findings = evaluateRules({
    items: [item('REQ-1', { class: 'C' })],
    references: [ref('REQ-1', 'implements'), ref('REQ-1', 'verifies', 'test/a.c')],
    problems: [],
  }, config);
  assert.deepEqual(findings, []);
});

test('unknown-id is reported at the reference', () => {
  const findings = evaluateRules({ items: [item('REQ-1')], references: [ref('REQ-1', 'implements'), ref('REQ-1', 'verifies'), ref('REQ-99', 'implements', 'src/x.c', 7)], problems: [] }, config);
  assert.deepEqual(rulesOf(findings), ['unknown-id:REQ-99:error']);
  assert.equal(findings[0]!.file, 'src/x.c');
  assert.equal(findings[0]!.line, 7);
  assert.equal(findings[0]!.column, 15);
  assert.equal(findings[0]!.endColumn, 15 + 'REQ-99'.length);
});

test('duplicate-id is reported at every definition with the others related', () => {
  const a = item('REQ-1', { file: 'requirements/a.md', line: 3 });
  const b = item('REQ-1', { file: 'requirements/b.md', line: 9 });
  const findings = evaluateRules({ items: [a, b], references: [ref('REQ-1', 'implements'), ref('REQ-1', 'verifies')], problems: [] }, config);
  const dups = findings.filter((f) => f.rule === 'duplicate-id');
  assert.equal(dups.length, 2);
  assert.deepEqual(dups.map((f) => f.file), ['requirements/a.md', 'requirements/b.md']);
  assert.equal(dups[0]!.related?.[0]?.file, 'requirements/b.md');
  assert.equal(dups[1]!.related?.[0]?.file, 'requirements/a.md');
});

test('broken-link names the missing target at the link position', () => {
  const req = item('REQ-1', { links: [['parent', 'SYS-404'], ['mitigates', 'RISK-1']] });
  const risk = item('RISK-1', { kind: 'risk' });
  const findings = evaluateRules({ items: [req, risk], references: [ref('REQ-1', 'implements'), ref('REQ-1', 'verifies')], problems: [] }, config);
  assert.deepEqual(rulesOf(findings), ['broken-link:SYS-404:error']);
  assert.equal(findings[0]!.line, req.links[0]!.line);
  assert.equal(findings[0]!.column, 12);
});

test('inactive-reference warns when code references an obsolete item, and nothing is expected of it', () => {
  const findings = evaluateRules({ items: [item('REQ-1', { status: 'Obsolete' })], references: [ref('REQ-1', 'implements')], problems: [] }, config);
  assert.deepEqual(rulesOf(findings), ['inactive-reference:REQ-1:warning']);
});

test('unmitigated-risk unless an active item mitigates it', () => {
  const risk = item('RISK-1', { kind: 'risk' });
  const obsoleteControl = item('REQ-1', { status: 'deprecated', links: [['mitigates', 'RISK-1']] });
  assert.deepEqual(rulesOf(evaluateRules({ items: [risk, obsoleteControl], references: [], problems: [] }, config)), ['unmitigated-risk:RISK-1:error']);
  const control = item('REQ-2', { links: [['mitigates', 'RISK-1']] });
  const findings = evaluateRules({ items: [risk, control], references: [ref('REQ-2', 'mitigates')], problems: [] }, config);
  assert.ok(!findings.some((f) => f.rule === 'unmitigated-risk'));
});

test('unimplemented severity follows the safety class; mitigates counts as implementing', () => {
  const items = [item('REQ-A', { class: 'A' }), item('REQ-B', { class: 'B' }), item('REQ-C', { class: 'C' }), item('REQ-M', { class: 'C' })];
  const verifications = items.map((i) => ref(i.id, 'verifies'));
  const findings = evaluateRules({ items, references: [...verifications, ref('REQ-M', 'mitigates')], problems: [] }, config);
  assert.deepEqual(rulesOf(findings), ['unimplemented:REQ-A:info', 'unimplemented:REQ-B:warning', 'unimplemented:REQ-C:error']);
});

test('unverified severity follows the class; test items and non-test verification count', () => {
  const items = [
    item('REQ-A', { class: 'A' }), item('REQ-B', { class: 'B' }), item('REQ-C', { class: 'C' }),
    item('REQ-I', { verification: 'Inspection' }), item('REQ-T'),
    item('TC-1', { kind: 'test', links: [['verifies', 'REQ-T']] }),
  ];
  const implementations = items.filter((i) => i.kind === 'requirement').map((i) => ref(i.id, 'implements'));
  const findings = evaluateRules({ items, references: implementations, problems: [] }, config);
  assert.deepEqual(rulesOf(findings), ['unverified:REQ-A:warning', 'unverified:REQ-B:error', 'unverified:REQ-C:error']);
});

test('items without a class take defaultClass; per-rule severity overrides and off', () => {
  const items = [item('REQ-1')];
  assert.deepEqual(rulesOf(evaluateRules({ items, references: [ref('REQ-1', 'verifies')], problems: [] }, testConfig({ defaultClass: 'A' }))), ['unimplemented:REQ-1:info']);
  assert.deepEqual(rulesOf(evaluateRules({ items, references: [ref('REQ-1', 'verifies')], problems: [] }, testConfig({ rules: { unimplemented: 'warning' } }))), ['unimplemented:REQ-1:warning']);
  assert.deepEqual(evaluateRules({ items, references: [ref('REQ-1', 'verifies')], problems: [] }, testConfig({ rules: { unimplemented: 'off' } })), []);
});

test('invalid-file turns file problems into findings', () => {
  const findings = evaluateRules({ items: [], references: [], problems: [{ file: 'requirements/bad.yml', line: 4, column: 3, message: 'bad indentation' }] }, config);
  assert.deepEqual(findings.map((f) => [f.rule, f.file, f.line, f.column]), [['invalid-file', 'requirements/bad.yml', 4, 3]]);
});

test('system, test and inactive items expect no code', () => {
  const items = [item('SYS-1', { kind: 'system' }), item('TC-1', { kind: 'test' }), item('REQ-9', { status: 'retired' })];
  assert.deepEqual(evaluateRules({ items, references: [], problems: [] }, config), []);
});

test('findings are sorted by file, line, column and rule whatever the input order', () => {
  const items = [item('REQ-2', { file: 'requirements/b.md', line: 1 }), item('REQ-1', { file: 'requirements/a.md', line: 5 })];
  const findings = evaluateRules({ items, references: [], problems: [] }, config);
  assert.deepEqual(findings.map((f) => `${f.file}:${f.line}:${f.rule}`), [
    'requirements/a.md:5:unimplemented', 'requirements/a.md:5:unverified', 'requirements/b.md:1:unimplemented', 'requirements/b.md:1:unverified',
  ]);
});

test('every rule has a descriptor with a clause', () => {
  assert.equal(RULES.length, 22);
  for (const rule of RULES) assert.match(rule.clauses, /\d/);
});
