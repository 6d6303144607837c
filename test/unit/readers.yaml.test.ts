// Verifies: TL-005, TL-006, TL-007
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Item, ItemKind } from '../../src/core/model/types';
import { readRequirementFile, type ReaderContext } from '../../src/core/readers';
import { readYamlItems } from '../../src/core/readers/yaml';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'readers');

function kindOf(id: string): ItemKind {
  if (id.startsWith('SYS')) return 'system';
  if (id.startsWith('RISK') || id.startsWith('HAZ')) return 'risk';
  if (id.startsWith('TC')) return 'test';
  return 'requirement';
}

const ctx = (file: string): ReaderContext => ({ file, kindOf });

function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

/** 1-based column of the first `needle` on 1-based `line`. */
function columnOf(text: string, line: number, needle: string): number {
  const index = text.split(/\r\n?|\n/)[line - 1]!.indexOf(needle);
  assert.ok(index >= 0, `"${needle}" on line ${line}`);
  return index + 1;
}

function byId(items: readonly Item[], id: string): Item {
  const item = items.find((i) => i.id === id);
  assert.ok(item, `item ${id}`);
  return item;
}

describe('YAML reader: items list', () => {
  const file = 'requirements/items.yaml';
  const text = fixture('items.yaml');
  const { items, problems } = readRequirementFile(text, ctx(file));

  it('keeps the valid entries and reports the entry without an id at its position', () => {
    assert.deepEqual(items.map((i) => i.id), ['REQ-101', 'RISK-101', 'REQ-102']);
    const missing = problems.find((p) => /no `id`/.test(p.message));
    assert.deepEqual(missing && [missing.line, missing.column], [10, 5]);
  });

  it('places items at their ID, quoted or not, and ends them at their last line', () => {
    const first = byId(items, 'REQ-101');
    assert.deepEqual([first.line, first.column, first.endColumn, first.endLine], [3, 9, 16, 9]);
    const risk = byId(items, 'RISK-101');
    assert.deepEqual([risk.line, risk.column, risk.endColumn, risk.endLine], [12, columnOf(text, 12, 'RISK-101'), 18, 14]);
    assert.equal(byId(items, 'REQ-102').endLine, 22);
  });

  it('reads title and text from title, text, description', () => {
    const first = byId(items, 'REQ-101');
    assert.equal(first.title, 'Start infusion');
    assert.equal(first.text, 'The pump starts only after the user confirms\nthe programmed rate and volume.');
    assert.equal(byId(items, 'RISK-101').text, 'Fluid flows uncontrolled when the set is removed.');
    assert.equal(first.format, 'yaml');
  });

  it('reads links from comma strings, block lists and flow lists with their positions', () => {
    assert.deepEqual(byId(items, 'REQ-101').links.map((l) => [l.kind, l.target, l.line, l.column]), [
      ['parent', 'SYS-001', 6, columnOf(text, 6, 'SYS-001')],
      ['parent', 'SYS-002', 6, columnOf(text, 6, 'SYS-002')],
    ]);
    assert.deepEqual(byId(items, 'REQ-102').links.map((l) => [l.kind, l.target, l.line, l.column]), [
      ['mitigates', 'RISK-101', 18, columnOf(text, 18, 'RISK-101')],
      ['verifies', 'TC-101', 20, columnOf(text, 20, 'TC-101')],
    ]);
  });

  it('reports a non-ID list element and a bad class at their positions', () => {
    const rest = problems.filter((p) => !/no `id`/.test(p.message)).map((p) => [p.line, p.column, p.message]);
    assert.deepEqual(rest, [
      [19, columnOf(text, 19, 'not an id'), '"not an id" in mitigates is not a requirement ID (expected something like REQ-001).'],
      [21, columnOf(text, 21, 'D'), 'Safety class must be A, B or C, not "D".'],
    ]);
    assert.equal(byId(items, 'REQ-102').safetyClass, undefined);
    assert.equal(byId(items, 'REQ-102').status, 'draft');
  });

  it('takes kinds from prefixes', () => {
    assert.deepEqual(items.map((i) => i.kind), ['requirement', 'risk', 'requirement']);
  });
});

