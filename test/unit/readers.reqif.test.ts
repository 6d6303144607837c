// Verifies: TL-130, TL-131, TL-132, TL-133
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { readRequirementBytes, readRequirementFile, readRequirements, type RequirementCache, type ReadResult } from '../../src/core/readers';
import { readReqifText } from '../../src/core/readers/reqif';
import { MemoryFileSystem } from '../../src/core/files/memoryFileSystem';
import type { ReqifSettings } from '../../src/core/config/types';
import type { Item, ItemKind } from '../../src/core/model/types';
import { testConfig } from '../helpers/model';

const kindOf = (id: string): ItemKind => (id.startsWith('TC') ? 'test' : 'requirement');
const read = (text: string, reqif?: ReqifSettings, file = 'specs/srs.reqif'): ReadResult => readRequirementFile(text, { file, kindOf, ...(reqif ? { reqif } : {}) });
const byId = (items: readonly Item[], id: string): Item => {
  const found = items.find((item) => item.id === id);
  assert.ok(found, `no item ${id} in ${items.map((item) => item.id).join(', ')}`);
  return found;
};

/** A DOORS-like export: a heading, two requirements (one with a bare-number ForeignID), a test object. */
const SRS = `<?xml version="1.0" encoding="UTF-8"?>
<REQ-IF xmlns="http://www.omg.org/spec/ReqIF/20110401/reqif.xsd" xmlns:xhtml="http://www.w3.org/1999/xhtml">
  <CORE-CONTENT><REQ-IF-CONTENT>
    <DATATYPES>
      <DATATYPE-DEFINITION-ENUMERATION IDENTIFIER="dt-enum"><SPECIFIED-VALUES>
        <ENUM-VALUE IDENTIFIER="ev-ok" LONG-NAME="Approved"/>
        <ENUM-VALUE IDENTIFIER="ev-no" LONG-NAME="Obsolete"/>
        <ENUM-VALUE IDENTIFIER="ev-c"><PROPERTIES><EMBEDDED-VALUE KEY="2" OTHER-CONTENT="C"/></PROPERTIES></ENUM-VALUE>
      </SPECIFIED-VALUES></DATATYPE-DEFINITION-ENUMERATION>
    </DATATYPES>
    <SPEC-TYPES>
      <SPEC-OBJECT-TYPE IDENTIFIER="t-req" LONG-NAME="Requirement"><SPEC-ATTRIBUTES>
        <ATTRIBUTE-DEFINITION-STRING IDENTIFIER="a-id" LONG-NAME="ReqIF.ForeignID"/>
        <ATTRIBUTE-DEFINITION-STRING IDENTIFIER="a-name" LONG-NAME="ReqIF.Name"/>
        <ATTRIBUTE-DEFINITION-XHTML IDENTIFIER="a-text" LONG-NAME="ReqIF.Text"/>
        <ATTRIBUTE-DEFINITION-ENUMERATION IDENTIFIER="a-status" LONG-NAME="Status"/>
        <ATTRIBUTE-DEFINITION-ENUMERATION IDENTIFIER="a-class" LONG-NAME="Software Safety Class"/>
        <ATTRIBUTE-DEFINITION-INTEGER IDENTIFIER="a-prio" LONG-NAME="Priority"/>
        <ATTRIBUTE-DEFINITION-BOOLEAN IDENTIFIER="a-flag"/>
      </SPEC-ATTRIBUTES></SPEC-OBJECT-TYPE>
      <SPEC-OBJECT-TYPE IDENTIFIER="t-head" LONG-NAME="Heading"><SPEC-ATTRIBUTES>
        <ATTRIBUTE-DEFINITION-XHTML IDENTIFIER="a-chapter" LONG-NAME="ReqIF.ChapterName"/>
      </SPEC-ATTRIBUTES></SPEC-OBJECT-TYPE>
      <SPEC-RELATION-TYPE IDENTIFIER="r-sat" LONG-NAME="satisfies"/>
      <SPEC-RELATION-TYPE IDENTIFIER="r-ver" LONG-NAME="Verified_By"/>
    </SPEC-TYPES>
    <SPEC-OBJECTS>
      <SPEC-OBJECT IDENTIFIER="so-h"><TYPE><SPEC-OBJECT-TYPE-REF>t-head</SPEC-OBJECT-TYPE-REF></TYPE><VALUES>
        <ATTRIBUTE-VALUE-XHTML><DEFINITION><ATTRIBUTE-DEFINITION-XHTML-REF>a-chapter</ATTRIBUTE-DEFINITION-XHTML-REF></DEFINITION><THE-VALUE><xhtml:div>Dosing</xhtml:div></THE-VALUE></ATTRIBUTE-VALUE-XHTML>
      </VALUES></SPEC-OBJECT>
      <SPEC-OBJECT IDENTIFIER="so-1"><TYPE><SPEC-OBJECT-TYPE-REF>t-req</SPEC-OBJECT-TYPE-REF></TYPE><VALUES>
        <ATTRIBUTE-VALUE-STRING THE-VALUE="REQ-001"><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>a-id</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING>
        <ATTRIBUTE-VALUE-STRING THE-VALUE="Bolus limit"><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>a-name</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING>
        <ATTRIBUTE-VALUE-XHTML><DEFINITION><ATTRIBUTE-DEFINITION-XHTML-REF>a-text</ATTRIBUTE-DEFINITION-XHTML-REF></DEFINITION>
          <THE-VALUE><xhtml:div><xhtml:p>Reject a bolus   above the <xhtml:b>limit</xhtml:b>.</xhtml:p><xhtml:ul><xhtml:li>Alarm</xhtml:li><xhtml:li>Log &amp; show</xhtml:li></xhtml:ul></xhtml:div></THE-VALUE>
        </ATTRIBUTE-VALUE-XHTML>
        <ATTRIBUTE-VALUE-ENUMERATION><DEFINITION><ATTRIBUTE-DEFINITION-ENUMERATION-REF>a-status</ATTRIBUTE-DEFINITION-ENUMERATION-REF></DEFINITION><VALUES><ENUM-VALUE-REF>ev-ok</ENUM-VALUE-REF></VALUES></ATTRIBUTE-VALUE-ENUMERATION>
        <ATTRIBUTE-VALUE-ENUMERATION><DEFINITION><ATTRIBUTE-DEFINITION-ENUMERATION-REF>a-class</ATTRIBUTE-DEFINITION-ENUMERATION-REF></DEFINITION><VALUES><ENUM-VALUE-REF>ev-c</ENUM-VALUE-REF></VALUES></ATTRIBUTE-VALUE-ENUMERATION>
        <ATTRIBUTE-VALUE-INTEGER THE-VALUE="2"><DEFINITION><ATTRIBUTE-DEFINITION-INTEGER-REF>a-prio</ATTRIBUTE-DEFINITION-INTEGER-REF></DEFINITION></ATTRIBUTE-VALUE-INTEGER>
        <ATTRIBUTE-VALUE-BOOLEAN THE-VALUE="true"><DEFINITION><ATTRIBUTE-DEFINITION-BOOLEAN-REF>a-flag</ATTRIBUTE-DEFINITION-BOOLEAN-REF></DEFINITION></ATTRIBUTE-VALUE-BOOLEAN>
      </VALUES></SPEC-OBJECT>
      <SPEC-OBJECT IDENTIFIER="so-2"><TYPE><SPEC-OBJECT-TYPE-REF>t-req</SPEC-OBJECT-TYPE-REF></TYPE><VALUES>
        <ATTRIBUTE-VALUE-STRING THE-VALUE="12"><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>a-id</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING>
        <ATTRIBUTE-VALUE-ENUMERATION><DEFINITION><ATTRIBUTE-DEFINITION-ENUMERATION-REF>a-status</ATTRIBUTE-DEFINITION-ENUMERATION-REF></DEFINITION><VALUES><ENUM-VALUE-REF>ev-no</ENUM-VALUE-REF></VALUES></ATTRIBUTE-VALUE-ENUMERATION>
      </VALUES></SPEC-OBJECT>
      <SPEC-OBJECT IDENTIFIER="TC-7"><TYPE><SPEC-OBJECT-TYPE-REF>t-req</SPEC-OBJECT-TYPE-REF></TYPE></SPEC-OBJECT>
    </SPEC-OBJECTS>
    <SPEC-RELATIONS>
      <SPEC-RELATION IDENTIFIER="rel-1"><TYPE><SPEC-RELATION-TYPE-REF>r-sat</SPEC-RELATION-TYPE-REF></TYPE>
        <SOURCE><SPEC-OBJECT-REF>so-1</SPEC-OBJECT-REF></SOURCE><TARGET><SPEC-OBJECT-REF>so-2</SPEC-OBJECT-REF></TARGET></SPEC-RELATION>
      <SPEC-RELATION IDENTIFIER="rel-2"><TYPE><SPEC-RELATION-TYPE-REF>r-ver</SPEC-RELATION-TYPE-REF></TYPE>
        <SOURCE><SPEC-OBJECT-REF>so-1</SPEC-OBJECT-REF></SOURCE><TARGET><SPEC-OBJECT-REF>TC-7</SPEC-OBJECT-REF></TARGET></SPEC-RELATION>
    </SPEC-RELATIONS>
    <SPECIFICATIONS>
      <SPECIFICATION IDENTIFIER="spec" LONG-NAME="SRS"><CHILDREN>
        <SPEC-HIERARCHY IDENTIFIER="h1"><OBJECT><SPEC-OBJECT-REF>so-h</SPEC-OBJECT-REF></OBJECT><CHILDREN>
          <SPEC-HIERARCHY IDENTIFIER="h2"><OBJECT><SPEC-OBJECT-REF>so-1</SPEC-OBJECT-REF></OBJECT></SPEC-HIERARCHY>
        </CHILDREN></SPEC-HIERARCHY>
      </CHILDREN></SPECIFICATION>
    </SPECIFICATIONS>
  </REQ-IF-CONTENT></CORE-CONTENT>
</REQ-IF>
`;

