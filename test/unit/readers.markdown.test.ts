// Verifies: TL-003, TL-006, TL-008, TL-085, TL-086
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Item, ItemKind } from '../../src/core/model/types';
import { parseHeadingText, readMarkdownHeadings } from '../../src/core/readers/markdownHeadings';
import { readRequirementFile, type ReaderContext } from '../../src/core/readers';
import { readsAsProse } from '../../src/core/readers/attributes';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'readers');

function kindOf(id: string): ItemKind {
  if (id.startsWith('SYS')) return 'system';
  if (id.startsWith('RISK') || id.startsWith('HAZ')) return 'risk';
  if (id.startsWith('TC')) return 'test';
  return 'requirement';
}

const ctx = (file: string): ReaderContext => ({ file, kindOf });

/** 1-based line and column of the `occurrence`-th `needle` on 1-based `line` of `text`. */
function columnOf(text: string, line: number, needle: string, occurrence = 1): number {
  const source = text.split(/\r\n?|\n/)[line - 1];
  assert.ok(source !== undefined, `line ${line} exists`);
  let index = -1;
  for (let n = 0; n < occurrence; n++) index = source.indexOf(needle, index + 1);
  assert.ok(index >= 0, `"${needle}" on line ${line}: ${source}`);
  return index + 1;
}

/** The 1-based line of the first line containing `needle`. */
function lineOf(text: string, needle: string): number {
  const index = text.split(/\r\n?|\n/).findIndex((l) => l.includes(needle));
  assert.ok(index >= 0, `"${needle}" in text`);
  return index + 1;
}

function byId(items: readonly Item[], id: string): Item {
  const item = items.find((i) => i.id === id);
  assert.ok(item, `item ${id}`);
  return item;
}

