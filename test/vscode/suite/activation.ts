// Verifies: TL-040
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SuiteTest } from '../../e2e/suiteRunner';
import { BASELINE, EXTENSION_ID, assertScratchWorkspace, folder, tracelens, waitForExactDiagnostics } from './workspace';

export const activationTests: SuiteTest[] = [
  {
    title: 'activation: the workspace is a scratch copy of the example, and edits stay unsaved (files.autoSave off)',
    body: () => {
      assertScratchWorkspace();
      // The live-update tests rely on unsaved buffers (code-server's default would save them after 1 s).
      assert.equal(vscode.workspace.getConfiguration('files').get('autoSave'), 'off', 'files.autoSave is off');
    },
  },
  {
    title: 'activation: opening a folder with tracelens.json activates the extension and indexing reaches ready',
    timeoutMs: 120_000,
    body: async () => {
      const api = await tracelens();
      assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
      assert.equal(api.phase(folder().uri), 'ready');
      const snapshot = api.snapshot(folder().uri);
      assert.ok(snapshot, 'a snapshot exists once indexed');
      const { summary } = snapshot;
      assert.deepEqual(
        { requirements: summary.requirements, implemented: summary.implemented, verified: summary.verified, risks: summary.risks, mitigatedRisks: summary.mitigatedRisks, findings: summary.findings },
        { requirements: 15, implemented: 13, verified: 14, risks: 5, mitigatedRisks: 5, findings: { error: 0, warning: 9, info: 1 } },
      );
      assert.equal(snapshot.configFile, 'tracelens.json');
      assert.equal(snapshot.requirementFiles.length, 5);
    },
  },
  {
    title: 'activation: every contributed command is registered',
    body: async () => {
      const contributed = (vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON?.contributes?.commands ?? []) as Array<{ command: string }>;
      assert.ok(contributed.length > 0, 'package.json contributes commands');
      const registered = new Set(await vscode.commands.getCommands(true));
      assert.deepEqual(contributed.map((c) => c.command).filter((id) => !registered.has(id)), []);
    },
  },
  {
    title: 'activation: the example shows exactly its documented findings',
    body: async () => {
      await tracelens();
      await waitForExactDiagnostics('the example\'s findings', BASELINE);
    },
  },
];
