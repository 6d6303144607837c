// Verifies: TL-120, TL-121, TL-006
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as path from 'node:path';
import { DEFAULT_PREFIXES } from '../../src/core/config/types';
import { MemoryFileSystem } from '../../src/core/files/memoryFileSystem';
import type { Item } from '../../src/core/model/types';
import { kindResolver, readRequirementFile, readRequirements, type ReaderContext } from '../../src/core/readers';
import { idFault } from '../../src/core/readers/openFastTrace';
import { testConfig } from '../helpers/model';

const kindOf = kindResolver(testConfig());
const read = (text: string, extra: Partial<ReaderContext> = {}) => readRequirementFile(text, { file: 'doc/design.md', kindOf, ...extra });

function byId(items: readonly Item[], id: string): Item {
  const found = items.find((i) => i.id === id);
  assert.ok(found, `item ${id}`);
  return found;
}

// A design document laid out as OpenFastTrace's user guide describes (own content).
const DESIGN = [
  '# Configuration design', //                         1
  '', //                                               2
  'This chapter explains how `HEAD~1` and', //          3
  'configuration files interact.', //                  4
  '', //                                               5
  '### Parse config', //                               6
  '`dsn~parse-config~2`', //                           7
  '', //                                               8
  'The loader reads tracelens.json', //                9
  'with comments allowed.', //                        10
  '', //                                              11
  'Rationale:', //                                    12
  'Teams annotate their settings.', //                13
  '', //                                              14
  'Needs: impl, utest', //                            15
  '', //                                              16
  'Covers:', //                                       17
  '* `req~config-file~1`', //                         18
  '* [Config errors](#req~config-errors~3)', //       19
  '', //                                              20
  'Depends:', //                                      21
  '- `dsn~file-system~1`', //                         22
  '', //                                              23
  'Status: approved', //                              24
  'Tags: config, io', //                              25
  '', //                                              26
  'dsn~file-system~1', //                             27
  'Files are read through a port.', //                28
  'Needs:', //                                        29
  '  * impl', //                                      30
  '  * `itest`', //                                   31
  'Comment:', //                                      32
  'See the architecture.', //                         33
  '', //                                              34
  '```markdown', //                                   35
  '`dsn~in-code~1`', //                               36
  '```', //                                           37
  '', //                                              38
  '## Delegated', //                                  39
  '', //                                              40
  'arch --> dsn, impl : req~web-ui~1', //             41
  '', //                                              42
  '### Untitled because of text between', //          43
  'Some prose.', //                                   44
  '`dsn~untitled~1` is the ID line: what follows the ID is allowed.', // 45
  'Needs: uman', //                                   46
  '',
].join('\n');

