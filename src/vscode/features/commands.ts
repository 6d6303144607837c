import * as vscode from 'vscode';
import { isId } from '../../core/model/ids';
import { initFiles } from '../../core/config/starterFiles';
import { formatJson } from '../../core/reports/jsonReport';
import { formatSarif } from '../../core/reports/sarifReport';
import { checkResultOf } from '../../core/project/snapshotResult';
import { commonPrefix, nextFreeId, stubRefusal } from '../../core/authoring/requirementStubs';
import { rankItems } from './completionModel';
import { tagEdit } from './edits';
import { unitsOfDocument } from './codeUnits';
import { CREATE_ITEM_COMMAND } from './createItem';
import { uriOf } from '../locations';
import type { ProjectRegistry } from '../state/registry';
import { SnapshotLookup } from '../state/snapshotLookup';
import { pickEntry, readySnapshot } from './projectPick';
import { kindResolver } from '../../core/readers';

const encoder = new TextEncoder();

async function exists(uri: vscode.Uri): Promise<boolean> {
  return Promise.resolve(vscode.workspace.fs.stat(uri)).then(() => true, () => false);
}

/** The palette commands (category "Tracelens") and the internal ones quick fixes run. */
export class CommandsFeature {
  constructor(private readonly registry: ProjectRegistry) {}

  register(subscriptions: vscode.Disposable[]): void {
    const commands: Record<string, (...args: never[]) => unknown> = {
      'tracelens.rescan': () => this.registry.rescan(),
      'tracelens.exportReport': () => this.exportReport(),
      'tracelens.createRequirement': () => this.createRequirement(),
      'tracelens.traceToRequirement': (uri?: vscode.Uri, line?: number) => this.traceToRequirement(uri, line),
      'tracelens.showGaps': () => vscode.commands.executeCommand('tracelens.gaps.focus'),
      'tracelens.openConfig': () => this.openConfig(),
      'tracelens.init': (folder?: vscode.Uri) => this.init(folder),
      'tracelens.copyTag': (tag: string) => this.copyTag(tag),
    };
    for (const [id, run] of Object.entries(commands)) subscriptions.push(vscode.commands.registerCommand(id, run));
  }

  private async exportReport(): Promise<void> {
    const entry = await pickEntry(this.registry, 'Export the report of which folder?');
    const snapshot = entry && readySnapshot(entry);
    if (!entry || !snapshot) return;
    const format = await vscode.window.showQuickPick([
      { label: 'JSON', description: 'items, references, findings and coverage', format: 'json' as const },
      { label: 'SARIF', description: 'SARIF 2.1.0, for code scanning', format: 'sarif' as const },
    ], { title: 'Export Tracelens Report', placeHolder: 'Report format' });
    if (!format) return;
    const defaultUri = uriOf(entry.folder, format.format === 'json' ? 'tracelens-report.json' : 'tracelens.sarif');
    const target = await vscode.window.showSaveDialog({
      defaultUri, title: 'Export Tracelens Report',
      filters: format.format === 'json' ? { JSON: ['json'] } : { SARIF: ['sarif', 'json'] },
    });
    if (!target) return;
    const result = checkResultOf(entry.folder.uri.fsPath, snapshot);
    // Paths in the report are relative to the workspace folder, as `tracelens check` run there prints them.
    const text = format.format === 'json' ? formatJson(result, '.') : formatSarif(result, '.');
    await vscode.workspace.fs.writeFile(target, encoder.encode(text));
    const open = await vscode.window.showInformationMessage(`Tracelens report written to ${vscode.workspace.asRelativePath(target)}.`, 'Open');
    if (open) await vscode.window.showTextDocument(target);
  }

