// Verifies: TL-115, TL-116, TL-117
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { defaultConfig } from '../../src/core/config/parse';
import { MemoryFileSystem } from '../../src/core/files/memoryFileSystem';
import type { Item } from '../../src/core/model/types';
import { checkProject, type CheckResult } from '../../src/core/project/check';
import { ProjectIndex } from '../../src/core/project/projectIndex';
import { kindResolver, readRequirements } from '../../src/core/readers';
import { readDoorstopItem } from '../../src/core/readers/doorstop';
import { fastItemFields, yamlItemFields } from '../../src/core/readers/doorstopFields';
import { readDoorstopConfig } from '../../src/core/readers/doorstopDocuments';
import { LocalScanService } from '../../src/core/scan/localScanService';
import { CommentParser } from '../../src/parsing/commentParser';

const config = defaultConfig(['reqs']);

const SYS = 'settings:\n  digits: 3\n  prefix: SYS\n  sep: \'\'\n';
const REQ = 'settings:\n  digits: 3\n  parent: SYS\n  prefix: REQ\n  sep: \'\'\nattributes:\n  defaults:\n    class: B\n';

/** A project in memory: the files given, under a root that exists nowhere on disk. */
function project(files: Record<string, string>): MemoryFileSystem {
  return new MemoryFileSystem(path.resolve('/tracelens-memory/doorstop'), files);
}

async function read(files: Record<string, string>) {
  const fs = project(files);
  return readRequirements(fs, fs.root, Object.keys(files).sort(), config);
}

function byId(items: readonly Item[], id: string): Item {
  const item = items.find((i) => i.id === id);
  assert.ok(item, `item ${id}`);
  return item;
}

describe('Doorstop document settings', () => {
  it('reads prefix, separator, digits, parent, item format and attribute defaults', () => {
    const { document, problems } = readDoorstopConfig('settings:\n  digits: 4\n  itemformat: markdown\n  parent: SYS\n  prefix: LLR\n  sep: \'-\'\nattributes:\n  defaults:\n    class: A\n    owners: [ann, bo]\n', 'reqs/llr/.doorstop.yml');
    assert.deepEqual(problems, []);
    assert.deepEqual(document, {
      file: 'reqs/llr/.doorstop.yml', folder: 'reqs/llr', prefix: 'LLR', sep: '-', digits: 4, parent: 'SYS', itemformat: 'markdown',
      defaults: { class: 'A', owners: 'ann, bo' },
    });
  });

  it('reports a missing prefix, a bad separator, digits and item format, and unknown keys at their positions', () => {
    const text = 'settings:\n  digits: three\n  sep: "+"\n  itemformat: json\n  colour: red\nattributes:\n  extra: 1\n';
    const { document, problems } = readDoorstopConfig(text, 'reqs/.doorstop.yml');
    assert.equal(document, undefined);
    assert.deepEqual(problems.map((p) => [p.line, p.column, p.message.split(':')[0]]), [
      [1, 1, 'A Doorstop document needs a `prefix` in `settings` (like `prefix'],
      [2, 11, 'Doorstop\'s `digits` must be a whole number, not "three".'],
      [3, 8, 'Doorstop\'s separator `sep` must be empty, "-", "_" or ".", not "+".'],
      [4, 15, 'Doorstop\'s `itemformat` must be "yaml" or "markdown", not "json".'],
      [5, 3, 'Unknown Doorstop document setting "colour"'],
      [7, 3, 'Unknown Doorstop attributes entry "extra"'],
    ]);
  });

  it('reports broken YAML at its line', () => {
    const { problems } = readDoorstopConfig('settings:\n  prefix: [REQ\n', 'reqs/.doorstop.yml');
    assert.equal(problems.length > 0, true);
    assert.match(problems[0]!.message, /^YAML syntax error/);
    assert.equal(problems[0]!.line, 3);
  });
});