/** A minimal document around `objects` and `relations` (element text), with one ID attribute and one relation type. */
function doc(objects: string, relations = '', types = '<SPEC-RELATION-TYPE IDENTIFIER="r" LONG-NAME="Satisfies"/>'): string {
  return `<REQ-IF><CORE-CONTENT><REQ-IF-CONTENT>
<SPEC-TYPES><SPEC-OBJECT-TYPE IDENTIFIER="t" LONG-NAME="Requirement"><SPEC-ATTRIBUTES><ATTRIBUTE-DEFINITION-STRING IDENTIFIER="id" LONG-NAME="ReqIF.ForeignID"/><ATTRIBUTE-DEFINITION-STRING IDENTIFIER="key" LONG-NAME="Key"/></SPEC-ATTRIBUTES></SPEC-OBJECT-TYPE>${types}</SPEC-TYPES>
<SPEC-OBJECTS>
${objects}
</SPEC-OBJECTS>
<SPEC-RELATIONS>
${relations}
</SPEC-RELATIONS>
</REQ-IF-CONTENT></CORE-CONTENT></REQ-IF>
`;
}

/** One SPEC-OBJECT on one line, with its ForeignID (and Key) values. */
function object(identifier: string, foreignId?: string, key?: string): string {
  const value = (definition: string, text: string): string =>
    `<ATTRIBUTE-VALUE-STRING THE-VALUE="${text}"><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>${definition}</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING>`;
  const values = [foreignId !== undefined ? value('id', foreignId) : '', key !== undefined ? value('key', key) : ''].join('');
  return `<SPEC-OBJECT IDENTIFIER="${identifier}"><TYPE><SPEC-OBJECT-TYPE-REF>t</SPEC-OBJECT-TYPE-REF></TYPE><VALUES>${values}</VALUES></SPEC-OBJECT>`;
}

