// Verifies: TL-080, TL-081, TL-006
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import MarkdownIt from 'markdown-it';
import type { Item, ItemKind } from '../../src/core/model/types';
import * as path from 'node:path';
import { MemoryFileSystem } from '../../src/core/files/memoryFileSystem';
import { readRequirementFile, readRequirements, type ReaderContext, type ReadResult } from '../../src/core/readers';
import { splitRow } from '../../src/core/readers/markdownTables';
import { columnField, normalizeHeader } from '../../src/core/readers/tableColumns';
import { evaluateRules } from '../../src/core/rules/evaluate';
import { testConfig } from '../helpers/model';

function kindOf(id: string): ItemKind {
  if (id.startsWith('SYS')) return 'system';
  if (id.startsWith('RISK') || id.startsWith('HAZ')) return 'risk';
  if (id.startsWith('TC')) return 'test';
  return 'requirement';
}

const ctx = (file: string, extra: Partial<ReaderContext> = {}): ReaderContext => ({ file, kindOf, ...extra });
const read = (text: string, extra: Partial<ReaderContext> = {}) => readRequirementFile(text, ctx('requirements/srs.md', extra));

/** 1-based line and column of the `occurrence`-th `needle` in `text`. */
function at(text: string, needle: string, occurrence = 1): [number, number] {
  const lines = text.split(/\r\n?|\n/);
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    for (let index = lines[i]!.indexOf(needle); index >= 0; index = lines[i]!.indexOf(needle, index + 1)) {
      if (++seen === occurrence) return [i + 1, index + 1];
    }
  }
  assert.fail(`"${needle}" #${occurrence} not in text`);
}

function byId(items: readonly Item[], id: string): Item {
  const found = items.find((i) => i.id === id);
  assert.ok(found, `item ${id}`);
  return found;
}

// A software requirements list laid out like OpenRegulatory's template (own content).
const SRS_LIST = `# Software Requirements List

| ID | Software System | Category | Description | Risk Control Measure? | Related Risk IDs |
|----|-----------------|----------|-------------|-----------------------|------------------|
| SRS-1 | Pump controller | Functional | The controller stops the motor when the line pressure exceeds the occlusion limit. | Yes | RISK-1, RISK-2 |
| SRS-2 | Pump controller | Alarm | The controller raises the occlusion alarm within 2 s. | Yes | RISK-1 |
| SRS-3 | User interface | Usability | The display shows the remaining volume in mL. | No | |
`;

describe('Markdown tables: a software requirements list (ID, Category, Description, Related Risk IDs)', () => {
  const { items, problems } = read(SRS_LIST);

  it('reads one item per row at the ID cell, with kind, text and category', () => {
    assert.deepEqual(problems, []);
    assert.deepEqual(items.map((i) => [i.id, i.line, i.column, i.endLine, i.endColumn, i.kind, i.format]), [
      ['SRS-1', 5, 3, 5, 8, 'requirement', 'markdown-table'],
      ['SRS-2', 6, 3, 6, 8, 'requirement', 'markdown-table'],
      ['SRS-3', 7, 3, 7, 8, 'requirement', 'markdown-table'],
    ]);
    const first = byId(items, 'SRS-1');
    assert.equal(first.title, '');
    assert.equal(first.text, 'The controller stops the motor when the line pressure exceeds the occlusion limit.');
    assert.equal(first.category, 'Functional');
    assert.equal(first.file, 'requirements/srs.md');
  });

  it('keeps every other column as an attribute under its header name', () => {
    assert.deepEqual(byId(items, 'SRS-1').attributes, {
      'software system': 'Pump controller', category: 'Functional', 'risk control measure?': 'Yes', 'related risk ids': 'RISK-1, RISK-2',
    });
    // An empty cell states nothing.
    assert.deepEqual(byId(items, 'SRS-3').attributes, { 'software system': 'User interface', category: 'Usability', 'risk control measure?': 'No' });
  });

  it('links each ID of "Related Risk IDs" as mitigates, at its own column', () => {
    const file = 'requirements/srs.md';
    assert.deepEqual(byId(items, 'SRS-1').links, [
      { file, line: 5, column: at(SRS_LIST, 'RISK-1')[1], kind: 'mitigates', target: 'RISK-1' },
      { file, line: 5, column: at(SRS_LIST, 'RISK-2')[1], kind: 'mitigates', target: 'RISK-2' },
    ]);
    assert.deepEqual(byId(items, 'SRS-2').links.map((l) => [l.target, l.line, l.column]), [['RISK-1', 6, at(SRS_LIST, 'RISK-1', 2)[1]]]);
    assert.deepEqual(byId(items, 'SRS-3').links, []);
  });
});