describe('Doorstop YAML items', () => {
  const item = [
    'active: true',
    'derived: false',
    'header: |',
    '  Format the result',
    'level: 1.10',
    'links:',
    '- SYS001: vZ0kq3yR8mUW=',
    '- SYS002',
    '- SYS003: null',
    '- "SYS004:abc"',
    'normative: true',
    'ref: \'\'',
    'references:',
    '- path: src/display.py',
    '  type: file',
    'reviewed: null',
    'text: |',
    '  The display shall format',
    '  a result.',
    '',
  ].join('\n');

  it('takes the UID from the file name and places the item on its first line', async () => {
    const { items, problems } = await read({ 'reqs/.doorstop.yml': SYS, 'reqs/sw/.doorstop.yml': REQ, 'reqs/sw/REQ001.yml': item });
    assert.deepEqual(problems, []);
    const req = byId(items, 'REQ001');
    assert.deepEqual([req.file, req.line, req.column, req.endColumn, req.endLine], ['reqs/sw/REQ001.yml', 1, 1, 13, 19]);
    assert.deepEqual([req.kind, req.title, req.text, req.format, req.safetyClass], ['requirement', 'Format the result', 'The display shall format\na result.', 'doorstop', 'B']);
  });

  it('reads links as parent links at their UIDs, with review fingerprints as link attributes', async () => {
    const { items } = await read({ 'reqs/.doorstop.yml': SYS, 'reqs/sw/.doorstop.yml': REQ, 'reqs/sw/REQ001.yml': item });
    assert.deepEqual(byId(items, 'REQ001').links, [
      { file: 'reqs/sw/REQ001.yml', line: 7, column: 3, kind: 'parent', target: 'SYS001', attributes: { fingerprint: 'vZ0kq3yR8mUW=' } },
      { file: 'reqs/sw/REQ001.yml', line: 8, column: 3, kind: 'parent', target: 'SYS002' },
      { file: 'reqs/sw/REQ001.yml', line: 9, column: 3, kind: 'parent', target: 'SYS003' },
      { file: 'reqs/sw/REQ001.yml', line: 10, column: 4, kind: 'parent', target: 'SYS004', attributes: { fingerprint: 'abc' } },
    ]);
  });

  it('keeps the level as written, the referenced paths and the review fingerprint as attributes', async () => {
    const { items } = await read({ 'reqs/.doorstop.yml': SYS, 'reqs/sw/.doorstop.yml': REQ, 'reqs/sw/REQ001.yml': item });
    const { attributes } = byId(items, 'REQ001');
    assert.deepEqual([attributes.level, attributes.references, attributes.reviewed, attributes.class], ['1.10', 'src/display.py', '', 'B']);
    assert.equal(attributes.text, undefined, 'the text is the statement, not an attribute');
  });

  it('makes an item with active: false inactive and one with normative: false need nothing, titled by its text', async () => {
    const { items } = await read({
      'reqs/.doorstop.yml': SYS,
      'reqs/SYS001.yml': 'active: false\ntext: Gone.\n',
      'reqs/SYS002.yml': 'level: 2.0\nnormative: false\ntext: |\n  Display\n\n  About the display.\n',
    });
    assert.equal(byId(items, 'SYS001').status, 'inactive');
    const heading = byId(items, 'SYS002');
    assert.deepEqual([heading.needs, heading.title, heading.status], [[], 'Display', undefined]);
  });

  it('reads links of a test document as verifies links', async () => {
    const { items } = await read({
      'reqs/.doorstop.yml': SYS,
      'reqs/tst/.doorstop.yml': 'settings:\n  prefix: TST\n  parent: SYS\n  sep: \'\'\n  digits: 3\n',
      'reqs/tst/TST001.yml': 'links:\n- SYS001\ntext: Check it.\n',
    });
    const test = byId(items, 'TST001');
    assert.deepEqual([test.kind, test.links.map((l) => [l.kind, l.target, l.line, l.column])], ['test', [['verifies', 'SYS001', 2, 3]]]);
  });
});

