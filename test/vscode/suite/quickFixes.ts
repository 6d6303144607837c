// Verifies: TL-046
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SuiteTest } from '../../e2e/suiteRunner';
import { UNKNOWN_ID_FILE } from './diagnostics';
import {
  BASELINE, applyEdit, codeActionsOffering, fileUri, open, restore, runAcceptingFirstPick, tracelens, tracelensActionTitles,
  waitForExactDiagnostics, withLines, writeFile,
} from './workspace';

const TRACE_KIND = 'refactor.tracelens';

function only(actions: vscode.CodeAction[], title: string | RegExp): vscode.CodeAction {
  const matching = actions.filter((action) => (typeof title === 'string' ? action.title === title : title.test(action.title)));
  assert.equal(matching.length, 1, `one action "${String(title)}" among: ${actions.map((a) => `${a.title} (${a.kind?.value})`).join(' | ')}`);
  return matching[0]!;
}

export const quickFixTests: SuiteTest[] = [
  {
    title: 'quick fix: unknown-id offers "Change to …" (preferred first) and "Create … in requirements/software-requirements.md"; Change applies and re-checks',
    timeoutMs: 150_000,
    body: async () => {
      await tracelens();
      try {
        const uri = await writeFile(UNKNOWN_ID_FILE.path, UNKNOWN_ID_FILE.text);
        await waitForExactDiagnostics('the unknown-id finding', withLines(BASELINE, [UNKNOWN_ID_FILE.line]), 60_000);
        const range = new vscode.Range(2, 15, 2, 22);
        const actions = await codeActionsOffering(uri, range, 'Change to REQ-020 (Alarm escalation)', vscode.CodeActionKind.QuickFix.value);
        assert.deepEqual(tracelensActionTitles(actions), [
          'Change to REQ-020 (Alarm escalation)',
          'Change to REQ-012 (Night display mode)',
          'Change to REQ-011 (Software versions on the About screen)',
          'Create REQ-021 in requirements/software-requirements.md',
        ]);
        const change = only(actions, 'Change to REQ-020 (Alarm escalation)');
        assert.equal(change.isPreferred, true);
        assert.equal(change.kind?.value, 'quickfix');
        assert.ok(change.edit, 'the change is an edit');
        await applyEdit(change.edit);
        const document = await vscode.workspace.openTextDocument(uri);
        assert.equal(document.lineAt(2).text, '// Implements: REQ-020');
        await waitForExactDiagnostics('the unknown-id finding to go', BASELINE);
      } finally {
        await restore({ created: [UNKNOWN_ID_FILE.path] });
      }
    },
  },
  {
    title: 'quick fix: inactive-reference "Remove reference to REQ-007" deletes the tag line',
    timeoutMs: 120_000,
    body: async () => {
      await tracelens();
      try {
        const editor = await open('firmware/src/alarm.c');
        const lineCount = editor.document.lineCount;
        const actions = await codeActionsOffering(editor.document.uri, new vscode.Range(105, 15, 105, 22), 'Remove reference to REQ-007');
        await applyEdit(only(actions, 'Remove reference to REQ-007').edit!);
        assert.equal(editor.document.lineCount, lineCount - 1);
        assert.equal(editor.document.lineAt(104).text, '');
        assert.match(editor.document.lineAt(105).text, /^\/\/ The first-generation occlusion tone/);
        await waitForExactDiagnostics('the inactive reference to go', BASELINE.filter((line) => !line.includes('REQ-007')));
      } finally {
        await restore();
      }
    },
  },
  {
    title: 'quick fix: "Trace … to a requirement…" on a function tags it with the picked (first: unimplemented) requirement',
    timeoutMs: 150_000,
    body: async () => {
      await tracelens();
      try {
        const editor = await open('firmware/src/power.c');
        const line = editor.document.getText().split('\n').findIndex((text) => text.startsWith('void power_check('));
        assert.ok(line > 0);
        const range = new vscode.Range(line, 5, line, 5);
        const actions = await codeActionsOffering(editor.document.uri, range, /^Trace (power_check|this line) to a requirement…$/, TRACE_KIND);
        const trace = only(actions, /^Trace (power_check|this line) to a requirement…$/);
        assert.equal(trace.kind?.value, TRACE_KIND);
        assert.equal(trace.command?.command, 'tracelens.traceToRequirement');
        assert.equal(String(trace.command?.arguments?.[0]), editor.document.uri.toString());
        assert.equal(trace.command?.arguments?.[1], line);
        await runAcceptingFirstPick(trace.command.command, ...(trace.command.arguments ?? []));
        assert.equal(editor.document.lineAt(line).text, '// Implements: REQ-009');
        assert.match(editor.document.lineAt(line + 1).text, /^void power_check\(/);
        await waitForExactDiagnostics('unimplemented REQ-009 to go', BASELINE.filter((entry) => !entry.includes('REQ-009')));
      } finally {
        await restore();
      }
    },
  },
  {
    title: 'quick fix: coverage gaps offer "Copy tag", which puts the tag on the clipboard',
    timeoutMs: 90_000,
    body: async () => {
      await tracelens();
      const uri = fileUri('requirements/software-requirements.md');
      const unimplemented = await codeActionsOffering(uri, new vscode.Range(79, 4, 79, 11), 'Copy tag "Implements: REQ-009"');
      assert.deepEqual(tracelensActionTitles(unimplemented), ['Copy tag "Implements: REQ-009"', 'Find code to trace to REQ-009…']);
      const copy = only(unimplemented, 'Copy tag "Implements: REQ-009"');
      assert.deepEqual({ command: copy.command?.command, arguments: copy.command?.arguments }, { command: 'tracelens.copyTag', arguments: ['Implements: REQ-009'] });
      await vscode.env.clipboard.writeText('');
      await vscode.commands.executeCommand('tracelens.copyTag', ...(copy.command!.arguments ?? []));
      assert.equal(await vscode.env.clipboard.readText(), 'Implements: REQ-009');
      const unverified = await codeActionsOffering(uri, new vscode.Range(104, 4, 104, 11), 'Copy tag "Verifies: REQ-011"');
      const copyVerifies = only(unverified, 'Copy tag "Verifies: REQ-011"');
      assert.deepEqual(copyVerifies.command?.arguments, ['Verifies: REQ-011']);
      await vscode.commands.executeCommand('tracelens.copyTag', ...(copyVerifies.command!.arguments ?? []));
      assert.equal(await vscode.env.clipboard.readText(), 'Verifies: REQ-011');
    },
  },
];