describe('Markdown heading reader: fixture with many items', () => {
  const file = 'requirements/headings.md';
  const text = readFileSync(path.join(FIXTURES, 'headings.md'), 'utf8');
  const { items, problems } = readRequirementFile(text, ctx(file));

  it('finds every ID heading, in file order, and nothing in code fences or plain headings', () => {
    assert.deepEqual(items.map((i) => i.id), ['REQ-001', 'REQ-002', 'REQ-003', 'REQ-004', 'REQ-005', 'REQ-006', 'REQ-007', 'RISK-001', 'TC-001']);
    assert.deepEqual(problems, []);
    assert.ok(items.every((i) => i.format === 'markdown-headings' && i.file === file));
  });

  it('places every item at its ID, after the front matter (line and column)', () => {
    for (const item of items) {
      const needles: Record<string, string> = { 'RISK-001': 'RISK-001: Occlusion', 'TC-001': '# TC-001' };
      const line = lineOf(text, needles[item.id] ?? item.id);
      assert.equal(item.line, line, `${item.id} line`);
      assert.equal(item.column, columnOf(text, line, item.id), `${item.id} column`);
      assert.equal(item.endColumn, item.column + item.id.length, `${item.id} endColumn`);
    }
    // Spot checks with literal numbers: the front matter takes lines 1-4.
    assert.deepEqual([byId(items, 'REQ-001').line, byId(items, 'REQ-001').column], [10, 4]);
    assert.deepEqual([byId(items, 'REQ-006').line, byId(items, 'REQ-006').column], [47, 6]);
    assert.deepEqual([byId(items, 'RISK-001').line, byId(items, 'RISK-001').column], [55, 1]);
    assert.deepEqual([byId(items, 'TC-001').line, byId(items, 'TC-001').column], [63, 3]);
  });

  it('reads the title after each separator', () => {
    assert.equal(byId(items, 'REQ-001').title, 'Stop the motor on occlusion');
    assert.equal(byId(items, 'REQ-002').title, 'Alarm volume');
    assert.equal(byId(items, 'REQ-003').title, 'Show the remaining volume');
    assert.equal(byId(items, 'REQ-004').title, 'En dash title');
    assert.equal(byId(items, 'REQ-005').title, '');
    assert.equal(byId(items, 'REQ-006').title, 'Bold ID');
    assert.equal(byId(items, 'REQ-007').title, 'Deeper item');
    assert.equal(byId(items, 'RISK-001').title, 'Occlusion goes unnoticed');
    assert.equal(byId(items, 'TC-001').title, 'Occlusion test');
  });

  it('reads a `- key: value` attribute list', () => {
    const item = byId(items, 'REQ-001');
    assert.equal(item.safetyClass, 'C');
    assert.equal(item.status, 'approved');
    assert.deepEqual(item.attributes, { class: 'C', status: 'approved', parent: 'SYS-001, SYS-002', mitigates: 'RISK-001' });
    const line = lineOf(text, '- parent: SYS-001');
    assert.deepEqual(item.links, [
      { file, line, column: columnOf(text, line, 'SYS-001'), kind: 'parent', target: 'SYS-001' },
      { file, line, column: columnOf(text, line, 'SYS-002'), kind: 'parent', target: 'SYS-002' },
      { file, line: line + 1, column: columnOf(text, line + 1, 'RISK-001'), kind: 'mitigates', target: 'RISK-001' },
    ]);
  });

  it('reads a paragraph of `key: value` lines, keeping unknown keys', () => {
    const item = byId(items, 'REQ-002');
    assert.equal(item.safetyClass, 'B');
    assert.equal(item.verification, 'Inspection');
    assert.equal(item.attributes.owner, 'audio team');
    const line = lineOf(text, 'parents: SYS-001 SYS-003');
    assert.deepEqual(item.links.map((l) => [l.kind, l.target, l.line, l.column]), [
      ['parent', 'SYS-001', line, 10],
      ['parent', 'SYS-003', line, 18],
    ]);
  });

  it('reads bold keys and code-formatted values', () => {
    const item = byId(items, 'REQ-003');
    assert.equal(item.safetyClass, 'A');
    assert.equal(item.status, 'draft');
    const line = lineOf(text, '**Verifies**');
    assert.deepEqual(item.links, [{ file, line, column: columnOf(text, line, 'TC-001'), kind: 'verifies', target: 'TC-001' }]);
  });

  it('runs the text to the next heading of the same or a higher level, without the attributes', () => {
    const first = byId(items, 'REQ-001');
    assert.equal(first.text, 'The software stops the motor when the line pressure exceeds the threshold.\n\n### Rationale\n\nA blocked line must never go unnoticed.');
    assert.equal(first.endLine, lineOf(text, 'A blocked line'));
    const second = byId(items, 'REQ-002');
    assert.ok(second.text.startsWith('The alarm is at least 65 dB(A)'));
    assert.ok(second.text.includes('## REQ-999'), 'the fenced block is part of the text');
    assert.equal(second.endLine, lineOf(text, 'REQ-999') + 1);
    // An empty section ends on the heading itself.
    assert.equal(byId(items, 'REQ-004').endLine, byId(items, 'REQ-004').line);
    // A level-2 item contains a deeper item; the deeper one ends at the next level-2 heading.
    assert.equal(byId(items, 'REQ-006').text, '#### REQ-007: Deeper item\n\nDeeper text.');
    assert.equal(byId(items, 'REQ-007').text, 'Deeper text.');
    assert.equal(byId(items, 'REQ-007').endLine, lineOf(text, 'Deeper text.'));
  });

  it('takes the kind from the prefix, or from a `kind` attribute', () => {
    assert.equal(byId(items, 'REQ-001').kind, 'requirement');
    assert.equal(byId(items, 'RISK-001').kind, 'risk');
    assert.equal(byId(items, 'RISK-001').category, 'hazard');
    assert.equal(byId(items, 'TC-001').kind, 'test');
    const overridden = readMarkdownHeadings('## REQ-1: Really a test\n\n- kind: Test Case\n', ctx('x.md')).items[0]!;
    assert.equal(overridden.kind, 'test');
  });

  it('a setext heading item ends before the next higher-level heading', () => {
    const risk = byId(items, 'RISK-001');
    assert.equal(risk.text, 'Under-dose.');
    assert.equal(risk.endLine, lineOf(text, 'Under-dose.'));
  });
});

