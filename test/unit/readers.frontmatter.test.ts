// Verifies: TL-004, TL-006
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { ItemKind } from '../../src/core/model/types';
import { markdownFrontMatterReader, readFrontMatterItem } from '../../src/core/readers/markdownFrontMatter';
import { readerFor, readRequirementFile, type ReaderContext } from '../../src/core/readers';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'readers');

function kindOf(id: string): ItemKind {
  if (id.startsWith('SYS')) return 'system';
  if (id.startsWith('RISK')) return 'risk';
  if (id.startsWith('TC')) return 'test';
  return 'requirement';
}

const ctx = (file: string): ReaderContext => ({ file, kindOf });

/** 1-based column of the first `needle` on 1-based `line`. */
function columnOf(text: string, line: number, needle: string): number {
  const index = text.split(/\r\n?|\n/)[line - 1]!.indexOf(needle);
  assert.ok(index >= 0, `"${needle}" on line ${line}`);
  return index + 1;
}

describe('Markdown front matter reader: Ketryx-style file', () => {
  const file = 'requirements/swr-010.md';
  const text = readFileSync(path.join(FIXTURES, 'front-matter.md'), 'utf8');
  const { items, problems } = readRequirementFile(text, ctx(file));
  const item = items[0]!;

  it('is chosen for Markdown whose front matter has an itemId', () => {
    assert.equal(readerFor(file, text), markdownFrontMatterReader);
    assert.deepEqual(problems, []);
    assert.equal(items.length, 1);
    assert.equal(item.format, 'markdown-front-matter');
  });

  it('places the item at the ID inside the front matter', () => {
    assert.equal(item.id, 'SWR-010');
    assert.deepEqual([item.line, item.column, item.endColumn], [2, 9, 16]);
    assert.equal(item.column, columnOf(text, 2, 'SWR-010'));
  });

  it('maps Ketryx keys: itemType to kind, itemHasParent to parent, itemTests to verifies', () => {
    assert.equal(item.kind, 'requirement');
    assert.deepEqual(item.links, [
      { file, line: 5, column: columnOf(text, 5, 'SYS-001'), kind: 'parent', target: 'SYS-001' },
      { file, line: 6, column: columnOf(text, 6, 'SYS-002'), kind: 'parent', target: 'SYS-002' },
      { file, line: 7, column: columnOf(text, 7, 'TC-001'), kind: 'verifies', target: 'TC-001' },
      { file, line: 7, column: columnOf(text, 7, 'TC-002'), kind: 'verifies', target: 'TC-002' },
    ]);
    assert.equal(item.safetyClass, 'B');
    assert.equal(item.status, 'Approved');
    assert.equal(item.attributes.itemtype, 'Software Item Spec');
    assert.equal(item.attributes.class, 'Class b');
  });

  it('takes the title from the first heading and the body, without that heading, as text', () => {
    assert.equal(item.title, 'Dose calculation');
    assert.equal(item.text, 'The software computes the dose from the rate and the duration.\n\n## Notes\n\nRounded to 0.1 mL.');
    assert.equal(item.endLine, 18);
  });
});

describe('Markdown front matter reader: plain keys', () => {
  const file = 'requirements/req-020.md';
  const text = readFileSync(path.join(FIXTURES, 'front-matter-titled.md'), 'utf8');
  const { items, problems } = readRequirementFile(text, ctx(file));

  it('reads id, title, flow-list and string links with their positions', () => {
    assert.deepEqual(problems, []);
    const item = items[0]!;
    assert.deepEqual([item.id, item.title, item.line, item.column], ['REQ-020', 'Log every alarm', 2, 5]);
    assert.deepEqual(item.links.map((l) => [l.kind, l.target, l.line, l.column]), [
      ['parent', 'SYS-001', 4, columnOf(text, 4, 'SYS-001')],
      ['parent', 'SYS-004', 4, columnOf(text, 4, 'SYS-004')],
      ['mitigates', 'RISK-002', 5, columnOf(text, 5, 'RISK-002')],
    ]);
    assert.equal(item.text, 'Every alarm is written to the event log with a timestamp.');
    assert.equal(item.endLine, 7);
  });
});

describe('Markdown front matter reader: edge cases', () => {
  it('counts quoted IDs and CRLF correctly', () => {
    const text = '---\r\nid: "REQ-7"\r\nverifies: \'REQ-1\'\r\n---\r\nBody\r\n';
    const { items, problems } = readRequirementFile(text, ctx('r.md'));
    assert.deepEqual(problems, []);
    assert.deepEqual([items[0]!.line, items[0]!.column, items[0]!.endColumn, items[0]!.endLine], [2, 6, 11, 5]);
    assert.deepEqual(items[0]!.links.map((l) => [l.line, l.column]), [[3, 12]]);
  });

  it('falls back to the heading reader when the front matter has no id', () => {
    const text = '---\ntitle: Requirements\n---\n# REQ-1: Heading item\n';
    assert.equal(markdownFrontMatterReader.canRead('r.md', text), false);
    const { items } = readRequirementFile(text, ctx('r.md'));
    assert.deepEqual(items.map((i) => [i.id, i.format, i.line]), [['REQ-1', 'markdown-headings', 4]]);
  });

  it('reports an invalid id at its position and yields no item', () => {
    const { items, problems } = readFrontMatterItem('---\nid: requirement one\n---\nText\n', ctx('r.md'));
    assert.deepEqual(items, []);
    assert.deepEqual(problems.map((p) => [p.line, p.column]), [[2, 5]]);
    assert.match(problems[0]!.message, /not a valid ID/);
  });

  it('reports a bad class and a non-ID link inside the front matter at their positions', () => {
    const text = '---\nid: REQ-3\nclass: E\nparent: [SYS-1, later]\n---\n';
    const { items, problems } = readFrontMatterItem(text, ctx('r.md'));
    assert.equal(items.length, 1);
    assert.deepEqual(items[0]!.links.map((l) => l.target), ['SYS-1']);
    assert.deepEqual(problems.map((p) => [p.line, p.column]), [[3, 8], [4, 17]]);
    assert.match(problems[0]!.message, /Safety class/);
    assert.match(problems[1]!.message, /"later" in parent/);
  });

  it('reports YAML syntax errors with the file line, and still reads the item', () => {
    const text = '---\nid: REQ-4\ntitle: Fine\nstatus: [draft\n---\nBody\n';
    const { items, problems } = readRequirementFile(text, ctx('r.md'));
    assert.deepEqual(items.map((i) => i.id), ['REQ-4']);
    assert.ok(problems.length > 0);
    assert.ok(problems.every((p) => /YAML syntax error/.test(p.message) && p.line >= 4 && p.line <= 5), JSON.stringify(problems));
  });

  it('takes the kind from a kind attribute', () => {
    const { items } = readFrontMatterItem('---\nid: REQ-5\nkind: hazard\n---\n', ctx('r.md'));
    assert.equal(items[0]!.kind, 'risk');
    assert.equal(items[0]!.title, '');
    assert.equal(items[0]!.endLine, 4);
  });

  it('an unterminated front matter is plain Markdown', () => {
    const { items } = readRequirementFile('---\nid: REQ-6\n# REQ-7 Heading\n', ctx('r.md'));
    assert.deepEqual(items.map((i) => [i.id, i.format]), [['REQ-7', 'markdown-headings']]);
  });
});
