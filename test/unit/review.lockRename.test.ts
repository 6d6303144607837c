// Verifies: TL-264
// Renaming an item keeps its reviews: every lock record naming it moves to the new ID.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatLock, parseLock } from '../../src/core/review/lockFile';
import { renameInLock } from '../../src/core/review/lockRename';

const FP_A = '0123456789abcdef';
const FP_B = 'fedcba9876543210';

const LOCK = formatLock(
  [
    { target: 'REQ-009', fingerprint: FP_A, source: { kind: 'code', file: 'src/battery.c', anchor: 'battery_check' } },
    { target: 'REQ-009', fingerprint: FP_A, source: { kind: 'item', id: 'TC-004' } },
    { target: 'SYS-004', fingerprint: FP_B, source: { kind: 'item', id: 'REQ-009' } },
    { target: 'REQ-0090', fingerprint: FP_B, source: { kind: 'code', file: 'src/REQ-009.c', anchor: 'REQ-009' } },
  ],
  [{ target: 'REQ-009', fingerprint: FP_A, title: 'Low battery warning', text: 'Warn below 3.5 V.' }],
);

describe('renameInLock', () => {
  it('moves the links to the item, its links to others and its reviewed text to the new ID, sorted, and nothing else', () => {
    const renamed = renameInLock(LOCK, 'REQ-009', 'REQ-030');
    assert.ok(renamed);
    const records = renamed.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
    assert.deepEqual(records, [
      // A code anchor or file that merely contains the old ID is a name, not a reference: unchanged.
      `REQ-0090 ${FP_B} code src/REQ-009.c REQ-009`,
      `REQ-030 ${FP_A} code src/battery.c battery_check`,
      `REQ-030 ${FP_A} item TC-004`,
      `REQ-030 ${FP_A} text {"title":"Low battery warning","text":"Warn below 3.5 V."}`,
      `SYS-004 ${FP_B} item REQ-030`,
    ]);
    // What it writes reads back without problems, with the same number of records.
    const again = parseLock(renamed);
    assert.deepEqual([again.problems, again.links.size, again.texts.size], [[], 4, 1]);
  });

  it('changes nothing when no record names the item', () => {
    assert.equal(renameInLock(LOCK, 'REQ-077', 'REQ-078'), undefined);
  });

  it('never rewrites a lock that has problems', () => {
    assert.equal(renameInLock(`${LOCK}REQ-009 not-a-fingerprint code a.c f\n`, 'REQ-009', 'REQ-030'), undefined);
  });
});
