// Verifies: TL-126, TL-128
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { loadProjectConfig } from '../../src/core/config/load';
import { parseConfig, requirementGlob } from '../../src/core/config/parse';
import { readUbProject, ubProjectFolders } from '../../src/core/config/ubproject';
import { MemoryFileSystem } from '../../src/core/files/memoryFileSystem';
import { listProjectFiles } from '../../src/core/files/projectFiles';
import { readerContext, readRequirementFile, readRequirements } from '../../src/core/readers';
import { isRequirementFormat } from '../../src/core/readers/fileTypes';
import { sourceFindings } from '../../src/core/rules/sourceChecks';
import { testConfig } from '../helpers/model';

const ctx = (file = 'docs/needs.json') => readerContext(testConfig(), file);

/** A needs.json text with the given needs in its current version, one property a line, as sphinx-needs writes it. */
function needsJson(needs: Record<string, Record<string, unknown>>, extra: Record<string, unknown> = {}): string {
  return `${JSON.stringify({ current_version: '1.0', versions: { '1.0': { needs, ...extra } } }, null, 2)}\n`;
}

describe('needs.json reader', () => {
  const text = needsJson({
    REQ_001: { id: 'REQ_001', type: 'req', title: 'Start', status: 'open', content: 'The pump starts.', tags: ['a', 'b'], links: ['SYS_1'], links_back: ['TC_1'], docname: 'reqs', lineno: 4 },
    TC_1: { id: 'TC_1', type: 'test', title: 'Start test', description: 'Old builds say description.', links: ['REQ_001[status=="open"]'], checks: ['REQ_002'], checks_back: [] },
  });
  const lines = text.split('\n');
  const lineOf = (needle: string, from = 0): number => lines.findIndex((line, i) => i >= from && line.includes(needle)) + 1;
  /** 1-based column of `needle` on 1-based `line`, plus `shift`. */
  const columnOf = (line: number, needle: string, shift = 0): number => lines[line - 1]!.indexOf(needle) + 1 + shift;
  const { items, problems } = readRequirementFile(text, ctx());

  it('places each need at its ID value, with kind, title, text and status', () => {
    assert.deepEqual(problems, []);
    const req = items.find((i) => i.id === 'REQ_001')!;
    const idLine = lineOf('"id": "REQ_001"');
    const idColumn = columnOf(idLine, '"REQ_001"', 1);
    assert.deepEqual([req.line, req.column, req.endColumn, req.format], [idLine, idColumn, idColumn + 7, 'sphinx-needs-json']);
    assert.deepEqual([req.kind, req.title, req.text, req.status], ['requirement', 'Start', 'The pump starts.', 'open']);
    assert.equal(req.attributes['tags'], 'a, b');
    assert.equal(req.attributes['docname'], 'reqs');
    const test = items.find((i) => i.id === 'TC_1')!;
    assert.deepEqual([test.kind, test.text], ['test', 'Old builds say description.']);
  });

  it('reads link fields at their positions, `_back` twins ignored, arrays with a `_back` twin as link types', () => {
    const req = items.find((i) => i.id === 'REQ_001')!;
    const sys = lineOf('"SYS_1"');
    assert.deepEqual(req.links.map((l) => [l.kind, l.target, l.line, l.column]), [['parent', 'SYS_1', sys, columnOf(sys, 'SYS_1')]]);
    const test = items.find((i) => i.id === 'TC_1')!;
    const tcStart = lineOf('"TC_1": {');
    const conditional = lineOf('REQ_001[', tcStart);
    const checks = lineOf('"REQ_002"', tcStart);
    assert.deepEqual(test.links.map((l) => [l.kind, l.target, l.line, l.column]), [
      ['verifies', 'REQ_001', conditional, columnOf(conditional, 'REQ_001')], ['verifies', 'REQ_002', checks, columnOf(checks, 'REQ_002')],
    ]);
  });

  it('takes link types from needs_schema when the export has one', () => {
    const schema = { needs_schema: { properties: { refines: { type: 'array', field_type: 'links' }, tags: { type: 'array', field_type: 'core' } } } };
    const { items: withSchema } = readRequirementFile(needsJson({ SPEC_1: { id: 'SPEC_1', type: 'spec', refines: ['REQ_1'], checks: ['REQ_2'], checks_back: [] } }, schema), ctx());
    assert.deepEqual(withSchema[0]!.links.map((l) => `${l.kind}:${l.target}`), ['parent:REQ_1']);
  });

  it('reports what is not a sphinx-needs export at its line, and reads no item of it', () => {
    const broken = readRequirementFile('{\n  "current_version": "1.0",\n  "versions": {\n    "1.0": { "needs": { ]\n', ctx());
    assert.deepEqual([broken.items, broken.problems.map((p) => [p.line, p.column, p.message])], [[], [[4, 25, 'needs.json is not valid JSON: property name expected.']]]);
    const other = readRequirementFile('{\n  "name": "a package"\n}\n', ctx());
    assert.deepEqual(other.problems.map((p) => [p.line, p.column, p.message]), [[1, 1, 'needs.json has no "versions" object: not a sphinx-needs export.']]);
    const wrongVersion = readRequirementFile('{\n  "current_version": "2.0",\n  "versions": { "1.0": { "needs": {} } }\n}\n', ctx());
    assert.deepEqual(wrongVersion.problems.map((p) => [p.line, p.column]), [[2, 22]]);
    const ambiguous = readRequirementFile('{\n  "versions": {\n    "1.0": { "needs": {} },\n    "2.0": { "needs": {} }\n  }\n}\n', ctx());
    assert.match(ambiguous.problems[0]!.message, /several versions and no "current_version"/);
  });

  it('reads the only version when there is no current_version, and reports a malformed ID', () => {
    const { items: only, problems: bad } = readRequirementFile('{"versions": {"0.1": {"needs": {\n"REQ_1": {"type": "req"},\n"bad id": {"id": "bad id"}}}}}\n', ctx());
    assert.deepEqual(only.map((i) => [i.id, i.line, i.column]), [['REQ_1', 2, 2]]);
    assert.deepEqual(bad.map((p) => [p.line, p.column]), [[3, 19]]);
  });
});

