// Verifies: TL-125, TL-127
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Item } from '../../src/core/model/types';
import { readerContext, readRequirementFile, type ReaderContext } from '../../src/core/readers';
import { blankLinkDecorations } from '../../src/core/readers/rstBlocks';
import { testConfig } from '../helpers/model';

const ctx = (file = 'docs/reqs.rst', overrides: Parameters<typeof testConfig>[0] = {}): ReaderContext => readerContext(testConfig(overrides), file);

function read(text: string, context = ctx()): ReturnType<typeof readRequirementFile> {
  return readRequirementFile(text, context);
}

function byId(items: readonly Item[], id: string): Item {
  const item = items.find((i) => i.id === id);
  assert.ok(item, `item ${id}`);
  return item;
}

describe('sphinx-needs reader: need directives', () => {
  const text = [
    'Requirements',                                    // 1
    '============',                                    // 2
    '',                                                // 3
    '.. req:: Start the pump',                         // 4
    '   only when confirmed',                          // 5
    '   :id: REQ_001',                                 // 6
    '   :status: approved',                            // 7
    '   :tags: safety; pump',                          // 8
    '   :links: SYS_001; SYS_002[status=="open"],',    // 9
    '           SYS_003.2',                            // 10
    '',                                                // 11
    '   The pump starts only after the user',          // 12
    '   confirms the rate.',                           // 13
    '',                                                // 14
    '      An indented quote.',                        // 15
    '',                                                // 16
    'Text after the need.',                            // 17
    '',                                                // 18
    '.. test:: Start test',                            // 19
    '   :id: TEST_START_1',                            // 20
    '   :links: REQ_001',                              // 21
  ].join('\n');
  const { items, problems } = read(text);

  it('places a need at the ID in its :id: option and ends it at its last content line', () => {
    assert.deepEqual(problems, []);
    assert.deepEqual(items.map((i) => i.id), ['REQ_001', 'TEST_START_1']);
    const req = byId(items, 'REQ_001');
    assert.deepEqual([req.file, req.line, req.column, req.endColumn, req.endLine], ['docs/reqs.rst', 6, 9, 16, 15]);
    assert.deepEqual([req.format, req.kind], ['sphinx-needs', 'requirement']);
  });

  it('reads the title over its continuation lines and the content as text', () => {
    const req = byId(items, 'REQ_001');
    assert.equal(req.title, 'Start the pump only when confirmed');
    assert.equal(req.text, 'The pump starts only after the user\nconfirms the rate.\n\n   An indented quote.');
  });

  it('keeps status and other options, and the type', () => {
    const req = byId(items, 'REQ_001');
    assert.equal(req.status, 'approved');
    assert.equal(req.attributes['tags'], 'safety; pump');
    assert.equal(req.attributes['type'], 'req');
  });

  it('reads :links: split at ; , and whitespace, over continuation lines, without conditions and part suffixes', () => {
    const req = byId(items, 'REQ_001');
    assert.deepEqual(req.links.map((l) => [l.kind, l.target, l.line, l.column]), [
      ['parent', 'SYS_001', 9, 12], ['parent', 'SYS_002', 9, 21], ['parent', 'SYS_003', 10, 12],
    ]);
  });

  it('makes :links: of a test need verifies links, and the test type a test', () => {
    const test = byId(items, 'TEST_START_1');
    assert.equal(test.kind, 'test');
    assert.deepEqual(test.links.map((l) => [l.kind, l.target, l.line, l.column]), [['verifies', 'REQ_001', 21, 12]]);
  });
});