describe('Doorstop Markdown items', () => {
  it('reads front matter attributes, the first # heading as header and the rest as text', async () => {
    const text = '---\nactive: true\nlevel: 1.1\nlinks:\n- REQ002: 3bq1s8Yl0vKk=\nnormative: true\n---\n\n# Three-digit display\n\nFeed 5, 87 and 600\nand check the display.\n';
    const { items, problems } = await read({
      'reqs/.doorstop.yml': 'settings:\n  prefix: REQ\n  sep: \'\'\n  digits: 3\n',
      'reqs/tests/.doorstop.yml': 'settings:\n  digits: 3\n  itemformat: markdown\n  parent: REQ\n  prefix: TST\n  sep: \'\'\n',
      'reqs/tests/TST001.md': text,
      'reqs/tests/README.md': '# Tests\n\nHow the tests are kept.\n',
    });
    assert.deepEqual(problems, []);
    const test = byId(items, 'TST001');
    assert.deepEqual([test.line, test.endLine, test.title, test.text, test.attributes.level], [1, 12, 'Three-digit display', 'Feed 5, 87 and 600\nand check the display.', '1.1']);
    assert.deepEqual(test.links.map((l) => [l.kind, l.target, l.line, l.column, l.attributes]), [['verifies', 'REQ002', 5, 3, { fingerprint: '3bq1s8Yl0vKk=' }]]);
    assert.deepEqual(items.map((i) => i.file), ['reqs/tests/TST001.md'], 'README.md is no item of a Markdown document');
  });
});

describe('Doorstop malformed input', () => {
  it('reports a file whose name does not fit its document at line 1, still reads it, and reads the others', async () => {
    const { items, problems } = await read({
      'reqs/.doorstop.yml': SYS,
      'reqs/SYS-002.yml': 'text: Second.\n',
      'reqs/notes.yml': 'text: Not an item.\n',
      'reqs/SYS001.yml': 'text: [broken\n',
      'reqs/SYS003.yml': 'text: Third.\n',
    });
    assert.deepEqual(problems.map((p) => [p.file, p.line, p.column, p.message.slice(0, 48)]), [
      ['reqs/SYS-002.yml', 1, 1, 'SYS-002.yml is in Doorstop document SYS (reqs/.d'],
      ['reqs/SYS001.yml', 2, 1, 'YAML syntax error: Flow sequence in block collec'],
      ['reqs/notes.yml', 1, 1, 'notes.yml is in Doorstop document SYS (reqs/.doo'],
    ]);
    assert.match(problems[0]!.message, /expected a name like SYS001\.yml \(prefix "SYS", separator ""\)/);
    assert.deepEqual(items.map((i) => i.id), ['SYS-002', 'SYS001', 'SYS003']);
  });

  it('reports a UID Tracelens cannot trace and a link that is no UID at their positions', async () => {
    const { items, problems } = await read({
      'reqs/.doorstop.yml': 'settings:\n  prefix: SYS\n  sep: .\n',
      'reqs/SYS.001.yml': 'text: Dotted.\n',
      'reqs/sw/.doorstop.yml': REQ,
      'reqs/sw/REQ001.yml': 'links:\n- not a uid\n- SYS1\nlinks2: x\n',
      'reqs/sw/REQ002.yml': 'links: SYS1\n',
    });
    assert.deepEqual(problems.map((p) => [p.file, p.line, p.column]), [['reqs/SYS.001.yml', 1, 1], ['reqs/sw/REQ001.yml', 2, 3], ['reqs/sw/REQ002.yml', 1, 8]]);
    assert.match(problems[0]!.message, /The UID SYS\.001 \(the file name\) is no ID Tracelens can trace/);
    assert.deepEqual(items.map((i) => [i.id, i.links.map((l) => l.target)]), [['REQ001', ['SYS1']], ['REQ002', []]]);
  });

  it('reports a .doorstop.yml without prefix as invalid-file; its folder reads as ordinary YAML', async () => {
    const { items, problems } = await read({ 'reqs/.doorstop.yml': 'settings:\n  digits: 3\n', 'reqs/REQ-1.yml': 'id: REQ-1\ntext: Plain.\n' });
    assert.deepEqual(problems.map((p) => [p.file, p.line, p.column]), [['reqs/.doorstop.yml', 1, 1]]);
    assert.deepEqual(items.map((i) => [i.id, i.format]), [['REQ-1', 'yaml']]);
  });
});