describe('OpenFastTrace items in Markdown', () => {
  const { items, problems } = read(DESIGN);

  it('reads each ID line as an item at the ID, ending before the next ID line or heading', () => {
    assert.deepEqual(problems, []);
    assert.deepEqual(items.map((i) => [i.id, i.line, i.column, i.endLine, i.endColumn, i.kind, i.format]), [
      ['dsn~parse-config~2', 7, 2, 25, 20, 'requirement', 'openfasttrace'],
      ['dsn~file-system~1', 27, 1, 37, 18, 'requirement', 'openfasttrace'],
      ['arch~web-ui~1', 41, 1, 41, 5, 'requirement', 'openfasttrace'],
      ['dsn~untitled~1', 45, 2, 46, 16, 'requirement', 'openfasttrace'],
    ]);
  });

  it('takes the heading right above the ID line as title, and the description as text', () => {
    const parse = byId(items, 'dsn~parse-config~2');
    assert.equal(parse.title, 'Parse config');
    assert.equal(parse.text, 'The loader reads tracelens.json\nwith comments allowed.');
    assert.equal(byId(items, 'dsn~file-system~1').title, '');
    assert.equal(byId(items, 'dsn~untitled~1').title, '');
    assert.equal(byId(items, 'dsn~untitled~1').text, '');
  });

  it('keeps code blocks as text of the section they are in, never as items', () => {
    assert.equal(byId(items, 'dsn~file-system~1').text, 'Files are read through a port.');
    assert.equal(byId(items, 'dsn~file-system~1').attributes['comment'], 'See the architecture.\n\n```markdown\n`dsn~in-code~1`\n```');
    assert.ok(!items.some((i) => i.id === 'dsn~in-code~1'));
  });

  it('makes Covers parent links and Depends depends links, each at its ID', () => {
    assert.deepEqual(byId(items, 'dsn~parse-config~2').links.map((l) => [l.kind, l.target, l.line, l.column]), [
      ['parent', 'req~config-file~1', 18, 4],
      ['parent', 'req~config-errors~3', 19, 20],
      ['depends', 'dsn~file-system~1', 22, 4],
    ]);
  });

  it('maps Needs onto the coverage model: tag types to impl and test-tag, other types to child items', () => {
    assert.deepEqual(byId(items, 'dsn~parse-config~2').needs!.map((n) => [n.need, n.line, n.column]), [['impl', 15, 8], ['test-tag', 15, 14]]);
    assert.deepEqual(byId(items, 'dsn~file-system~1').needs!.map((n) => [n.need, n.line, n.column]), [['impl', 30, 5], ['test-tag', 31, 6]]);
    assert.deepEqual(byId(items, 'dsn~untitled~1').needs!.map((n) => [n.need, n.line, n.column]), [['child:uman', 46, 8]]);
  });

  it('keeps status, tags, rationale and comment, and the needs as written', () => {
    const parse = byId(items, 'dsn~parse-config~2');
    assert.equal(parse.status, 'approved');
    assert.deepEqual(parse.attributes, {
      needs: 'impl, utest', covers: 'req~config-file~1, req~config-errors~3', depends: 'dsn~file-system~1',
      tags: 'config, io', status: 'approved', rationale: 'Teams annotate their settings.',
    });
    assert.deepEqual(Object.keys(byId(items, 'dsn~file-system~1').attributes), ['needs', 'comment']);
    assert.equal(byId(items, 'dsn~file-system~1').attributes['needs'], 'impl, itest');
  });

  it('reads a forwarding line as an item of the skipped type covering the original and needing the targets', () => {
    const forward = byId(items, 'arch~web-ui~1');
    assert.deepEqual(forward.links.map((l) => [l.kind, l.target, l.line, l.column]), [['parent', 'req~web-ui~1', 41, 22]]);
    assert.deepEqual(forward.needs!.map((n) => [n.need, n.line, n.column]), [['child:dsn', 41, 10], ['impl', 41, 15]]);
  });

  it('reads forwardings as bullets too, but not in a text section, and nothing between oft:off and oft:on', () => {
    const text = [
      '## Forwarded', //                                 1
      '* `dsn-->impl:req~bar~1`', //                     2
      '', //                                             3
      '`req~text~1`', //                                 4
      'Its text.', //                                    5
      'Architects write arch --> dsn : req~zoo~1 here.', // 6
      '<!-- oft:off -->', //                             7
      '    arch --> dsn : req~example~1', //             8
      '`dsn~example~1`', //                              9
      '<!-- oft:on -->', //                              10
      '`dsn~after~1`', //                                11
      '',
    ].join('\n');
    const result = read(text);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.items.map((i) => [i.id, i.line, i.column, i.links.map((l) => `${l.target}@${l.column}`).join(), i.needs!.map((n) => n.need).join()]), [
      ['dsn~bar~1', 2, 4, 'req~bar~1@15', 'impl'],
      ['req~text~1', 4, 2, '', ''],
      ['dsn~after~1', 11, 2, '', ''],
    ]);
    // What is switched off is text of the item it sits in, never items or links.
    assert.equal(result.items[1]!.text, [
      'Its text.', 'Architects write arch --> dsn : req~zoo~1 here.', '<!-- oft:off -->', '    arch --> dsn : req~example~1', '`dsn~example~1`', '<!-- oft:on -->',
    ].join('\n'));
  });

  it('gives an item without Needs no needs: it ends a chain, as in OpenFastTrace', () => {
    const { items: leaf } = read('`req~leaf~1`\nNothing covers this.\n');
    assert.deepEqual(leaf[0]!.needs, []);
  });

  it('follows the configured artifact types', () => {
    const { items: custom } = read('`dsn~a~1`\nNeeds: ftest, utest\n', { artifactTypes: { ftest: 'verifies' } });
    assert.deepEqual(custom[0]!.needs!.map((n) => n.need), ['test-tag', 'child:utest']);
  });

  it('counts positions in UTF-16 and reads CRLF files alike', () => {
    const text = '## Überblick 🙂\r\n`feat~ünicode~1`\r\n`req~x~1` 🙂\r\nCovers:\r\n* 🙂 `feat~y~1`\r\n';
    const result = read(text);
    assert.deepEqual(result.items.map((i) => [i.id, i.line, i.column, i.title]), [['req~x~1', 3, 2, '']]);
    assert.deepEqual(result.items[0]!.links.map((l) => [l.line, l.column]), [[5, 7]]);
    // An OpenFastTrace name is ASCII: the fault is reported at the name.
    assert.deepEqual(result.problems.map((p) => [p.line, p.column]), [[2, 7]]);
  });
});

describe('OpenFastTrace items beside heading items and tables in one file', () => {
  const MIXED = [
    '# Mixed', //                           1
    '', //                                  2
    '## REQ-001: A heading item', //        3
    '- class: B', //                        4
    '', //                                  5
    'Its text.', //                         6
    '', //                                  7
    '| ID | Title |', //                    8
    '|----|-------|', //                    9
    '| REQ-002 | A row |', //              10
    '', //                                  11
    '### Design', //                        12
    '`dsn~mixed~1`', //                     13
    'Covers:', //                           14
    '* `REQ-001`', //                       15
    '',
  ].join('\n');

  it('reads all three from the same parse', () => {
    const { items, problems } = read(MIXED);
    assert.deepEqual(items.map((i) => [i.id, i.line, i.column, i.format]), [
      ['REQ-001', 3, 4, 'markdown-headings'],
      ['REQ-002', 10, 3, 'markdown-table'],
      ['dsn~mixed~1', 13, 2, 'openfasttrace'],
    ]);
    // OpenFastTrace covers OpenFastTrace IDs only: a bullet naming another ID shape is no link.
    assert.deepEqual(problems.map((p) => [p.line, p.column, p.message]), [
      [15, 3, '"`REQ-001`" under Covers: is no item ID: each bullet names one, like "* `req~name~1`".'],
    ]);
  });
});

