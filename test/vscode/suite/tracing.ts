// Verifies: TL-215, TL-216, TL-217
/**
 * A clean first run (the initialised tracelens.json opens as JSON with comments, without a
 * problem from any source), Trace to Requirement on Tracelens's own parse (C and Python, where no
 * other extension provides symbols here) and Find code to trace.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SuiteTest } from '../../e2e/suiteRunner';
import type { FindCodeResult } from '../../../src/vscode/features/findCode';
import {
  BASELINE, fileUri, folder, open, readFile, restore, runAcceptingFirstPick, tracelens, waitForExactDiagnostics, waitUntil,
} from './workspace';

/** Diagnostics of a file from sources other than Tracelens, as `line:column source message`. */
function foreignDiagnostics(uri: vscode.Uri): string[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source !== 'Tracelens')
    .map((diagnostic) => `${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1} ${diagnostic.source} ${diagnostic.message}`);
}

/** Places the cursor at a 0-based line and column of an editor. */
function placeCursor(editor: vscode.TextEditor, line: number, column: number): void {
  const at = new vscode.Position(line, column);
  editor.selection = new vscode.Selection(at, at);
}

export const tracingTests: SuiteTest[] = [
  {
    title: 'first run: Initialize Workspace writes a tracelens.json that opens as JSON with comments, with no problem from another source',
    timeoutMs: 150_000,
    body: async () => {
      await tracelens();
      const original = await readFile('tracelens.json');
      let control: vscode.TextDocument | undefined;
      try {
        await vscode.workspace.fs.delete(fileUri('tracelens.json'));
        await vscode.commands.executeCommand('tracelens.init', folder().uri);
        assert.doesNotMatch(await readFile('tracelens.json'), /"\$schema"/);
        const document = await vscode.workspace.openTextDocument(fileUri('tracelens.json'));
        const editor = await vscode.window.showTextDocument(document);
        assert.equal(document.languageId, 'jsonc');
        // A control: the JSON language server runs and validates here. An untitled JSON buffer
        // with a comment gets its "Comments are not permitted" error, so silence below means something.
        control = await vscode.workspace.openTextDocument({ language: 'json', content: '{\n  // a comment\n  "a": 1\n}\n' });
        await vscode.window.showTextDocument(control, { preview: false, viewColumn: vscode.ViewColumn.Beside });
        const flagged = control.uri;
        await waitUntil('the JSON language server to flag a comment in a plain JSON buffer', () => (foreignDiagnostics(flagged).length > 0 ? true : undefined), { timeoutMs: 60_000 });
        // The same server has had tracelens.json longer than the control: nothing from it there.
        assert.deepEqual(foreignDiagnostics(document.uri), []);
        // The bundled schema applies: a class that is not A, B or C gets a problem from the JSON server.
        const at = document.getText().indexOf('"defaultClass": "C"');
        assert.ok(at >= 0, 'the starter sets defaultClass');
        await editor.edit((builder) => builder.replace(new vscode.Range(document.positionAt(at + 16), document.positionAt(at + 19)), '"X"'));
        await waitUntil('a schema problem on defaultClass "X"', () => (foreignDiagnostics(document.uri).length > 0 ? true : undefined), {
          timeoutMs: 60_000, detail: () => foreignDiagnostics(document.uri).join('\n'),
        });
      } finally {
        if (control) {
          await vscode.window.showTextDocument(control);
          await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
        }
        await restore({ created: ['requirements/requirements.md'], rewritten: { 'tracelens.json': original } });
      }
    },
  },
  {
    title: 'trace to requirement: in a nested if of power.c (line 20) the tag lands above power_check, with no symbol provider for C',
    timeoutMs: 150_000,
    body: async () => {
      await tracelens();
      try {
        const editor = await open('firmware/src/power.c');
        const symbols = await vscode.commands.executeCommand<unknown[] | undefined>('vscode.executeDocumentSymbolProvider', editor.document.uri);
        assert.equal(symbols?.length ?? 0, 0, 'no other extension provides C symbols here');
        assert.equal(editor.document.lineAt(19).text, '            alarm_raise(ALARM_LOW_BATTERY);');
        placeCursor(editor, 19, 16);
        await runAcceptingFirstPick('tracelens.traceToRequirement');
        assert.deepEqual([14, 15, 16].map((line) => editor.document.lineAt(line).text), ['', '// Implements: REQ-009', 'void power_check(uint16_t battery_mV)']);
        await waitForExactDiagnostics('unimplemented REQ-009 to go', BASELINE.filter((entry) => !entry.includes('REQ-009')));
      } finally {
        await restore();
      }
    },
  },
  {
    title: 'trace to requirement: inside a Python function with a docstring, the tag lands above its def in # comments',
    timeoutMs: 150_000,
    body: async () => {
      await tracelens();
      try {
        const editor = await open('tools/dose_calc.py');
        const def = editor.document.getText().split('\n').findIndex((text) => text.startsWith('def insulin_on_board('));
        assert.ok(def > 0);
        assert.equal(editor.document.lineAt(def + 8).text, '            remaining += bolus.units * (1 - bolus.hours_ago / INSULIN_ACTION_HOURS)');
        placeCursor(editor, def + 8, 20);
        await runAcceptingFirstPick('tracelens.traceToRequirement');
        assert.deepEqual([def - 1, def, def + 1].map((line) => editor.document.lineAt(line).text), ['', '# Implements: REQ-009', 'def insulin_on_board(boluses: list[PastBolus]) -> Decimal:']);
      } finally {
        await restore();
      }
    },
  },
  {
    title: 'find code to trace: for REQ-009 (Low battery warning) power_check comes first, and picking it tags it',
    timeoutMs: 150_000,
    body: async () => {
      await tracelens();
      try {
        const requirements = fileUri('requirements/software-requirements.md');
        const result = await runAcceptingFirstPick<FindCodeResult | undefined>('tracelens.findCodeToTrace', 'REQ-009', 'implements', requirements);
        assert.ok(result, 'the command returns what it offered');
        assert.deepEqual(result.unreadable, []);
        assert.equal(result.candidates[0], 'power_check firmware/src/power.c:16');
        assert.equal(result.tagged, 'firmware/src/power.c:16');
        const document = await vscode.workspace.openTextDocument(fileUri('firmware/src/power.c'));
        assert.deepEqual([15, 16].map((line) => document.lineAt(line).text), ['// Implements: REQ-009', 'void power_check(uint16_t battery_mV)']);
        await waitForExactDiagnostics('unimplemented REQ-009 to go', BASELINE.filter((entry) => !entry.includes('REQ-009')));
      } finally {
        await restore();
      }
    },
  },
];
