import * as vscode from 'vscode';
import type { Item } from '../../core/model/types';
import { untrustedMarkdown } from '../features/hover';
import { escapeMarkdown, traceSummary } from '../features/hoverContent';
import { openCommand, uriOf } from '../locations';
import type { ProjectEntry, ProjectRegistry } from '../state/registry';
import { SnapshotLookup } from '../state/snapshotLookup';
import { coverageIcon, coverageLabel, hasNoItems, requirementDocuments, topLevel, traceEntries, type IconSpec, type TraceEntry } from './treeModel';

/** The context key of the "Show only gaps" toggle. */
export const GAPS_ONLY_CONTEXT = 'tracelens.gapsOnly';
/** The context key the welcome view waits for: no project has an item (see {@link hasNoItems}). */
export const NO_REQUIREMENTS_CONTEXT = 'tracelens.noRequirements';
const GAPS_ONLY_STATE = 'tracelens.gapsOnly';

type Node =
  | { readonly type: 'folder'; readonly entry: ProjectEntry }
  | { readonly type: 'document'; readonly entry: ProjectEntry; readonly file: string; readonly items: readonly Item[] }
  | { readonly type: 'item'; readonly entry: ProjectEntry; readonly view: SnapshotLookup; readonly item: Item; readonly key: string }
  | { readonly type: 'trace'; readonly entry: ProjectEntry; readonly trace: TraceEntry; readonly key: string };

/** The ThemeIcon of an icon spec. */
export function themeIcon(icon: IconSpec): vscode.ThemeIcon {
  return new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
}