describe('Markdown heading reader: headings', () => {
  it('accepts each separator and emphasis around the ID', () => {
    const cases: [string, string, string][] = [
      ['REQ-001: Title', 'REQ-001', 'Title'],
      ['REQ-001 - Title', 'REQ-001', 'Title'],
      ['REQ-001 — Title', 'REQ-001', 'Title'],
      ['REQ-001 – Title', 'REQ-001', 'Title'],
      ['REQ-001—Title', 'REQ-001', 'Title'],
      ['REQ-001 | Title', 'REQ-001', 'Title'],
      ['REQ-001 Title', 'REQ-001', 'Title'],
      ['REQ-001', 'REQ-001', ''],
      ['**REQ-001** Title', 'REQ-001', 'Title'],
      ['**REQ-001:** Title', 'REQ-001', 'Title'],
      ['**REQ-001: Title**', 'REQ-001', 'Title'],
      ['`REQ-001` Title', 'REQ-001', 'Title'],
      ['SHR-APPLICATION-1: Long form', 'SHR-APPLICATION-1', 'Long form'],
      ['SWR_003: Underscore', 'SWR_003', 'Underscore'],
      ['REQ-001 - A - B', 'REQ-001', 'A - B'],
    ];
    for (const [heading, id, title] of cases) {
      assert.deepEqual(parseHeadingText(heading), { ids: [id], title }, heading);
    }
  });

  it('rejects headings that do not start with a whole ID', () => {
    for (const heading of ['Overview', 'About REQ-001', 'REQ-001-draft notes', 'REQ-001x', 'req-001: lower case', 'REQ: no number', '**REQ-001 unclosed']) {
      assert.equal(parseHeadingText(heading), undefined, heading);
    }
  });

  it('places the ID of ATX headings with closing hashes, indentation, and inside block quotes', () => {
    const text = '   ### REQ-010: Indented ###\n\n> ## REQ-011 Quoted\n\n- ## REQ-012 In a list\n';
    const { items } = readMarkdownHeadings(text, ctx('x.md'));
    assert.deepEqual(items.map((i) => [i.id, i.title, i.line, i.column, i.endColumn]), [
      ['REQ-010', 'Indented', 1, 8, 15],
      ['REQ-011', 'Quoted', 3, 6, 13],
      ['REQ-012', 'In a list', 5, 6, 13],
    ]);
  });

  it('ignores headings in fenced and indented code, HTML blocks and front matter', () => {
    const text = [
      '---', 'title: REQ-090', '---', '', '~~~', '# REQ-091', '~~~', '', '    # REQ-092', '',
      '<div>', '# REQ-093', '</div>', '', '# REQ-094 Real',
    ].join('\n');
    const { items } = readMarkdownHeadings(text, ctx('x.md'));
    assert.deepEqual(items.map((i) => [i.id, i.line]), [['REQ-094', 15]]);
  });

  it('counts CRLF line breaks once and ignores a byte-order mark', () => {
    const text = '\uFEFF# REQ-001: One\r\n- class: B\r\n\r\nText\r\n# REQ-002: Two\r\n';
    const { items } = readMarkdownHeadings(text, ctx('x.md'));
    assert.deepEqual(items.map((i) => [i.id, i.line, i.column, i.endLine, i.text, i.safetyClass]), [
      ['REQ-001', 1, 3, 4, 'Text', 'B'],
      ['REQ-002', 5, 3, 5, '', undefined],
    ]);
  });

  it('returns duplicates within a file as they are', () => {
    const { items } = readMarkdownHeadings('# REQ-1 A\n# REQ-1 B\n', ctx('x.md'));
    assert.deepEqual(items.map((i) => [i.id, i.title, i.line]), [['REQ-1', 'A', 1], ['REQ-1', 'B', 2]]);
  });
});

