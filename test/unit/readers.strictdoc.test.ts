// Verifies: TL-110, TL-006, TL-007
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Item, ItemKind } from '../../src/core/model/types';
import { readRequirementFile, readerFor, type ReaderContext } from '../../src/core/readers';
import { isRequirementFormat } from '../../src/core/readers/fileTypes';
import { readStrictDoc } from '../../src/core/readers/strictdoc';

function kindOf(id: string): ItemKind {
  if (id.startsWith('SYS')) return 'system';
  return 'requirement';
}

const FILE = 'docs/srs.sdoc';
const ctx: ReaderContext = { file: FILE, kindOf };

function read(lines: readonly string[]): ReturnType<typeof readStrictDoc> {
  return readStrictDoc(lines.join('\n'), ctx);
}

function byId(items: readonly Item[], id: string): Item {
  const item = items.find((i) => i.id === id);
  assert.ok(item, `item ${id}`);
  return item;
}

/** Problems as `line:column message`, for exact comparisons. */
function problemsOf(result: ReturnType<typeof readStrictDoc>): string[] {
  return result.problems.map((p) => `${p.line}:${p.column} ${p.message}`);
}

describe('StrictDoc reader: documents', () => {
  const lines = [
    '[DOCUMENT]', //                                        1
    'TITLE: Pump software requirements', //                  2
    'VERSION: 1.2', //                                      3
    'OPTIONS:', //                                          4
    '  REQUIREMENT_STYLE: Table', //                        5
    '', //                                                  6
    '[TEXT]', //                                            7
    'STATEMENT: >>>', //                                    8
    'Introduction. UID: REQ-999 is prose here.', //          9
    '[REQUIREMENT]', //                                     10
    '<<<', //                                               11
    '', //                                                  12
    '[[SECTION]]', //                                       13
    'UID: SECT-INTRO', //                                   14
    'TITLE: Delivery', //                                   15
    '', //                                                  16
    '[REQUIREMENT]', //                                     17
    'UID: REQ-001', //                                      18
    'STATUS: Active', //                                    19
    'LEVEL: 1.1', //                                        20
    'TAGS: pump, delivery', //                              21
    'TITLE: Bolus delivery', //                             22
    'STATEMENT: >>>', //                                    23
    'The pump shall deliver a bolus', //                    24
    'within 5 % of the set volume.', //                     25
    '<<<', //                                               26
    'RATIONALE: Accuracy matters.', //                      27
    'RELATIONS:', //                                        28
    '- TYPE: Parent', //                                    29
    '  VALUE: SYS-001', //                                  30
    '- TYPE: Parent', //                                    31
    '  VALUE: SYS-002', //                                  32
    '  ROLE: Refines', //                                   33
    '- TYPE: File', //                                      34
    '  VALUE: src/bolus.c', //                              35
    '', //                                                  36
    '[REQUIREMENT]', //                                     37
    'TITLE: A note without UID', //                         38
    'STATEMENT: Text, not an item.', //                     39
    '', //                                                  40
    '[[/SECTION]]', //                                      41
    '', //                                                  42
    '[SECTION]', //                                         43
    'TITLE: Older sections', //                             44
    '', //                                                  45
    '[REQUIREMENT]', //                                     46
    'UID:   SDOC_UG_OPTIONS', //                            47
    'STATUS: Deleted', //                                   48
    'TITLE: >>>', //                                        49
    'A title', //                                           50
    'on two lines', //                                      51
    '<<<', //                                               52
    'REFS:', //                                             53
    '- TYPE: Parent', //                                    54
    '  VALUE: REQ-001', //                                  55
    '', //                                                  56
    '[/SECTION]', //                                        57
  ];
  const result = read(lines);

  it('reads the nodes with a UID as items, in file order, and nothing else', () => {
    assert.deepEqual(result.items.map((i) => i.id), ['REQ-001', 'SDOC_UG_OPTIONS']);
    assert.deepEqual(result.problems, []);
  });

  it('places an item at its UID value, from its header to its last field', () => {
    const item = byId(result.items, 'REQ-001');
    assert.deepEqual(
      { line: item.line, column: item.column, endLine: item.endLine, endColumn: item.endColumn },
      { line: 18, column: 6, endLine: 35, endColumn: 13 },
    );
    const named = byId(result.items, 'SDOC_UG_OPTIONS');
    assert.deepEqual({ line: named.line, column: named.column, endColumn: named.endColumn }, { line: 47, column: 8, endColumn: 23 });
  });

  it('reads title, statement, status and the other fields as attributes', () => {
    const item = byId(result.items, 'REQ-001');
    assert.equal(item.title, 'Bolus delivery');
    assert.equal(item.text, 'The pump shall deliver a bolus\nwithin 5 % of the set volume.');
    assert.equal(item.status, 'Active');
    assert.equal(item.kind, 'requirement');
    assert.equal(item.format, 'strictdoc');
    assert.deepEqual(item.attributes, {
      status: 'Active', level: '1.1', tags: 'pump, delivery', rationale: 'Accuracy matters.',
      parent: 'SYS-001, SYS-002', files: 'src/bolus.c',
    });
    assert.equal(byId(result.items, 'SDOC_UG_OPTIONS').title, 'A title on two lines');
    assert.equal(byId(result.items, 'SDOC_UG_OPTIONS').status, 'Deleted');
  });

  it('makes Parent relations (RELATIONS and the older REFS) parent links at their VALUE', () => {
    assert.deepEqual(byId(result.items, 'REQ-001').links, [
      { file: FILE, line: 30, column: 10, kind: 'parent', target: 'SYS-001' },
      { file: FILE, line: 32, column: 10, kind: 'parent', target: 'SYS-002' },
    ]);
    assert.deepEqual(byId(result.items, 'SDOC_UG_OPTIONS').links, [{ file: FILE, line: 55, column: 10, kind: 'parent', target: 'REQ-001' }]);
  });

  it('is the reader of .sdoc files, which are a requirement format', () => {
    assert.equal(readerFor('docs/a.sdoc', '')?.name, 'strictdoc');
    assert.equal(readerFor('docs/A.SDOC', '')?.name, 'strictdoc');
    assert.ok(isRequirementFormat('docs/a.sdoc'));
    assert.ok(!isRequirementFormat('docs/grammar.sgra'));
    assert.deepEqual(readRequirementFile(lines.join('\r\n'), ctx).items.map((i) => [i.id, i.line, i.column]), [['REQ-001', 18, 6], ['SDOC_UG_OPTIONS', 47, 8]]);
  });
});

