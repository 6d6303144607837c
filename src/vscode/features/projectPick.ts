import * as vscode from 'vscode';
import type { ProjectSnapshot } from '../../core/project/projectIndex';
import type { ProjectEntry, ProjectRegistry } from '../state/registry';

/** The project a command acts on: the folder given, the only one, or the one the user picks. */
export async function pickEntry(registry: ProjectRegistry, placeHolder: string, folder?: vscode.Uri): Promise<ProjectEntry | undefined> {
  if (folder) return registry.entryFor(folder);
  const entries = registry.all();
  if (entries.length <= 1) {
    if (entries.length === 0) void vscode.window.showInformationMessage('Tracelens needs a folder opened from disk.');
    return entries[0];
  }
  const picked = await vscode.window.showWorkspaceFolderPick({ placeHolder });
  return picked && registry.entryFor(picked);
}

/** The project's snapshot once indexed, else a message saying why not and undefined. */
export function readySnapshot(entry: ProjectEntry): ProjectSnapshot | undefined {
  const { project } = entry;
  if (project.phase === 'ready' && project.snapshot) return project.snapshot;
  void vscode.window.showInformationMessage(project.phase === 'failed'
    ? `Tracelens could not load ${entry.folder.name}: ${project.failure}`
    : `Tracelens is still indexing ${entry.folder.name}.`);
  return undefined;
}
