// Verifies: TL-047, TL-048
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SuiteTest } from '../../e2e/suiteRunner';
import { BASELINE, folder, tracelens, waitForExactDiagnostics } from './workspace';

/**
 * The trees and the status bar item are not readable from another extension (the API exposes no
 * tree data), so their contents are checked in the browser test (test/e2e/browser.ts). Here: their
 * commands run, and a rescan leaves the same state behind.
 */
export const viewTests: SuiteTest[] = [
  {
    title: 'views: the Traceability views open and the gaps-only filter toggles without errors',
    timeoutMs: 60_000,
    body: async () => {
      await tracelens();
      await vscode.commands.executeCommand('tracelens.showGaps');
      await vscode.commands.executeCommand('tracelens.requirements.focus');
      await vscode.commands.executeCommand('tracelens.showOnlyGaps');
      await vscode.commands.executeCommand('tracelens.showAll');
      await vscode.commands.executeCommand('workbench.action.closeSidebar');
    },
  },
  {
    title: 'views: "Rescan Workspace" reloads to the same snapshot and findings',
    timeoutMs: 120_000,
    body: async () => {
      const api = await tracelens();
      const before = api.snapshot(folder().uri);
      await vscode.commands.executeCommand('tracelens.rescan');
      await api.whenIndexed();
      const after = api.snapshot(folder().uri);
      assert.equal(api.phase(folder().uri), 'ready');
      assert.notEqual(after, before, 'a new snapshot');
      assert.deepEqual(after?.summary, before?.summary);
      await waitForExactDiagnostics('the example\'s findings after the rescan', BASELINE);
    },
  },
];