describe('needs.json needs at their .rst source', () => {
  const rst = '.. req:: Start\n   :id: REQ_001\n\n.. req:: Stop\n   :id: REQ_002\n';
  const exported = needsJson({
    REQ_001: { id: 'REQ_001', type: 'req', title: 'Start', docname: 'reqs', doctype: '.rst', lineno: 1 },
    REQ_002: { id: 'REQ_002', type: 'req', title: 'Stop', docname: 'reqs', doctype: '.rst', lineno: 1 },
    REQ_003: { id: 'REQ_003', type: 'req', title: 'Elsewhere', docname: 'other/place', lineno: 3 },
  });

  it('moves a need to the ID of its source when the project holds it, else keeps it in the export', async () => {
    const fs = new MemoryFileSystem(path.resolve('/sphinx'), { 'docs/reqs.rst': rst, 'docs/_build/needs/needs.json': exported });
    const { items } = await readRequirements(fs, fs.root, ['docs/_build/needs/needs.json'], testConfig());
    const lines = exported.split('\n');
    const at = (id: string): [number, number] => {
      const index = lines.findIndex((line) => line.includes(`"id": "${id}"`));
      return [index + 1, lines[index]!.indexOf(`"${id}"`) + 2];
    };
    assert.deepEqual(items.map((i) => [i.id, i.file, i.line, i.column, i.origin]), [
      // REQ_002's directive is not at line 1: that line defines REQ_001, so REQ_002 stays in the export.
      ['REQ_002', 'docs/_build/needs/needs.json', ...at('REQ_002'), undefined],
      ['REQ_003', 'docs/_build/needs/needs.json', ...at('REQ_003'), undefined],
      ['REQ_001', 'docs/reqs.rst', 2, 9, 'docs/_build/needs/needs.json'],
    ]);
    const sources = { patterns: [], configured: true, at: { file: 'tracelens.json', line: 1, column: 1 }, files: ['docs/_build/needs/needs.json'], unreadable: [] };
    assert.deepEqual(sourceFindings(sources, items.slice(2), []), [], 'a needs.json whose needs moved to their sources is not empty');
  });

  it('reads a need once when its source is read too', async () => {
    const fs = new MemoryFileSystem(path.resolve('/sphinx'), { 'docs/reqs.rst': rst, 'docs/needs.json': exported });
    const { items, problems } = await readRequirements(fs, fs.root, ['docs/needs.json', 'docs/reqs.rst'], testConfig());
    assert.deepEqual(problems, []);
    assert.deepEqual(items.map((i) => [i.id, i.file, i.format]), [
      ['REQ_002', 'docs/needs.json', 'sphinx-needs-json'],
      ['REQ_003', 'docs/needs.json', 'sphinx-needs-json'],
      ['REQ_001', 'docs/reqs.rst', 'sphinx-needs'],
      ['REQ_002', 'docs/reqs.rst', 'sphinx-needs'],
    ]);
  });
});

