// Implements: TL-203
/**
 * "Tracelens: Show Traceability Matrix": the HTML report inside VS Code, one webview per project
 * folder, rendered from the live snapshot and again whenever it changes. The page is the report's
 * own (core/reports/evidence/html.ts) in the theme's colours, under a policy that admits only its
 * inline style and script by nonce; its links open the files in the editor.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { checkResultOf } from '../../core/project/snapshotResult';
import { buildReportModel } from '../../core/reports/evidence/model';
import { esc, formatHtml } from '../../core/reports/evidence/html';
import type { ProjectSnapshot } from '../../core/project/projectIndex';
import { uriOf } from '../locations';
import type { ProjectEntry, ProjectRegistry } from '../state/registry';
import { editorReportStamp } from '../state/reportStamp';
import { pickEntry, readySnapshot } from '../features/projectPick';
import { MATRIX_HOST_SCRIPT, MATRIX_THEME_CSS, matrixLinkTarget } from './matrixHost';

interface Shown {
  readonly panel: vscode.WebviewPanel;
  /** The page last rendered (what the webview shows), and how many renders so far. */
  html: string;
  renders: number;
  /** The render under way, so that changes arriving meanwhile coalesce into one more. */
  running?: Promise<void>;
  again: boolean;
}

/** The matrix webviews, by workspace folder URI. */
export class MatrixPanels {
  private readonly shown = new Map<string, Shown>();

  constructor(private readonly registry: ProjectRegistry) {}

  register(subscriptions: vscode.Disposable[]): void {
    subscriptions.push(vscode.commands.registerCommand('tracelens.showMatrix', () => this.show()));
    this.registry.onDidChange((entry) => this.update(entry), undefined, subscriptions);
    subscriptions.push({ dispose: () => { for (const shown of this.shown.values()) shown.panel.dispose(); } });
  }

  /** What the folder's matrix shows, if it is open (for the extension-host tests). */
  state(folder: vscode.Uri): { readonly html: string; readonly renders: number } | undefined {
    const shown = this.shown.get(this.registry.entryFor(folder)?.folder.uri.toString() ?? '');
    return shown && shown.renders > 0 ? { html: shown.html, renders: shown.renders } : undefined;
  }

  private async show(): Promise<void> {
    const entry = await pickEntry(this.registry, 'Show the traceability matrix of which folder?');
    if (!entry || !readySnapshot(entry)) return;
    const key = entry.folder.uri.toString();
    const open = this.shown.get(key);
    if (open) {
      open.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel('tracelens.matrix', `Traceability Matrix: ${entry.folder.name}`, vscode.ViewColumn.Active, {
      enableScripts: true,
      // The page loads nothing: no local resource either.
      localResourceRoots: [],
      enableFindWidget: true,
    });
    const shown: Shown = { panel, html: '', renders: 0, again: false };
    this.shown.set(key, shown);
    panel.onDidDispose(() => this.shown.delete(key));
    panel.webview.onDidReceiveMessage((message: { type?: string; href?: string }) => this.open(entry.folder, message));
    await this.render(entry, shown);
  }

  private update(entry: ProjectEntry): void {
    const shown = this.shown.get(entry.folder.uri.toString());
    if (!shown || entry.project.phase !== 'ready') return;
    if (shown.running) shown.again = true;
    else void this.render(entry, shown);
  }

  private async render(entry: ProjectEntry, shown: Shown): Promise<void> {
    const run = async (): Promise<void> => {
      do {
        shown.again = false;
        const snapshot = entry.project.snapshot;
        if (!snapshot) return;
        const html = await this.page(entry, snapshot, shown.panel.webview).catch((error: Error) => `<!DOCTYPE html><p>Tracelens could not render the matrix: ${esc(error.message)}</p>`);
        if (!this.shown.has(entry.folder.uri.toString())) return;
        shown.html = html;
        shown.renders++;
        shown.panel.webview.html = html;
      } while (shown.again);
    };
    shown.running = run().finally(() => { shown.running = undefined; });
    await shown.running;
  }

  private async page(entry: ProjectEntry, snapshot: ProjectSnapshot, webview: vscode.Webview): Promise<string> {
    const stamp = await editorReportStamp(this.registry, entry, snapshot);
    const model = buildReportModel(checkResultOf(entry.folder.uri.fsPath, snapshot), '.');
    return formatHtml(model, stamp, {
      linkBase: '.',
      // A new nonce each render: the page is new each time.
      host: { cspSource: webview.cspSource, nonce: randomBytes(18).toString('base64'), css: MATRIX_THEME_CSS, script: MATRIX_HOST_SCRIPT },
    });
  }

  /** Opens the file a link of the page names, at its line. */
  private async open(folder: vscode.WorkspaceFolder, message: { type?: string; href?: string }): Promise<void> {
    if (message.type !== 'open' || typeof message.href !== 'string') return;
    const target = matrixLinkTarget(message.href);
    if (!target) return;
    const line = new vscode.Position(target.line - 1, 0);
    await vscode.window.showTextDocument(uriOf(folder, target.file), { selection: new vscode.Range(line, line), viewColumn: vscode.ViewColumn.Beside });
  }
}
