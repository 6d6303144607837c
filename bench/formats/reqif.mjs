// Implements: TL-133
/**
 * A ReqIF corpus: one DOORS-like module export holding `count` SPEC-OBJECTs (a chapter heading
 * every 50 objects, the others requirements with a bare-number ReqIF.ForeignID, XHTML text, an
 * enumeration status and safety class), every second requirement satisfying the one before it.
 * tracelens.json sets the numberPrefix that makes the bare numbers IDs. No code.
 *
 *   node -e "import('./bench/formats/reqif.mjs').then((m) => m.writeCorpus('/tmp/reqif-10k', 10000))"
 */
import fs from 'node:fs';
import path from 'node:path';

const STAMP = '2025-01-01T00:00:00Z';

function value(type, definition, attributes, inner = '') {
  return `            <ATTRIBUTE-VALUE-${type}${attributes}>\n              <DEFINITION><ATTRIBUTE-DEFINITION-${type}-REF>${definition}</ATTRIBUTE-DEFINITION-${type}-REF></DEFINITION>${inner}\n            </ATTRIBUTE-VALUE-${type}>\n`;
}

function specObject(n) {
  const heading = n % 50 === 1;
  const values = [value('STRING', 'ad-id', ` THE-VALUE="${n}"`)];
  if (heading) {
    values.push(value('XHTML', 'ad-chapter', '', `\n              <THE-VALUE><xhtml:div>Chapter ${Math.ceil(n / 50)}</xhtml:div></THE-VALUE>`));
  } else {
    values.push(value('XHTML', 'ad-text', '', `\n              <THE-VALUE><xhtml:div><xhtml:p>The pump shall keep rate ${n} within <xhtml:b>5%</xhtml:b> of the programmed value.</xhtml:p></xhtml:div></THE-VALUE>`));
    values.push(value('ENUMERATION', 'ad-status', '', `\n              <VALUES><ENUM-VALUE-REF>ev-${n % 7 === 0 ? 'draft' : 'approved'}</ENUM-VALUE-REF></VALUES>`));
    values.push(value('ENUMERATION', 'ad-class', '', `\n              <VALUES><ENUM-VALUE-REF>ev-class-${'abc'[n % 3]}</ENUM-VALUE-REF></VALUES>`));
  }
  return `        <SPEC-OBJECT IDENTIFIER="so-${n}" LAST-CHANGE="${STAMP}">\n          <TYPE><SPEC-OBJECT-TYPE-REF>sot</SPEC-OBJECT-TYPE-REF></TYPE>\n          <VALUES>\n${values.join('')}          </VALUES>\n        </SPEC-OBJECT>\n`;
}

function enumeration(identifier, names) {
  const values = names.map(([id, name]) => `            <ENUM-VALUE IDENTIFIER="${id}" LONG-NAME="${name}" LAST-CHANGE="${STAMP}"/>\n`).join('');
  return `        <DATATYPE-DEFINITION-ENUMERATION IDENTIFIER="${identifier}" LAST-CHANGE="${STAMP}">\n          <SPECIFIED-VALUES>\n${values}          </SPECIFIED-VALUES>\n        </DATATYPE-DEFINITION-ENUMERATION>\n`;
}

function definition(type, identifier, name) {
  return `            <ATTRIBUTE-DEFINITION-${type} IDENTIFIER="${identifier}" LONG-NAME="${name}" LAST-CHANGE="${STAMP}"/>\n`;
}