describe('StrictDoc reader: grammar elements, roles and child relations', () => {
  const lines = [
    '[DOCUMENT]', //                         1
    'TITLE: System', //                      2
    '', //                                   3
    '[GRAMMAR]', //                          4
    'ELEMENTS:', //                          5
    '- TAG: SYSTEM_REQUIREMENT', //          6
    '  FIELDS:', //                          7
    '  - TITLE: UID', //                     8
    '    TYPE: String', //                   9
    '    REQUIRED: True', //                 10
    '  - TITLE: TITLE', //                   11
    '    TYPE: String', //                   12
    '    REQUIRED: True', //                 13
    '  - TITLE: SAFETY_CLASS', //            14
    '    TYPE: SingleChoice(A, B, C)', //    15
    '    REQUIRED: False', //                16
    '  RELATIONS:', //                       17
    '  - TYPE: Child', //                    18
    '- TAG: TEST_CASE', //                   19
    '  FIELDS:', //                          20
    '  - TITLE: UID', //                     21
    '    TYPE: String', //                   22
    '    REQUIRED: True', //                 23
    '', //                                   24
    '[SYSTEM_REQUIREMENT]', //               25
    'UID: SYS-1', //                         26
    'TITLE: Occlusion alarm', //             27
    'SAFETY_CLASS: B', //                    28
    'RELATIONS:', //                         29
    '- TYPE: Child', //                      30
    '  VALUE: SRS-003', //                   31
    '', //                                   32
    '[TEST_CASE]', //                        33
    'UID: TC-7', //                          34
    'RELATIONS:', //                         35
    '- TYPE: Parent', //                     36
    '  VALUE: SRS-003', //                   37
    '  ROLE: Verifies', //                   38
    '- TYPE: Parent', //                     39
    '  VALUE: HAZ-2', //                     40
    '  ROLE: Mitigates', //                  41
  ];
  const result = read(lines);

  it('reads custom element types; a type named like a kind sets it, custom fields mean what Tracelens knows', () => {
    assert.deepEqual(result.problems, []);
    const system = byId(result.items, 'SYS-1');
    assert.equal(system.kind, 'system');
    assert.equal(system.safetyClass, 'B');
    assert.equal(byId(result.items, 'TC-7').kind, 'test');
  });

  it('makes a Child relation a child link, and a Parent relation with a role verifies or mitigates', () => {
    assert.deepEqual(byId(result.items, 'SYS-1').links, [{ file: FILE, line: 31, column: 10, kind: 'child', target: 'SRS-003' }]);
    assert.equal(byId(result.items, 'SYS-1').attributes['child'], 'SRS-003');
    assert.deepEqual(byId(result.items, 'TC-7').links, [
      { file: FILE, line: 37, column: 10, kind: 'verifies', target: 'SRS-003' },
      { file: FILE, line: 40, column: 10, kind: 'mitigates', target: 'HAZ-2' },
    ]);
  });

  it('keeps the prefix kind for plain [REQUIREMENT] nodes', () => {
    const plain = read(['[DOCUMENT]', 'TITLE: T', '', '[REQUIREMENT]', 'UID: SYS-9', 'TITLE: x']);
    assert.equal(byId(plain.items, 'SYS-9').kind, 'system');
  });
});

