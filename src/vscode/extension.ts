import * as vscode from 'vscode';
import type { ProjectSnapshot } from '../core/project/projectIndex';
import { CodeActionsFeature } from './features/codeActions';
import { CodeLensFeature } from './features/codeLens';
import { CommandsFeature } from './features/commands';
import { FindCodeFeature } from './features/findCode';
import { ReviewFeature } from './features/review';
import { RenameFeature } from './features/rename';
import { CreateItemFeature } from './features/createItem';
import { SymbolsFeature } from './features/symbols';
import { CompletionFeature } from './features/completion';
import { EditorSettingsReader } from './state/editorSettingsReader';
import { Diagnostics } from './features/diagnostics';
import { DocumentSync } from './state/documentSync';
import { GapsTree } from './views/gapsTree';
import { HoverFeature } from './features/hover';
import { DefinitionFeature, ReferencesFeature } from './features/navigation';
import type { ProjectPhase } from './state/project';
import { ProjectRegistry } from './state/registry';
import { RequirementsTree } from './views/requirementsTree';
import { StatusBarFeature } from './views/statusBar';
import { MatrixPanels } from './views/matrixPanel';
import { ReportExportFeature } from './features/reportExport';
import { CoverageGutter } from './features/coverageGutter';
import { HiddenGapsActions } from './features/hiddenGaps';
import { TracelensLog } from './state/logger';
import type { GapsFilter } from './views/gapsTree';
import type { CoverageState } from '../core/rules/coverage';
import { installNodeSha256 } from '../core/review/nodeSha256';

/**
 * What `activate` returns, for the extension-host tests: they wait for state through it rather
 * than sleeping. Folder URIs are workspace folder URIs (or any URI inside one).
 */
export interface TracelensApi {
  /**
   * Resolves once the first index of every project (or the folder's) is built and every edit
   * and file event received so far has been applied. A file written on disk reaches the
   * extension through the file watcher a little later: wait for it with {@link whenSnapshot}.
   */
  whenIndexed(folder?: vscode.Uri): Promise<void>;
  /** The folder's current snapshot: what diagnostics, hovers and views show. */
  snapshot(folder: vscode.Uri): ProjectSnapshot | undefined;
  /** The folder's project phase: `loading`, `partial`, `ready` or `failed`. */
  phase(folder: vscode.Uri): ProjectPhase | undefined;
  /** Resolves with the first snapshot (current or coming) that satisfies `predicate`; rejects after `timeoutMs` (default 10 s). */
  whenSnapshot(folder: vscode.Uri, predicate: (snapshot: ProjectSnapshot) => boolean, timeoutMs?: number): Promise<ProjectSnapshot>;
  /** Fires with the workspace folder URI whenever a project's snapshot or phase changes. */
  readonly onDidChange: vscode.Event<vscode.Uri>;
  /** The page the folder's Traceability Matrix webview shows and how many times it was rendered; undefined when it is not open. */
  matrix(folder: vscode.Uri): { readonly html: string; readonly renders: number } | undefined;
  /** What the editor shows that the VS Code API cannot read back, for the extension-host tests. */
  readonly inspect: TracelensInspection;
}

/** Read-only views of the editor's state for the extension-host tests. */
export interface TracelensInspection {
  /** The lines the "Tracelens" output channel got at its current level, as `[level] message`. */
  logLines(): readonly string[];
  /** How many coverage marks of each state the gutter of a document's editors last got. */
  gutterMarks(document: vscode.Uri): Readonly<Record<CoverageState, number>> | undefined;
  /** The file the Gaps view is filtered to. */
  gapsFilter(): GapsFilter | undefined;
  /** Where a workspace folder's scan cache is kept. */
  scanCacheFolder(folder: vscode.WorkspaceFolder): string;
  /** The extension host's resident set size, in bytes. */
  rss(): number;
}

let registry: ProjectRegistry | undefined;

// Implements: TL-040
/**
 * The composition root: builds the features, hands each its dependencies and registers it. The
 * workspace is indexed in the background; `activate` itself returns at once.
 */
