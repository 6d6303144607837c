import * as vscode from 'vscode';
import type { Location } from '../core/model/types';

/** The URI of a root-relative POSIX path in a workspace folder. */
export function uriOf(folder: vscode.WorkspaceFolder, file: string): vscode.Uri {
  return vscode.Uri.joinPath(folder.uri, ...file.split('/'));
}

/**
 * The editor range of a 1-based location, `length` characters long (or to `endColumn`). A finding
 * ends at `endLine`:`endColumn`; an item's `endLine` is the last line of its text while its
 * `endColumn` lies on its ID's line, so an item's range is its ID.
 */
export function rangeOf(at: Location & { endLine?: number; endColumn?: number }, length = 0): vscode.Range {
  const start = new vscode.Position(Math.max(0, at.line - 1), Math.max(0, at.column - 1));
  if (at.endColumn !== undefined) {
    const endLine = 'links' in at ? at.line : (at.endLine ?? at.line);
    return new vscode.Range(start, new vscode.Position(Math.max(0, endLine - 1), Math.max(0, at.endColumn - 1)));
  }
  return new vscode.Range(start, start.translate(0, length));
}

/** The location of an item's ID on its heading or `id:` line (an item's `endLine` is where its text ends). */
export function itemLocation(folder: vscode.WorkspaceFolder, item: Location & { endColumn: number }): vscode.Location {
  return locationOf(folder, { file: item.file, line: item.line, column: item.column, endColumn: item.endColumn });
}

/** An editor location of a project location. */
export function locationOf(folder: vscode.WorkspaceFolder, at: Location & { endLine?: number; endColumn?: number }, length = 0): vscode.Location {
  return new vscode.Location(uriOf(folder, at.file), rangeOf(at, length));
}

/**
 * A link target for untrusted Markdown: a plain `file` URI whose `#L12` fragment makes VS Code
 * open the file at that line (command links would need a trusted MarkdownString).
 */
export function lineLink(folder: vscode.WorkspaceFolder, at: Location): string {
  return uriOf(folder, at.file).with({ fragment: `L${at.line}` }).toString();
}

/** Opens a project location in an editor. */
export async function reveal(folder: vscode.WorkspaceFolder, at: Location): Promise<void> {
  const position = new vscode.Position(Math.max(0, at.line - 1), Math.max(0, at.column - 1));
  await vscode.window.showTextDocument(uriOf(folder, at.file), { selection: new vscode.Range(position, position) });
}

/** The `vscode.open` command that opens a project location, for tree items. */
export function openCommand(folder: vscode.WorkspaceFolder, at: Location, title = 'Open'): vscode.Command {
  const position = new vscode.Position(Math.max(0, at.line - 1), Math.max(0, at.column - 1));
  return { title, command: 'vscode.open', arguments: [uriOf(folder, at.file), { selection: new vscode.Range(position, position) }] };
}
