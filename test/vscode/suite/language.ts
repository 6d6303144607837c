// Verifies: TL-043, TL-044, TL-045
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SuiteTest } from '../../e2e/suiteRunner';
import { UNKNOWN_ID_FILE } from './diagnostics';
import {
  BASELINE, fileUri, hoverText, positionOf, rangeText, relativePath, restore, textAt, tracelens, waitForExactDiagnostics,
  waitUntil, withLines, writeFile,
} from './workspace';

/** `file:line:column` (1-based) of a location or location link. */
function place(location: vscode.Location | vscode.LocationLink): string {
  const uri = 'targetUri' in location ? location.targetUri : location.uri;
  const range = 'targetUri' in location ? (location.targetSelectionRange ?? location.targetRange) : location.range;
  return `${relativePath(uri)}:${rangeText(range)}`;
}

async function document(relative: string): Promise<vscode.TextDocument> {
  return vscode.workspace.openTextDocument(fileUri(relative));
}

/** Tracelens's completion items at a position (other providers' words left out), in sort order. */
async function idCompletions(uri: vscode.Uri, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
  return list.items
    .filter((item) => item.kind === vscode.CompletionItemKind.Reference && typeof item.label === 'object')
    .sort((a, b) => ((a.sortText ?? '') < (b.sortText ?? '') ? -1 : (a.sortText ?? '') > (b.sortText ?? '') ? 1 : 0));
}

function label(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

export const languageTests: SuiteTest[] = [
  {
    title: 'hover: an ID in a code comment shows title, facts, text and trace counts',
    body: async () => {
      await tracelens();
      const alarm = await document('firmware/src/alarm.c');
      const at = positionOf(alarm, 'Implements: REQ-006', 'Implements: REQ-0'.length);
      const { text, ranges } = await hoverText(alarm.uri, at);
      for (const expected of [
        '**REQ-006** Alarm annunciation',
        'requirement · class C · status active',
        'Every alarm shall be shown on the display and sounded.',
        '**Implemented** by 3 tags:',
        'firmware/src/alarm.c:29](',
        'ui/src/alarmBanner.ts:22](',
        '**Verified** by 3 tests:',
        'tests/firmware/test_alarm.c:4](',
        'ui/src/alarmBanner.test.ts:10](',
      ]) assert.ok(text.includes(expected), `hover has "${expected}":\n${text}`);
      assert.deepEqual(ranges.map(rangeText), ['29:16-29:23']);
    },
  },
  {
    title: 'hover: an ID inside a string literal is not a tag and gets no hover (power.c logs "REQ-009 …")',
    body: async () => {
      await tracelens();
      const power = await document('firmware/src/power.c');
      const { text } = await hoverText(power.uri, positionOf(power, '"REQ-009 low battery', 3));
      assert.ok(!text.includes('REQ-009'), `no Tracelens hover in a string:\n${text}`);
    },
  },
  {
    title: 'hover: an unknown ID says so and suggests the nearest defined IDs',
    timeoutMs: 120_000,
    body: async () => {
      await tracelens();
      try {
        const uri = await writeFile(UNKNOWN_ID_FILE.path, UNKNOWN_ID_FILE.text);
        await waitForExactDiagnostics('the unknown-id finding', withLines(BASELINE, [UNKNOWN_ID_FILE.line]), 60_000);
        const { text } = await hoverText(uri, new vscode.Position(2, 18));
        for (const expected of [
          '**REQ-021** is not defined in any requirement file.',
          'Did you mean:',
          'REQ-020](',
          ' Alarm escalation',
          'REQ-012](',
          ' Night display mode',
        ]) assert.ok(text.includes(expected), `hover has "${expected}":\n${text}`);
      } finally {
        await restore({ created: [UNKNOWN_ID_FILE.path] });
      }
    },
  },
  {
    title: 'definition: an ID in code, and a link in a requirement file, go to the defining item',
    body: async () => {
      await tracelens();
      const alarm = await document('firmware/src/alarm.c');
      const fromCode = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(
        'vscode.executeDefinitionProvider', alarm.uri, positionOf(alarm, 'Implements: REQ-006', 'Implements: REQ'.length));
      assert.deepEqual(fromCode.map(place), ['requirements/software-requirements.md:63:5-63:12']);
      const tests = await document('requirements/tests.yml');
      const fromLink = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(
        'vscode.executeDefinitionProvider', tests.uri, positionOf(tests, 'verifies: [REQ-008]', 'verifies: [REQ-0'.length));
      assert.deepEqual(fromLink.map(place), ['requirements/software-requirements.md:89:5-89:12']);
    },
  },
  {
    title: 'references: the definition, the code tags and the items linking to an ID',
    body: async () => {
      await tracelens();
      const requirements = await document('requirements/software-requirements.md');
      const references = await vscode.commands.executeCommand<vscode.Location[]>(
        'vscode.executeReferenceProvider', requirements.uri, positionOf(requirements, '### REQ-008', 6));
      // Only Tracelens's: the built-in Markdown extension adds the heading itself as a reference.
      const ours = references.filter((location) => /^[A-Z]+-[0-9]+$/.test(textAt(location.uri, location.range)));
      assert.deepEqual(ours.map(place).sort(), [
        'requirements/software-requirements.md:89:5-89:12',
        'requirements/tests.yml:26:16-26:23',
        'ui/src/DoseEntry.tsx:20:25-20:32',
      ]);
    },
  },
  {
    title: 'completion: in a comment after "Implements:", IDs with titles, unimplemented first, inactive left out',
    body: async () => {
      await tracelens();
      const alarm = await document('firmware/src/alarm.c');
      const items = await waitUntil('ID completions in alarm.c', async () => {
        const list = await idCompletions(alarm.uri, positionOf(alarm, '// Implements: REQ-007', '// Implements: '.length));
        return list.length > 0 ? list : undefined;
      });
      const first = items.slice(0, 3).map((item) => `${label(item)} | ${(item.label as vscode.CompletionItemLabel).description} | ${item.detail}`);
      assert.deepEqual(first, [
        'REQ-009 | Low battery warning | requirement · class B · not implemented',
        'REQ-012 | Night display mode | requirement · class A · not implemented',
        'REQ-001 | Bolus dose limit | requirement · class C',
      ]);
      const labels = items.map(label);
      assert.ok(!labels.includes('REQ-007'), 'the obsolete REQ-007 is not offered');
      assert.ok(labels.includes('RISK-003') && labels.includes('SYS-001') && labels.includes('TC-001'), `every kind is offered: ${labels.join(' ')}`);
      assert.equal(new Set(labels).size, labels.length, 'each ID once');
    },
  },
  {
    title: 'completion: in a test file after "Verifies:", the unverified requirement comes first',
    body: async () => {
      await tracelens();
      const test = await document('tests/firmware/test_alarm.c');
      const items = await waitUntil('ID completions in test_alarm.c', async () => {
        const list = await idCompletions(test.uri, positionOf(test, '// Verifies: REQ-006', '// Verifies: '.length));
        return list.length > 0 ? list : undefined;
      });
      assert.equal(label(items[0]!), 'REQ-011');
      assert.match(items[0]!.detail ?? '', /not verified/);
    },
  },
  {
    title: 'completion: none inside a string literal, even after a known prefix',
    body: async () => {
      await tracelens();
      const power = await document('firmware/src/power.c');
      const items = await idCompletions(power.uri, positionOf(power, '"REQ-009 low battery', '"REQ-'.length));
      assert.deepEqual(items.map(label), []);
    },
  },
];