// An SRS table with a safety class column: bold and code IDs, an alignment row, escaped pipes.
const CLASS_TABLE = [
  '## Dosing',
  '',
  'Req ID | Title | Safety Class | Status | Parent | Verified by',
  ':--- | :---: | ---: | --- | --- | ---',
  '**REQ-010** | Bolus limit | C | approved | SYS-1 | Test',
  '`REQ-011` | Rate a \\| b | **B** | draft | SYS-1; SYS-2 | Inspection',
  'REQ-012 | Code `x \\| y` title | class A | approved | [SYS-3](#sys-3) | Analysis',
].join('\n');

describe('Markdown tables: a safety class table without outer pipes', () => {
  const { items, problems } = read(CLASS_TABLE);

  it('places each ID after its emphasis or code marker', () => {
    assert.deepEqual(problems, []);
    assert.deepEqual(items.map((i) => [i.id, i.line, i.column, i.endColumn]), [
      ['REQ-010', 5, 3, 10], ['REQ-011', 6, 2, 9], ['REQ-012', 7, 1, 8],
    ]);
  });

  it('reads class, status and verification, and unescapes pipes in titles', () => {
    assert.deepEqual(items.map((i) => [i.title, i.safetyClass, i.status, i.verification]), [
      ['Bolus limit', 'C', 'approved', 'Test'],
      ['Rate a | b', 'B', 'draft', 'Inspection'],
      ['Code `x | y` title', 'A', 'approved', 'Analysis'],
    ]);
  });

  it('reads parent links separated by semicolons and written as Markdown links', () => {
    assert.deepEqual(byId(items, 'REQ-011').links.map((l) => [l.target, l.line, l.column]), [
      ['SYS-1', 6, at(CLASS_TABLE, 'SYS-1; SYS-2')[1]],
      ['SYS-2', 6, at(CLASS_TABLE, 'SYS-2 |')[1]],
    ]);
    assert.deepEqual(byId(items, 'REQ-012').links.map((l) => [l.kind, l.target, l.line, l.column]), [['parent', 'SYS-3', 7, at(CLASS_TABLE, '[SYS-3]')[1] + 1]]);
  });

  it('reports a bad class at its cell, and keeps the item', () => {
    const text = '| ID | Class |\n|---|---|\n| REQ-1 | D |\n';
    const result = read(text);
    assert.deepEqual(result.items.map((i) => [i.id, i.safetyClass]), [['REQ-1', undefined]]);
    assert.deepEqual(result.problems, [{ file: 'requirements/srs.md', line: 3, column: 11, message: 'Safety class must be A, B or C, not "D".' }]);
  });
});

// A design document: heading items, a heading whose section holds a table of sub-items, a table of
// risks, and tables that are prose.
const MIXED = `# Infusion pump software design

| Author | Date |
|--------|------|
| QA | 2024-05-01 |

| Key | Value |
|-----|-------|
| Owner | firmware |

## SYS-1: Deliver the programmed dose
- class: C

The pump delivers the programmed volume. Its software requirements:

| ID | Title | Parent |
|----|-------|--------|
| REQ-1 | Motor control | SYS-1 |
| REQ-2 | Volume count | SYS-1 |

## Risks

| Risk ID | Hazard | Severity |
|---------|--------|----------|
| RISK-1 | Over-infusion | Critical |

## REQ-3: Alarm tone

Beep.
`;

