import * as path from 'node:path';
import * as vscode from 'vscode';
import { ChangeBatcher, type FileEventKind } from './changeBatcher';
import { isAlwaysSkipped, type Project } from './project';

/** How long file events are collected before a batch is applied. */
export const FILE_EVENT_WINDOW_MS = 200;

/** The root-relative POSIX path of a URI inside a folder, or undefined when it lies outside. */
export function relativeFile(folder: vscode.WorkspaceFolder, uri: vscode.Uri): string | undefined {
  if (uri.scheme !== folder.uri.scheme) return undefined;
  const relative = path.relative(folder.uri.fsPath, uri.fsPath);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}

// Implements: TL-041
/**
 * Watches one workspace folder for files created, changed, deleted or renamed on disk (by git,
 * a build, another editor) and hands them to the project in batches: a branch switch touching
 * thousands of files becomes one reload rather than thousands of updates.
 */
export class FolderWatcher implements vscode.Disposable {
  private readonly watcher: vscode.FileSystemWatcher;
  private readonly batcher: ChangeBatcher;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly folder: vscode.WorkspaceFolder, project: Project) {
    this.batcher = new ChangeBatcher(FILE_EVENT_WINDOW_MS, (batch) => project.applyFileEvents(batch));
    this.watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**/*'));
    this.watcher.onDidCreate((uri) => this.add(uri, 'created'), this, this.subscriptions);
    this.watcher.onDidChange((uri) => this.add(uri, 'changed'), this, this.subscriptions);
    this.watcher.onDidDelete((uri) => this.add(uri, 'deleted'), this, this.subscriptions);
  }

  /** Whether events are waiting or being applied. */
  get busy(): boolean {
    return this.batcher.busy;
  }

  whenIdle(): Promise<void> {
    return this.batcher.whenIdle();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.watcher.dispose();
    this.batcher.dispose();
  }

  private add(uri: vscode.Uri, kind: FileEventKind): void {
    const file = relativeFile(this.folder, uri);
    if (file === undefined || isAlwaysSkipped(file)) return;
    this.batcher.add(file, kind);
  }
}
