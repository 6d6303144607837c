// Verifies: TL-222
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CheckResult } from '../../src/core/project/check';
import { documentOutline, searchItems, symbolName, type OutlineNode } from '../../src/vscode/features/symbolModel';
import { item } from '../helpers/model';
import { checkExample, exampleText } from '../helpers/example';

let example: CheckResult;
before(async () => { example = await checkExample(); });

test('workspace symbols find items by ID (with or without #) and by the words of their title', () => {
  const names = (query: string) => searchItems(example.items, query).map(symbolName);
  assert.deepEqual(names('#RISK-001'), ['RISK-001: Over-delivery from a bolus or basal rate above the prescribed limits']);
  assert.deepEqual(names('risk-001'), ['RISK-001: Over-delivery from a bolus or basal rate above the prescribed limits']);
  assert.deepEqual(names('#alarm escalation'), ['REQ-020: Alarm escalation']);
  assert.deepEqual(names('REQ-01').slice(0, 3), ['REQ-010: Hard limits in read-only memory', 'REQ-011: Software versions on the About screen', 'REQ-012: Night display mode']);
  assert.equal(searchItems(example.items, '').length, example.items.length);
  assert.deepEqual(names('no such words'), []);
});

const outline = (nodes: readonly OutlineNode[], depth = 0): string[] =>
  nodes.flatMap((node) => [`${'  '.repeat(depth)}${node.item.id} ${node.item.line}-${node.item.endLine}`, ...outline(node.children, depth + 1)]);

test('document symbols: every item of a YAML file; front matter kept and Markdown headings left to the Markdown outline', () => {
  const risks = example.items.filter((i) => i.file === 'requirements/risks.yml');
  assert.deepEqual(outline(documentOutline(risks)).map((line) => line.split(' ')[0]), ['RISK-001', 'RISK-002', 'RISK-003', 'RISK-004', 'RISK-005']);
  const frontMatter = example.items.filter((i) => i.file === 'requirements/REQ-020-alarm-escalation.md');
  assert.deepEqual(outline(documentOutline(frontMatter, exampleText('requirements/REQ-020-alarm-escalation.md'))).map((line) => line.split(' ')[0]), ['REQ-020']);
  const srs = example.items.filter((i) => i.file === 'requirements/software-requirements.md');
  assert.deepEqual(documentOutline(srs, exampleText('requirements/software-requirements.md')), []);
  assert.equal(documentOutline(srs).length, 15, 'without the text, every item');
});

test('an item whose lines lie within another\'s is nested under it', () => {
  const at = (id: string, line: number, endLine: number) => ({ ...item(id, { file: 'd.sdoc', line }), endLine });
  assert.deepEqual(outline(documentOutline([at('SEC-1', 1, 20), at('REQ-1', 3, 8), at('REQ-2', 10, 20), at('REQ-3', 22, 25)])), [
    'SEC-1 1-20', '  REQ-1 3-8', '  REQ-2 10-20', 'REQ-3 22-25',
  ]);
});
