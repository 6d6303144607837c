import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { formatDose, parseDoseInput } from './doseFormat';

// Verifies: REQ-015, RISK-005
describe('formatDose', () => {
  it('keeps the leading zero', () => {
    assert.equal(formatDose(500), '0.5 U');
    assert.equal(formatDose(50), '0.05 U');
  });

  it('drops trailing zeros', () => {
    assert.equal(formatDose(5000), '5 U');
    assert.equal(formatDose(1250), '1.25 U');
    assert.equal(formatDose(10500), '10.5 U');
  });

  it('refuses values that are not milli-units', () => {
    assert.throws(() => formatDose(-50), RangeError);
    assert.throws(() => formatDose(0.5), RangeError);
  });
});

describe('parseDoseInput', () => {
  it('reads whole and decimal doses', () => {
    assert.equal(parseDoseInput('5'), 5000);
    assert.equal(parseDoseInput('0.35'), 350);
  });

  it('refuses ambiguous or undeliverable input', () => {
    assert.equal(parseDoseInput('.5'), undefined);
    assert.equal(parseDoseInput('5.'), undefined);
    assert.equal(parseDoseInput('0.33'), undefined);
    assert.equal(parseDoseInput('0'), undefined);
    assert.equal(parseDoseInput('1,5'), undefined);
  });
});