  private async createRequirement(): Promise<void> {
    const entry = await pickEntry(this.registry, 'Create the requirement in which folder?');
    const snapshot = entry && readySnapshot(entry);
    if (!entry || !snapshot) return;
    const view = SnapshotLookup.of(snapshot);
    const prefix = commonPrefix(snapshot.items) ?? 'REQ';
    const suggested = nextFreeId(prefix, view.ids());
    const id = (await vscode.window.showInputBox({
      title: 'Create Requirement', prompt: 'ID of the new item', value: suggested,
      valueSelection: [suggested.search(/[0-9]+$/), suggested.length],
      validateInput: (value) => {
        const candidate = value.trim();
        if (!isId(candidate)) return 'An ID is a prefix and a number (REQ-012, REQ012, REQ-SYS-012), a name (FE_DEF) or an OpenFastTrace ID (dsn~name~1).';
        return view.item(candidate) ? `${candidate} is already defined.` : undefined;
      },
    }))?.trim();
    if (!id) return;
    const refusal = stubRefusal(id, snapshot.items);
    if (refusal) {
      void vscode.window.showWarningMessage(refusal);
      return;
    }
    const title = await vscode.window.showInputBox({ title: `Create ${id}`, prompt: `Title of ${id} (a ${kindResolver(snapshot.config)(id)})`, placeHolder: 'Dose rounding' });
    if (title === undefined) return;
    await vscode.commands.executeCommand(CREATE_ITEM_COMMAND, entry.folder.uri, id, title.trim() || undefined);
  }

  private async traceToRequirement(uri?: vscode.Uri, line?: number): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const document = uri ? await vscode.workspace.openTextDocument(uri) : editor?.document;
    const located = document && this.registry.locate(document.uri);
    if (!document || !located || located.entry.project.roleOf(located.file) !== 'code') {
      void vscode.window.showInformationMessage('Trace to requirement works on a code file of a Tracelens project.');
      return;
    }
    const snapshot = readySnapshot(located.entry);
    if (!snapshot) return;
    const cursor = line ?? (editor?.document === document ? editor.selection.active.line : 0);
    const found = await unitsOfDocument(this.registry, located.entry, located.file, document);
    if (!found) {
      void vscode.window.showInformationMessage(`Tracelens reads no language in ${located.file}.`);
      return;
    }
    const view = SnapshotLookup.of(snapshot);
    const isTest = view.isTestFile(located.file);
    const picked = await vscode.window.showQuickPick(
      rankItems(view, { isTest }).map(({ item, gap }) => ({
        label: item.id, description: item.title, ...(gap ? { detail: `$(warning) ${gap}` } : {}), item,
      })),
      { title: isTest ? 'Verifies which requirement?' : 'Implements which requirement?', matchOnDescription: true, placeHolder: 'Type an ID or a title' },
    );
    if (!picked) return;
    const relation = isTest ? 'verifies' : picked.item.kind === 'risk' ? 'mitigates' : 'implements';
    const { unit, edit } = tagEdit(document, located.entry, found, cursor, picked.item.id, relation);
    if (!edit) {
      void vscode.window.showInformationMessage(`${unit?.name ?? 'This line'} is already traced to ${picked.item.id}.`);
      return;
    }
    await vscode.workspace.applyEdit(edit);
  }

  private async openConfig(): Promise<void> {
    const entry = await pickEntry(this.registry, 'Open the configuration of which folder?');
    if (!entry) return;
    const uri = uriOf(entry.folder, entry.project.configPath);
    if (await exists(uri)) {
      await vscode.window.showTextDocument(uri);
      return;
    }
    const choice = await vscode.window.showInformationMessage(`${entry.folder.name} has no ${entry.project.configPath} yet.`, 'Initialize Tracelens');
    if (choice) await this.init(entry.folder.uri);
  }

  /** Writes the starter files that do not exist yet; never overwrites. */
  private async init(folder?: vscode.Uri): Promise<void> {
    const entry = await pickEntry(this.registry, 'Initialize Tracelens in which folder?', folder);
    if (!entry) return;
    const created: string[] = [];
    for (const file of initFiles()) {
      const uri = uriOf(entry.folder, file.path);
      if (await exists(uri)) continue;
      await vscode.workspace.fs.writeFile(uri, encoder.encode(file.content));
      created.push(file.path);
    }
    if (created.length === 0) {
      void vscode.window.showInformationMessage(`${entry.folder.name} already has the Tracelens starter files.`);
      return;
    }
    await entry.project.reload();
    await vscode.window.showTextDocument(uriOf(entry.folder, created[created.length - 1]!));
    void vscode.window.showInformationMessage(`Tracelens: created ${created.join(' and ')}.`);
  }

  private async copyTag(tag: string): Promise<void> {
    await vscode.env.clipboard.writeText(tag);
    vscode.window.setStatusBarMessage(`Copied "${tag}": paste it in a comment above the code.`, 4000);
  }
}
