// Verifies: TL-250, TL-251
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { CommentParser } from '../../src/parsing/commentParser';
import { LocalScanService } from '../../src/core/scan/localScanService';
import { checkProject, type CheckResult } from '../../src/core/project/check';
import { MemoryFileSystem } from '../../src/core/files/memoryFileSystem';
import { builtInObjectMeaning } from '../../src/core/readers/reqifObjectTypes';

let parser: CommentParser;
before(async () => { parser = await CommentParser.create(); });
after(() => parser.dispose());

/** A SPEC-OBJECT-TYPE on one line. */
const type = (id: string, name: string, attributes = ''): string =>
  `<SPEC-OBJECT-TYPE IDENTIFIER="${id}" LONG-NAME="${name}"><SPEC-ATTRIBUTES>${attributes}</SPEC-ATTRIBUTES></SPEC-OBJECT-TYPE>`;

/** A SPEC-OBJECT on one line: its type, ForeignID, and values of the other attributes (definition → value). */
function object(typeRef: string, foreignId: string, values: Record<string, string> = {}): string {
  const value = (definition: string, text: string): string =>
    `<ATTRIBUTE-VALUE-STRING THE-VALUE="${text}"><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>${definition}</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING>`;
  const all = [value('id', foreignId), ...Object.entries(values).map(([definition, text]) => value(definition, text))].join('');
  return `<SPEC-OBJECT IDENTIFIER="so-${foreignId}"><TYPE><SPEC-OBJECT-TYPE-REF>${typeRef}</SPEC-OBJECT-TYPE-REF></TYPE><VALUES>${all}</VALUES></SPEC-OBJECT>`;
}

/**
 * A Polarion- or Jama-like export: IDs carry the project key (PRJ-), not a kind, and the kind is
 * in the type's name. Objects from line 15 on, one a line.
 */
const EXPORT = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<REQ-IF xmlns="http://www.omg.org/spec/ReqIF/20110401/reqif.xsd"><CORE-CONTENT><REQ-IF-CONTENT>',
  '<SPEC-TYPES>',
  type('t-req', 'Requirement', '<ATTRIBUTE-DEFINITION-STRING IDENTIFIER="id" LONG-NAME="ReqIF.ForeignID"/><ATTRIBUTE-DEFINITION-STRING IDENTIFIER="tx" LONG-NAME="ReqIF.Text"/>'
    + '<ATTRIBUTE-DEFINITION-STRING IDENTIFIER="ch" LONG-NAME="ReqIF.ChapterName"/><ATTRIBUTE-DEFINITION-STRING IDENTIFIER="ot" LONG-NAME="Object Type"/><ATTRIBUTE-DEFINITION-STRING IDENTIFIER="kd" LONG-NAME="Kind"/>'),
  type('t-head', 'Heading'),
  type('t-haz', 'Hazard'),
  type('t-sw', 'Software Requirement'),
  type('t-sys', 'System Requirement'),
  type('t-tc', 'Test Case'),
  type('t-info', 'Information'),
  type('t-goal', 'Safety Goal'),
  type('t-rcm', 'Risk_Control_Measure'),
  '</SPEC-TYPES>',
  '<SPEC-OBJECTS>',
  object('t-head', 'PRJ-1', { ch: 'Hazards' }), // 15
  object('t-haz', 'PRJ-2', { tx: 'Overdose.' }),
  object('t-rcm', 'PRJ-3', { tx: 'Limit the bolus.' }),
  object('t-sys', 'PRJ-4', { tx: 'The pump doses insulin.' }),
  object('t-sw', 'PRJ-5', { tx: 'Reject a bolus above the limit.' }),
  object('t-tc', 'PRJ-6', { tx: 'Bolus above the limit is rejected.' }), // 20
  object('t-info', 'PRJ-7', { tx: 'This chapter explains dosing.' }),
  object('t-goal', 'PRJ-8', { tx: 'No overdose.' }),
  object('t-goal', 'PRJ-9', { tx: 'No underdose.' }),
  object('t-goal', 'SYS-10', { tx: 'No occlusion.' }),
  object('t-req', 'TC-11', { tx: 'Occlusion alarm test.' }), // 25
  object('t-req', 'PRJ-12', { tx: 'Air in line.', ot: 'Hazard' }),
  object('t-goal', 'PRJ-13', { tx: 'Alarm volume test.', kd: 'test' }),
  object('t-sw', 'SYS-14', { tx: 'Log every bolus.' }),
  '</SPEC-OBJECTS>',
  '</REQ-IF-CONTENT></CORE-CONTENT></REQ-IF>',
  '',
].join('\n');