describe('Doorstop tree coverage', () => {
  const tree = {
    'reqs/.doorstop.yml': SYS,
    'reqs/SYS001.yml': 'text: Top.\n',
    'reqs/SYS002.yml': 'text: Uncovered.\n',
    'reqs/sw/.doorstop.yml': REQ,
    'reqs/sw/REQ001.yml': 'links:\n- SYS001\ntext: Done.\n',
    'reqs/sw/REQ002.yml': 'links:\n- SYS001\ntext: Not done.\n',
    'reqs/sw/tests/.doorstop.yml': 'settings:\n  prefix: TST\n  parent: REQ\n  sep: \'\'\n  digits: 3\n',
    'reqs/sw/tests/TST001.yml': 'links:\n- REQ001\ntext: Test.\n',
    'src/display.c': '// Implements: REQ001\nint show(void) { return 0; }\n',
  };

  it('derives needs from the document tree: child documents of requirements, or impl and a test', async () => {
    const { items } = await read(Object.fromEntries(Object.entries(tree).filter(([file]) => file.startsWith('reqs/'))));
    assert.deepEqual(byId(items, 'SYS001').documentNeeds, ['child:REQ']);
    assert.deepEqual(byId(items, 'REQ001').documentNeeds, ['impl', 'test']);
    assert.equal(byId(items, 'TST001').documentNeeds, undefined);
    const both = await read({
      'reqs/.doorstop.yml': SYS, 'reqs/SYS001.yml': 'text: Top.\n',
      'reqs/a/.doorstop.yml': 'settings:\n  prefix: SDD\n  parent: SYS\n',
      'reqs/b/.doorstop.yml': 'settings:\n  prefix: SRD\n  parent: sys\n',
      'reqs/c/.doorstop.yml': 'settings:\n  prefix: HLT\n  parent: SYS\n',
    });
    assert.deepEqual(byId(both.items, 'SYS001').documentNeeds, ['child:SDD|SRD', 'test']);
  });

  let parser: CommentParser;
  before(async () => { parser = await CommentParser.create(); });
  after(() => parser.dispose());

  async function check(files: Record<string, string>): Promise<CheckResult> {
    const fs = project(files);
    return checkProject({ root: fs.root, fs, scanner: new LocalScanService(parser, fs) });
  }

  it('traces joined UIDs in code, covers parents through children and test documents, with no configuration', async () => {
    const result = await check(tree);
    const findings = result.findings.map((f) => [f.rule, f.file, f.line, f.column, f.message]);
    assert.deepEqual(findings, [
      ['uncovered', 'reqs/SYS002.yml', 1, 1, 'SYS002 (class C) needs child:REQ; missing child:REQ (no active REQ item names SYS002 as its parent)'],
      ['unimplemented', 'reqs/sw/REQ002.yml', 1, 1, 'REQ002 (class B) needs impl and test; missing impl'],
      ['unverified', 'reqs/sw/REQ002.yml', 1, 1, 'REQ002 (class B) needs impl and test; missing test'],
    ]);
    assert.deepEqual(result.references.map((r) => [r.id, r.relation, r.file, r.line, r.column]), [['REQ001', 'implements', 'src/display.c', 1, 16]]);
    assert.deepEqual([result.summary.requirements, result.summary.implemented, result.summary.verified], [2, 1, 1]);
  });

  it('lets an item and coverage by prefix in tracelens.json override what the tree asks', async () => {
    const result = await check({
      ...tree,
      'tracelens.json': '{ "requirements": ["reqs"], "prefixes": { "REQ": "requirement" }, "coverage": { "REQ": ["impl"] } }',
      'reqs/SYS002.yml': 'needs: none\ntext: Nothing expected.\n',
    });
    assert.deepEqual(result.findings.map((f) => [f.rule, f.id]), [['unimplemented', 'REQ002']]);
  });

  it('re-reads the items of a document in the editor when its .doorstop.yml changes', async () => {
    const fs = project(tree);
    const index = new ProjectIndex(fs.root, fs, parser, new LocalScanService(parser, fs));
    try {
      await index.load();
      assert.deepEqual(index.snapshot().items.find((i) => i.id === 'SYS001')?.documentNeeds, ['child:REQ']);
      // REQ becomes a root document: SYS has no child document left and needs code and a test.
      await index.setRequirementText('reqs/sw/.doorstop.yml', 'settings:\n  prefix: REQ\n  sep: \'\'\n');
      assert.deepEqual(index.snapshot().items.find((i) => i.id === 'SYS001')?.documentNeeds, ['impl', 'test']);
      await index.setRequirementText('reqs/sw/.doorstop.yml', 'settings:\n  prefix: SRS\n  sep: \'\'\n');
      const problems = index.snapshot().findings.filter((f) => f.rule === 'invalid-file').map((f) => [f.file, f.line]);
      assert.deepEqual(problems, [['reqs/sw/REQ001.yml', 1], ['reqs/sw/REQ002.yml', 1]]);
      assert.equal(index.snapshot().findings.some((f) => f.file.endsWith('.doorstop.yml')), false, 'a .doorstop.yml is never no-items');
    } finally {
      index.dispose();
    }
  });
});

