// Verifies: TL-112, TL-006
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_KEYWORDS, DEFAULT_TEST_GLOBS } from '../../src/core/config/types';
import { idRegexFor } from '../../src/core/model/ids';
import { CodeScanner, scanDependencyEnd } from '../../src/core/scan/codeScanner';
import { candidateNeedles, mayHoldCandidate } from '../../src/core/scan/prefilter';
import { findRelationMarkers } from '../../src/core/scan/relationMarkers';
import type { ScanSettings } from '../../src/core/scan/settings';
import { findTags, type TagOptions } from '../../src/core/scan/tags';
import { CommentParser } from '../../src/parsing/commentParser';
import type { CommentSpan } from '../../src/parsing/commentSpan';

const options: TagOptions = { idPattern: idRegexFor(['REQ'])!, keywords: DEFAULT_KEYWORDS, defaultRelation: 'implements' };

/** Tags of `text` read as one comment per line group given by `spans` (default: the whole text). */
function tags(text: string, spans: CommentSpan[] = [{ start: 0, end: text.length, kind: 'comment', symbol: 'f' }], overrides: Partial<TagOptions> = {}) {
  return findTags(text, spans, { ...options, ...overrides }).map((t) => {
    const { id, relation, line, column, endColumn } = t;
    return { id, relation, line, column, endColumn, ...(t.symbol ? { symbol: t.symbol } : {}), ...(t.rangeEnd ? { rangeEnd: t.rangeEnd } : {}) };
  });
}

describe('StrictDoc @relation markers', () => {
  it('parses UIDs, scope and role, with parentheses or Doxygen braces, over several comment lines', () => {
    const text = '/**\n * @relation(REQ-1,\n *   SDOC_UG_OPTIONS, scope=function, role=Implementation)\n * @relation{REQ-2, scope=file}\n */';
    assert.deepEqual(findRelationMarkers(text).map((m) => ({ uids: m.uids.map((u) => [u.text, text.slice(u.offset, u.offset + u.text.length)]), scope: m.scope, role: m.role })), [
      { uids: [['REQ-1', 'REQ-1'], ['SDOC_UG_OPTIONS', 'SDOC_UG_OPTIONS']], scope: 'function', role: 'Implementation' },
      { uids: [['REQ-2', 'REQ-2']], scope: 'file', role: undefined },
    ]);
  });

  it('makes every UID a reference at its position; scope=file has no symbol', () => {
    assert.deepEqual(tags('// @relation(REQ-1, REQ-2, scope=function)'), [
      { id: 'REQ-1', relation: 'implements', line: 1, column: 14, endColumn: 19, symbol: 'f' },
      { id: 'REQ-2', relation: 'implements', line: 1, column: 21, endColumn: 26, symbol: 'f' },
    ]);
    assert.deepEqual(tags('# @relation(REQ-3, scope=file)'), [{ id: 'REQ-3', relation: 'implements', line: 1, column: 13, endColumn: 18 }]);
  });

  it('counts UIDs of families no item uses and named IDs, which a plain comment would not', () => {
    assert.deepEqual(tags('// @relation(SWR-12, SDOC_UG_OPTIONS, scope=line) and SWR-13 and SDOC_UG_X').map((t) => t.id), ['SWR-12', 'SDOC_UG_OPTIONS']);
  });

  it('lets role= decide the relation when it names one, else the file does', () => {
    assert.deepEqual(tags('// @relation(REQ-1, scope=function, role=Test)').map((t) => t.relation), ['verifies']);
    assert.deepEqual(tags('// @relation(REQ-1, scope=function, role=Mitigation)').map((t) => t.relation), ['mitigates']);
    assert.deepEqual(tags('// @relation(REQ-1, scope=function, role=Refines)', undefined, { defaultRelation: 'verifies' }).map((t) => t.relation), ['verifies']);
  });

  it('counts a range_start and range_end pair once, at the start, covering up to the end marker', () => {
    const text = 'a\n// @relation(REQ-1, REQ-2, scope=range_start)\ncode();\n// @relation(REQ-1, scope=range_end)\nmore();\n// @relation(REQ-2, scope=range_end)\n';
    const spans: CommentSpan[] = [];
    for (const match of text.matchAll(/\/\/[^\n]*/g)) spans.push({ start: match.index!, end: match.index! + match[0].length, kind: 'comment' });
    assert.deepEqual(tags(text, spans), [
      { id: 'REQ-1', relation: 'implements', line: 2, column: 14, endColumn: 19, rangeEnd: 4 },
      { id: 'REQ-2', relation: 'implements', line: 2, column: 21, endColumn: 26, rangeEnd: 6 },
    ]);
    // An end without a start is still a reference: nothing a marker names is dropped unseen.
    assert.deepEqual(tags('// @relation(REQ-9, scope=range_end)').map((t) => [t.id, t.line]), [['REQ-9', 1]]);
  });

  it('ignores markers between skip range markers, as StrictDoc does, but not plain tags', () => {
    const text = '// @relation(skip, scope=range_start)\n// @relation(REQ-1, scope=line) Implements: REQ-5\n// @relation(skip, scope=range_end)\n// @relation(REQ-2, scope=line)';
    assert.deepEqual(tags(text).map((t) => [t.id, t.line]), [['REQ-5', 2], ['REQ-2', 4]]);
  });

  it('leaves existing tag syntax alone', () => {
    assert.deepEqual(tags('// Implements: REQ-1, Verifies: REQ-2').map((t) => [t.id, t.relation]), [['REQ-1', 'implements'], ['REQ-2', 'verifies']]);
  });

  it('makes a file with a marker a candidate whatever the families, and scans it to the marker', () => {
    const needles = candidateNeedles({ prefixes: ['REQ'] });
    assert.ok(mayHoldCandidate(Buffer.from('/* @relation(SWR-1, scope=file) */'), needles));
    assert.ok(!mayHoldCandidate(Buffer.from('/* SWR-1 */ int relation;'), needles));
    const text = '/* @relation(SWR-1, scope=function) */\nint f(void) {\n}\nint g;\n';
    assert.equal(scanDependencyEnd(text, idRegexFor(['REQ']), 'c'), text.indexOf('int g'));
  });
});