export function activate(context: vscode.ExtensionContext): TracelensApi {
  // Fingerprints in hovers, reviews and the matrix use Node's native SHA-256 (the same text, faster).
  installNodeSha256();
  const subscriptions = context.subscriptions;
  const log = new TracelensLog();
  subscriptions.push(log);

  const settings = new EditorSettingsReader();
  settings.register(subscriptions);
  const projects = new ProjectRegistry(context, log);
  projects.register(subscriptions);
  registry = projects;
  const sync = new DocumentSync(projects, settings);
  sync.register(subscriptions);

  new Diagnostics(projects, settings).register(subscriptions);
  new HoverFeature(projects).register(subscriptions);
  new DefinitionFeature(projects).register(subscriptions);
  new ReferencesFeature(projects).register(subscriptions);
  new CodeLensFeature(projects, settings).register(subscriptions);
  new CompletionFeature(projects).register(subscriptions);
  new CodeActionsFeature(projects).register(subscriptions);
  new RequirementsTree(projects, context.workspaceState).register(subscriptions);
  const gaps = new GapsTree(projects);
  gaps.register(subscriptions);
  const gutter = new CoverageGutter(projects, context.extensionUri);
  gutter.register(subscriptions);
  new HiddenGapsActions().register(subscriptions);
  new StatusBarFeature(projects, settings).register(subscriptions);
  new CommandsFeature(projects).register(subscriptions);
  new FindCodeFeature(projects).register(subscriptions);
  new ReviewFeature(projects).register(subscriptions);
  new ReportExportFeature(projects).register(subscriptions);
  const matrix = new MatrixPanels(projects);
  matrix.register(subscriptions);
  new RenameFeature(projects).register(subscriptions);
  new CreateItemFeature(projects, settings).register(subscriptions);
  new SymbolsFeature(projects).register(subscriptions);

  void projects.start();
  return createApi(projects, sync, matrix, subscriptions, {
    logLines: () => log.lines(),
    gutterMarks: (document) => gutter.marksOf(document),
    gapsFilter: () => gaps.fileFilter,
    scanCacheFolder: (folder) => projects.cacheFolder(folder),
    rss: () => process.memoryUsage().rss,
  });
}

/** Stops the scan workers and writes the scan caches, so a warm restart reuses them. */
export async function deactivate(): Promise<void> {
  await registry?.shutdown();
  registry = undefined;
}

function createApi(projects: ProjectRegistry, sync: DocumentSync, matrix: MatrixPanels, subscriptions: vscode.Disposable[], inspect: TracelensInspection): TracelensApi {
  const changed = new vscode.EventEmitter<vscode.Uri>();
  subscriptions.push(changed);
  projects.onDidChange((entry) => changed.fire(entry.folder.uri), undefined, subscriptions);
  const snapshot = (folder: vscode.Uri): ProjectSnapshot | undefined => projects.entryFor(folder)?.project.snapshot;
  return {
    async whenIndexed(folder) {
      await projects.whenLoaded(folder);
      // Applying one update can schedule another (a debounced edit, a batch of file events).
      do {
        await sync.whenIdle();
        await projects.whenIdle(folder);
      } while (sync.busy || projects.busy(folder));
    },
    snapshot,
    phase: (folder) => projects.entryFor(folder)?.project.phase,
    whenSnapshot(folder, predicate, timeoutMs = 10_000) {
      const current = snapshot(folder);
      if (current && predicate(current)) return Promise.resolve(current);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          subscription.dispose();
          reject(new Error(`no snapshot of ${folder.toString()} matched within ${timeoutMs} ms`));
        }, timeoutMs);
        const subscription = changed.event((changedFolder) => {
          const next = snapshot(folder);
          if (changedFolder.toString() !== projects.entryFor(folder)?.folder.uri.toString() || !next || !predicate(next)) return;
          clearTimeout(timer);
          subscription.dispose();
          resolve(next);
        });
      });
    },
    onDidChange: changed.event,
    matrix: (folder) => matrix.state(folder),
    inspect,
  };
}