describe('Markdown heading reader: attributes', () => {
  it('only the first block after the heading holds attributes', () => {
    const text = '## REQ-1: A\n\nThe text comes first.\n\n- class: C\n';
    const [item] = readMarkdownHeadings(text, ctx('x.md')).items;
    assert.equal(item!.safetyClass, undefined);
    assert.equal(item!.text, 'The text comes first.\n\n- class: C');
  });

  it('a prose paragraph or a list without known keys stays text', () => {
    const prose = readMarkdownHeadings('## REQ-1\nNote: the pump must stop.\n', ctx('x.md')).items[0]!;
    assert.deepEqual(prose.attributes, {});
    assert.equal(prose.text, 'Note: the pump must stop.');
    const list = readMarkdownHeadings('## REQ-1\n- first step\n- class: C\n', ctx('x.md')).items[0]!;
    assert.deepEqual(list.attributes, {});
    assert.equal(list.safetyClass, undefined);
  });

  it('accepts known multi-word keys and keeps keys lower-cased', () => {
    const item = readMarkdownHeadings('## REQ-1\n- Safety class: class c\n- Verification method: Analysis\n- Owner: QA\n', ctx('x.md')).items[0]!;
    assert.equal(item.safetyClass, 'C');
    assert.equal(item.verification, 'Analysis');
    assert.deepEqual(item.attributes, { 'safety class': 'class c', 'verification method': 'Analysis', owner: 'QA' });
  });

  it('reports a bad class at its value, and leaves the class unset', () => {
    const text = '## REQ-1\n- class: D\n';
    const { items, problems } = readMarkdownHeadings(text, ctx('r.md'));
    assert.equal(items[0]!.safetyClass, undefined);
    assert.deepEqual(problems, [{ file: 'r.md', line: 2, column: 10, message: 'Safety class must be A, B or C, not "D".' }]);
  });

  it('reports an unknown kind and falls back to the prefix kind', () => {
    const { items, problems } = readMarkdownHeadings('## RISK-1\n- kind: widget\n', ctx('r.md'));
    assert.equal(items[0]!.kind, 'risk');
    assert.equal(problems.length, 1);
    assert.deepEqual([problems[0]!.line, problems[0]!.column], [2, 9]);
    assert.match(problems[0]!.message, /Unknown kind "widget"/);
  });

  it('reports each link value that is not an ID at its own position, keeping the good ones', () => {
    const text = '## REQ-1\n- parent: SYS-1, to be defined, SYS-2\n- verifies: none\n- mitigates: -\n';
    const { items, problems } = readMarkdownHeadings(text, ctx('r.md'));
    assert.deepEqual(items[0]!.links.map((l) => [l.target, l.line, l.column]), [['SYS-1', 2, 11], ['SYS-2', 2, 33]]);
    assert.deepEqual(problems.map((p) => [p.line, p.column]), [[2, 18]]);
    assert.match(problems[0]!.message, /"to be defined" in parent is not a requirement ID/);
  });

  it('reads links written as Markdown emphasis, code or brackets', () => {
    const text = '## REQ-1\n- parent: **SYS-1**, `SYS-2`, [SYS-3]\n';
    const { items, problems } = readMarkdownHeadings(text, ctx('r.md'));
    assert.deepEqual(problems, []);
    assert.deepEqual(items[0]!.links.map((l) => [l.target, l.column]), [['SYS-1', 13], ['SYS-2', 23], ['SYS-3', 32]]);
  });

  it('an indented line in an attribute list continues the previous value', () => {
    const text = '## REQ-1\n- parent: SYS-1,\n  SYS-2\n- verifies:\n  - TC-1\n  - TC-2\n- class: B\n\nText.\n';
    const { items, problems } = readMarkdownHeadings(text, ctx('r.md'));
    assert.deepEqual(problems, []);
    const item = items[0]!;
    assert.deepEqual(item.links.map((l) => [l.kind, l.target, l.line, l.column]), [
      ['parent', 'SYS-1', 2, 11], ['parent', 'SYS-2', 3, 3], ['verifies', 'TC-1', 5, 5], ['verifies', 'TC-2', 6, 5],
    ]);
    assert.equal(item.safetyClass, 'B');
    assert.equal(item.attributes.verifies, 'TC-1 TC-2');
    assert.equal(item.text, 'Text.');
  });

  it('does not take a URL line for an attribute', () => {
    const item = readMarkdownHeadings('## REQ-1\nhttps://example.com/spec\n', ctx('x.md')).items[0]!;
    assert.deepEqual(item.attributes, {});
    assert.equal(item.text, 'https://example.com/spec');
  });
});