describe('sphinx-needs files in a project', () => {
  it('are requirement formats by extension, and needs.json only by that name', () => {
    assert.deepEqual(['docs/a.rst', 'docs/needs.json', 'docs/NEEDS.JSON', 'docs/other.json', 'docs/myneeds.json'].map(isRequirementFormat), [true, true, true, false, false]);
    assert.equal(requirementGlob('docs'), 'docs/**/{*.{md,markdown,yml,yaml,sdoc,sfra,ssec,rst,reqif,reqifz},needs.json}');
    assert.equal(requirementGlob('docs/srs.rst'), 'docs/srs.rst');
    assert.equal(requirementGlob('build/needs.json'), 'build/needs.json');
  });

  it('lists .rst files and needs.json in a requirements folder, and says an .rst file without needs holds no items', async () => {
    const fs = new MemoryFileSystem(path.resolve('/sphinx'), {
      'tracelens.json': '{ "requirements": ["docs"] }', 'docs/index.rst': 'Home\n====\n', 'docs/intro.rst': 'Intro\n=====\n',
      'docs/reqs.rst': '.. req:: A\n   :id: REQ_1\n', 'docs/needs.json': needsJson({}), 'docs/conf.json': '{}',
    });
    const { config } = await loadProjectConfig(fs, fs.root);
    const listed = await listProjectFiles(fs, fs.root, config);
    assert.deepEqual(listed.requirementFiles.sort(), ['docs/index.rst', 'docs/intro.rst', 'docs/needs.json', 'docs/reqs.rst']);
    const { items, problems } = await readRequirements(fs, fs.root, listed.requirementFiles, config);
    const sources = { patterns: [], configured: true, at: { file: 'tracelens.json', line: 1, column: 1 }, files: listed.requirementFiles, unreadable: [] };
    assert.deepEqual(sourceFindings(sources, items, problems).map((f) => [f.rule, f.at.file, f.message.slice(0, 60)]), [
      ['no-items', 'docs/intro.rst', 'docs/intro.rst holds no items: no directive has an `:id:` op'],
      ['no-items', 'docs/needs.json', 'docs/needs.json holds no items: the current version lists no'],
    ]);
  });
});

