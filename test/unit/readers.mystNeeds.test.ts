// Verifies: TL-260, TL-261, TL-262, TL-263
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { chooseStubTarget, planStub, STUB_TEXT, STUB_TITLE } from '../../src/core/authoring/requirementStubs';
import { MemoryFileSystem } from '../../src/core/files/memoryFileSystem';
import type { Item } from '../../src/core/model/types';
import { readerContext, readerFor, readRequirementFile, readRequirements, type ReaderContext } from '../../src/core/readers';
import { testConfig } from '../helpers/model';

const ctx = (file = 'docs/reqs.md', overrides: Parameters<typeof testConfig>[0] = {}): ReaderContext => readerContext(testConfig(overrides), file);

function read(text: string, context = ctx()): ReturnType<typeof readRequirementFile> {
  return readRequirementFile(text, context);
}

function byId(items: readonly Item[], id: string): Item {
  const found = items.filter((item) => item.id === id);
  assert.equal(found.length, 1, `one item ${id}`);
  return found[0]!;
}

/** Where an item is and where it ends, as `line:column-endLine`. */
const place = (item: Item): string => `${item.line}:${item.column}-${item.endLine}`;
const links = (item: Item): string[] => item.links.map((link) => `${link.kind} ${link.target} ${link.line}:${link.column}`);
const problemsOf = (result: { problems: ReadonlyArray<{ line: number; column: number; message: string }> }): string[] => result.problems.map((p) => `${p.line}:${p.column} ${p.message}`);

describe('MyST needs: fences, options and examples', () => {
  const text = [
    '# Infusion pump',                              // 1
    '',                                             // 2
    '```{req} Stop the motor on occlusion',         // 3
    ':id: REQ_001',                                 // 4
    ':status: open',                                // 5
    ':links: SYS_001, SYS_002[status=="open"]',     // 6
    '',                                             // 7
    'The software stops the motor within 2 s.',     // 8
    '```',                                          // 9
    '',                                             // 10
    '::::{spec} Occlusion detection',               // 11
    '---',                                          // 12
    'id: SPEC_001',                                 // 13
    'status: "approved"  ',                         // 14
    'links: REQ_001,',                              // 15
    '  REQ_002  # the second one',                  // 16
    'tags: pump; alarm',                            // 17
    '---',                                          // 18
    'Pressure above 300 mmHg is an occlusion.',     // 19
    '',                                             // 20
    ':::{test} Occlusion test',                     // 21
    ':id: TEST_001',                                // 22
    ':::',                                          // 23
    '::::',                                         // 24
    '',                                             // 25
    'How a need is written:',                       // 26
    '',                                             // 27
    '````md',                                       // 28
    '```{req} An example',                          // 29
    ':id: REQ_999',                                 // 30
    '```',                                          // 31
    '````',                                         // 32
    '',                                             // 33
    '- In a list:',                                 // 34
    '',                                             // 35
    '  ~~~{impl} Motor driver',                     // 36
    '  :id: IMPL_001',                              // 37
    '  ~~~',                                        // 38
    '',                                             // 39
    '> :::{req} Quoted',                            // 40
    '> :id: REQ_002',                               // 41
    '> :::',                                        // 42
  ].join('\n');
  const result = read(text);

  it('is read by the MyST needs reader, not the Markdown readers', () => {
    assert.equal(readerFor('docs/reqs.md', text, ctx())?.name, 'sphinx-needs');
    assert.deepEqual(problemsOf(result), []);
    assert.deepEqual(result.items.map((i) => i.id), ['REQ_001', 'SPEC_001', 'TEST_001', 'IMPL_001', 'REQ_002']);
  });

  it('places each need at the ID of its id option and ends it at the closing fence', () => {
    const places = Object.fromEntries(result.items.map((i) => [i.id, place(i)]));
    assert.deepEqual(places, { REQ_001: '4:6-9', SPEC_001: '13:5-24', TEST_001: '22:6-23', IMPL_001: '37:8-38', REQ_002: '41:8-42' });
    const req = byId(result.items, 'REQ_001');
    assert.deepEqual([req.file, req.format, req.kind, req.endColumn], ['docs/reqs.md', 'sphinx-needs', 'requirement', 13]);
    assert.equal(byId(result.items, 'TEST_001').kind, 'test');
  });

  it('reads the argument as the title, the body after the options as the text', () => {
    const req = byId(result.items, 'REQ_001');
    assert.equal(req.title, 'Stop the motor on occlusion');
    assert.equal(req.text, 'The software stops the motor within 2 s.');
    assert.equal(byId(result.items, 'SPEC_001').text, 'Pressure above 300 mmHg is an occlusion.\n\n:::{test} Occlusion test\n:id: TEST_001\n:::');
  });

  it('reads options of either form as the .rst reader does: links at their columns, conditions dropped, attributes', () => {
    const req = byId(result.items, 'REQ_001');
    assert.deepEqual(links(req), ['parent SYS_001 6:9', 'parent SYS_002 6:18']);
    assert.deepEqual([req.status, req.attributes['type'], req.attributes['links']], ['open', 'req', 'SYS_001, SYS_002[status=="open"]']);
    const spec = byId(result.items, 'SPEC_001');
    assert.deepEqual(links(spec), ['parent REQ_001 15:8', 'parent REQ_002 16:3']);
    assert.deepEqual([spec.status, spec.attributes['tags'], spec.attributes['links']], ['approved', 'pump; alarm', 'REQ_001, REQ_002']);
  });

  it('makes a need nested in a need its child, at the nested fence', () => {
    assert.deepEqual(links(byId(result.items, 'TEST_001')), ['parent SPEC_001 21:1']);
  });
});

