import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { nodeFileSystem } from '../../core/files/nodeFileSystem';
import { ProjectIndex } from '../../core/project/projectIndex';
import { ScanCache } from '../../core/cache/scanCache';
import { nodeCacheStore } from '../../core/cache/nodeCacheStore';
import { CommentParser } from '../../parsing/commentParser';
import { FolderWatcher, relativeFile } from './fileWatcher';
import { uriOf } from '../locations';
import { Project, type OpenBuffer } from './project';
import { ObservedScanService } from './observedScanService';
import { buildIdentity } from '../../core/cache/buildIdentity';
import { bundledWorkerScript, createScanService } from '../../core/scan/serviceFactory';
import { scanCacheFolder } from './cacheLocation';
import { indexLogLines } from './indexLog';
import type { Log } from './logger';

/** A workspace folder and its live project. */
export interface ProjectEntry {
  readonly folder: vscode.WorkspaceFolder;
  readonly project: Project;
}

/** A document's project and its root-relative path. */
export interface Located {
  readonly entry: ProjectEntry;
  readonly file: string;
}

interface Entry extends ProjectEntry {
  readonly watcher: FolderWatcher;
  readonly scan: ObservedScanService;
  readonly cache: ScanCache | undefined;
}

/** Leave a core to the extension host and the UI; a few workers are plenty for an editor. */
function workerThreads(): number {
  return Math.max(1, Math.min(4, os.availableParallelism() - 1));
}

// Implements: TL-040
/**
 * One live project per workspace folder (each with its own config), created and removed with the
 * folders. Indexing runs in the background with progress in the status bar; features subscribe to
 * {@link onDidChange} and read each project's snapshot.
 */