describe('Doorstop attribute defaults', () => {
  it('places what the defaults decide in each item of the document, and leaves what an item states to it', async () => {
    const { items, problems } = await read({
      'reqs/sys/.doorstop.yml': SYS,
      'reqs/req/.doorstop.yml': 'settings:\n  digits: 3\n  prefix: REQ\n  sep: \'\'\nattributes:\n  defaults:\n    needs: test\n    class: B\n',
      'reqs/req/REQ001.yml': 'text: |\n  One.\n',
      'reqs/req/REQ002.yml': 'text: |\n  Two.\nclass: C\n',
      'reqs/req/REQ003.yml': 'text: |\n  Three.\nneeds: impl\n',
      'reqs/req/REQ004.yml': 'text: |\n  Four.\n',
    });
    assert.deepEqual(problems, []);
    const shown = (id: string) => {
      const item = byId(items, id);
      return [item.safetyClass, item.needs, item.attributes];
    };
    assert.deepEqual(shown('REQ001'), ['B', [{ file: 'reqs/req/REQ001.yml', line: 1, column: 1, need: 'test' }], { needs: 'test', class: 'B' }]);
    assert.deepEqual(shown('REQ002'), ['C', [{ file: 'reqs/req/REQ002.yml', line: 1, column: 1, need: 'test' }], { needs: 'test', class: 'C' }]);
    assert.deepEqual(shown('REQ003'), ['B', [{ file: 'reqs/req/REQ003.yml', line: 3, column: 8, need: 'impl' }], { class: 'B', needs: 'impl' }]);
    assert.deepEqual(shown('REQ004'), ['B', [{ file: 'reqs/req/REQ004.yml', line: 1, column: 1, need: 'test' }], { needs: 'test', class: 'B' }]);
  });
});

