// Verifies: TL-226, TL-228
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { successorOf } from '../../src/core/authoring/successor';
import type { Item } from '../../src/core/model/types';
import type { ProjectSnapshot } from '../../src/core/project/projectIndex';
import { itemHover, traceSummary } from '../../src/vscode/features/hoverContent';
import { SnapshotLookup } from '../../src/vscode/state/snapshotLookup';
import { item } from '../helpers/model';
import { checkExample } from '../helpers/example';

let view: SnapshotLookup;
before(async () => {
  const example = await checkExample();
  const snapshot: ProjectSnapshot = {
    ...example,
    requirementFiles: [...new Set(example.items.map((i) => i.file))].sort(),
    codeFiles: [...new Set(example.references.map((r) => r.file))].sort(),
  };
  view = SnapshotLookup.of(snapshot);
});
const linkFor = (at: { file: string; line: number }) => `file:///ws/${at.file}#L${at.line}`;
const INACTIVE = ['obsolete', 'deprecated', 'rejected'];

test('an obsolete item names its successor by attribute, by its text, or is named by the successor', () => {
  const active = item('REQ-020');
  const retired = item('REQ-021', { status: 'rejected' });
  const items: Item[] = [active, retired];
  const lookup = (id: string) => items.find((i) => i.id === id);
  const old = (attributes: Record<string, string>, text = ''): Item => ({ ...item('REQ-007', { status: 'obsolete' }), attributes, text });
  assert.equal(successorOf(old({ 'superseded-by': 'REQ-020' }), lookup, items, INACTIVE)?.id, 'REQ-020');
  assert.equal(successorOf(old({ replaced_by: 'REQ-021, REQ-020' }), lookup, items, INACTIVE)?.id, 'REQ-020', 'an inactive successor is skipped');
  assert.equal(successorOf(old({}, 'Superseded by REQ-020 (alarm escalation).'), lookup, items, INACTIVE)?.id, 'REQ-020');
  assert.equal(successorOf(old({}, 'Replaced by REQ-021.'), lookup, items, INACTIVE), undefined, 'the named successor is itself inactive');
  assert.equal(successorOf(old({ 'superseded-by': 'REQ-099' }), lookup, items, INACTIVE), undefined, 'an undefined successor');
  const naming: Item[] = [{ ...active, attributes: { replaces: 'REQ-007' } }];
  assert.equal(successorOf(old({}), (id) => naming.find((i) => i.id === id), naming, INACTIVE)?.id, 'REQ-020');
});

test('in the example REQ-007 is superseded by REQ-020: its hover says so, not its coverage', () => {
  const req7 = view.item('REQ-007')!;
  assert.equal(view.successor(req7)?.id, 'REQ-020');
  assert.equal(traceSummary(req7, view), 'obsolete · superseded by REQ-020');
  const hover = itemHover(req7, view, linkFor);
  assert.doesNotMatch(hover, /Not verified|Not implemented/);
  assert.deepEqual(hover.split('\n').slice(-4), [
    '**Obsolete**: needs no implementation and no test; superseded by [REQ\\-020](file:///ws/requirements/REQ-020-alarm-escalation.md#L2) Alarm escalation.',
    '',
    '**Still named** by 1 reference (retarget them to REQ\\-020):',
    '- [firmware/src/alarm\\.c:106](file:///ws/firmware/src/alarm.c#L106) `alarm_service_tone`',
  ]);
});

test('an item verified by inspection says so instead of "0 tests"', () => {
  assert.equal(traceSummary(view.item('REQ-010')!, view), '1 implementation · verified by inspection');
  assert.equal(traceSummary(view.item('REQ-001')!, view), '1 implementation · 2 tests');
});
