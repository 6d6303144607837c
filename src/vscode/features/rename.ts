import * as vscode from 'vscode';
import { planRename } from '../../core/authoring/rename';
import { LOCK_FILE } from '../../core/review/lockFile';
import { renameInLock } from '../../core/review/lockRename';
import { idAt } from './idAt';
import { uriOf } from '../locations';
import type { ProjectRegistry } from '../state/registry';

// Implements: TL-220
/**
 * Rename (F2) of an ID in code or in a requirement file: the core plans every replacement (the
 * definition, tags, links); this returns them as one workspace edit, undone in every file by one
 * Undo. The edits carry no "needs confirmation" mark: VS Code would show such edits in its Refactor
 * Preview unticked, so that Apply changed nothing. The preview is the user's choice, as for any
 * rename: Ctrl+Enter in the rename box shows it with every edit ticked. A refusal is shown as an
 * error message, and nothing changes.
 */
export class RenameFeature implements vscode.RenameProvider {
  constructor(private readonly registry: ProjectRegistry) {}

  register(subscriptions: vscode.Disposable[]): void {
    subscriptions.push(vscode.languages.registerRenameProvider({ scheme: 'file' }, this));
  }

  prepareRename(document: vscode.TextDocument, position: vscode.Position): { range: vscode.Range; placeholder: string } {
    const at = idAt(this.registry, document, position);
    if (!at) throw new Error('Tracelens renames a requirement ID: put the cursor on one.');
    if (at.view.definitions(at.id).length === 0) throw new Error(`${at.id} is not defined in any requirement file, so there is nothing to rename.`);
    return { range: at.range, placeholder: at.id };
  }

  async provideRenameEdits(document: vscode.TextDocument, position: vscode.Position, newName: string): Promise<vscode.WorkspaceEdit> {
    const at = idAt(this.registry, document, position);
    if (!at) throw new Error('Tracelens renames a requirement ID: put the cursor on one.');
    const { folder } = at.located.entry;
    const newId = newName.trim();
    // The plan checks every place against the text the editor has now (open buffers included).
    const files = new Set([...at.view.definitions(at.id), ...at.view.usesOf(at.id)].map((place) => place.file));
    const texts = new Map<string, string>();
    await Promise.all([...files].map(async (file) => {
      const text = await Promise.resolve(vscode.workspace.openTextDocument(uriOf(folder, file))).then((opened) => opened.getText(), () => undefined);
      if (text !== undefined) texts.set(file, text);
    }));
    const snapshot = at.view.snapshot;
    const plan = planRename({ items: snapshot.items, references: snapshot.references, textOf: (file) => texts.get(file) }, at.id, newId);
    if ('refusal' in plan) {
      // Not thrown: VS Code would then ask the next rename provider, and the Markdown extension's
      // would rename the heading to the refused ID. An empty edit ends the rename here.
      void vscode.window.showErrorMessage(`Tracelens: ${plan.refusal}`);
      return new vscode.WorkspaceEdit();
    }
    const edit = new vscode.WorkspaceEdit();
    const metadata = (file: string): vscode.WorkspaceEditEntryMetadata => ({ needsConfirmation: false, label: `Rename ${at.id} to ${newId}`, description: file });
    for (const place of plan.edits) {
      const range = new vscode.Range(place.line - 1, place.column - 1, place.line - 1, place.endColumn - 1);
      edit.replace(uriOf(folder, place.file), range, newId, metadata(place.file));
    }
    for (const rename of plan.renames) edit.renameFile(uriOf(folder, rename.from), uriOf(folder, rename.to), { overwrite: false }, metadata(rename.from));
    await this.renameReviews(edit, folder, at.id, newId, metadata(LOCK_FILE));
    return edit;
  }

  // Implements: TL-264
  /** The lock's records of the item move to the new ID in the same edit, so its reviews still hold. */
  private async renameReviews(edit: vscode.WorkspaceEdit, folder: vscode.WorkspaceFolder, from: string, to: string, metadata: vscode.WorkspaceEditEntryMetadata): Promise<void> {
    // No lock (the usual case before a first review): nothing to move.
    const lock = await Promise.resolve(vscode.workspace.openTextDocument(uriOf(folder, LOCK_FILE))).catch(() => undefined);
    const renamed = lock && renameInLock(lock.getText(), from, to);
    if (!lock || renamed === undefined) return;
    const whole = new vscode.Range(0, 0, lock.lineCount - 1, lock.lineAt(lock.lineCount - 1).text.length);
    edit.replace(lock.uri, whole, renamed, metadata);
  }
}