describe('StrictDoc markers in real code', () => {
  let parser: CommentParser;
  before(async () => { parser = await CommentParser.create(); });
  after(() => parser.dispose());
  const settings: ScanSettings = { prefixes: ['REQ'], keywords: DEFAULT_KEYWORDS, testFiles: DEFAULT_TEST_GLOBS, maxFileSize: 1 << 20 };

  it('reads markers in C comments and Python docstrings, never in strings', async () => {
    const scanner = new CodeScanner(parser, settings);
    const c = [
      '/**', //                                             1
      ' * @relation(REQ-1, scope=function)', //             2
      ' */', //                                             3
      'void f(void) {', //                                  4
      '    const char *s = "@relation(REQ-2, scope=line)";', // 5
      '    // @relation(SWR-3, scope=line)', //             6
      '    g(s);', //                                       7
      '}', //                                               8
    ].join('\n');
    const cScan = await scanner.scanText('src/f.c', c);
    assert.deepEqual(cScan.references.map((r) => [r.id, r.relation, r.line, r.column, r.symbol]), [
      ['REQ-1', 'implements', 2, 14, 'f'],
      ['SWR-3', 'implements', 6, 18, 'f'],
    ]);
    const python = [
      'def test_alarm():', //                                     1
      '    """@relation(REQ-1, scope=function)"""', //            2
      '    text = "@relation(REQ-2, scope=function)"', //         3
      '    assert text', //                                       4
    ].join('\n');
    const pyScan = await scanner.scanText('tests/test_alarm.py', python);
    assert.deepEqual(pyScan.references.map((r) => [r.id, r.relation, r.line, r.column, r.symbol]), [['REQ-1', 'verifies', 2, 18, 'test_alarm']]);
  });

  it('gives a range the end line of its end marker in the file, also when the scan reads only a window', async () => {
    const text = ['int a;', '', 'void f(void) {', '    // @relation(REQ-1, scope=range_start)', '    g();', '    // @relation(REQ-1, scope=range_end)', '}', ''].join('\n');
    const scan = await new CodeScanner(parser, settings).scanText('src/r.c', text);
    assert.deepEqual(scan.references.map((r) => [r.id, r.line, r.column, r.rangeEnd]), [['REQ-1', 4, 18, 6]]);
  });
});
