// Verifies: TL-111
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateRules } from '../../src/core/rules/evaluate';
import { buildTraceIndex } from '../../src/core/rules/traceIndex';
import { item, testConfig } from '../helpers/model';

const config = testConfig({ coverage: { system: ['child:requirement'] } });

test('a child link covers the parent as if the child had named it, unless the child is inactive', () => {
  const parent = item('SYS-1', { kind: 'system', line: 1, links: [['child', 'REQ-1'], ['child', 'REQ-2']] });
  const active = item('REQ-1', { line: 10 });
  const retired = item('REQ-2', { line: 20, status: 'deleted' });
  const index = buildTraceIndex({ items: [parent, active, retired], references: [], problems: [] }, config);
  assert.deepEqual(index.incomingLinks.get('SYS-1')?.map((link) => [link.item.id, link.kind]), [['REQ-1', 'parent']]);
  const uncovered = evaluateRules({ items: [parent, active, retired], references: [], problems: [] }, config).filter((f) => f.rule === 'uncovered');
  assert.deepEqual(uncovered, []);
  const alone = item('SYS-2', { kind: 'system', line: 30, links: [['child', 'REQ-2']] });
  const findings = evaluateRules({ items: [alone, retired], references: [], problems: [] }, config).filter((f) => f.rule === 'uncovered');
  assert.deepEqual(findings.map((f) => [f.id, f.line]), [['SYS-2', 30]]);
});

test('a child link to an ID no item defines is a broken link at the child ID', () => {
  const parent = item('SYS-1', { kind: 'system', line: 40, links: [['child', 'REQ-404']] });
  const broken = evaluateRules({ items: [parent], references: [], problems: [] }, config).filter((f) => f.rule === 'broken-link');
  assert.deepEqual(broken.map((f) => [f.message, f.file, f.line, f.column, f.endColumn]), [
    ['SYS-1 has child REQ-404, which no item defines', 'requirements/reqs.md', 41, 12, 19],
  ]);
});