function relation(type: string, source: string, target: string): string {
  return `<SPEC-RELATION><TYPE><SPEC-RELATION-TYPE-REF>${type}</SPEC-RELATION-TYPE-REF></TYPE><SOURCE><SPEC-OBJECT-REF>${source}</SPEC-OBJECT-REF></SOURCE><TARGET><SPEC-OBJECT-REF>${target}</SPEC-OBJECT-REF></TARGET></SPEC-RELATION>`;
}

test('every SPEC-OBJECT is an item at its element, with the exported ID, else its IDENTIFIER', () => {
  const { items, problems } = read(SRS);
  assert.deepEqual(problems, []);
  assert.deepEqual(items.map((i) => [i.id, i.line, i.column, i.endLine, i.endColumn, i.kind, i.format]), [
    ['so-h', 28, 7, 30, 19, 'requirement', 'reqif'],
    ['REQ-001', 31, 7, 41, 19, 'requirement', 'reqif'],
    ['12', 42, 7, 45, 19, 'requirement', 'reqif'],
    ['TC-7', 46, 7, 46, 19, 'test', 'reqif'],
  ]);
});

test('title, text from XHTML, enumeration names, status and class, every other attribute by its name', () => {
  const item = byId(read(SRS).items, 'REQ-001');
  assert.equal(item.title, 'Bolus limit');
  assert.equal(item.text, 'Reject a bolus above the limit.\n- Alarm\n- Log & show');
  assert.equal(item.status, 'Approved');
  // The class value has no LONG-NAME: its key's OTHER-CONTENT names it.
  assert.equal(item.safetyClass, 'C');
  assert.deepEqual(item.attributes, {
    'reqif.foreignid': 'REQ-001', status: 'Approved', 'software safety class': 'C', priority: '2',
    // A definition without LONG-NAME is named by its IDENTIFIER.
    'a-flag': 'true',
    'reqif.identifier': 'so-1', 'reqif.type': 'Requirement', 'reqif.specification': 'SRS', 'reqif.section': '1.1', 'reqif.chapter': 'Dosing',
  });
  assert.equal(item.needs, undefined);
  assert.equal(byId(read(SRS).items, '12').status, 'Obsolete');
});