describe('YAML reader: other shapes', () => {
  it('reads a root list, with `statement` as text and a kind attribute', () => {
    const text = fixture('list.yml');
    const { items, problems } = readRequirementFile(text, ctx('list.yml'));
    assert.deepEqual(problems, []);
    assert.deepEqual(items.map((i) => [i.id, i.kind, i.line, i.column, i.endLine]), [
      ['SYS-201', 'system', 1, 7, 3],
      ['TC-201', 'test', 4, 7, 7],
    ]);
    assert.equal(items[0]!.text, 'The pump delivers the programmed dose.');
    assert.deepEqual(items[1]!.links.map((l) => [l.kind, l.target, l.line, l.column]), [['verifies', 'SYS-201', 6, 13]]);
  });

  it('reads a single mapping as one item, kind overridden by `kind`', () => {
    const { items, problems } = readRequirementFile(fixture('single.yaml'), ctx('single.yaml'));
    assert.deepEqual(problems, []);
    assert.deepEqual(items.map((i) => [i.id, i.kind, i.title, i.category, i.line, i.column, i.endLine]), [
      ['HAZ-301', 'risk', 'Air in line', 'mechanical', 1, 5, 4],
    ]);
    assert.deepEqual(items[0]!.attributes, { kind: 'hazard', category: 'mechanical' });
  });

  it('reads every document of a multi-document file', () => {
    const { items } = readYamlItems('id: REQ-1\n---\nid: REQ-2\n', ctx('r.yaml'));
    assert.deepEqual(items.map((i) => [i.id, i.line]), [['REQ-1', 1], ['REQ-2', 3]]);
  });

  it('an empty file has no items and no problems', () => {
    assert.deepEqual(readYamlItems('', ctx('r.yaml')), { items: [], problems: [] });
    assert.deepEqual(readYamlItems('# only a comment\n', ctx('r.yaml')), { items: [], problems: [] });
  });

  // Verifies: TL-071
  it('reads a file of another shape as no items and no problems (the no-items rule lists it, as for Markdown)', () => {
    assert.deepEqual(readYamlItems('name: not requirements\n', ctx('r.yaml')), { items: [], problems: [] });
    assert.deepEqual(readYamlItems('just text\n', ctx('r.yaml')), { items: [], problems: [] });
  });

  it('reports entries that are not mappings and IDs that are not valid', () => {
    const text = 'items:\n  - REQ-1\n  - id: 42\n  - id: REQ-2\n';
    const { items, problems } = readYamlItems(text, ctx('r.yaml'));
    assert.deepEqual(items.map((i) => i.id), ['REQ-2']);
    assert.deepEqual(problems.map((p) => [p.line, p.column]), [[2, 5], [3, 9]]);
    assert.match(problems[1]!.message, /"42" is not a valid ID/);
  });

  it('reports `items` that is not a list', () => {
    const { problems } = readYamlItems('items: REQ-1\n', ctx('r.yaml'));
    assert.deepEqual(problems.map((p) => [p.line, p.column]), [[1, 8]]);
  });

  it('returns duplicate IDs within a file as they are', () => {
    const { items } = readYamlItems('- id: REQ-1\n- id: REQ-1\n', ctx('r.yaml'));
    assert.deepEqual(items.map((i) => [i.id, i.line]), [['REQ-1', 1], ['REQ-1', 2]]);
  });
});

describe('YAML reader: malformed files', () => {
  it('reports syntax errors with their line and keeps the items before them', () => {
    const text = fixture('broken.yaml');
    const { items, problems } = readRequirementFile(text, ctx('broken.yaml'));
    assert.ok(items.some((i) => i.id === 'REQ-401' && i.title === 'Valid before the error'));
    assert.ok(problems.length > 0);
    assert.ok(problems.every((p) => /^YAML syntax error: /.test(p.message)), JSON.stringify(problems));
    assert.ok(problems.every((p) => p.line >= 5 && p.line <= 6), JSON.stringify(problems));
  });

  it('a duplicate key is reported at the key, and the other entries are kept', () => {
    const text = 'items:\n  - id: REQ-1\n    title: A\n    title: B\n  - id: REQ-2\n';
    const { items, problems } = readYamlItems(text, ctx('r.yaml'));
    assert.deepEqual(items.map((i) => i.id), ['REQ-1', 'REQ-2']);
    assert.deepEqual(problems.map((p) => [p.line, p.column]), [[4, 5]]);
    assert.match(problems[0]!.message, /YAML syntax error: .*unique/i);
  });

  it('a tab-indented line is reported at its line without throwing', () => {
    const text = 'items:\n  - id: REQ-1\n\t- id: REQ-2\n';
    const { problems } = readYamlItems(text, ctx('r.yaml'));
    assert.ok(problems.some((p) => p.line === 3 && /YAML syntax error/.test(p.message)), JSON.stringify(problems));
  });

  it('never throws on arbitrary input', () => {
    for (const text of ['{', ']]', '- - -', 'id: [REQ-1', '? complex\n: key', '&a [*a]', 'id: !!binary REQ-1', '\u0000']) {
      assert.doesNotThrow(() => readYamlItems(text, ctx('r.yaml')), text);
    }
  });
});
