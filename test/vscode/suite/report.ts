// Verifies: TL-202, TL-203, TL-144
/**
 * The traceability report in the editor: the export command (its save dialog stubbed) writes
 * every item ID, the workbook bundle loads; the matrix webview opens with every item ID under its
 * own policy and renders again when an unsaved buffer changes the snapshot (checked through the
 * extension's API: a webview's page is not readable from a test); and with `testResults` in the
 * configuration, the hover of a requirement with a failing test shows the failure.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SuiteTest } from '../../e2e/suiteRunner';
import { applyEdit, fileUri, folder, hoverText, open, positionOf, readFile, restore, tracelens, waitForDiagnostics, waitUntil, writeFile } from './workspace';

type SaveDialog = typeof vscode.window.showSaveDialog;

/** Runs `body` with the save dialog answering `answer`; returns what the dialog was asked. */
async function withSaveDialog<T>(answer: vscode.Uri, body: () => Thenable<T>): Promise<{ result: T; asked: vscode.SaveDialogOptions[] }> {
  const window = vscode.window as { showSaveDialog: SaveDialog };
  const original = window.showSaveDialog;
  const asked: vscode.SaveDialogOptions[] = [];
  window.showSaveDialog = async (options) => {
    asked.push(options ?? {});
    return answer;
  };
  assert.notEqual(window.showSaveDialog, original, 'the save dialog is stubbed');
  try {
    return { result: await body(), asked };
  } finally {
    window.showSaveDialog = original;
  }
}

export const reportTests: SuiteTest[] = [
  {
    title: 'report: "Export Traceability Report…" writes the chosen file with every item ID (CSV, HTML, XLSX, LOBSTER folder)',
    timeoutMs: 120_000,
    body: async () => {
      const api = await tracelens();
      await api.whenIndexed();
      const ids = [...new Set(api.snapshot(folder().uri)!.items.map((item) => item.id))];
      assert.ok(ids.length >= 30, `the example's items (${ids.length})`);
      // Outside the workspace: the export must not change what the project reads.
      const dir = mkdtempSync(path.join(os.tmpdir(), 'tracelens-export-'));
      try {
        for (const [format, name] of [['csv', 'matrix.csv'], ['html', 'matrix.html'], ['xlsx', 'matrix.xlsx'], ['lobster', 'lobster']] as const) {
          const target = vscode.Uri.file(path.join(dir, name));
          const { result, asked } = await withSaveDialog(target, () => vscode.commands.executeCommand<vscode.Uri | undefined>('tracelens.exportTraceabilityReport', format));
          assert.equal(asked.length, 1, `${format}: the save dialog was asked once`);
          assert.equal(result?.fsPath, target.fsPath, `${format}: written where the dialog said`);
          if (format === 'xlsx') {
            assert.equal(readFileSync(target.fsPath).subarray(0, 2).toString('latin1'), 'PK', 'a workbook (zip): the xlsx bundle loaded');
            continue;
          }
          const text = format === 'lobster'
            ? readdirSync(target.fsPath).sort().map((file) => readFileSync(path.join(target.fsPath, file), 'utf8')).join('\n')
            : readFileSync(target.fsPath, 'utf8');
          const missing = ids.filter((id) => !text.includes(id));
          assert.deepEqual(missing, [], `${format}: every item ID is in the export`);
        }
        assert.equal(readFileSync(path.join(dir, 'matrix.csv'), 'utf8').split('\r\n')[0]!.split(',')[0], 'ID');
        assert.deepEqual(readdirSync(path.join(dir, 'lobster')).sort(), ['code.lobster', 'requirements.lobster', 'risks.lobster', 'system-requirements.lobster', 'tests.lobster']);
        // Nothing left behind by the atomic writes.
        assert.deepEqual(readdirSync(dir).filter((file) => file.endsWith('.tmp')), []);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
  {
    title: 'report: the Traceability Matrix webview shows every item ID under its own policy and follows an unsaved edit',
    timeoutMs: 120_000,
    body: async () => {
      const api = await tracelens();
      await api.whenIndexed();
      const ids = [...new Set(api.snapshot(folder().uri)!.items.map((item) => item.id))];
      try {
        await vscode.commands.executeCommand('tracelens.showMatrix');
        const first = await waitUntil('the matrix to render', () => api.matrix(folder().uri));
        assert.deepEqual(ids.filter((id) => !first.html.includes(id)), [], 'every item ID is in the page');
        // The webview's source is one or more sources ('self' https://*.vscode-cdn.net in code-server).
        assert.match(first.html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src [^">]+? &#39;nonce-([^&]+)&#39;; script-src &#39;nonce-\1&#39;; img-src &#39;none&#39;;/);
        assert.ok(first.html.includes('acquireVsCodeApi()'), 'the host script that opens links');
        assert.ok(first.html.includes('var(--vscode-editor-background)'), 'the theme colours');

        const editor = await open('requirements/software-requirements.md');
        const at = positionOf(editor.document, 'Software versions on the About screen');
        const edit = new vscode.WorkspaceEdit();
        edit.insert(editor.document.uri, at, 'Edited: ');
        await applyEdit(edit);
        const next = await waitUntil('the matrix to render the edit', () => {
          const now = api.matrix(folder().uri);
          return now && now.renders > first.renders && now.html.includes('Edited: Software versions') ? now : undefined;
        });
        assert.ok(next.html.includes('UNSAVED: 1 file as edited in the editor, not as on disk: requirements/software-requirements.md'), 'the stamp says the page shows an unsaved buffer');
      } finally {
        await restore();
      }
      await waitUntil('closing the editors to close the matrix', () => (api.matrix(folder().uri) === undefined ? true : undefined));
    },
  },
  {
    title: 'report: with "testResults" in tracelens.json, the hover of REQ-013 shows its failing test',
    timeoutMs: 150_000,
    body: async () => {
      await tracelens();
      const original = await readFile('tracelens.json');
      try {
        assert.ok(original.trimStart().startsWith('{'));
        await writeFile('tracelens.json', original.replace('{', '{\n  "testResults": ["test-reports/*.xml"],'));
        await waitForDiagnostics('verification-failed on REQ-013', (lines) => lines.includes('requirements/software-requirements.md:121:5-121:12 error verification-failed REQ-013'), 60_000);
        const uri = fileUri('requirements/software-requirements.md');
        await vscode.workspace.openTextDocument(uri);
        const hover = await hoverText(uri, new vscode.Position(120, 7));
        assert.ok(hover.text.includes('**Test results**: ✔ 3 passed · ✘ 1 failed'), hover.text);
        assert.ok(hover.text.includes('✘ `test_rounds_down_to_pump_resolution` failed: AssertionError: assert Decimal(\'4.39\') == Decimal(\'4.40\')'), hover.text);
      } finally {
        await restore({ rewritten: { 'tracelens.json': original } });
      }
    },
  },
];