test('a chapter heading is an item that needs nothing', () => {
  const heading = byId(read(SRS).items, 'so-h');
  assert.equal(heading.title, 'Dosing');
  assert.equal(heading.text, '');
  assert.deepEqual(heading.needs, []);
  assert.equal(heading.attributes['reqif.section'], '1');
  // A requirement-typed object with a chapter name and no text is a heading too (DOORS writes headings so).
  const text = doc(`<SPEC-OBJECT IDENTIFIER="h"><VALUES><ATTRIBUTE-VALUE-STRING THE-VALUE="Alarms"><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>ch</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING></VALUES></SPEC-OBJECT>`)
    .replace('<ATTRIBUTE-DEFINITION-STRING IDENTIFIER="key"', '<ATTRIBUTE-DEFINITION-STRING IDENTIFIER="ch" LONG-NAME="ReqIF.ChapterName"/><ATTRIBUTE-DEFINITION-STRING IDENTIFIER="key"');
  assert.deepEqual(read(text).items.map((i) => [i.id, i.title, i.needs]), [['h', 'Alarms', []]]);
});

test('relations are links at the other end\'s reference: "satisfies" gives the source a parent, "Verified_By" the target a verifies', () => {
  const items = read(SRS).items;
  assert.deepEqual(byId(items, 'REQ-001').links, [{ file: 'specs/srs.reqif', line: 50, column: 90, kind: 'parent', target: '12' }]);
  assert.deepEqual(byId(items, 'TC-7').links, [{ file: 'specs/srs.reqif', line: 52, column: 34, kind: 'verifies', target: 'REQ-001' }]);
});

test('a bare-number ID stays a number, unless numberPrefix makes it an ID code can name; links follow', () => {
  const items = read(SRS, { numberPrefix: 'SRS-' }).items;
  assert.deepEqual(items.map((i) => i.id), ['so-h', 'REQ-001', 'SRS-12', 'TC-7']);
  assert.equal(byId(items, 'REQ-001').links[0]!.target, 'SRS-12');
  assert.equal(byId(items, 'SRS-12').attributes['reqif.foreignid'], '12');
});

test('the ID attribute is configurable', () => {
  const text = doc(`${object('a', '7', 'KEY-1')}\n${object('b', '8')}`);
  assert.deepEqual(read(text, { idAttribute: 'key' }).items.map((i) => [i.id, i.attributes['reqif.foreignid']]), [['KEY-1', '7'], ['b', '8']]);
});