function basename(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

function dirname(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash < 0 ? '' : file.slice(0, slash);
}

// Implements: TL-047
/**
 * The Requirements view: requirement files, their items with a coverage icon, and each item's
 * trace (code, tests, links). Reads only the projects' in-memory snapshots.
 */
export class RequirementsTree implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private view: vscode.TreeView<Node> | undefined;
  private gapsOnly: boolean;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private noRequirements: boolean | undefined;

  constructor(private readonly registry: ProjectRegistry, private readonly state: vscode.Memento) {
    this.gapsOnly = state.get<boolean>(GAPS_ONLY_STATE, false);
  }

  register(subscriptions: vscode.Disposable[]): void {
    this.view = vscode.window.createTreeView('tracelens.requirements', { treeDataProvider: this, showCollapseAll: true });
    subscriptions.push(this.view, this.changed, { dispose: () => clearTimeout(this.refreshTimer) });
    subscriptions.push(
      vscode.commands.registerCommand('tracelens.showOnlyGaps', () => this.setGapsOnly(true)),
      vscode.commands.registerCommand('tracelens.showAll', () => this.setGapsOnly(false)),
    );
    this.registry.onDidChange(this.scheduleRefresh, this, subscriptions);
    this.registry.onDidChangeProjects(this.scheduleRefresh, this, subscriptions);
    void vscode.commands.executeCommand('setContext', GAPS_ONLY_CONTEXT, this.gapsOnly);
    this.update();
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.type) {
      case 'folder': {
        const item = new vscode.TreeItem(node.entry.folder.name, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `folder|${node.entry.folder.uri.toString()}`;
        item.iconPath = vscode.ThemeIcon.Folder;
        item.description = this.folderDescription(node.entry);
        return item;
      }
      case 'document': {
        const item = new vscode.TreeItem(basename(node.file), vscode.TreeItemCollapsibleState.Expanded);
        item.id = `document|${node.entry.folder.uri.toString()}|${node.file}`;
        item.resourceUri = uriOf(node.entry.folder, node.file);
        item.iconPath = vscode.ThemeIcon.File;
        item.description = [dirname(node.file), `${node.items.length}`].filter(Boolean).join(' · ');
        item.tooltip = node.file;
        item.contextValue = 'tracelens.document';
        return item;
      }
      case 'item': {
        const { item: requirement, view } = node;
        const entries = traceEntries(requirement, view);
        const item = new vscode.TreeItem(requirement.id, entries.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.id = node.key;
        // Implements: TL-188
        const suspect = view.hasSuspectLinks(requirement.id);
        item.description = suspect ? `${requirement.title} · changed since review` : requirement.title;
        const detail = view.coverageDetail(requirement);
        const coverage = detail.state;
        const label = coverageLabel(coverage, requirement, detail);
        item.iconPath = themeIcon(coverageIcon(coverage, requirement, detail));
        const summary = view.isInactive(requirement) ? `inactive (${requirement.status})` : traceSummary(requirement, view);
        item.tooltip = untrustedMarkdown([
          `**${escapeMarkdown(requirement.id)}** ${escapeMarkdown(requirement.title)}`,
          '',
          escapeMarkdown(`${requirement.kind} · ${label} · ${summary}`),
          ...(suspect ? ['', '**Changed since review**: some links to it are suspect (Tracelens: Review Suspect Links).'] : []),
          ...(requirement.text.trim() !== '' ? ['', '---', '', requirement.text.trim()] : []),
        ].join('\n'));
        item.accessibilityInformation = { label: `${requirement.id} ${requirement.title}, ${label}` };
        item.command = openCommand(node.entry.folder, requirement);
        item.contextValue = `tracelens.item.${requirement.kind}${suspect ? '.suspect' : ''}`;
        return item;
      }
      case 'trace': {
        const item = new vscode.TreeItem(node.trace.label, vscode.TreeItemCollapsibleState.None);
        item.id = node.key;
        if (node.trace.description) item.description = node.trace.description;
        item.iconPath = themeIcon(node.trace.icon);
        if (node.trace.location) item.command = openCommand(node.entry.folder, node.trace.location);
        return item;
      }
    }
  }

  getChildren(node?: Node): Node[] {
    if (!node) return topLevel<ProjectEntry, Node>(this.registry.all(), (entry) => ({ type: 'folder', entry }), (entry) => this.documents(entry));
    switch (node.type) {
      case 'folder': return this.documents(node.entry);
      case 'document': {
        const snapshot = node.entry.project.snapshot;
        if (!snapshot) return [];
        const view = SnapshotLookup.of(snapshot);
        const seen = new Map<string, number>();
        return node.items.map((item) => {
          const count = (seen.get(item.id) ?? 0) + 1;
          seen.set(item.id, count);
          return { type: 'item', entry: node.entry, view, item, key: `item|${node.entry.folder.uri.toString()}|${node.file}|${item.id}|${count}` };
        });
      }
      case 'item':
        return traceEntries(node.item, node.view).map((trace, index) => ({ type: 'trace', entry: node.entry, trace, key: `${node.key}|${index}|${trace.label}` }));
      case 'trace':
        return [];
    }
  }

  private documents(entry: ProjectEntry): Node[] {
    const snapshot = entry.project.snapshot;
    // Before the code is scanned every item would look untraced. Without items the welcome content
    // (which shows only over an empty tree) says nothing was found; files without items are gaps.
    if (!snapshot || entry.project.phase === 'loading' || entry.project.phase === 'partial' || hasNoItems(snapshot)) return [];
    return requirementDocuments(SnapshotLookup.of(snapshot), this.gapsOnly).map((document) => ({ type: 'document', entry, ...document }));
  }

  private folderDescription(entry: ProjectEntry): string {
    const { project } = entry;
    if (project.phase === 'failed') return 'failed to load';
    if (project.phase !== 'ready') return 'indexing…';
    const summary = project.snapshot?.summary;
    if (!summary) return '';
    return summary.items === 0 ? 'no requirements found' : `${summary.requirements} requirements`;
  }

  private async setGapsOnly(value: boolean): Promise<void> {
    this.gapsOnly = value;
    await this.state.update(GAPS_ONLY_STATE, value);
    await vscode.commands.executeCommand('setContext', GAPS_ONLY_CONTEXT, value);
    this.update();
  }

  private scheduleRefresh(): void {
    // Several projects or updates in a burst: one refresh.
    this.refreshTimer ??= setTimeout(() => {
      this.refreshTimer = undefined;
      this.update();
    }, 50);
  }

  private update(): void {
    const entries = this.registry.all();
    const failed = entries.filter((entry) => entry.project.phase === 'failed');
    const loading = entries.some((entry) => entry.project.phase === 'loading' || entry.project.phase === 'partial');
    if (this.view) {
      this.view.message = failed.length > 0
        ? `Tracelens could not load ${failed.map((entry) => `${entry.folder.name}: ${entry.project.failure}`).join('; ')}`
        : loading ? 'Indexing…' : this.gapsOnly ? 'Showing only items with gaps.' : undefined;
      // Implements: TL-228
      // The header says it too: the message scrolls away, the description stays beside the title.
      this.view.description = this.gapsOnly ? 'Only gaps' : undefined;
    }
    const settled = entries.length > 0 && entries.every((entry) => entry.project.phase === 'ready' || entry.project.phase === 'failed');
    const none = settled && entries.every((entry) => !entry.project.snapshot || hasNoItems(entry.project.snapshot));
    if (none !== this.noRequirements) {
      this.noRequirements = none;
      void vscode.commands.executeCommand('setContext', NO_REQUIREMENTS_CONTEXT, none);
    }
    this.changed.fire(undefined);
  }
}
