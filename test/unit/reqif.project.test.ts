// Verifies: TL-132, TL-134
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { CommentParser } from '../../src/parsing/commentParser';
import { LocalScanService } from '../../src/core/scan/localScanService';
import { checkProject, type CheckResult } from '../../src/core/project/check';
import { ProjectIndex } from '../../src/core/project/projectIndex';
import { MemoryFileSystem } from '../../src/core/files/memoryFileSystem';

let parser: CommentParser;
before(async () => { parser = await CommentParser.create(); });
after(() => parser.dispose());

/** A DOORS-like module: objects with bare-number ForeignIDs 12 and 13, 13 satisfying 12. */
const MODULE = `<?xml version="1.0" encoding="UTF-8"?>
<REQ-IF><CORE-CONTENT><REQ-IF-CONTENT>
<SPEC-TYPES>
<SPEC-OBJECT-TYPE IDENTIFIER="t"><SPEC-ATTRIBUTES><ATTRIBUTE-DEFINITION-STRING IDENTIFIER="id" LONG-NAME="ReqIF.ForeignID"/><ATTRIBUTE-DEFINITION-STRING IDENTIFIER="tx" LONG-NAME="ReqIF.Text"/></SPEC-ATTRIBUTES></SPEC-OBJECT-TYPE>
<SPEC-RELATION-TYPE IDENTIFIER="sat" LONG-NAME="Satisfies"/>
</SPEC-TYPES>
<SPEC-OBJECTS>
<SPEC-OBJECT IDENTIFIER="o12"><VALUES><ATTRIBUTE-VALUE-STRING THE-VALUE="12"><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>id</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING><ATTRIBUTE-VALUE-STRING THE-VALUE="Limit the rate."><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>tx</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING></VALUES></SPEC-OBJECT>
<SPEC-OBJECT IDENTIFIER="o13"><VALUES><ATTRIBUTE-VALUE-STRING THE-VALUE="13"><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>id</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING><ATTRIBUTE-VALUE-STRING THE-VALUE="Alarm above it."><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>tx</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING></VALUES></SPEC-OBJECT>
</SPEC-OBJECTS>
<SPEC-RELATIONS>
<SPEC-RELATION IDENTIFIER="r"><TYPE><SPEC-RELATION-TYPE-REF>sat</SPEC-RELATION-TYPE-REF></TYPE><SOURCE><SPEC-OBJECT-REF>o13</SPEC-OBJECT-REF></SOURCE><TARGET><SPEC-OBJECT-REF>o12</SPEC-OBJECT-REF></TARGET></SPEC-RELATION>
</SPEC-RELATIONS>
</REQ-IF-CONTENT></CORE-CONTENT></REQ-IF>
`;

const CODE = `/* Rate limit: see table 12 of the data sheet and requirement 13. */
// Implements: SRS-12
int limit(int rate) { return rate > 100 ? 100 : rate; }
`;

function project(config: object, files: Record<string, string | Uint8Array> = {}): MemoryFileSystem {
  return new MemoryFileSystem(path.resolve('/reqif-memory'), {
    'tracelens.json': JSON.stringify({ requirements: ['requirements'], ...config }),
    'requirements/module.reqifz': zipSync({ 'module.reqif': strToU8(MODULE), 'files/logo.png': new Uint8Array([1, 2, 3]) }),
    'src/limit.c': CODE,
    ...files,
  });
}

function check(fs: MemoryFileSystem): Promise<CheckResult> {
  return checkProject({ root: fs.root, fs, scanner: new LocalScanService(parser, fs) });
}

const findings = (result: CheckResult): string[] => result.findings.map((f) => `${f.rule} ${f.id ?? '-'} ${f.file}:${f.line}:${f.column}`);

test('bare numbers are never references: without numberPrefix the items keep them and code names nothing', async () => {
  const result = await check(project({}));
  assert.deepEqual(result.items.map((item) => [item.id, item.file, item.line, item.attributes['reqif.line']]), [
    ['12', 'requirements/module.reqifz', 1, '8'], ['13', 'requirements/module.reqifz', 1, '9'],
  ]);
  assert.deepEqual(result.references, []);
  // Everything of an archive is at its 1:1; findings there are in rule order.
  assert.deepEqual(findings(result), [
    'unimplemented 12 requirements/module.reqifz:1:1', 'unimplemented 13 requirements/module.reqifz:1:1',
    'unverified 12 requirements/module.reqifz:1:1', 'unverified 13 requirements/module.reqifz:1:1',
  ]);
});

test('with numberPrefix the items are SRS-12 and SRS-13: the tag traces, the bare numbers in prose still do not', async () => {
  const result = await check(project({ reqif: { numberPrefix: 'SRS-' } }));
  assert.deepEqual(result.items.map((item) => [item.id, item.links.map((link) => `${link.kind} ${link.target}`)]), [['SRS-12', []], ['SRS-13', ['parent SRS-12']]]);
  assert.deepEqual(result.references.map((r) => `${r.relation} ${r.id} ${r.file}:${r.line}:${r.column}`), ['implements SRS-12 src/limit.c:2:16']);
  assert.deepEqual(findings(result), [
    'unimplemented SRS-13 requirements/module.reqifz:1:1', 'unverified SRS-12 requirements/module.reqifz:1:1', 'unverified SRS-13 requirements/module.reqifz:1:1',
  ]);
});

test('a ReqIF file without SPEC-OBJECTs is reported as holding no items, a damaged archive as invalid', async () => {
  const result = await check(project({ reqif: { numberPrefix: 'SRS-' } }, {
    'requirements/empty.reqif': '<REQ-IF><CORE-CONTENT><REQ-IF-CONTENT><SPEC-OBJECTS/></REQ-IF-CONTENT></CORE-CONTENT></REQ-IF>\n',
    'requirements/damaged.reqifz': new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]),
  }));
  const messages = result.findings.filter((f) => f.rule === 'no-items' || f.rule === 'invalid-file').map((f) => `${f.rule} ${f.file}:${f.line}:${f.column} ${f.message}`);
  assert.deepEqual(messages, [
    'invalid-file requirements/damaged.reqifz:1:1 Not a readable .reqifz archive (a zip of .reqif files): invalid zip data.',
    'no-items requirements/empty.reqif:1:1 requirements/empty.reqif holds no items: no SPEC-OBJECT in its SPEC-OBJECTS.',
  ]);
  assert.equal(result.items.length, 2);
});

test('in the editor, an archive is read from disk whatever text a buffer of it holds', async () => {
  const fs = project({ reqif: { numberPrefix: 'SRS-' } });
  const index = new ProjectIndex(fs.root, fs, parser, new LocalScanService(parser, fs));
  try {
    await index.load();
    assert.deepEqual(index.snapshot().items.map((item) => item.id), ['SRS-12', 'SRS-13']);
    await index.setRequirementText('requirements/module.reqifz', 'PK\u0003\u0004 as an editor decodes it');
    assert.deepEqual(index.snapshot().items.map((item) => item.id), ['SRS-12', 'SRS-13']);
    assert.deepEqual(index.snapshot().findings.filter((f) => f.rule === 'invalid-file'), []);
  } finally {
    index.dispose();
  }
});
