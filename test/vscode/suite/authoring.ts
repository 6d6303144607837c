// Verifies: TL-220, TL-222, TL-224, TL-226
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SuiteTest } from '../../e2e/suiteRunner';
import {
  BASELINE, applyEdit, codeActionsOffering, fileUri, folder, hoverText, open, readFile, relativePath, restore, tracelens,
  waitForExactDiagnostics, waitUntil,
} from './workspace';

const SRS = 'requirements/software-requirements.md';

/** `file:line:col-line:col` (0-based) of each text edit in a workspace edit, file order. */
function editLines(edit: vscode.WorkspaceEdit): string[] {
  return edit.entries()
    .flatMap(([uri, edits]) => edits.map((e) => `${relativePath(uri)}:${e.range.start.line}:${e.range.start.character}-${e.range.end.line}:${e.range.end.character} ${e.newText}`))
    .sort();
}

export const authoringTests: SuiteTest[] = [
  {
    title: 'rename: REQ-009 → REQ-030 renames the heading and the test item link, refuses a defined ID, and re-checks',
    timeoutMs: 150_000,
    body: async () => {
      const api = await tracelens();
      try {
        const uri = fileUri(SRS);
        const position = new vscode.Position(79, 6);
        await vscode.workspace.openTextDocument(uri);
        const prepared = await vscode.commands.executeCommand<{ range: vscode.Range; placeholder: string }>('vscode.prepareRename', uri, position);
        assert.equal(prepared?.placeholder, 'REQ-009');
        assert.deepEqual([prepared.range.start.line, prepared.range.start.character, prepared.range.end.character], [79, 4, 11]);
        // Refused (the reason is shown as an error message): an empty edit, so no other provider renames the heading.
        const refused = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', uri, position, 'REQ-010');
        assert.equal(refused?.size, 0);
        const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', uri, position, 'REQ-030');
        const lockEdits = edit.get(fileUri('tracelens.lock'));
        assert.deepEqual(editLines(edit).filter((line) => !line.startsWith('tracelens.lock:')), [`${SRS}:79:4-79:11 REQ-030`, 'requirements/tests.yml:33:15-33:22 REQ-030']);
        // Verifies: TL-264
        // The lock's records of REQ-009 move to REQ-030 (as target and as linking item), so its reviews hold.
        assert.equal(lockEdits.length, 1);
        const lockText = lockEdits[0]!.newText;
        assert.ok(lockText.includes('\nREQ-030 6aee51139a578b9b item TC-004\n') && lockText.includes('\nSYS-004 6f9aaf293ea9299d item REQ-030\n'), lockText);
        assert.ok(!/^REQ-009 |item REQ-009$/m.test(lockText), 'no record left under REQ-009');
        await applyEdit(edit);
        // Each buffer is re-read after its own debounce: wait for both.
        const snapshot = await api.whenSnapshot(folder().uri, (s) => s.items.some((i) => i.id === 'REQ-030')
          && s.items.some((i) => i.id === 'TC-004' && i.links.some((l) => l.target === 'REQ-030')), 30_000);
        assert.ok(!snapshot.items.some((i) => i.id === 'REQ-009'));
        assert.ok(!snapshot.findings.some((f) => f.rule === 'broken-link' || f.rule === 'unknown-id'), 'no link left dangling');
        // Nothing was saved: the rename waits in the buffers.
        assert.match(await readFile(SRS), /### REQ-009: Low battery warning/);
      } finally {
        await restore();
      }
    },
  },
  {
    title: 'symbols: workspace symbols find items by ID and by title; requirement files have an outline',
    timeoutMs: 60_000,
    body: async () => {
      await tracelens();
      const ours = (symbols: vscode.SymbolInformation[] | undefined) => (symbols ?? [])
        .filter((s) => s.containerName.startsWith('requirements/'))
        .map((s) => `${s.name} @ ${relativePath(s.location.uri)}:${s.location.range.start.line}`);
      const byTitle = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', '#alarm escalation');
      assert.deepEqual(ours(byTitle), ['REQ-020: Alarm escalation @ requirements/REQ-020-alarm-escalation.md:1']);
      const byId = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'RISK-001');
      assert.deepEqual(ours(byId), ['RISK-001: Over-delivery from a bolus or basal rate above the prescribed limits @ requirements/risks.yml:3']);
      const risks = fileUri('requirements/risks.yml');
      await vscode.workspace.openTextDocument(risks);
      const outline = await waitUntil('the outline of risks.yml', async () => {
        const symbols = (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', risks)) ?? [];
        const names = symbols.filter((s) => /^RISK-\d+$/.test(s.name)).map((s) => `${s.name} ${s.selectionRange.start.line}`);
        return names.length > 0 ? names : undefined;
      });
      assert.deepEqual(outline.map((line) => line.split(' ')[0]), ['RISK-001', 'RISK-002', 'RISK-003', 'RISK-004', 'RISK-005']);
      assert.equal(outline[0], 'RISK-001 3');
    },
  },
  {
    title: 'create: "Create REQ-021" asks the class, inserts beside REQ-015 unsaved, and undo removes it',
    timeoutMs: 150_000,
    body: async () => {
      const api = await tracelens();
      const code = 'firmware/src/extra.c';
      try {
        const before = await readFile(SRS);
        const uri = fileUri(code);
        await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('// Implements: REQ-021\nvoid extra_alarm(void)\n{\n}\n'));
        const actions = await codeActionsOffering(uri, new vscode.Range(0, 15, 0, 22), /^Create REQ-021 in /, vscode.CodeActionKind.QuickFix.value);
        const create = actions.find((a) => a.title === `Create REQ-021 in ${SRS}`);
        assert.ok(create?.command, `a Create action among ${actions.map((a) => a.title).join(' | ')}`);
        assert.equal(create.edit, undefined, 'nothing is planned before the class is chosen');
        // The class is asked: the first pick (A) is accepted.
        let settled = false;
        const running = Promise.resolve(vscode.commands.executeCommand(create.command.command, ...(create.command.arguments ?? []))).finally(() => { settled = true; });
        await waitUntil('the class pick to be accepted', async () => {
          if (!settled) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
          return settled ? true : undefined;
        });
        assert.equal(await running, true, 'the stub was applied');
        const document = await vscode.workspace.openTextDocument(fileUri(SRS));
        assert.ok(document.isDirty, 'the stub waits unsaved');
        assert.equal(await readFile(SRS), before, 'nothing written to disk');
        assert.deepEqual(document.getText().split('\n').slice(103, 108), ['', '### REQ-021: TODO title', '- class: A', '', 'TODO: state what the software shall do.']);
        await api.whenSnapshot(folder().uri, (s) => s.items.some((i) => i.id === 'REQ-021' && i.file === SRS && i.line === 105), 30_000);
        assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), document.uri.toString());
        await vscode.commands.executeCommand('undo');
        await waitUntil('undo to remove the stub', () => (document.getText() === before ? true : undefined));
        assert.equal(document.isDirty, false);
      } finally {
        await vscode.workspace.fs.delete(fileUri(code)).then(undefined, () => undefined);
        await restore();
      }
    },
  },
  {
    title: 'inactive reference: "Retarget to REQ-020" besides "Remove"; the hover of REQ-007 shows its status and successor',
    timeoutMs: 120_000,
    body: async () => {
      await tracelens();
      try {
        const editor = await open('firmware/src/alarm.c');
        const { text } = await hoverText(editor.document.uri, new vscode.Position(105, 18));
        assert.match(text, /Obsolete\*\*: needs no implementation and no test; superseded by \[REQ-020\]/);
        assert.doesNotMatch(text, /Not verified|Not implemented/);
        const actions = await codeActionsOffering(editor.document.uri, new vscode.Range(105, 15, 105, 22), 'Retarget to REQ-020 (Alarm escalation)');
        const titles = actions.filter((a) => a.kind?.value === 'quickfix').map((a) => a.title);
        assert.deepEqual(titles, ['Retarget to REQ-020 (Alarm escalation)', 'Remove reference to REQ-007']);
        const retarget = actions.find((a) => a.title === 'Retarget to REQ-020 (Alarm escalation)')!;
        assert.equal(retarget.isPreferred, true);
        await applyEdit(retarget.edit!);
        assert.match(editor.document.lineAt(105).text, /REQ-020/);
        await waitForExactDiagnostics('the inactive reference to go', BASELINE.filter((line) => !line.includes('REQ-007')));
      } finally {
        await restore();
      }
    },
  },
];
