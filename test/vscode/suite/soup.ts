// Verifies: TL-176, TL-177, TL-178
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SuiteTest } from '../../e2e/suiteRunner';
import { BASELINE, applyEdit, codeActionsOffering, fileUri, hoverText, readFile, restore, tracelens, tracelensActionTitles, waitForExactDiagnostics, withLines } from './workspace';

export const soupTests: SuiteTest[] = [
  {
    title: 'SOUP: hovering a dependency in ui/package.json shows its register entry and the version in use',
    body: async () => {
      await tracelens();
      await waitForExactDiagnostics('the example\'s findings', BASELINE);
      const uri = fileUri('ui/package.json');
      await vscode.workspace.openTextDocument(uri);
      const react = await hoverText(uri, new vscode.Position(11, 7));
      for (const expected of ['**react** · SOUP dependency · in use: 18.3.1 (ui/package-lock.json)', 'Entry in soup.yml:5 (class B)', '- manufacturer: Meta Platforms, Inc. and the React community', '- risks: RISK-005']) {
        assert.ok(react.text.includes(expected), `hover lacks "${expected}":\n${react.text}`);
      }
      // JSON's own hover on the key (with its quotes) may come too.
      assert.ok(react.ranges.some((r) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}` === '11:5-11:10'), 'the hover covers the name');
      const dateFns = await hoverText(uri, new vscode.Position(10, 7));
      assert.ok(dateFns.text.includes('No entry in the SOUP register soup.yml.'), dateFns.text);
    },
  },
  {
    title: 'SOUP: quick fix "Add date-fns 3.6.0 to the SOUP register" appends a TODO entry; once saved, soup-unlisted gives way to soup-incomplete',
    timeoutMs: 150_000,
    body: async () => {
      await tracelens();
      const original = await readFile('soup.yml');
      try {
        const uri = fileUri('ui/package.json');
        const actions = await codeActionsOffering(uri, new vscode.Range(10, 5, 10, 13), 'Add date-fns 3.6.0 to the SOUP register', vscode.CodeActionKind.QuickFix.value);
        assert.deepEqual(tracelensActionTitles(actions), ['Add date-fns 3.6.0 to the SOUP register']);
        const add = actions.find((action) => action.title === 'Add date-fns 3.6.0 to the SOUP register')!;
        assert.ok(add.edit, 'resolving the action plans its edit');
        await applyEdit(add.edit);
        const register = await vscode.workspace.openTextDocument(fileUri('soup.yml'));
        assert.equal(register.isDirty, true, 'the edit waits for the user to save it');
        assert.equal(register.getText(), `${original}\n- name: date-fns\n  version: 3.6.0\n  manufacturer: TODO\n  purpose: TODO\n  requirements: TODO\n  anomalies:\n    url: TODO\n    reviewed: TODO\n  risks: TODO\n`);
        assert.equal(await register.save(), true);
        await waitForExactDiagnostics('date-fns listed, but incomplete', withLines(BASELINE.filter((line) => !line.includes('soup-unlisted')), [
          'soup.yml:63:9-63:17 warning soup-incomplete date-fns',
        ]), 60_000);
      } finally {
        await restore({ rewritten: { 'soup.yml': original } });
      }
    },
  },
];
