// Verifies: TL-043, TL-046
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editDistance, idNumber, nearestIds } from '../../src/core/authoring/idSuggestions';

test('editDistance counts insertions, deletions, substitutions and adjacent swaps', () => {
  assert.equal(editDistance('REQ-012', 'REQ-012'), 0);
  assert.equal(editDistance('REQ-012', 'REQ-021'), 1);
  assert.equal(editDistance('REQ-12', 'REQ-012'), 1);
  assert.equal(editDistance('REQ-012', 'REQ-019'), 1);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('kitten', 'sitting'), 3);
});

test('idNumber reads the trailing number', () => {
  assert.equal(idNumber('REQ-012'), 12);
  assert.equal(idNumber('SHR-APP-7B'), 7);
  assert.equal(idNumber('REQ'), undefined);
});

test('nearestIds prefers the same prefix within one edit per three characters, then fewer edits, then the nearest number', () => {
  const ids = ['REQ-001', 'REQ-009', 'REQ-019', 'REQ-100', 'RISK-099', 'SYS-099'];
  assert.deepEqual(nearestIds('REQ-099', ids), ['REQ-019', 'REQ-009']);
  assert.deepEqual(nearestIds('REQ-099', ids, { limit: 1 }), ['REQ-019']);
  assert.deepEqual(nearestIds('REQ-012', ['REQ-021', 'REQ-013', 'REQ-112']), ['REQ-013', 'REQ-021', 'REQ-112']);
});

test('nearestIds offers another prefix only when the whole ID is nearly the same', () => {
  assert.deepEqual(nearestIds('RQE-001', ['REQ-001', 'SYS-001']), ['REQ-001']);
  assert.deepEqual(nearestIds('TL-1', ['REQ-001']), []);
});

test('nearestIds never suggests the ID itself and is stable for ties', () => {
  assert.deepEqual(nearestIds('REQ-010', ['REQ-010', 'REQ-011', 'REQ-012', 'REQ-011']), ['REQ-011', 'REQ-012']);
});