describe('MyST needs: what makes a Markdown file a sphinx-needs document', () => {
  it('leaves Markdown files with only code fences and other directives to the Markdown readers', () => {
    const text = ['## REQ-010: Heading item', '', '```{note}', 'A note.', '```', '', '```rst', '.. req:: X', '   :id: REQ_011', '```'].join('\n');
    assert.equal(readerFor('docs/reqs.md', text, ctx())?.name, 'markdown-headings');
    assert.deepEqual(read(text).items.map((i) => `${i.id} ${i.format}`), ['REQ-010 markdown-headings']);
  });

  it('reads a type only conf.py declares by its id option, with the kind its ID prefix or needTypes gives', () => {
    const text = ['```{story} Bolus by voice', ':id: US_001', '```', '', '```{story} No ID', '```'].join('\n');
    const plain = read(text);
    assert.deepEqual(plain.items.map((i) => `${i.id} ${i.kind} ${place(i)}`), ['US_001 requirement 2:6-3']);
    // Unknown to Tracelens (conf.py is never run), so its missing ID cannot be told.
    assert.deepEqual(problemsOf(plain), []);
    const declared = read(text, ctx('docs/reqs.md', { needTypes: { story: 'system' } }));
    assert.deepEqual(declared.items.map((i) => `${i.id} ${i.kind}`), ['US_001 system']);
    assert.deepEqual(problemsOf(declared), ['5:1 `{story}` has no `:id:`: sphinx-needs would make one up that code cannot name; give the need an ID.']);
  });

  it('knows the types ubproject.toml declares, whatever their names say', () => {
    const text = ['Some prose.', '', ':::{feature_x} Without ID', ':::'].join('\n');
    const declared = ctx('docs/reqs.md', { sphinxNeeds: { file: 'ubproject.toml', types: [{ directive: 'feature_x' }], links: [] } });
    assert.equal(readerFor('docs/reqs.md', text, declared)?.name, 'sphinx-needs');
    assert.deepEqual(problemsOf(read(text, declared)), ['3:1 `{feature_x}` has no `:id:`: sphinx-needs would make one up that code cannot name; give the need an ID.']);
  });

  it('reads the reStructuredText needs of an eval-rst block at their place in the file', () => {
    const text = ['Intro.', '', '```{eval-rst}', '.. req:: In RST', '   :id: REQ_030', '   :links: SYS_001', '', '   Text.', '```', '', '## REQ-031: After'].join('\n');
    assert.equal(readerFor('docs/reqs.md', text, ctx())?.name, 'sphinx-needs');
    const result = read(text);
    assert.deepEqual(result.items.map((i) => `${i.id} ${place(i)} ${i.title} ${links(i).join()}`), ['REQ_030 5:9-8 In RST parent SYS_001 6:12']);
    assert.equal(result.problems.length, 1);
    assert.deepEqual([result.problems[0]!.line, result.problems[0]!.column], [11, 4]);
  });

  it('reports the Markdown items of a MyST needs file at their place instead of dropping them', () => {
    const text = [
      '## REQ-020: A heading item',                 // 1
      '',                                           // 2
      '| ID | Title |',                              // 3
      '|----|-------|',                             // 4
      '| REQ-021 | A row item |',                   // 5
      '',                                           // 6
      ':::{req} A need',                            // 7
      ':id: REQ_022',                               // 8
      '',                                           // 9
      '| ID | Title |',                              // 10
      '|----|-------|',                             // 11
      '| REQ-023 | A table in the need |',          // 12
      ':::',                                        // 13
    ].join('\n');
    const result = read(text);
    assert.deepEqual(result.items.map((i) => i.id), ['REQ_022']);
    assert.deepEqual(problemsOf(result), [
      '1:4 REQ-020 is written as a Markdown item (markdown-headings), but this file holds sphinx-needs needs in MyST: Sphinx shows it as a page element, not a need, so Tracelens does not read it. Write it as a need (a `{req}` fence with `:id: REQ-020`).',
      '5:3 REQ-021 is written as a Markdown item (markdown-table), but this file holds sphinx-needs needs in MyST: Sphinx shows it as a page element, not a need, so Tracelens does not read it. Write it as a need (a `{req}` fence with `:id: REQ-021`).',
    ]);
  });
});