describe('Markdown heading reader: headings in mixed documents', () => {
  it('a heading naming several IDs defines each, at its own column, with the same title and text', () => {
    const text = '### HIGH\n\n#### H-04 / H-05: FHIR Write Security\n\n**File:** `src/fhir-write-service.ts`\n\n#### H-06,H-07 — Feedback\n#### **H-08** & `H-09`: Labels\n';
    const { items, problems } = readMarkdownHeadings(text, ctx('docs/remediation.md'));
    assert.deepEqual(problems, []);
    assert.deepEqual(items.map((i) => [i.id, i.title, i.line, i.column, i.endColumn, i.endLine]), [
      ['H-04', 'FHIR Write Security', 3, 6, 10, 5],
      ['H-05', 'FHIR Write Security', 3, 13, 17, 5],
      ['H-06', 'Feedback', 7, 6, 10, 7],
      ['H-07', 'Feedback', 7, 11, 15, 7],
      ['H-08', 'Labels', 8, 8, 12, 8],
      ['H-09', 'Labels', 8, 18, 22, 8],
    ]);
    assert.equal(items[0]!.text, '**File:** `src/fhir-write-service.ts`');
    assert.equal(items[1]!.text, items[0]!.text);
  });

  it('a "/", "," or "&" after an ID that is not followed by an ID is a finding, never part of the title', () => {
    const { items, problems } = readMarkdownHeadings('## REQ-1 / draft: Motor stop\n\n## REQ-2 & more\n', ctx('r.md'));
    assert.deepEqual(items.map((i) => [i.id, i.title, i.line, i.column]), [['REQ-1', 'draft: Motor stop', 1, 4], ['REQ-2', 'more', 3, 4]]);
    assert.deepEqual(problems.map((p) => [p.line, p.column, p.message]), [
      [1, 4, '"/" after REQ-1 is not followed by an ID: write one ID per heading, or IDs separated by "/", "," or "&" before the title.'],
      [3, 4, '"&" after REQ-2 is not followed by an ID: write one ID per heading, or IDs separated by "/", "," or "&" before the title.'],
    ]);
  });

  it('full-width colons and bars, and long dashes, separate the title', () => {
    const cases: [string, string][] = [
      ['PT-01：タイトル', 'タイトル'], ['PT-02 ： 用量', '用量'], ['PT-03ー名前', '名前'], ['PT-04 － Dose', 'Dose'],
      ['PT-05｜Rate', 'Rate'], ['PT-06 ― Bar', 'Bar'], ['PT-07–En', 'En'], ['PT-08 — Em', 'Em'],
    ];
    for (const [heading, title] of cases) assert.deepEqual(parseHeadingText(heading), { ids: [heading.slice(0, 5)], title }, heading);
    const { items } = readMarkdownHeadings('# 要求\n\n## PT-01：タイトル\n', ctx('r.md'));
    assert.deepEqual(items.map((i) => [i.id, i.title, i.line, i.column]), [['PT-01', 'タイトル', 3, 4]]);
  });

  it('a labelled prose paragraph under a heading is text, not attributes', () => {
    const text = '#### C-03: OAuth State Parameter\n\n**Status:** Documented as delegated to fhirclient library. The library manages the state.\n';
    const [item] = readMarkdownHeadings(text, ctx('r.md')).items;
    assert.equal(item!.status, undefined);
    assert.deepEqual(item!.attributes, {});
    assert.equal(item!.text, '**Status:** Documented as delegated to fhirclient library. The library manages the state.');
    const list = readMarkdownHeadings('## REQ-1\n- Status: handled by the operating system and never by this software\n', ctx('r.md')).items[0]!;
    assert.equal(list.status, undefined);
  });

  it('a status line further down, after the text, is never an attribute', () => {
    const text = '## REQ-1: Stop\n\n- class: B\n\nThe motor stops.\n\n**Status:** approved\n\nstatus: obsolete\n';
    const [item] = readMarkdownHeadings(text, ctx('r.md')).items;
    assert.equal(item!.status, undefined);
    assert.deepEqual(item!.attributes, { class: 'B' });
    assert.equal(item!.text, 'The motor stops.\n\n**Status:** approved\n\nstatus: obsolete');
  });

  it('a short labelled value right after the heading is still an attribute', () => {
    const text = '## REQ-1: Stop\n**Status:** approved by QA\n**Class:** B\n\nThe motor stops.\n';
    const [item] = readMarkdownHeadings(text, ctx('r.md')).items;
    assert.deepEqual([item!.status, item!.safetyClass, item!.text], ['approved by QA', 'B', 'The motor stops.']);
  });

  it('readsAsProse: only term-valued keys with sentences or many words', () => {
    assert.equal(readsAsProse('Status', 'Documented as delegated. The library does it.'), true);
    assert.equal(readsAsProse('status', 'one two three four five six seven'), true);
    assert.equal(readsAsProse('status', 'approved by QA on 2024-05-01'), false);
    assert.equal(readsAsProse('class', 'C'), false);
    assert.equal(readsAsProse('parent', 'SYS-1, SYS-2, SYS-3, SYS-4, SYS-5, SYS-6, SYS-7'), false);
    assert.equal(readsAsProse('Note', 'Anything. At all.'), false);
  });
});

describe('readRequirementFile', () => {
  it('skips files of other types', () => {
    assert.deepEqual(readRequirementFile('# REQ-1\n', ctx('notes.txt')), { items: [], problems: [] });
  });

  it('reports broken YAML front matter in a heading file, and still reads its headings', () => {
    const text = '---\ntitle: [oops\n---\n# REQ-1 Title\n';
    const { items, problems } = readRequirementFile(text, ctx('r.md'));
    assert.deepEqual(items.map((i) => [i.id, i.line]), [['REQ-1', 4]]);
    assert.ok(problems.length > 0);
    assert.ok(problems.every((p) => p.line >= 2 && p.line <= 3 && /YAML syntax error/.test(p.message)), JSON.stringify(problems));
  });
});