describe('Markdown tables mixed with heading items', () => {
  const { items, problems } = read(MIXED);

  it('reads heading items and table rows together, in file order', () => {
    assert.deepEqual(problems, []);
    assert.deepEqual(items.map((i) => [i.id, i.format, i.line, i.column]), [
      ['SYS-1', 'markdown-headings', 11, 4],
      ['REQ-1', 'markdown-table', 18, 3],
      ['REQ-2', 'markdown-table', 19, 3],
      ['RISK-1', 'markdown-table', 25, 3],
      ['REQ-3', 'markdown-headings', 27, 4],
    ]);
  });

  it('the heading item keeps its attributes, and its text includes the table', () => {
    const system = byId(items, 'SYS-1');
    assert.equal(system.safetyClass, 'C');
    assert.ok(system.text.startsWith('The pump delivers the programmed volume.'));
    assert.ok(system.text.endsWith('| REQ-2 | Volume count | SYS-1 |'));
    assert.equal(system.endLine, 19);
  });

  it('table rows link to the heading item through their Parent column', () => {
    assert.deepEqual(byId(items, 'REQ-2').links.map((l) => [l.kind, l.target, l.line, l.column]), [['parent', 'SYS-1', 19, 26]]);
    assert.equal(byId(items, 'REQ-2').title, 'Volume count');
  });

  it('a "<word> ID" header is the ID column; other columns are attributes', () => {
    const risk = byId(items, 'RISK-1');
    assert.equal(risk.kind, 'risk');
    assert.deepEqual(risk.attributes, { hazard: 'Over-infusion', severity: 'Critical' });
  });

  it('a table without an ID column, or whose ID column holds no ID, is prose', () => {
    assert.ok(!items.some((i) => i.line < 11));
  });
});

describe('Markdown tables: several IDs in a cell, and <br>', () => {
  const text = [
    '| ID | Title | Description | Mitigates |',
    '|---|---|---|---|',
    '| REQ-7<br>REQ-8 | Shared limit | First line.<br/>Second line. | RISK-1<br>RISK-2, RISK-3 |',
    '| REQ-9 | Alone | One \\| two | [RISK-4](risks.md#risk-4) |',
  ].join('\n');
  const { items, problems } = read(text);

  it('a cell with two IDs defines two items at their own columns, with the same row', () => {
    assert.deepEqual(problems, []);
    assert.deepEqual(items.map((i) => [i.id, i.line, i.column, i.title]), [
      ['REQ-7', 3, 3, 'Shared limit'], ['REQ-8', 3, 12, 'Shared limit'], ['REQ-9', 4, 3, 'Alone'],
    ]);
  });

  it('<br> is a line break in the text and a separator between link IDs', () => {
    assert.equal(byId(items, 'REQ-7').text, 'First line.\nSecond line.');
    assert.equal(byId(items, 'REQ-9').text, 'One | two');
    assert.deepEqual(byId(items, 'REQ-8').links.map((l) => [l.target, l.column]), [
      ['RISK-1', at(text, 'RISK-1')[1]], ['RISK-2', at(text, 'RISK-2')[1]], ['RISK-3', at(text, 'RISK-3')[1]],
    ]);
    assert.equal(byId(items, 'REQ-8').attributes.mitigates, 'RISK-1, RISK-2, RISK-3');
    assert.deepEqual(byId(items, 'REQ-9').links.map((l) => [l.target, l.line, l.column]), [['RISK-4', 4, at(text, 'RISK-4')[1]]]);
  });
});