describe('StrictDoc reader: composite nodes and older forms', () => {
  it('reads [[REQUIREMENT]] and [COMPOSITE_REQUIREMENT] nodes and the ones inside them; skips [FREETEXT]', () => {
    const result = read([
      '[DOCUMENT]', //                         1
      'TITLE: Composite', //                   2
      '', //                                   3
      '[FREETEXT]', //                         4
      'Free text with a line that looks like', // 5
      '[REQUIREMENT]', //                      6
      'UID: REQ-404', //                       7
      '[/FREETEXT]', //                        8
      '', //                                   9
      '[[REQUIREMENT]]', //                    10
      'UID: REQ-010', //                       11
      'TITLE: Outer', //                       12
      '', //                                   13
      '[REQUIREMENT]', //                      14
      'UID: REQ-011', //                       15
      'TITLE: Inner', //                       16
      '', //                                   17
      '[[/REQUIREMENT]]', //                   18
      '', //                                   19
      '[COMPOSITE_REQUIREMENT]', //            20
      'UID: REQ-020', //                       21
      'SPECIAL_FIELDS:', //                    22
      '  VERIFICATION: Inspection', //         23
      'BODY: >>>', //                          24
      'Old body text.', //                     25
      '<<<', //                                26
      '', //                                   27
      '[REQUIREMENT]', //                      28
      'UID: REQ-021', //                       29
      '', //                                   30
      '[/COMPOSITE_REQUIREMENT]', //           31
    ]);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.items.map((i) => [i.id, i.line]), [['REQ-010', 11], ['REQ-011', 15], ['REQ-020', 21], ['REQ-021', 29]]);
    const old = byId(result.items, 'REQ-020');
    assert.equal(old.text, 'Old body text.');
    assert.equal(old.verification, 'Inspection');
  });
});

