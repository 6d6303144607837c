// Verifies: TL-080, TL-044, TL-110, TL-115, TL-130
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SuiteTest } from '../../e2e/suiteRunner';
import { fileUri, folder, hoverText, positionOf, rangeText, relativePath, restore, tracelens, writeFile } from './workspace';

/** A requirement written in some format, and a code file whose comment names it. */
interface FormatCase {
  readonly title: string;
  /** Files to write (paths relative to the workspace), the requirement file first. */
  readonly files: Readonly<Record<string, string>>;
  readonly id: string;
  /** The code file and the text in it just before the ID. */
  readonly code: { readonly file: string; readonly before: string };
  /** Where definition lands: `file:line:column-line:column`, or `file:line` where the format's reader decides the columns. */
  readonly definition: string;
  /** What the hover on the tag must say. */
  readonly hover: readonly string[];
}

/** Writes the case's files, waits until the index holds the item and the tag, then checks hover and definition. */
async function checkFormat(format: FormatCase): Promise<void> {
  const api = await tracelens();
  try {
    for (const [file, text] of Object.entries(format.files)) await writeFile(file, text);
    await api.whenSnapshot(folder().uri, (snapshot) => snapshot.items.some((item) => item.id === format.id)
      && snapshot.references.some((reference) => reference.id === format.id && reference.file === format.code.file), 60_000);
    const code = await vscode.workspace.openTextDocument(fileUri(format.code.file));
    const at = positionOf(code, `${format.code.before}${format.id}`, format.code.before.length + 1);
    const { text } = await hoverText(code.uri, at);
    for (const expected of format.hover) assert.ok(text.includes(expected), `hover has "${expected}":\n${text}`);
    const definitions = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', code.uri, at);
    const places = definitions.map((location) => {
      const uri = 'targetUri' in location ? location.targetUri : location.uri;
      const range = 'targetUri' in location ? (location.targetSelectionRange ?? location.targetRange) : location.range;
      return format.definition.includes('-') ? `${relativePath(uri)}:${rangeText(range)}` : `${relativePath(uri)}:${range.start.line + 1}`;
    });
    assert.deepEqual(places, [format.definition]);
  } finally {
    await restore({ created: Object.keys(format.files) });
  }
}