/** Writes `dir/tracelens.json` and `dir/requirements/module.reqif` with `count` objects. */
export function writeCorpus(dir, count) {
  fs.mkdirSync(path.join(dir, 'requirements'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'tracelens.json'), `${JSON.stringify({ requirements: ['requirements'], reqif: { numberPrefix: 'PUMP-' } }, null, 2)}\n`);
  const parts = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<REQ-IF xmlns="http://www.omg.org/spec/ReqIF/20110401/reqif.xsd" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n',
    `  <THE-HEADER><REQ-IF-HEADER IDENTIFIER="hdr"><REQ-IF-VERSION>1.0</REQ-IF-VERSION><TITLE>Benchmark module</TITLE></REQ-IF-HEADER></THE-HEADER>\n`,
    '  <CORE-CONTENT>\n    <REQ-IF-CONTENT>\n      <DATATYPES>\n',
    enumeration('dt-status', [['ev-draft', 'Draft'], ['ev-approved', 'Approved']]),
    enumeration('dt-class', [['ev-class-a', 'Class A'], ['ev-class-b', 'Class B'], ['ev-class-c', 'Class C']]),
    '      </DATATYPES>\n      <SPEC-TYPES>\n',
    `        <SPEC-OBJECT-TYPE IDENTIFIER="sot" LONG-NAME="Module object" LAST-CHANGE="${STAMP}">\n          <SPEC-ATTRIBUTES>\n`,
    definition('STRING', 'ad-id', 'ReqIF.ForeignID'),
    definition('XHTML', 'ad-chapter', 'ReqIF.ChapterName'),
    definition('XHTML', 'ad-text', 'ReqIF.Text'),
    definition('ENUMERATION', 'ad-status', 'Status'),
    definition('ENUMERATION', 'ad-class', 'Safety Class'),
    '          </SPEC-ATTRIBUTES>\n        </SPEC-OBJECT-TYPE>\n',
    `        <SPEC-RELATION-TYPE IDENTIFIER="srt" LONG-NAME="Satisfies" LAST-CHANGE="${STAMP}"/>\n`,
    '      </SPEC-TYPES>\n      <SPEC-OBJECTS>\n',
  ];
  for (let n = 1; n <= count; n++) parts.push(specObject(n));
  parts.push('      </SPEC-OBJECTS>\n      <SPEC-RELATIONS>\n');
  for (let n = 3; n <= count; n += 2) {
    if (n % 50 === 1 || (n - 1) % 50 === 1) continue;
    parts.push(`        <SPEC-RELATION IDENTIFIER="rel-${n}" LAST-CHANGE="${STAMP}"><TYPE><SPEC-RELATION-TYPE-REF>srt</SPEC-RELATION-TYPE-REF></TYPE><SOURCE><SPEC-OBJECT-REF>so-${n}</SPEC-OBJECT-REF></SOURCE><TARGET><SPEC-OBJECT-REF>so-${n - 1}</SPEC-OBJECT-REF></TARGET></SPEC-RELATION>\n`);
  }
  parts.push('      </SPEC-RELATIONS>\n      <SPECIFICATIONS>\n        <SPECIFICATION IDENTIFIER="spec" LONG-NAME="Benchmark module"><CHILDREN>\n');
  for (let n = 1; n <= count; n++) {
    const heading = n % 50 === 1;
    if (heading && n > 1) parts.push('        </CHILDREN></SPEC-HIERARCHY>\n');
    parts.push(heading
      ? `        <SPEC-HIERARCHY IDENTIFIER="sh-${n}"><OBJECT><SPEC-OBJECT-REF>so-${n}</SPEC-OBJECT-REF></OBJECT><CHILDREN>\n`
      : `          <SPEC-HIERARCHY IDENTIFIER="sh-${n}"><OBJECT><SPEC-OBJECT-REF>so-${n}</SPEC-OBJECT-REF></OBJECT></SPEC-HIERARCHY>\n`);
  }
  if (count > 0) parts.push('        </CHILDREN></SPEC-HIERARCHY>\n');
  parts.push('        </CHILDREN></SPECIFICATION>\n      </SPECIFICATIONS>\n    </REQ-IF-CONTENT>\n  </CORE-CONTENT>\n</REQ-IF>\n');
  fs.writeFileSync(path.join(dir, 'requirements', 'module.reqif'), parts.join(''));
}