describe('StrictDoc reader: malformed documents', () => {
  it('reports an unclosed >>> at its line and reads the rest of the document from the next node', () => {
    const result = read([
      '[DOCUMENT]', //                   1
      'TITLE: Broken', //                2
      '', //                             3
      '[REQUIREMENT]', //                4
      'UID: REQ-001', //                 5
      'STATEMENT: >>>', //               6
      'Never closed.', //                7
      '', //                             8
      '[REQUIREMENT]', //                9
      'UID: REQ-002', //                 10
      'TITLE: Still read', //            11
    ]);
    assert.deepEqual(problemsOf(result), ['6:12 STATEMENT: >>> is never closed by a <<< line; reading resumes at line 9.']);
    assert.deepEqual(result.items.map((i) => [i.id, i.line, i.text]), [['REQ-001', 5, 'Never closed.'], ['REQ-002', 10, '']]);
  });

  it('reports unknown fields by the default grammar and by the document grammar', () => {
    const result = read([
      '[DOCUMENT]', //                   1
      'TITLE: Fields', //                2
      '', //                             3
      '[REQUIREMENT]', //                4
      'UID: REQ-001', //                 5
      'PRIORITY: High', //               6
      '', //                             7
      '[GRAMMAR]', //                    8
      'ELEMENTS:', //                    9
      '- TAG: FEATURE', //               10
      '  FIELDS:', //                    11
      '  - TITLE: UID', //               12
      '    TYPE: String', //             13
      '    REQUIRED: True', //           14
      '', //                             15
      '[FEATURE]', //                    16
      'UID: FEAT-1', //                  17
      'TITLE: Not declared', //          18
      '', //                             19
      '[REQUIREMENT]', //                20
      'UID: REQ-002', //                 21
    ]);
    assert.deepEqual(problemsOf(result), [
      '6:1 Unknown field PRIORITY in [REQUIREMENT]: the grammar of REQUIREMENT has MID, UID, LEVEL, STATUS, TAGS, TITLE, STATEMENT, RATIONALE, COMMENT, BODY, SPECIAL_FIELDS.',
      '18:1 Unknown field TITLE in [FEATURE]: the grammar of FEATURE has UID.',
      '20:1 Unknown node type [REQUIREMENT]: not declared in the document\'s [GRAMMAR].',
    ]);
    // Problems never cost the items: StrictDoc would reject the document, the trace still shows them.
    assert.deepEqual(result.items.map((i) => i.id), ['REQ-001', 'FEAT-1', 'REQ-002']);
  });

  it('says nothing about fields when the grammar is imported from another file', () => {
    const result = read(['[DOCUMENT]', 'TITLE: T', '', '[GRAMMAR]', 'IMPORT_FROM_FILE: project.sgra', '', '[FEATURE]', 'UID: FEAT-1', 'ANY_FIELD: x']);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.items.map((i) => i.id), ['FEAT-1']);
  });

  it('reports a closer without an opener, an opener never closed and a mismatched closer', () => {
    const result = read([
      '[DOCUMENT]', //                   1
      'TITLE: Sections', //              2
      '', //                             3
      '[/SECTION]', //                   4
      '', //                             5
      '[[SECTION]]', //                  6
      'TITLE: A', //                     7
      '', //                             8
      '[SECTION]', //                    9
      'TITLE: B', //                     10
      '', //                             11
      '[[/SECTION]]', //                 12
      '', //                             13
      '[[SECTION]]', //                  14
      'TITLE: C', //                     15
      '', //                             16
      '[REQUIREMENT]', //                17
      'UID: REQ-001', //                 18
    ]);
    assert.deepEqual(problemsOf(result), [
      '4:1 [/SECTION] closes nothing: no [SECTION] is open.',
      '9:1 [SECTION] is never closed: expected [/SECTION] before [[/SECTION]] on line 12.',
      '14:1 [[SECTION]] is never closed: expected [[/SECTION]].',
    ]);
    assert.deepEqual(result.items.map((i) => i.id), ['REQ-001']);
  });

  it('reports a repeated field (COMMENT may repeat) and keeps the first value', () => {
    const result = read([
      '[DOCUMENT]', //                   1
      'TITLE: Dup', //                   2
      '', //                             3
      '[REQUIREMENT]', //                4
      'UID: REQ-001', //                 5
      'TITLE: First', //                 6
      'COMMENT: one', //                 7
      'COMMENT: two', //                 8
      'TITLE: Second', //                9
    ]);
    assert.deepEqual(problemsOf(result), ['9:1 TITLE appears twice in [REQUIREMENT] (first on line 6); the first is used.']);
    assert.equal(result.items[0]!.title, 'First');
  });

  it('reports text outside nodes, lines that are no field, bad UIDs and bad relations, at their positions', () => {
    const result = read([
      '[DOCUMENT]', //                   1
      'TITLE: Bad', //                   2
      '', //                             3
      'stray text', //                   4
      'more stray text', //              5
      '', //                             6
      '[REQUIREMENT]', //                7
      'UID: REQ-1.2', //                 8
      '', //                             9
      '[REQUIREMENT]', //                10
      'UID: REQ-002', //                 11
      'not a field', //                  12
      'RELATIONS:', //                   13
      '- TYPE: Parent', //               14
      '  VALUE: to be defined', //       15
      '- TYPE: Sibling', //              16
      '  VALUE: REQ-003', //             17
      '- TYPE: Child', //                18
      '- TYPE: Child', //                19
      '  VALUE: lower-case', //          20
    ]);
    assert.deepEqual(problemsOf(result), [
      '4:1 Unexpected text outside a node: "stray text". Nodes start with a [TYPE] line and end at a blank line.',
      '8:6 UID "REQ-1.2" is not an ID Tracelens can trace (expected something like REQ-001, SDOC-SRS-18 or SDOC_UG_OPTIONS).',
      '12:1 Expected a field (NAME: value) in [REQUIREMENT], found "not a field".',
      '15:10 "to be defined" in parent is not a requirement ID (expected something like REQ-001).',
      '16:9 Unknown relation TYPE "Sibling": expected Parent, Child or File.',
      '18:1 Child relation has no VALUE.',
      '20:10 "lower-case" in a Child relation is not a requirement ID (expected something like REQ-001).',
    ]);
    assert.deepEqual(result.items.map((i) => [i.id, i.links.length]), [['REQ-002', 0]]);
  });

  it('reports an unclosed [FREETEXT] and reads on from the next node', () => {
    const result = read(['[DOCUMENT]', 'TITLE: T', '', '[FREETEXT]', 'text', '', '[REQUIREMENT]', 'UID: REQ-001']);
    assert.deepEqual(problemsOf(result), ['4:1 [FREETEXT] is never closed by [/FREETEXT]; reading resumes at line 7.']);
    assert.deepEqual(result.items.map((i) => i.id), ['REQ-001']);
  });

  it('never throws on arbitrary text', () => {
    for (const text of ['', '[', '[[X]', '>>>', 'UID: REQ-1', '[REQUIREMENT]\nUID: REQ-1\nRELATIONS:\n  VALUE: X', '\uFEFF[DOCUMENT]\r\nTITLE: x\r']) {
      assert.doesNotThrow(() => readStrictDoc(text, ctx), JSON.stringify(text));
    }
  });
});