describe('MyST needs: problems', () => {
  it('reports an id option after a blank line, an unclosed fence, a bad option line, a list value and a malformed ID', () => {
    const text = [
      '```{req} Hidden ID',                         // 1
      '',                                           // 2
      ':id: REQ_001',                               // 3
      '```',                                        // 4
      '',                                           // 5
      '```{spec} Bad options',                      // 6
      ':id: SPEC_001',                              // 7
      ':links: [REQ_001, REQ_002]',                 // 8
      ':not an option',                             // 9
      '```',                                        // 10
      '',                                           // 11
      ':::{req} Lower case',                        // 12
      ':id: req_1',                                 // 13
      ':::',                                        // 14
      '',                                           // 15
      '````{test} Never closed',                    // 16
      ':id: TEST_001',                              // 17
    ].join('\n');
    const result = read(text);
    assert.deepEqual(result.items.map((i) => `${i.id} ${place(i)}`), ['SPEC_001 7:6-10', 'TEST_001 17:6-17']);
    assert.deepEqual(problemsOf(result), [
      '1:1 `{req}` has no `:id:`: sphinx-needs would make one up that code cannot name; give the need an ID.',
      '3:1 `:id:` follows a blank line in `{req}`: MyST reads options only right after the fence line, so this is content and the need has no ID.',
      '8:9 `links` of `{spec}` is written as a list: MyST passes options as text, so sphinx-needs reads "[REQ_001, REQ_002]"; write the values separated by commas, without brackets.',
      '9:1 `:not an option` in the options of `{spec}` is not an option (`:name: value`): MyST stops with an error on the directive.',
      '13:6 "req_1" is not a valid ID (expected something like REQ_001 or REQ-001).',
      '16:1 `{test}` is never closed (no line of 4 or more backticks): MyST reads the rest of the file as its content.',
    ]);
  });
});