describe('sphinx-needs reader: what is not a need', () => {
  it('skips directives in literal blocks, code blocks and comments', () => {
    const text = [
      'A template::',                 // 1
      '',                             // 2
      '   .. req:: Example',          // 3
      '      :id: REQ_901',           // 4
      '',                             // 5
      '.. code-block:: rst',          // 6
      '',                             // 7
      '   .. req:: Example',          // 8
      '      :id: REQ_902',           // 9
      '',                             // 10
      '.. literalinclude:: x.rst',    // 11
      '',                             // 12
      '.. .. req:: Commented',        // 13
      '      :id: REQ_903',           // 14
      '',                             // 15
      '..',                           // 16
      '   .. req:: Commented too',    // 17
      '      :id: REQ_904',           // 18
      '',                             // 19
      '.. note::',                    // 20
      '',                             // 21
      '   .. req:: Inside a note',    // 22
      '      :id: REQ_905',           // 23
    ].join('\n');
    const { items, problems } = read(text);
    assert.deepEqual(problems, []);
    assert.deepEqual(items.map((i) => [i.id, i.line, i.column]), [['REQ_905', 23, 12]]);
  });

  it('reads a custom type by the :id: rule, its kind from its name, its title, needTypes or its prefix', () => {
    const text = [
      '.. hazard:: Overdose',        // 1
      '   :id: HZ_1',                // 2
      '',                            // 3
      '.. sysreq:: System level',    // 4
      '   :id: SR_1',                // 5
      '',                            // 6
      '.. story:: A story',          // 7
      '   :id: TC_9',                // 8
      '',                            // 9
      '.. impl:: Implementation',    // 10
      '   :id: IMPL_1',              // 11
    ].join('\n');
    const kinds = (context: ReaderContext): string[] => read(text, context).items.map((i) => `${i.id}:${i.kind}`);
    assert.deepEqual(kinds(ctx()), ['HZ_1:risk', 'SR_1:system', 'TC_9:test', 'IMPL_1:requirement']);
    assert.deepEqual(
      kinds(ctx('docs/reqs.rst', { needTypes: { story: 'system', impl: 'test' } })),
      ['HZ_1:risk', 'SR_1:system', 'TC_9:system', 'IMPL_1:test'],
    );
    const declared = ctx('docs/reqs.rst', { sphinxNeeds: { file: 'docs/ubproject.toml', types: [{ directive: 'story', title: 'User Need' }], links: [] } });
    assert.deepEqual(kinds(declared), ['HZ_1:risk', 'SR_1:system', 'TC_9:system', 'IMPL_1:requirement']);
  });

  it('reads a need nested in another as its child', () => {
    const text = ['.. req:: Outer', '   :id: REQ_1', '', '   .. spec:: Inner', '      :id: SPEC_1', '', '.. spec:: After', '   :id: SPEC_2'].join('\n');
    const { items } = read(text);
    assert.deepEqual(items.map((i) => [i.id, i.line, i.links.map((l) => `${l.kind}:${l.target}@${l.line}:${l.column}`)]), [
      ['REQ_1', 2, []], ['SPEC_1', 5, ['parent:REQ_1@4:4']], ['SPEC_2', 8, []],
    ]);
  });

  it('reads declared link types by their option names, and their meaning by name', () => {
    const text = [
      '.. test:: T', '   :id: TC_1', '   :checks: REQ_1', '   :blocks: REQ_2', '',
      '.. req:: R', '   :id: REQ_3', '   :mitigates: RISK_1', '   :blocks: REQ_2',
    ].join('\n');
    const context = ctx('docs/reqs.rst', { sphinxNeeds: { file: 'ubproject.toml', types: [], links: ['checks', 'blocks', 'mitigates'] } });
    const { items } = read(text, context);
    assert.deepEqual(items.map((i) => [i.id, i.links.map((l) => `${l.kind}:${l.target}@${l.line}:${l.column}`)]), [
      ['TC_1', ['verifies:REQ_1@3:13', 'verifies:REQ_2@4:13']],
      ['REQ_3', ['mitigates:RISK_1@8:16', 'parent:REQ_2@9:13']],
    ]);
    // Undeclared, `:blocks:` is a plain attribute.
    assert.deepEqual(read(text).items.find((i) => i.id === 'REQ_3')!.attributes['blocks'], 'REQ_2');
    assert.deepEqual(read(text).items.find((i) => i.id === 'REQ_3')!.links.map((l) => l.target), ['RISK_1']);
  });

  it('leaves out a need whose :delete: option is true', () => {
    const { items } = read(['.. req:: Gone', '   :id: REQ_1', '   :delete: true', '', '.. req:: Kept', '   :id: REQ_2', '   :delete: false'].join('\n'));
    assert.deepEqual(items.map((i) => i.id), ['REQ_2']);
  });

  it('blanks link conditions and need part suffixes without moving columns', () => {
    assert.equal(blankLinkDecorations('A_1[[tags[0]=="x"]], B_2.part, C_3'), 'A_1                , B_2     , C_3');
  });
});

describe('sphinx-needs reader: malformed needs', () => {
  const text = [
    '.. req:: Flush id',              // 1
    ':id: REQ_010',                   // 2
    '',                               // 3
    '.. req:: Misaligned',            // 4
    '   :id: REQ_011',                // 5
    '    :status: open',              // 6
    '',                               // 7
    '.. req:: Duplicate',             // 8
    '   :id: REQ_012',                // 9
    '   :status: open',               // 10
    '   :status: closed',             // 11
    '',                               // 12
    '.. spec:: No blank line',        // 13
    '   :id: SPEC_013',               // 14
    '   Content right away.',         // 15
    '',                               // 16
    '.. test:: Without an ID',        // 17
    '',                               // 18
    '.. req:: Bad ID',                // 19
    '   :id: req one',                // 20
    '   :links: REQ_011, to be done', // 21
    '',                               // 22
    'A paragraph',                    // 23
    '.. req:: Glued to the paragraph', // 24
    '   :id: REQ_014',                // 25
    '',                               // 26
    '.. req:: Fine',                  // 27
    '   :id: REQ_015',                // 28
    '   :links: REQ_011, to be done', // 29
  ].join('\n');
  const { items, problems } = read(text);

  it('reports each at its line and column', () => {
    assert.deepEqual(problems.map((p) => [p.line, p.column, p.message.slice(0, 40)]), [
      [2, 1, '`:id:` is not indented under `.. req::`:'],
      [6, 5, 'Option `:status:` of `.. req::` is not a'],
      [11, 4, 'Duplicate option `:status:` in `.. req::'],
      [15, 4, '`.. spec::` needs a blank line between i'],
      [17, 1, '`.. test::` has no `:id:`: sphinx-needs '],
      [20, 9, '"req one" is not a valid ID (expected so'],
      [24, 1, '`.. req::` follows text without a blank '],
      [29, 21, '"to be done" in :links: is not a need ID'],
    ]);
  });

  it('still reads every need it can, the first of duplicate options winning', () => {
    assert.deepEqual(items.map((i) => i.id), ['REQ_011', 'REQ_012', 'SPEC_013', 'REQ_015']);
    assert.equal(byId(items, 'REQ_012').status, 'open');
    assert.equal(byId(items, 'SPEC_013').text, 'Content right away.');
    assert.deepEqual(byId(items, 'REQ_015').links.map((l) => l.target), ['REQ_011']);
  });

  it('reads tabs as indentation and CRLF line breaks', () => {
    const { items: read2, problems: none } = read('.. req:: Tabbed\r\n\t:id: REQ_020\r\n\r\n\tText.\r\n');
    assert.deepEqual(none, []);
    assert.deepEqual(read2.map((i) => [i.id, i.line, i.column, i.text]), [['REQ_020', 2, 7, 'Text.']]);
  });
});