test('relation types by name, built in or configured; a type of no known meaning is reported once, with its count', () => {
  const text = doc(
    `${object('a', 'REQ-1')}\n${object('b', 'SYS-1')}\n${object('c', 'RISK-1')}`,
    `${relation('r', 'a', 'b')}\n${relation('x', 'a', 'b')}\n${relation('x', 'c', 'b')}\n${relation('m', 'a', 'c')}`,
    '<SPEC-RELATION-TYPE IDENTIFIER="r" LONG-NAME="Refines"/><SPEC-RELATION-TYPE IDENTIFIER="x" LONG-NAME="DOORS Links"/><SPEC-RELATION-TYPE IDENTIFIER="m" LONG-NAME="Is mitigated by"/>',
  );
  const plain = read(text);
  assert.deepEqual(plain.items.map((i) => [i.id, i.links.map((l) => `${l.kind} ${l.target}`)]), [
    ['REQ-1', ['parent SYS-1']], ['SYS-1', []], ['RISK-1', ['mitigates REQ-1']],
  ]);
  assert.deepEqual(plain.problems.map((p) => [p.line, p.column, p.message.slice(0, 70)]), [
    [10, 1, '2 SPEC-RELATIONs of type "DOORS Links" are not read as links: say what'],
  ]);
  const mapped = read(text, { relationTypes: { 'doors links': 'parent' } });
  assert.deepEqual(mapped.problems, []);
  assert.deepEqual(byId(mapped.items, 'RISK-1').links.map((l) => `${l.kind} ${l.target}`), ['parent SYS-1', 'mitigates REQ-1']);
  const silenced = read(text, { relationTypes: { 'doors links': 'none' } });
  assert.deepEqual(silenced.problems, []);
  assert.deepEqual(byId(silenced.items, 'RISK-1').links.map((l) => `${l.kind} ${l.target}`), ['mitigates REQ-1']);
});

test('references to what the file does not define are problems at the reference; the rest is read', () => {
  const text = doc(
    `${object('a', 'REQ-1')}\n<SPEC-OBJECT IDENTIFIER="b"><VALUES><ATTRIBUTE-VALUE-STRING THE-VALUE="x"><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>nope</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING></VALUES></SPEC-OBJECT>\n<SPEC-OBJECT/>`,
    relation('r', 'a', 'ghost'),
  );
  const { items, problems } = read(text);
  assert.deepEqual(items.map((i) => i.id), ['REQ-1', 'b']);
  assert.deepEqual(problems.map((p) => [p.line, p.column, p.message]), [
    [5, 120, 'Attribute definition "nope" is not defined in this file: its value is not read.'],
    [6, 1, 'SPEC-OBJECT without an IDENTIFIER: it cannot be read.'],
    [9, 157, 'The target of this SPEC-RELATION, "ghost", is no SPEC-OBJECT of this file.'],
  ]);
});

test('a default value of the type applies where the object has none', () => {
  const text = doc(`${object('a', 'REQ-1')}\n${object('b', 'REQ-2')}`).replace(
    '<ATTRIBUTE-DEFINITION-STRING IDENTIFIER="key" LONG-NAME="Key"/>',
    '<ATTRIBUTE-DEFINITION-STRING IDENTIFIER="st" LONG-NAME="Status"><DEFAULT-VALUE><ATTRIBUTE-VALUE-STRING THE-VALUE="Draft"><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>st</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING></DEFAULT-VALUE></ATTRIBUTE-DEFINITION-STRING>',
  ).replace('THE-VALUE="REQ-2"><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>id</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING>',
    'THE-VALUE="REQ-2"><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>id</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING><ATTRIBUTE-VALUE-STRING THE-VALUE="Approved"><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>st</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING>');
  assert.deepEqual(read(text).items.map((i) => [i.id, i.status]), [['REQ-1', 'Draft'], ['REQ-2', 'Approved']]);
});

