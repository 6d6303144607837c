// Verifies: TL-080, TL-044
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
  /** Where definition lands: `file:line:column-line:column`. */
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
      return `${relativePath(uri)}:${rangeText(range)}`;
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
];

export const formatTests: SuiteTest[] = formatCases.map((format) => ({ title: format.title, timeoutMs: 120_000, body: () => checkFormat(format) }));