/** Hover and definition on requirements kept in each format the readers understand. */
export const formatCases: FormatCase[] = [
  {
    title: 'formats: an item in a Markdown table row has a hover and a definition at its ID cell',
    files: {
      'requirements/table-items.md': '# More requirements\n\n| ID | Title | Description | Class |\n|----|-------|-------------|-------|\n| REQ-030 | Dose history | The pump keeps the last 30 days of doses. | B |\n',
      'firmware/src/history.c': '// Implements: REQ-030\nint history_days(void) { return 30; }\n',
    },
    id: 'REQ-030',
    code: { file: 'firmware/src/history.c', before: '// Implements: ' },
    definition: 'requirements/table-items.md:5:3-5:10',
    hover: ['**REQ-030** Dose history', 'The pump keeps the last 30 days of doses.'],
  },
  {
    title: 'formats: a StrictDoc requirement has a hover and a definition at its UID',
    files: {
      'requirements/pump.sdoc': "[DOCUMENT]\nTITLE: Pump software requirements (StrictDoc)\n\n[REQUIREMENT]\nUID: REQ-031\nTITLE: Occlusion log\nSTATEMENT: >>>\nThe pump logs every occlusion alarm with its pressure.\n<<<\n",
      'firmware/src/occlusion_log.c': '// Implements: REQ-031\nint occlusion_log(void) { return 0; }\n',
    },
    id: 'REQ-031',
    code: { file: 'firmware/src/occlusion_log.c', before: '// Implements: ' },
    definition: 'requirements/pump.sdoc:5',
    hover: ['**REQ-031** Occlusion log', 'The pump logs every occlusion alarm with its pressure.'],
  },
  {
    title: 'formats: a Doorstop item (UID from its file name) has a hover and a definition in its file',
    files: {
      'requirements/doorstop/.doorstop.yml': "settings:\n  digits: 3\n  prefix: SWD\n  sep: ''\n",
      'requirements/doorstop/SWD001.yml': "active: true\nderived: false\nheader: |\n  Motor stall detection\nlevel: 1.0\nlinks: []\nnormative: true\nref: ''\nreviewed: null\ntext: |\n  The motor driver reports a stall within 200 ms.\n",
      'firmware/src/stall.c': '// Implements: SWD001\nint stall(void) { return 0; }\n',
    },
    id: 'SWD001',
    code: { file: 'firmware/src/stall.c', before: '// Implements: ' },
    definition: 'requirements/doorstop/SWD001.yml:1',
    hover: ['**SWD001** Motor stall detection', 'The motor driver reports a stall within 200 ms.'],
  },
  {
    title: 'formats: a ReqIF SPEC-OBJECT has a hover and a definition at its element',
    files: {
      'requirements/pump.reqif': "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<REQ-IF xmlns=\"http://www.omg.org/spec/ReqIF/20110401/reqif.xsd\">\n  <THE-HEADER>\n    <REQ-IF-HEADER IDENTIFIER=\"_hdr\">\n      <TITLE>Pump export</TITLE>\n    </REQ-IF-HEADER>\n  </THE-HEADER>\n  <CORE-CONTENT>\n    <REQ-IF-CONTENT>\n      <DATATYPES>\n        <DATATYPE-DEFINITION-STRING IDENTIFIER=\"_dt-string\" LONG-NAME=\"String\" MAX-LENGTH=\"256\"/>\n      </DATATYPES>\n      <SPEC-TYPES>\n        <SPEC-OBJECT-TYPE IDENTIFIER=\"_sot\" LONG-NAME=\"Requirement\">\n          <SPEC-ATTRIBUTES>\n            <ATTRIBUTE-DEFINITION-STRING IDENTIFIER=\"_ad-id\" LONG-NAME=\"ReqIF.ForeignID\">\n              <TYPE><DATATYPE-DEFINITION-STRING-REF>_dt-string</DATATYPE-DEFINITION-STRING-REF></TYPE>\n            </ATTRIBUTE-DEFINITION-STRING>\n            <ATTRIBUTE-DEFINITION-STRING IDENTIFIER=\"_ad-name\" LONG-NAME=\"ReqIF.Name\">\n              <TYPE><DATATYPE-DEFINITION-STRING-REF>_dt-string</DATATYPE-DEFINITION-STRING-REF></TYPE>\n            </ATTRIBUTE-DEFINITION-STRING>\n            <ATTRIBUTE-DEFINITION-STRING IDENTIFIER=\"_ad-text\" LONG-NAME=\"ReqIF.Text\">\n              <TYPE><DATATYPE-DEFINITION-STRING-REF>_dt-string</DATATYPE-DEFINITION-STRING-REF></TYPE>\n            </ATTRIBUTE-DEFINITION-STRING>\n          </SPEC-ATTRIBUTES>\n        </SPEC-OBJECT-TYPE>\n      </SPEC-TYPES>\n      <SPEC-OBJECTS>\n        <SPEC-OBJECT IDENTIFIER=\"_so-1\">\n          <TYPE><SPEC-OBJECT-TYPE-REF>_sot</SPEC-OBJECT-TYPE-REF></TYPE>\n          <VALUES>\n            <ATTRIBUTE-VALUE-STRING THE-VALUE=\"REQ-032\"><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>_ad-id</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING>\n            <ATTRIBUTE-VALUE-STRING THE-VALUE=\"Reservoir level\"><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>_ad-name</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING>\n            <ATTRIBUTE-VALUE-STRING THE-VALUE=\"The pump shows the reservoir level in units.\"><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>_ad-text</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING>\n          </VALUES>\n        </SPEC-OBJECT>\n      </SPEC-OBJECTS>\n    </REQ-IF-CONTENT>\n  </CORE-CONTENT>\n</REQ-IF>\n",
      'firmware/src/reservoir.c': '// Implements: REQ-032\nint reservoir_level(void) { return 0; }\n',
    },
    id: 'REQ-032',
    code: { file: 'firmware/src/reservoir.c', before: '// Implements: ' },
    definition: 'requirements/pump.reqif:29',
    hover: ['**REQ-032** Reservoir level', 'The pump shows the reservoir level in units.'],
  },
];

export const formatTests: SuiteTest[] = formatCases.map((format) => ({ title: format.title, timeoutMs: 120_000, body: () => checkFormat(format) }));