describe('Malformed tables', () => {
  const text = [
    '| ID | Title | Status |',
    '|----|-------|--------|',
    '| REQ-1 | Short row |',
    '| REQ-2 | Long | draft | extra |',
    '|  | Orphan title | draft |',
    '| **Alarms** | | |',
    '| | | |',
    '| REQ-3 (old) | Noted | draft |',
    '| REQ-2 | Again | draft |',
    'REQ-4 | no pipes at either end | approved',
  ].join('\n');
  const { items, problems } = read(text);

  it('reports ragged rows, rows without an ID and cells with more than an ID at their line', () => {
    assert.deepEqual(problems.map((p) => [p.line, p.column, p.message]), [
      [3, 1, 'This table row has 2 cells, but its header has 3: the missing cells are read as empty.'],
      [4, 26, 'This table row has 4 cells, but its header has 3: the extra cells are ignored.'],
      [5, 2, 'This table row has no ID in column "ID".'],
      [6, 3, '"Alarms" in column "ID" is not a requirement ID (expected something like REQ-001).'],
      [8, 3, '"REQ-3 (old)" in column "ID" holds more than IDs; only REQ-3 is read.'],
    ]);
  });

  it('still reads every row that has an ID; an empty row is nothing', () => {
    assert.deepEqual(items.map((i) => [i.id, i.line, i.column, i.title, i.status ?? null]), [
      ['REQ-1', 3, 3, 'Short row', null],
      ['REQ-2', 4, 3, 'Long', 'draft'],
      ['REQ-3', 8, 3, 'Noted', 'draft'],
      ['REQ-2', 9, 3, 'Again', 'draft'],
      ['REQ-4', 10, 1, 'no pipes at either end', 'approved'],
    ]);
  });

  it('a duplicate ID is a duplicate-id finding at both rows', () => {
    const findings = evaluateRules({ items, references: [], problems: [] }, testConfig());
    assert.deepEqual(findings.filter((f) => f.rule === 'duplicate-id').map((f) => [f.id, f.file, f.line, f.column]), [
      ['REQ-2', 'requirements/srs.md', 4, 3], ['REQ-2', 'requirements/srs.md', 9, 3],
    ]);
  });

  it('an unescaped pipe in inline code splits the cell, as on GitHub, and is reported as a ragged row', () => {
    const result = read('| ID | Title |\n|---|---|\n| REQ-1 | `a|b` |\n');
    assert.deepEqual(result.items.map((i) => [i.id, i.title]), [['REQ-1', '`a']]);
    assert.deepEqual(result.problems.map((p) => [p.line, p.column, p.message]), [
      [3, 14, 'This table row has 3 cells, but its header has 2: the extra cells are ignored. A "|" inside inline code must be written "\\|".'],
    ]);
  });
});

describe('Markdown tables: positions', () => {
  it('counts columns after block-quote markers, in UTF-16 units, with CRLF and a byte-order mark', () => {
    const text = '\uFEFF> | ID | Title |\r\n> |---|---|\r\n> | REQ-1 | Quoted |\r\n\r\n| Titel 🙂 | ID |\r\n|---|---|\r\n| Größe 🙂 | REQ-2 |\r\n';
    const { items, problems } = read(text);
    assert.deepEqual(problems, []);
    assert.deepEqual(items.map((i) => [i.id, i.line, i.column, i.title]), [['REQ-1', 3, 5, 'Quoted'], ['REQ-2', 7, 14, '']]);
  });

  it('reads tables in list items and ignores tables in code blocks and HTML', () => {
    const text = '- | ID | Title |\n  |---|---|\n  | REQ-1 | Listed |\n\n```\n| ID |\n|---|\n| REQ-2 |\n```\n\n<div>\n\n| ID |\n|---|\n| REQ-3 |\n\n</div>\n';
    const { items } = read(text);
    assert.deepEqual(items.map((i) => [i.id, i.line, i.column]), [['REQ-1', 3, 5], ['REQ-3', 15, 3]]);
  });

  it('splits rows exactly as markdown-it does, for every row shape', () => {
    const md = new MarkdownIt();
    const rows = [
      '| a | b | c |', 'a | b | c', '|a|b|c|', '| a \\| b | `c \\| d` | e |', '| a | b |  |', '|  | b | c |', '| a | b | c | d |',
      'a | `b|c` | d', '| a\\\\| b | c |', '  | a |b| c |  ',
    ];
    for (const row of rows) {
      const tokens = md.parse(`| h1 | h2 | h3 |\n|---|---|---|\n${row}\n`, {});
      const cells: string[] = [];
      let inBody = false;
      for (const token of tokens) {
        if (token.type === 'tbody_open') inBody = true;
        if (inBody && token.type === 'inline') cells.push(token.content);
      }
      const mine = splitRow(row).map((cell) => cell.raw.replace(/\\\|/g, '|'));
      // markdown-it pads short rows and drops extra cells; the shared cells must agree exactly.
      assert.deepEqual(mine.slice(0, 3).concat(Array(Math.max(0, 3 - mine.length)).fill('')), cells, row);
      for (const cell of splitRow(row)) {
        if (cell.raw !== '') assert.equal(row.slice(cell.start, cell.start + cell.raw.length), cell.raw, `${row}: ${cell.raw}`);
      }
    }
  });

  it('reads a table of 3,000 rows', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `| REQ-${i + 1} | Title ${i} | ${'ABC'[i % 3]} | SYS-${i % 7} |`);
    const text = `| ID | Title | Class | Parent |\n|---|---|---|---|\n${rows.join('\n')}\n`;
    const started = performance.now();
    const { items, problems } = read(text);
    const elapsed = performance.now() - started;
    assert.deepEqual(problems, []);
    assert.equal(items.length, 3000);
    assert.deepEqual([items[2999]!.id, items[2999]!.line, items[2999]!.safetyClass, items[2999]!.links[0]!.target], ['REQ-3000', 3002, 'C', 'SYS-3']);
    assert.ok(elapsed < 2000, `${elapsed} ms`);
  });
});

