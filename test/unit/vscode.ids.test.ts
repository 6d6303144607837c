// Verifies: TL-095, TL-097
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nearestIds } from '../../src/core/authoring/idSuggestions';
import { commonPrefix, nearestNeighbour, nextFreeId } from '../../src/core/authoring/requirementStubs';
import { ANY_ID_SOURCE } from '../../src/core/model/ids';
import { item } from '../helpers/model';

/** The ID word covering a 1-based column, as the editor finds it under the cursor (`getWordRangeAtPosition`). */
function idWordAt(line: string, column: number): string | undefined {
  for (const match of line.matchAll(new RegExp(ANY_ID_SOURCE, 'g'))) {
    if (match.index + 1 <= column && column <= match.index + 1 + match[0].length) return match[0];
  }
  return undefined;
}

test('the ID under the cursor has any shape', () => {
  const line = 'parent: REQ-SYS-001, REQ001, FE_DEF, dsn~parse-config~2 and SDOC_UG_X.';
  assert.equal(idWordAt(line, 9), 'REQ-SYS-001');
  assert.equal(idWordAt(line, 16), 'REQ-SYS-001');
  assert.equal(idWordAt(line, 24), 'REQ001');
  assert.equal(idWordAt(line, 31), 'FE_DEF');
  assert.equal(idWordAt(line, 45), 'dsn~parse-config~2');
  assert.equal(idWordAt(line, 66), 'SDOC_UG_X');
  assert.equal(idWordAt(line, 58), undefined, 'between IDs');
});

test('"Change to…" suggests the nearest IDs of any shape', () => {
  const ids = ['REQ-001', 'REQ-SYS-001', 'REQ-APACHE-004', 'FE_DEF', 'dsn~parse-config~2', 'dsn~parse-config~3', 'REQ002'];
  assert.deepEqual(nearestIds('REQ001', ids), ['REQ-001', 'REQ002']);
  assert.deepEqual(nearestIds('REQ-SYS-002', ids), ['REQ-SYS-001']);
  assert.deepEqual(nearestIds('REQ-APACHE-04', ids), ['REQ-APACHE-004']);
  assert.deepEqual(nearestIds('FE_DFE', ids), ['FE_DEF']);
  assert.deepEqual(nearestIds('dsn~parse-confg~2', ids), ['dsn~parse-config~2', 'dsn~parse-config~3']);
  assert.deepEqual(nearestIds('REQ-INPUT-VAL-001', ids), []);
});

test('a new ID continues the numbering of its stem, joined or of several segments', () => {
  assert.equal(nextFreeId('REQ', ['REQ001', 'REQ020', 'REQ-SYS-100']), 'REQ021');
  assert.equal(nextFreeId('REQ-SYS', ['REQ-SYS-001', 'REQ-SYS-002', 'REQ-003', 'REQ-SYS-X-9']), 'REQ-SYS-003');
  assert.equal(nextFreeId('SDOC_SRS', ['SDOC_SRS_18', 'FE_DEF', 'dsn~a~4']), 'SDOC_SRS_19');
  const items = [item('REQ-SYS-001'), item('REQ-SYS-002'), item('REQ-APACHE-004'), item('FE_DEF'), item('FE_ABC'), item('FE_XYZ')];
  assert.equal(commonPrefix(items), 'REQ-SYS', 'named IDs have no numbering');
  assert.equal(nearestNeighbour('REQ-APACHE-009', items.map((i) => ({ ...i, format: 'markdown-headings' })))?.id, 'REQ-APACHE-004');
  assert.equal(nearestNeighbour('REQ-NEW-003', items.map((i) => ({ ...i, format: 'markdown-headings' })))?.id, 'REQ-SYS-002', 'no item of the stem: the nearest of the prefix');
});