describe('OpenFastTrace malformed input', () => {
  const BROKEN = [
    '`dsn~good~1`', //                     1
    'Needs: impl', //                      2
    '', //                                 3
    '`dsn~bad-revision~x`', //             4
    'Needs: utest', //                     5
    'Covers:', //                          6
    '* `req~lost~1`', //                   7
    '', //                                 8
    '`dsn~no-revision`', //                9
    '', //                                 10
    'DSN~upper~1', //                      11
    '', //                                 12
    '`dsn~covers~1`', //                   13
    'Covers:', //                          14
    '* the requirement above', //          15
    '* `req~broken~two`', //               16
    'Covers: `req~inline~1`', //           17
    'Status: deprecated', //               18
    'Needs: impl utest, Dsn', //           19
    '', //                                 20
    'arch --> dsn : req~bad~y', //         21
    '',
  ].join('\n');
  const { items, problems } = read(BROKEN);

  it('reports each fault at its line and column', () => {
    assert.deepEqual(problems.map((p) => [p.line, p.column, p.message]), [
      [4, 19, 'The revision "x" of dsn~bad-revision must be a whole number: an OpenFastTrace ID is type~name~revision, like dsn~parse-config~1.'],
      [9, 2, '"dsn~no-revision" has no revision: an OpenFastTrace ID is type~name~revision, like dsn~parse-config~1.'],
      [11, 1, 'The artifact type "DSN" of DSN~upper~1 must be lower-case letters (like dsn or req).'],
      [15, 3, '"the requirement above" under Covers: is no item ID: each bullet names one, like "* `req~name~1`".'],
      [16, 15, 'Under Covers: The revision "two" of req~broken must be a whole number: an OpenFastTrace ID is type~name~revision, like dsn~parse-config~1.'],
      [17, 9, 'Covers: takes a list of IDs on the lines after it (like "* `req~name~1`"), not "`req~inline~1`" on its own line: OpenFastTrace reads this line as description.'],
      [18, 9, 'Status must be approved, proposed, draft, rejected, not "deprecated".'],
      [19, 8, '"impl utest" in Needs is no artifact type: lower-case letters, like impl, utest or dsn, separated by commas.'],
      [19, 20, '"Dsn" in Needs is no artifact type: lower-case letters, like impl, utest or dsn, separated by commas.'],
      [21, 24, 'The revision "y" of req~bad must be a whole number: an OpenFastTrace ID is type~name~revision, like dsn~parse-config~1.'],
    ]);
  });

  it('still reads the good items, and lends nothing of a broken item to the one before', () => {
    assert.deepEqual(items.map((i) => i.id), ['dsn~good~1', 'dsn~covers~1']);
    assert.deepEqual(byId(items, 'dsn~good~1').needs!.map((n) => n.need), ['impl']);
    assert.deepEqual(byId(items, 'dsn~good~1').links, []);
    const covers = byId(items, 'dsn~covers~1');
    assert.deepEqual(covers.links, []);
    assert.equal(covers.status, undefined, 'an unknown status is reported and not applied');
  });

  it('leaves prose with a tilde alone', () => {
    const result = read('# Notes\n\n`HEAD~1` is the commit before.\nsee~also this\n`git~tip` or so\n');
    assert.deepEqual(result, { items: [], problems: [] });
  });

  it('names the faulty part of an ID-like token', () => {
    assert.deepEqual(idFault('dsn~a.~1'), { offset: 4, message: 'The name "a." of dsn~a.~1 must start with an ASCII letter and hold ASCII letters, digits, "_" and "-" (and "." between parts).' });
    assert.equal(idFault('dsn~a~1~2').offset, 0);
  });

  it('one malformed file never hides another', async () => {
    const fs = new MemoryFileSystem(path.resolve('/oft-files'), {
      'doc/broken.md': '`dsn~broken~x`\n',
      'doc/good.md': '`dsn~good~1`\nNeeds: impl\n',
    });
    const set = await readRequirements(fs, fs.root, ['doc/broken.md', 'doc/good.md'], testConfig({ prefixes: DEFAULT_PREFIXES }));
    assert.deepEqual(set.items.map((i) => `${i.file}:${i.line}:${i.column} ${i.id}`), ['doc/good.md:1:2 dsn~good~1']);
    assert.deepEqual(set.problems.map((p) => `${p.file}:${p.line}:${p.column}`), ['doc/broken.md:1:13']);
  });
});