test('a namespace prefix on ReqIF elements changes nothing', () => {
  const text = doc(object('a', 'REQ-1')).replace(/<(\/?)([A-Z])/g, '<$1reqif:$2').replace('<reqif:REQ-IF>', '<reqif:REQ-IF xmlns:reqif="http://www.omg.org/spec/ReqIF/20110401/reqif.xsd">');
  const { items, problems } = read(text);
  assert.deepEqual(problems, []);
  assert.deepEqual(items.map((i) => [i.id, i.line, i.column, i.endColumn]), [['REQ-1', 4, 1, 19]]);
});

test('malformed XML is one problem at its line, and no items', () => {
  const truncated = SRS.slice(0, SRS.indexOf('<SPEC-RELATIONS>'));
  const { items, problems } = read(truncated);
  assert.deepEqual(items, []);
  assert.equal(problems.length, 1);
  assert.match(problems[0]!.message, /^Malformed XML: /);
  assert.equal(problems[0]!.line, 48);
  const mismatched = read(doc(object('a', 'REQ-1')).replace('</VALUES>', '</VALUE>'));
  assert.deepEqual(mismatched.problems.map((p) => [p.line, p.message]), [[4, 'Malformed XML: unexpected close tag.']]);
  assert.deepEqual(read('<html><body/></html>').problems.map((p) => [p.line, p.column, p.message]), [[1, 1, 'Not a ReqIF file: the root element is <html>, not <REQ-IF>.']]);
  assert.deepEqual(read('').problems.map((p) => p.line), [1]);
});