export class ProjectRegistry implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private parser: CommentParser | undefined;
  private started: Promise<void> | undefined;
  private progress: ((message: string) => void) | undefined;
  private readonly changed = new vscode.EventEmitter<ProjectEntry>();
  private readonly foldersChanged = new vscode.EventEmitter<void>();

  /** A project's snapshot or phase changed. */
  readonly onDidChange = this.changed.event;
  /** Projects were added or removed (workspace folders changed). */
  readonly onDidChangeProjects = this.foldersChanged.event;

  constructor(private readonly context: vscode.ExtensionContext, private readonly log: Log) {}

  register(subscriptions: vscode.Disposable[]): void {
    vscode.workspace.onDidChangeWorkspaceFolders(this.onFoldersChanged, this, subscriptions);
    subscriptions.push(this);
  }

  /** Starts indexing every workspace folder; returns at once, resolves when the first loads end. */
  start(): Promise<void> {
    this.started ??= this.startNow().catch((error: unknown) => {
      this.log.error(`Tracelens could not start: ${(error as Error).stack ?? String(error)}`);
      void vscode.window.showErrorMessage(`Tracelens could not start: ${(error as Error).message}`);
    });
    return this.started;
  }

  /** Every project, in workspace folder order. */
  all(): ProjectEntry[] {
    return [...this.entries.values()].sort((a, b) => a.folder.index - b.folder.index);
  }

  /** The project of a workspace folder. */
  entryFor(folder: vscode.WorkspaceFolder | vscode.Uri): ProjectEntry | undefined {
    const uri = folder instanceof vscode.Uri ? folder : folder.uri;
    const direct = this.entries.get(uri.toString());
    if (direct) return direct;
    const owner = vscode.workspace.getWorkspaceFolder(uri);
    return owner ? this.entries.get(owner.uri.toString()) : undefined;
  }

  /** The project a file belongs to and its root-relative path. */
  locate(uri: vscode.Uri): Located | undefined {
    if (uri.scheme !== 'file') return undefined;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const entry = folder && this.entries.get(folder.uri.toString());
    if (!entry) return undefined;
    const file = relativeFile(entry.folder, uri);
    return file === undefined ? undefined : { entry, file };
  }

  /** The shared parser (for comment spans at completion time), once started. */
  commentParser(): CommentParser | undefined {
    return this.parser;
  }

  /** Reloads every project from disk, with progress. */
  rescan(): Promise<void> {
    return this.withProgress(this.all().map((entry) => entry.project.reload()));
  }

  /** Resolves when the first load of every project (or the given folder's) has ended. */
  async whenLoaded(folder?: vscode.Uri): Promise<void> {
    await this.start();
    await Promise.all(this.select(folder).map((entry) => entry.project.whenLoaded()));
  }

  /** Resolves when no file event or queued update is pending for the projects. */
  async whenIdle(folder?: vscode.Uri): Promise<void> {
    const entries = this.select(folder) as Entry[];
    await Promise.all(entries.map((entry) => entry.watcher.whenIdle()));
    await Promise.all(entries.map((entry) => entry.project.whenIdle()));
  }

  /** Whether file events or updates are waiting for the projects. */
  busy(folder?: vscode.Uri): boolean {
    return (this.select(folder) as Entry[]).some((entry) => entry.watcher.busy || entry.project.busy);
  }

  /** Stops workers and writes the scan caches. */
  async shutdown(): Promise<void> {
    const entries = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(entries.map((entry) => this.disposeEntry(entry)));
    this.parser?.dispose();
    this.parser = undefined;
  }

  dispose(): void {
    void this.shutdown();
    this.changed.dispose();
    this.foldersChanged.dispose();
  }

  private select(folder?: vscode.Uri): ProjectEntry[] {
    if (!folder) return this.all();
    const entry = this.entryFor(folder);
    return entry ? [entry] : [];
  }

  private async startNow(): Promise<void> {
    this.parser = await CommentParser.create();
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file');
    const entries = await Promise.all(folders.map((folder) => this.add(folder)));
    this.foldersChanged.fire();
    await this.withProgress(entries.map((entry) => entry.project.reload()));
  }

  private async onFoldersChanged(event: vscode.WorkspaceFoldersChangeEvent): Promise<void> {
    await this.start();
    for (const folder of event.removed) {
      const entry = this.entries.get(folder.uri.toString());
      if (!entry) continue;
      this.entries.delete(folder.uri.toString());
      await this.disposeEntry(entry);
    }
    const added = await Promise.all(event.added.filter((folder) => folder.uri.scheme === 'file').map((folder) => this.add(folder)));
    this.foldersChanged.fire();
    await this.withProgress(added.map((entry) => entry.project.reload()));
  }

  private async add(folder: vscode.WorkspaceFolder): Promise<Entry> {
    const parser = this.parser!;
    const root = folder.uri.fsPath;
    const build = await buildIdentity(nodeFileSystem, [path.join(__dirname, 'extension.js'), path.join(__dirname, 'scanWorker.js')]);
    const cacheFolder = this.cacheFolder(folder);
    const cache = await ScanCache.open(nodeCacheStore(cacheFolder), root, build).catch((error: unknown) => {
      this.log.warn(`Scan cache ${cacheFolder} cannot be opened, every file is scanned: ${String(error)}`);
      return undefined;
    });
    this.log.debug(`Scan cache of ${folder.uri.toString()}: ${cacheFolder}`);
    const workerScript = await bundledWorkerScript(nodeFileSystem, __dirname);
    const scan = new ObservedScanService(() => createScanService({
      parser,
      fs: nodeFileSystem,
      ...(workerScript !== undefined ? { workerScript } : {}),
      threads: workerThreads(),
      ...(cache ? { cache } : {}),
      onProgress: (done, total) => this.progress?.(`indexing ${done}/${total} files`),
    }));
    const index = new ProjectIndex(root, nodeFileSystem, parser, scan);
    const project = new Project(root, index, {
      openBuffers: () => this.openBuffers(folder),
      isDirectory: async (file) => {
        const stat = await Promise.resolve(vscode.workspace.fs.stat(uriOf(folder, file))).catch(() => undefined);
        return stat !== undefined && (stat.type & vscode.FileType.Directory) !== 0;
      },
      afterUpdate: async () => {
        await cache?.save();
        // Workers hold a parser each: let them go until a large change needs them again.
        await scan.release();
      },
      log: (message) => this.log.error(message),
      loaded: () => {
        const stats = index.lastLoad;
        const snapshot = project.snapshot;
        if (!stats || !snapshot) return;
        const lines = indexLogLines(root, stats, snapshot);
        for (const line of lines.info) this.log.info(line);
        for (const line of lines.debug) this.log.debug(line);
      },
    });
    scan.onWillScan = () => project.beforeCodeScan();
    const entry: Entry = { folder, project, scan, cache, watcher: new FolderWatcher(folder, project) };
    project.onDidChange(() => this.changed.fire(entry));
    this.entries.set(folder.uri.toString(), entry);
    return entry;
  }

  /** Where a workspace folder's scan cache lives (see {@link scanCacheFolder}). */
  cacheFolder(folder: vscode.WorkspaceFolder): string {
    return scanCacheFolder(this.context.globalStorageUri.fsPath, folder.uri.toString());
  }

  private async disposeEntry(entry: Entry): Promise<void> {
    entry.watcher.dispose();
    entry.project.dispose();
    await entry.scan.dispose().catch(() => undefined);
    await entry.cache?.save();
  }

  private openBuffers(folder: vscode.WorkspaceFolder): OpenBuffer[] {
    const visible = new Set(vscode.window.visibleTextEditors.map((editor) => editor.document));
    const buffers: OpenBuffer[] = [];
    for (const document of vscode.workspace.textDocuments) {
      if (document.isClosed || document.uri.scheme !== 'file') continue;
      if (vscode.workspace.getWorkspaceFolder(document.uri)?.uri.toString() !== folder.uri.toString()) continue;
      const file = relativeFile(folder, document.uri);
      if (file === undefined) continue;
      buffers.push({
        file,
        get text() { return document.getText(); },
        version: document.version,
        isDirty: document.isDirty,
        isVisible: visible.has(document),
      });
    }
    return buffers;
  }

  private withProgress(loads: Array<Promise<void>>): Promise<void> {
    if (loads.length === 0) return Promise.resolve();
    return Promise.resolve(vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Tracelens' },
      async (progress) => {
        progress.report({ message: 'indexing…' });
        this.progress = (message) => progress.report({ message });
        try {
          await Promise.all(loads);
        } finally {
          this.progress = undefined;
        }
      },
    ));
  }
}
