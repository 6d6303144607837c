// Verifies: TL-252, TL-253
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { CommentParser } from '../../src/parsing/commentParser';
import { LocalScanService } from '../../src/core/scan/localScanService';
import { checkProject, type CheckResult } from '../../src/core/project/check';
import { MemoryFileSystem } from '../../src/core/files/memoryFileSystem';

let parser: CommentParser;
before(async () => { parser = await CommentParser.create(); });
after(() => parser.dispose());

const ref = (kind: string, id: string): string => `<DEFINITION><ATTRIBUTE-DEFINITION-${kind}-REF>${id}</ATTRIBUTE-DEFINITION-${kind}-REF></DEFINITION>`;
const int = (definition: string, value: string): string => `<ATTRIBUTE-VALUE-INTEGER THE-VALUE="${value}">${ref('INTEGER', definition)}</ATTRIBUTE-VALUE-INTEGER>`;
const str = (definition: string, value: string): string => `<ATTRIBUTE-VALUE-STRING THE-VALUE="${value}">${ref('STRING', definition)}</ATTRIBUTE-VALUE-STRING>`;
const bool = (definition: string, value: string): string => `<ATTRIBUTE-VALUE-BOOLEAN THE-VALUE="${value}">${ref('BOOLEAN', definition)}</ATTRIBUTE-VALUE-BOOLEAN>`;
const object = (identifier: string, values: string): string =>
  `<SPEC-OBJECT IDENTIFIER="${identifier}"><TYPE><SPEC-OBJECT-TYPE-REF>t</SPEC-OBJECT-TYPE-REF></TYPE><VALUES>${values}</VALUES></SPEC-OBJECT>`;
const node = (object: string, children = ''): string =>
  `<SPEC-HIERARCHY IDENTIFIER="h-${object}"><OBJECT><SPEC-OBJECT-REF>${object}</SPEC-OBJECT-REF></OBJECT>${children ? `<CHILDREN>${children}</CHILDREN>` : ''}</SPEC-HIERARCHY>`;

/**
 * As DOORS exports a module: absolute numbers as ReqIF.ForeignID, the module's prefix as the
 * SPECIFICATION's ReqIF.Prefix (XHTML), deleted objects with ReqIF.ForeignDeleted true. Object 20
 * lies only in a specification without a prefix; object 12 lies in both, first in the module.
 */
const MODULE = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<REQ-IF xmlns="http://www.omg.org/spec/ReqIF/20110401/reqif.xsd" xmlns:xhtml="http://www.w3.org/1999/xhtml"><CORE-CONTENT><REQ-IF-CONTENT>',
  '<SPEC-TYPES>',
  '<SPEC-OBJECT-TYPE IDENTIFIER="t" LONG-NAME="SRS object"><SPEC-ATTRIBUTES><ATTRIBUTE-DEFINITION-INTEGER IDENTIFIER="id" LONG-NAME="ReqIF.ForeignID"/>'
    + '<ATTRIBUTE-DEFINITION-STRING IDENTIFIER="tx" LONG-NAME="ReqIF.Text"/><ATTRIBUTE-DEFINITION-BOOLEAN IDENTIFIER="del" LONG-NAME="ReqIF.ForeignDeleted"/>'
    + '<ATTRIBUTE-DEFINITION-STRING IDENTIFIER="st" LONG-NAME="Status"/></SPEC-ATTRIBUTES></SPEC-OBJECT-TYPE>',
  '<SPECIFICATION-TYPE IDENTIFIER="mt" LONG-NAME="Module Type"><SPEC-ATTRIBUTES><ATTRIBUTE-DEFINITION-XHTML IDENTIFIER="pre" LONG-NAME="ReqIF.Prefix"/></SPEC-ATTRIBUTES></SPECIFICATION-TYPE>',
  '</SPEC-TYPES>',
  '<SPEC-OBJECTS>',
  object('o12', int('id', '12') + str('tx', 'Limit the rate.')), // 8
  object('o13', int('id', '13') + str('tx', 'Beep twice.') + bool('del', 'true') + str('st', 'Approved')),
  object('o14', int('id', '14') + str('tx', 'Alarm above the limit.') + bool('del', 'false')),
  object('o20', int('id', '20') + str('tx', 'A note of another module.')),
  '</SPEC-OBJECTS>',
  '<SPECIFICATIONS>',
  '<SPECIFICATION IDENTIFIER="s1" LONG-NAME="SRS"><TYPE><SPECIFICATION-TYPE-REF>mt</SPECIFICATION-TYPE-REF></TYPE>'
    + `<VALUES><ATTRIBUTE-VALUE-XHTML>${ref('XHTML', 'pre')}<THE-VALUE><xhtml:div>SRS-</xhtml:div></THE-VALUE></ATTRIBUTE-VALUE-XHTML></VALUES>`
    + `<CHILDREN>${node('o12')}${node('o13', node('o14'))}</CHILDREN></SPECIFICATION>`,
  `<SPECIFICATION IDENTIFIER="s2" LONG-NAME="Notes"><CHILDREN>${node('o20')}${node('o12')}</CHILDREN></SPECIFICATION>`,
  '</SPECIFICATIONS>',
  '</REQ-IF-CONTENT></CORE-CONTENT></REQ-IF>',
  '',
].join('\n');

const CODE = '// Implements: SRS-12\nint limit(int rate) { return rate; }\n// Implements: SRS-13\nvoid beep(void) {}\n';

function check(config: object): Promise<CheckResult> {
  const fs = new MemoryFileSystem(path.resolve('/reqif-doors'), {
    'tracelens.json': JSON.stringify({ requirements: ['requirements'], ...config }),
    'requirements/srs.reqif': MODULE,
    'src/limit.c': CODE,
  });
  return checkProject({ root: fs.root, fs, scanner: new LocalScanService(parser, fs) });
}

const items = (result: CheckResult): string[] => result.items.map((item) => `${item.id} ${item.line} ${item.status ?? '-'}`);

test('a bare number gets its module\'s ReqIF.Prefix, as DOORS shows it; code names it; a deleted object is Deleted, so inactive', async () => {
  const result = await check({});
  assert.deepEqual(items(result), ['SRS-12 8 -', 'SRS-13 9 Deleted', 'SRS-14 10 -', '20 11 -']);
  assert.deepEqual(result.references.map((r) => `${r.id} ${r.file}:${r.line}`), ['SRS-12 src/limit.c:1', 'SRS-13 src/limit.c:3']);
  // SRS-13 is deleted: it needs nothing, and code that names it is told so.
  assert.deepEqual(result.findings.filter((f) => f.id === 'SRS-13').map((f) => `${f.rule} ${f.file}:${f.line}`), ['inactive-reference src/limit.c:3']);
  assert.deepEqual(result.findings.filter((f) => f.rule === 'invalid-file'), []);
});

test('reqif.numberPrefix of the config wins over the module\'s prefix', async () => {
  const result = await check({ reqif: { numberPrefix: 'GM-' } });
  assert.deepEqual(items(result), ['GM-12 8 -', 'GM-13 9 Deleted', 'GM-14 10 -', 'GM-20 11 -']);
});