function check(config: object): Promise<CheckResult> {
  const fs = new MemoryFileSystem(path.resolve('/reqif-types'), {
    'tracelens.json': JSON.stringify({ requirements: ['requirements'], ...config }),
    'requirements/export.reqif': EXPORT,
  });
  return checkProject({ root: fs.root, fs, scanner: new LocalScanService(parser, fs) });
}

/** Each item as `ID line kind`, with `heading` when it needs nothing. */
const kinds = (result: CheckResult): string[] =>
  result.items.map((item) => `${item.id} ${item.line} ${item.kind}${item.needs?.length === 0 ? ' heading' : ''}`);

test('kinds from the type names; a "Requirement" type leaves it to the prefix; an unknown type is read as requirements and reported once with its count', async () => {
  const result = await check({});
  assert.deepEqual(kinds(result), [
    'PRJ-1 15 requirement heading',
    'PRJ-2 16 risk',
    'PRJ-3 17 requirement', // a risk control, not a risk
    'PRJ-4 18 system',
    'PRJ-5 19 requirement',
    'PRJ-6 20 test',
    'PRJ-7 21 requirement heading', // informational text needs nothing
    'PRJ-8 22 requirement',
    'PRJ-9 23 requirement',
    'SYS-10 24 system', // no kind from "Safety Goal": the prefix says system
    'TC-11 25 test', // "Requirement" says nothing more than "an object": the prefix decides
    'PRJ-12 26 risk', // the object's own Object Type wins over its SPEC-OBJECT-TYPE
    'PRJ-13 27 test', // so does its Kind attribute
    'SYS-14 28 system', // the built-in "Software Requirement" leaves it to the prefix
  ]);
  const invalid = result.findings.filter((f) => f.rule === 'invalid-file').map((f) => `${f.severity} ${f.file}:${f.line}:${f.column} ${f.message}`);
  assert.deepEqual(invalid, [
    'error requirements/export.reqif:22:1 2 SPEC-OBJECTs of type "Safety Goal" are read as requirements, but neither the type nor the ID\'s prefix says '
    + 'what they are: say it in "reqif": { "objectTypes": { "Safety Goal": "requirement" } } of tracelens.json ("requirement", "system", "risk", "test", '
    + '"heading"), or give the prefix a kind in "prefixes".',
  ]);
});

test('reqif.objectTypes names types (any case) and wins over the prefix; then nothing is reported', async () => {
  const result = await check({ reqif: { objectTypes: { 'safety goal': 'system', 'Software Requirement': 'requirement', 'TEST CASE': 'heading' } } });
  assert.deepEqual(kinds(result).filter((line) => /^(?:PRJ-6|PRJ-8|PRJ-9|SYS-10|PRJ-13|SYS-14) /.test(line)), [
    'PRJ-6 20 requirement heading',
    'PRJ-8 22 system',
    'PRJ-9 23 system',
    'SYS-10 24 system',
    'PRJ-13 27 test',
    'SYS-14 28 requirement',
  ]);
  assert.deepEqual(result.findings.filter((f) => f.rule === 'invalid-file'), []);
});

test('a prefix of the config gives unknown types a kind, and then they are not reported', async () => {
  const result = await check({ prefixes: { PRJ: 'requirement' } });
  assert.deepEqual(result.findings.filter((f) => f.rule === 'invalid-file'), []);
  assert.equal(result.items.find((item) => item.id === 'PRJ-8')?.kind, 'requirement');
});

test('built-in type names: whole words, first rule wins, as the tools name their types', () => {
  const names: Array<[string, string | undefined]> = [
    ['Heading', 'heading'], ['Information', 'heading'], ['Text', 'heading'], ['Chapter', 'heading'], ['Free text. "Comments"', 'heading'],
    ['Risk Control Measure', 'requirement'], ['Mitigation', 'requirement'], ['Hazard', 'risk'], ['Hazardous Situation', 'risk'], ['RISK', 'risk'],
    ['Test Case', 'test'], ['System_Test', 'test'], ['Test Requirement', 'test'],
    ['System Requirement', 'system'], ['Stakeholder Requirement', 'system'], ['User Need', 'system'], ['Feature', 'system'], ['URS object', 'system'],
    ['Requirement', 'requirement'], ['Requirement Type', 'requirement'], ['Software Requirement', 'requirement'], ['Functional Requirement', 'requirement'],
    ['REQUIREMENT', 'requirement'], ['SRS object', 'requirement'], ['Specification', 'requirement'],
    // Words inside other words say nothing.
    ['Testimonial', undefined], ['Contest', undefined], ['Subsystem Item', undefined], ['TC1000 SpecObjectType', undefined], ['Safety Goal', undefined],
    ['Document', undefined], ['User Story', undefined],
  ];
  assert.deepEqual(names.map(([name]) => [name, builtInObjectMeaning(name)]), names);
});
