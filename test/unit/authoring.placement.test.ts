// Verifies: TL-224
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseStubTarget, homeNeighbour, planStub } from '../../src/core/authoring/requirementStubs';
import type { CheckResult } from '../../src/core/project/check';
import { readSettings } from '../../src/vscode/state/editorSettings';
import { item } from '../helpers/model';
import { checkExample, exampleText } from '../helpers/example';

let example: CheckResult;
before(async () => { example = await checkExample(); });

test('REQ-099 goes into software-requirements.md after REQ-015, not beside the lone REQ-020 file', () => {
  const target = chooseStubTarget('REQ-099', example.items, example.config);
  assert.equal(target.file, 'requirements/software-requirements.md');
  assert.equal(target.create, false);
  assert.equal(target.format, 'markdown-headings');
  assert.equal(target.neighbour?.id, 'REQ-015');
  const text = exampleText(target.file)!;
  const plan = planStub(target, text, { id: 'REQ-099', kind: 'requirement', safetyClass: 'B' });
  assert.equal(plan.line, 105);
  const after = (text.slice(0, plan.offset) + plan.text + text.slice(plan.offset)).split('\n');
  assert.deepEqual(after.slice(96, 112), [
    '### REQ-015: Dose display format',
    '- class: B',
    '- parent: SYS-006',
    '- mitigates: RISK-005',
    '',
    'Doses shall be displayed with a leading zero before a decimal point and without trailing zeros',
    '("0.5 U", "5 U"; never ".5 U" or "5.0 U").',
    '',
    '### REQ-099: TODO title',
    '- class: B',
    '',
    'TODO: state what the software shall do.',
    '',
    '### REQ-011: Software versions on the About screen',
    '- class: A',
    '- parent: SYS-005',
  ]);
});

test('a new item goes to the file (or one-item-a-file folder) holding most of its family', () => {
  const front = (id: string) => ({ ...item(id, { file: `reqs/${id}.md`, line: 2 }), format: 'markdown-front-matter' });
  const heading = (id: string, line: number) => ({ ...item(id, { file: 'reqs/misc.md', line }), format: 'markdown-headings' });
  const items = [front('REQ-001'), front('REQ-002'), front('REQ-003'), heading('REQ-050', 3), heading('SYS-004', 9)];
  assert.equal(homeNeighbour('REQ-049', items)?.id, 'REQ-003', 'the folder of three beats the file of one, though REQ-050 is nearer');
  assert.deepEqual(chooseStubTarget('REQ-049', items, example.config).file, 'reqs/REQ-049.md');
  const tie = [heading('REQ-050', 3), { ...item('REQ-001', { file: 'reqs/other.md', line: 3 }), format: 'markdown-headings' }];
  assert.equal(homeNeighbour('REQ-048', tie)?.id, 'REQ-050', 'a tie of files: the nearest item\'s');
  assert.equal(homeNeighbour('SYS-005', items)?.id, 'SYS-004');
  assert.equal(homeNeighbour('RISK-001', items), undefined);
});

test('the class of a new item comes from tracelens.newItemClass or is asked, never guessed', () => {
  assert.equal(readSettings(() => undefined).newItemClass, undefined);
  assert.equal(readSettings((key) => (key === 'newItemClass' ? 'ask' : undefined)).newItemClass, undefined);
  assert.equal(readSettings((key) => (key === 'newItemClass' ? 'B' : undefined)).newItemClass, 'B');
  assert.equal(readSettings((key) => (key === 'newItemClass' ? 'D' : undefined)).newItemClass, undefined);
});