test('a DOCTYPE that declares entities is rejected at once, never expanded (billion laughs)', () => {
  const levels = Array.from({ length: 9 }, (_, i) => `  <!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('\n');
  const bomb = `<?xml version="1.0"?>\n<!DOCTYPE REQ-IF [\n  <!ENTITY lol0 "lol">\n${levels}\n]>\n<REQ-IF>&lol9;</REQ-IF>\n`;
  const started = process.hrtime.bigint();
  const { items, problems } = read(bomb);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  assert.deepEqual(items, []);
  assert.deepEqual(problems.map((p) => [p.line, p.column]), [[2, 1]]);
  assert.match(problems[0]!.message, /DOCTYPE declares entities/);
  assert.ok(ms < 200, `took ${ms} ms`);
  // An entity that is not declared is never looked up elsewhere either.
  assert.match(read(doc(object('a', '&ext;'))).problems[0]!.message, /^Malformed XML: undefined entity/);
});

/** A `.reqifz` of `files` (name → text). */
function reqifz(files: Record<string, string | Uint8Array>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, content]) => [name, typeof content === 'string' ? strToU8(content) : content])));
}

test('a .reqifz archive: every inner .reqif read, items at the archive\'s first line with the inner place as attributes', () => {
  const bytes = reqifz({
    'b/second.reqif': doc(object('x', 'REQ-9')),
    'a/first.reqif': doc(`${object('a', 'REQ-1')}\n${object('b', 'REQ-2')}`, `${relation('r', 'a', 'b')}\n${relation('?', 'a', 'b')}`),
    'files/figure.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
  });
  const { items, problems } = readRequirementBytes(bytes, { file: 'export.reqifz', kindOf });
  assert.deepEqual(items.map((i) => [i.id, i.file, i.line, i.column, i.attributes['reqif.file'], i.attributes['reqif.line']]), [
    ['REQ-1', 'export.reqifz', 1, 1, 'a/first.reqif', '4'],
    ['REQ-2', 'export.reqifz', 1, 1, 'a/first.reqif', '5'],
    ['REQ-9', 'export.reqifz', 1, 1, 'b/second.reqif', '4'],
  ]);
  assert.deepEqual(items[0]!.links.map((l) => [l.kind, l.target, l.line, l.column]), [['parent', 'REQ-2', 1, 1]]);
  assert.deepEqual(problems.map((p) => [p.file, p.line, p.column, p.message.slice(0, 67)]), [
    ['export.reqifz', 1, 1, 'a/first.reqif:9:1: 1 SPEC-RELATION of type "?" is not read as links'],
  ]);
});

test('a truncated archive, one without a .reqif, or a damaged inner file: a problem on the archive, never a throw', () => {
  const good = reqifz({ 'srs.reqif': doc(object('a', 'REQ-1')) });
  const problemsOf = (bytes: Uint8Array): string[] => readRequirementBytes(bytes, { file: 'x.reqifz', kindOf }).problems.map((p) => `${p.line}:${p.column} ${p.message}`);
  assert.deepEqual(problemsOf(good.slice(0, good.length - 20)), ['1:1 Not a readable .reqifz archive (a zip of .reqif files): invalid zip data.']);
  assert.deepEqual(problemsOf(reqifz({ 'readme.txt': 'hello' })), ['1:1 The .reqifz archive holds no .reqif file.']);
  assert.deepEqual(problemsOf(reqifz({ 'srs.reqif': '<REQ-IF><CORE-CONTENT>\n</REQ-IF>' })), ['1:1 srs.reqif:2:9: Malformed XML: unexpected close tag.']);
  // As text (an editor buffer), an archive is not read at all.
  assert.deepEqual(readRequirementFile('PK', { file: 'x.reqifz', kindOf }).problems.map((p) => p.message), ['A .reqifz archive is read from its bytes on disk, not as text.']);
});

test('reading a project: .reqif and .reqifz files beside Markdown, a bad one never hiding the others, archives cached by content', async () => {
  const fs = new MemoryFileSystem(path.resolve('/reqif-project'), {
    'requirements/srs.reqif': SRS,
    'requirements/broken.reqif': '<REQ-IF>',
    'requirements/system.reqifz': reqifz({ 'system.reqif': doc(object('s', 'SYS-1')) }),
    'requirements/risks.md': '## RISK-001: Overdose\n',
  });
  const files = ['requirements/broken.reqif', 'requirements/risks.md', 'requirements/srs.reqif', 'requirements/system.reqifz'];
  const stored = new Map<string, ReadResult>();
  let hits = 0;
  const cache: RequirementCache = {
    getRequirements: (file, hash, key) => {
      const found = stored.get(`${file} ${hash} ${key}`);
      if (found) hits++;
      return found;
    },
    setRequirements: (file, hash, key, result) => void stored.set(`${file} ${hash} ${key}`, result),
  };
  const first = await readRequirements(fs, fs.root, files, testConfig(), cache);
  assert.deepEqual(first.items.map((i) => `${i.file}:${i.line} ${i.id}`), [
    'requirements/risks.md:1 RISK-001',
    'requirements/srs.reqif:28 so-h', 'requirements/srs.reqif:31 REQ-001', 'requirements/srs.reqif:42 12', 'requirements/srs.reqif:46 TC-7',
    'requirements/system.reqifz:1 SYS-1',
  ]);
  assert.deepEqual(first.problems.map((p) => `${p.file}:${p.line}:${p.column}`), ['requirements/broken.reqif:1:8']);
  const second = await readRequirements(fs, fs.root, files, testConfig(), cache);
  assert.equal(hits, 4);
  assert.deepEqual(second, first);
  // The reqif settings decide items: another numberPrefix is another cache key.
  const prefixed = await readRequirements(fs, fs.root, files, testConfig({ reqif: { numberPrefix: 'SRS-' } }), cache);
  assert.equal(hits, 4);
  assert.ok(prefixed.items.some((i) => i.id === 'SRS-12'));
});

test('10,000 SPEC-OBJECTs read in under a second', () => {
  const objects = Array.from({ length: 10_000 }, (_, i) => object(`so-${i}`, `REQ-${i + 1}`)).join('\n');
  const relations = Array.from({ length: 5_000 }, (_, i) => relation('r', `so-${2 * i + 1}`, `so-${2 * i}`)).join('\n');
  const text = doc(objects, relations);
  readReqifText(doc(object('warm', 'REQ-0')), { file: 'warm.reqif', kindOf });
  // Processor time, not wall time: other processes on a shared machine must not fail the test.
  const started = process.cpuUsage();
  const { items, problems } = readReqifText(text, { file: 'big.reqif', kindOf });
  const used = process.cpuUsage(started);
  const ms = (used.user + used.system) / 1000;
  assert.equal(items.length, 10_000);
  assert.deepEqual(problems, []);
  assert.equal(items[1]!.links[0]!.target, 'REQ-1');
  assert.ok(ms < 1000, `took ${ms} ms`);
});