describe('ubproject.toml', () => {
  const toml = [
    '"$schema" = "https://ubcode.useblocks.com/ubproject.schema.json"',  // 1
    '[needs]',                                                            // 2
    'id_regex = "^[A-Z0-9_]{3,}"  # a comment',                           // 3
    'extra_links = [{ option = "checks", incoming = "is checked by" }]',  // 4
    '',                                                                   // 5
    '[[needs.types]]',                                                    // 6
    'directive = "req"',                                                  // 7
    'title = "Requirement"',                                              // 8
    "prefix = 'R_'",                                                      // 9
    '',                                                                   // 10
    '[[needs.types]]',                                                    // 11
    'directive = "sysreq"',                                               // 12
    'title = """System',                                                  // 13
    'Requirement"""',                                                     // 14
    '',                                                                   // 15
    '[[needs.types]]',                                                    // 16
    'title = "No directive"',                                             // 17
    '',                                                                   // 18
    '[needs.links.mitigates]',                                            // 19
    'outgoing = "mitigates"',                                             // 20
    '[needs.fields.asil]',                                                // 21
    'schema.enum = ["QM", "A"]',                                          // 22
  ].join('\n');

  it('declares need types from arrays of tables, and link types from [needs.links] and extra_links', () => {
    const { declarations, problems } = readUbProject(toml, 'docs/ubproject.toml');
    assert.deepEqual(declarations, {
      file: 'docs/ubproject.toml',
      types: [{ directive: 'req', title: 'Requirement' }, { directive: 'sysreq', title: 'System\nRequirement' }],
      links: ['checks', 'mitigates'],
    });
    assert.deepEqual(problems.map((p) => [p.file, p.line, p.message]), [['docs/ubproject.toml', 16, 'A need type in [needs] types has no "directive".']]);
  });

  it('reads need types written as an inline array, with a missing directive at the line of the array', () => {
    const { declarations, problems } = readUbProject('[needs]\ntypes = [\n  { directive = "req" },\n  { title = "none" },\n]\n', 'ubproject.toml');
    assert.deepEqual(declarations?.types, [{ directive: 'req' }]);
    assert.deepEqual(problems.map((p) => [p.line, p.message]), [[2, 'A need type in [needs] types has no "directive".']]);
  });

  it('reports a TOML syntax error at its line and column', () => {
    const { declarations, problems } = readUbProject('[needs]\ntypes = [\n  { directive = "req" }\n  { directive = "spec" },\n]\n', 'ubproject.toml');
    assert.equal(declarations, undefined);
    assert.deepEqual(problems.map((p) => [p.line, p.column, p.message]), [[4, 3, 'ubproject.toml is not valid TOML: expected comma or end of structure.']]);
  });

  it('is looked for from the requirements folders up to the root, nearest first, and reaches the readers', async () => {
    assert.deepEqual(ubProjectFolders(['docs/reqs/**/*.rst', 'specs/a.rst']), ['docs/reqs', 'docs', 'specs', '']);
    const fs = new MemoryFileSystem(path.resolve('/sphinx'), {
      'tracelens.json': '{ "requirements": ["docs/reqs"] }', 'docs/ubproject.toml': toml, 'ubproject.toml': '[needs]\ntypes = []\n',
      'docs/reqs/a.rst': '.. sysreq:: S\n   :id: PRS_1\n   :checks: REQ_1\n',
    });
    const project = await loadProjectConfig(fs, fs.root);
    assert.equal(project.config.sphinxNeeds?.file, 'docs/ubproject.toml');
    assert.deepEqual(project.problems.map((p) => [p.file, p.line]), [['docs/ubproject.toml', 16]]);
    const { items } = await readRequirements(fs, fs.root, ['docs/reqs/a.rst'], project.config);
    assert.deepEqual(items.map((i) => [i.id, i.kind, i.links.map((l) => `${l.kind}:${l.target}`)]), [['PRS_1', 'system', ['verifies:REQ_1']]]);
  });
});

describe('needTypes in tracelens.json', () => {
  it('maps need types to kinds and reports bad entries at their position', () => {
    const line = '  "needTypes": { "Story": "system", "bad name!": "test", "impl": "code" }';
    const { config, problems } = parseConfig(`{\n${line}\n}\n`, 'tracelens.json');
    assert.deepEqual(config.needTypes, { story: 'system' });
    assert.deepEqual(problems.map((p) => [p.line, p.column]), [[2, line.indexOf('"bad name!"') + 1], [2, line.indexOf('"code"') + 1]]);
  });
});