describe('Doorstop fast path', () => {
  const document = { file: 'reqs/.doorstop.yml', folder: 'reqs', prefix: 'REQ', sep: '', digits: 3, parent: 'SYS', itemformat: 'yaml' as const, defaults: { owner: 'qa' } };
  const ctx = { file: 'reqs/REQ001.yml', kindOf: kindResolver(config), doorstop: { document, children: [] } };
  const plain = [
    'active: true\nderived: false\nheader: |\n  Format the result\nlevel: 1.10\nlinks:\n- SYS001: vZ0kq3yR8mUW=\n- SYS002\nnormative: true\nref: \'\'\nreviewed: null\ntext: |\n  The display shall format\n\n    a result.\n\n',
    'active: yes\nnormative: True\nlevel: \'1.10\'\nlinks: []\ntext: |-\n\n  Leading blank line kept.\nheader: ""\n',
    'links:\n  - SYS004:abc\n  - SYS005:\n  - \'SYS006\'\n  - not a uid\n  - SYS7: "fp"\nclass: B\nverification: inspection\nowner: dev\n',
    'references:\n- path: src/a.py\n  type: file\n  keyword: REQ1\n- type: file\nref: test_a.c\nlevel: 2\ntags:\n- safety\n- \'\'\n- 42\nmitigates: RISK-1, RISK-2\nstatus: draft\n',
    'active: false\nlinks:\ntext: Short text on one line.\nextra:\nnumber: -5e3\nparent: SYS-1 SYS-2\n',
    // As bench/formats/doorstop.mjs writes them.
    'active: true\nderived: false\nheader: |\n  Software requirement 7\nlevel: \'2.7\'\nlinks:\n- SYS0007: AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE=\nnormative: true\nref: \'\'\nreviewed: null\ntext: |\n  The software shall do step 7\n  of its function, within 17 ms.\n',
    'links: SYS1\nactive: 0\nnormative: enabled\nheader: |\n  Two\n  lines\ntext: |\n',
    // Blank lines before, inside and after block text.
    'text: |\n\n\n  a\n\n  b\n   c\n\n\nlevel: 1\nheader: |-\n\n\n',
  ];
  const fallback = [
    '# a comment\ntext: x\n', 'text: {a: 1}\n', "text: 'it''s'\n", 'text:\tx\n', 'text: a\ntext: b\n', 'text: a\r\nlevel: 1\r\n',
    'notes: |\n  block text of another key\n', 'links:\n- - nested\n', 'text: a # comment\n', '---\ntext: a\n', 'text: value  \n',
  ];

  it('takes the plain layout Doorstop writes and gives exactly what the yaml package gives', () => {
    for (const text of plain) {
      assert.ok(fastItemFields(text), `fast path takes:\n${text}`);
      assert.deepEqual(fastItemFields(text)!.fields, yamlItemFields(text, ctx.file).fields, text);
      assert.deepEqual(readDoorstopItem(text, ctx, ctx.doorstop), readDoorstopItem(text, ctx, ctx.doorstop, yamlItemFields), text);
    }
  });

  it('leaves everything else to the yaml package', () => {
    for (const text of fallback) assert.equal(fastItemFields(text), undefined, text);
  });

  it('gives the same items for every item of the example project, without problems', async () => {
    const root = path.join(__dirname, '..', '..', 'examples', 'doorstop', 'reqs');
    const { readdirSync, readFileSync } = await import('node:fs');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => /[A-Z]+[0-9]+\.(?:yml|md)$/.test(f));
    assert.ok(files.length >= 10);
    for (const file of files) {
      const text = readFileSync(path.join(root, file), 'utf8');
      const markdown = { ...document, itemformat: (file.endsWith('.md') ? 'markdown' : 'yaml') as 'markdown' | 'yaml', prefix: /^[A-Z]+/.exec(path.basename(file))![0] };
      const context = { document: markdown, children: [] };
      const fileCtx = { ...ctx, file, doorstop: context };
      const fast = readDoorstopItem(text, fileCtx, context);
      assert.deepEqual(fast, readDoorstopItem(text, fileCtx, context, yamlItemFields), file);
      assert.equal(fast.problems.length, 0, file);
    }
  });
});