describe('MyST needs: needextend and needimport across files', () => {
  const files = {
    'docs/conf.py': 'extensions = ["myst_parser", "sphinx_needs"]\n',
    'docs/pump.rst': ['.. req:: Start the pump', '   :id: REQ_001', '   :status: open', ''].join('\n'),
    'docs/alarms.md': [
      '```{req} Raise the alarm',                   // 1
      ':id: REQ_002',                               // 2
      ':status: open',                              // 3
      '```',                                        // 4
      '',                                           // 5
      '```{needextend} REQ_001',                    // 6
      ':status: obsolete',                          // 7
      ':+links: SYS_001',                           // 8
      '```',                                        // 9
      '',                                           // 10
      ':::{needimport} vendor/needs.json',          // 11
      ':id_prefix: VND_',                           // 12
      ':::',                                        // 13
      '',                                           // 14
      '```{needextend} REQ_404',                    // 15
      '```',                                        // 16
    ].join('\n'),
    'docs/late.rst': ['.. needextend:: REQ_002', '   :status: closed', ''].join('\n'),
    'docs/vendor/needs.json': JSON.stringify({ current_version: '1', versions: { 1: { needs: { SW_001: { id: 'SW_001', type: 'spec', title: 'Vendor need', links: [] } } } } }, null, 2),
  };

  it('applies a needextend of a .md file to a need of an .rst file, and one of an .rst file to a MyST need', async () => {
    const fs = new MemoryFileSystem(path.resolve('/sphinx'), files);
    const set = await readRequirements(fs, fs.root, ['docs/alarms.md', 'docs/late.rst', 'docs/pump.rst'], testConfig());
    const start = byId(set.items, 'REQ_001');
    assert.deepEqual([start.status, start.attributes['needextend']], ['obsolete', 'docs/alarms.md:6']);
    assert.deepEqual(links(start), ['parent SYS_001 8:10']);
    assert.deepEqual(start.links.map((link) => link.file), ['docs/alarms.md']);
    const alarm = byId(set.items, 'REQ_002');
    assert.deepEqual([alarm.file, alarm.status, alarm.attributes['needextend']], ['docs/alarms.md', 'closed', 'docs/late.rst:1']);
    const imported = byId(set.items, 'VND_SW_001');
    assert.deepEqual([imported.file, imported.origin, imported.attributes['needimport']], ['docs/vendor/needs.json', 'docs/alarms.md', 'docs/alarms.md:11']);
    assert.deepEqual(set.imported, ['docs/vendor/needs.json']);
    assert.deepEqual(set.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`), [
      'docs/alarms.md:15:1 `{needextend} REQ_404` names no need of the .rst files or their needimports: sphinx-needs warns and changes nothing.',
    ]);
  });
});

describe('MyST needs: a new need beside one', () => {
  const text = ['# Specs', '', '::::{spec} Parse', ':id: SPEC_010', '', 'Parse frames.', '::::', '', '- Checks:', '', '  ```{spec} Check', '  :id: SPEC_020', '  ```', ''].join('\n');
  const apply = (plan: { offset: number; text: string }): string => text.slice(0, plan.offset) + plan.text + text.slice(plan.offset);

  it('writes a MyST fence of the neighbour\'s marker, type and indentation, never a reStructuredText directive', () => {
    const items = read(text).items;
    const target = chooseStubTarget('SPEC_011', items, testConfig());
    assert.deepEqual([target.file, target.format, target.neighbour?.id], ['docs/reqs.md', 'sphinx-needs', 'SPEC_010']);
    const plan = planStub(target, text, { id: 'SPEC_011', kind: 'requirement', title: 'Frame length' });
    const written = apply(plan);
    assert.equal(written, text.replace('::::\n\n', `::::\n\n::::{spec} Frame length\n:id: SPEC_011\n\n${STUB_TEXT}\n::::\n\n`));
    assert.equal(plan.line, 10);
    const reread = read(written);
    assert.deepEqual(problemsOf(reread), []);
    assert.deepEqual(reread.items.map((i) => `${i.id} ${i.line}:${i.column}`), ['SPEC_010 4:6', 'SPEC_011 10:6', 'SPEC_020 18:8']);

    const inList = apply(planStub(chooseStubTarget('SPEC_021', items, testConfig()), text, { id: 'SPEC_021', kind: 'requirement' }));
    assert.equal(inList, `${text}\n  \`\`\`{spec} ${STUB_TITLE}\n  :id: SPEC_021\n\n  ${STUB_TEXT}\n  \`\`\`\n`);
    assert.deepEqual(read(inList).items.map((i) => `${i.id} ${i.line}:${i.column}`), ['SPEC_010 4:6', 'SPEC_020 12:8', 'SPEC_021 16:8']);
  });
});
