// Verifies: TL-041
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SuiteTest } from '../../e2e/suiteRunner';
import {
  BASELINE, applyEdit, deleteFile, folder, open, positionOf, readFile, restore, tracelens, waitForExactDiagnostics, writeFile,
} from './workspace';

const WITHOUT_REQ_009 = BASELINE.filter((line) => !line.includes('REQ-009'));

export const liveUpdateTests: SuiteTest[] = [
  {
    title: 'live update: tagging a function in an unsaved C buffer clears unimplemented REQ-009',
    timeoutMs: 120_000,
    body: async () => {
      await tracelens();
      try {
        const editor = await open('firmware/src/power.c');
        const at = positionOf(editor.document, 'void power_check(');
        const edit = new vscode.WorkspaceEdit();
        edit.insert(editor.document.uri, at, '// Implements: REQ-009\n');
        await applyEdit(edit);
        assert.equal(editor.document.isDirty, true, 'the buffer is edited, not saved');
        await waitForExactDiagnostics('unimplemented REQ-009 to disappear', WITHOUT_REQ_009);
        // Nothing was written: the file on disk still lacks the tag.
        const disk = new TextDecoder().decode(await vscode.workspace.fs.readFile(editor.document.uri));
        assert.ok(!disk.includes('Implements: REQ-009'), 'power.c on disk is unchanged');
      } finally {
        // Reverting the buffer brings the finding back: the saved file is what counts again.
        await restore();
      }
    },
  },
  {
    title: 'live update: an unsaved requirement buffer counts (verification: inspection clears unverified REQ-011)',
    timeoutMs: 120_000,
    body: async () => {
      await tracelens();
      try {
        const saved = await readFile('requirements/software-requirements.md');
        const editor = await open('requirements/software-requirements.md');
        const heading = positionOf(editor.document, '### REQ-011:');
        const edit = new vscode.WorkspaceEdit();
        // Below the heading and its `- class: A` line.
        edit.insert(editor.document.uri, new vscode.Position(heading.line + 2, 0), '- verification: inspection\n');
        await applyEdit(edit);
        assert.equal(editor.document.isDirty, true);
        // The findings below the inserted line move down by one.
        await waitForExactDiagnostics('unverified REQ-011 to disappear', BASELINE
          .filter((line) => !line.includes('unverified REQ-011'))
          .map((line) => line.replace('software-requirements.md:111:5-111:12', 'software-requirements.md:112:5-112:12')));
        assert.equal(editor.document.isDirty, true, 'still unsaved');
        assert.equal(await readFile('requirements/software-requirements.md'), saved, 'the file on disk is unchanged');
      } finally {
        await restore();
      }
    },
  },
  {
    title: 'live update: a code file created on disk is indexed, and deleting it brings the gap back',
    timeoutMs: 150_000,
    body: async () => {
      const api = await tracelens();
      const file = 'firmware/src/night_mode.c';
      try {
        await writeFile(file, '#include <stdbool.h>\n\n// Implements: REQ-012\nvoid night_mode_set(bool on)\n{\n    (void)on;\n}\n');
        await api.whenSnapshot(folder().uri, (snapshot) => snapshot.codeFiles.includes(file), 60_000);
        await waitForExactDiagnostics('unimplemented REQ-012 to disappear', BASELINE.filter((line) => !line.includes('REQ-012')));
        const reference = api.snapshot(folder().uri)?.references.find((r) => r.file === file);
        assert.deepEqual(reference && { id: reference.id, relation: reference.relation, line: reference.line, column: reference.column },
          { id: 'REQ-012', relation: 'implements', line: 3, column: 16 });

        await deleteFile(file);
        await api.whenSnapshot(folder().uri, (snapshot) => !snapshot.codeFiles.includes(file), 60_000);
        await waitForExactDiagnostics('unimplemented REQ-012 to come back', BASELINE);
      } finally {
        await restore({ created: [file] });
      }
    },
  },
];