describe('Table column names', () => {
  it('compares header names without case, emphasis or punctuation', () => {
    assert.equal(normalizeHeader('**Req. ID**'), 'req id');
    assert.equal(normalizeHeader('Related  Risk-IDs'), 'related risk ids');
    assert.deepEqual(['ID', 'Req ID', 'Requirement ID', 'UID', 'Key', 'SRS ID', 'Test case ID'].map((h) => columnField(h, undefined)), Array(7).fill('id'));
    assert.deepEqual(['Description', 'Statement', 'Text'].map((h) => columnField(h, undefined)), ['text', 'text', 'text']);
    assert.deepEqual(['Title', 'Name', 'Summary'].map((h) => columnField(h, undefined)), ['title', 'title', 'title']);
    assert.deepEqual(['Safety Class', 'Class', 'Risk Class'].map((h) => columnField(h, undefined)), ['class', 'class', 'class']);
    assert.deepEqual(['Parent', 'Parents', 'Traces to', 'Derived from'].map((h) => columnField(h, undefined)), Array(4).fill('parent'));
    assert.deepEqual(['Mitigates', 'Related Risk IDs', 'Risk'].map((h) => columnField(h, undefined)), Array(3).fill('mitigates'));
    assert.deepEqual(['Verified by', 'Verification'].map((h) => columnField(h, undefined)), ['verification', 'verification']);
    assert.deepEqual(['Type', 'Owner', '#', 'Identifier of something'].map((h) => columnField(h, undefined)), [undefined, undefined, undefined, undefined]);
  });

  it('configured names add columns and override built-in ones', () => {
    const tableColumns = { 'req nr': 'id', beschreibung: 'text', risk: 'attribute' } as const;
    const text = '| Req-Nr. | Beschreibung | Risk |\n|---|---|---|\n| REQ-1 | Die Pumpe stoppt. | hoch |\n';
    const { items, problems } = read(text, { tableColumns });
    assert.deepEqual(problems, []);
    assert.deepEqual(items.map((i) => [i.id, i.line, i.column, i.text, i.links.length, i.attributes]), [['REQ-1', 3, 3, 'Die Pumpe stoppt.', 0, { risk: 'hoch' }]]);
    // Without the configuration, the same file holds no ID column, and "Risk" would be a link.
    assert.deepEqual(read(text).items, []);
  });
});

describe('Table columns from the configuration', () => {
  it('reach the readers of a project, and a change of them is never served from the requirement cache', async () => {
    const fs = new MemoryFileSystem(path.resolve('/tables'), { 'requirements/srs.md': '| Req-Nr. | Titel |\n|---|---|\n| REQ-1 | Stopp |\n' });
    const stored = new Map<string, ReadResult>();
    const cache = {
      getRequirements: (file: string, hash: string, key: string) => stored.get(`${file}|${hash}|${key}`),
      setRequirements: (file: string, hash: string, key: string, result: ReadResult) => void stored.set(`${file}|${hash}|${key}`, result),
    };
    const files = ['requirements/srs.md'];
    const plain = await readRequirements(fs, fs.root, files, testConfig(), cache);
    assert.deepEqual(plain.items, []);
    const configured = await readRequirements(fs, fs.root, files, testConfig({ tableColumns: { 'req nr': 'id', titel: 'title' } }), cache);
    assert.deepEqual(configured.items.map((i) => [i.id, i.line, i.column, i.title]), [['REQ-1', 3, 3, 'Stopp']]);
    assert.equal(stored.size, 2);
  });
});
