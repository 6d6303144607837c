import * as vscode from 'vscode';
import type { Finding } from '../../core/model/types';
import { openCommand } from '../locations';
import { SHOW_GAPS_FOR_FILE } from '../features/diagnostics';
import type { ProjectEntry, ProjectRegistry } from '../state/registry';
import { themeIcon } from './requirementsTree';
import { badgeCount, gapGroups, gapRow, severityIcon, topLevel, type GapGroup } from './treeModel';
import { SnapshotLookup } from '../state/snapshotLookup';
import { RuleId } from '../../core/rules/descriptors';

type Node =
  | { readonly type: 'folder'; readonly entry: ProjectEntry }
  | { readonly type: 'group'; readonly entry: ProjectEntry; readonly group: GapGroup }
  | { readonly type: 'finding'; readonly entry: ProjectEntry; readonly finding: Finding; readonly key: string };

const WORST: Record<string, number> = { error: 0, warning: 1, info: 2 };

/** Findings that are meaningful in a project's current phase. */
function phaseFindings(entry: ProjectEntry): readonly Finding[] {
  const { project } = entry;
  const findings = project.snapshot?.findings ?? [];
  if (project.phase === 'partial') return findings.filter((f) => f.rule !== RuleId.Unimplemented && f.rule !== RuleId.Unverified);
  return project.phase === 'loading' ? [] : findings;
}

/** The file the Gaps view is filtered to. */
export interface GapsFilter {
  /** The workspace folder's URI. */
  readonly folder: string;
  /** The file, relative to the folder. */
  readonly file: string;
}

/** The command that clears the Gaps view's file filter. */
export const CLEAR_GAPS_FILTER = 'tracelens.clearGapsFilter';

// Implements: TL-047, TL-210
/**
 * The Gaps view: findings grouped by rule with counts; the container's badge counts errors and
 * warnings. It can be filtered to one file (the summary of a capped file opens it so), which its
 * description and message say, with a title button to clear it.
 */
export class GapsTree implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private view: vscode.TreeView<Node> | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private filter: GapsFilter | undefined;

  constructor(private readonly registry: ProjectRegistry) {}

  /** The file filter in force, if any. */
  get fileFilter(): GapsFilter | undefined {
    return this.filter;
  }

  register(subscriptions: vscode.Disposable[]): void {
    this.view = vscode.window.createTreeView('tracelens.gaps', { treeDataProvider: this, showCollapseAll: true });
    subscriptions.push(this.view, this.changed, { dispose: () => clearTimeout(this.refreshTimer) });
    subscriptions.push(
      vscode.commands.registerCommand(SHOW_GAPS_FOR_FILE, (file?: vscode.Uri | string) => this.showFile(file)),
      vscode.commands.registerCommand(CLEAR_GAPS_FILTER, () => this.setFilter(undefined)),
    );
    this.registry.onDidChange(this.scheduleRefresh, this, subscriptions);
    this.registry.onDidChangeProjects(this.scheduleRefresh, this, subscriptions);
    this.update();
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.type) {
      case 'folder': {
        const item = new vscode.TreeItem(node.entry.folder.name, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `gaps-folder|${node.entry.folder.uri.toString()}`;
        item.iconPath = vscode.ThemeIcon.Folder;
        item.description = `${this.findingsOf(node.entry).length}`;
        return item;
      }
      case 'group': {
        const { group } = node;
        const item = new vscode.TreeItem(group.title, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `gaps-group|${node.entry.folder.uri.toString()}|${group.rule}`;
        item.description = `${group.findings.length}`;
        const worst = [...group.findings].sort((a, b) => WORST[a.severity]! - WORST[b.severity]!)[0]!;
        item.iconPath = themeIcon(severityIcon(worst.severity));
        item.tooltip = `${group.rule}: ${group.findings.length}`;
        return item;
      }
      case 'finding': {
        const { finding } = node;
        const snapshot = node.entry.project.snapshot;
        // Implements: TL-228
        const row = snapshot ? gapRow(finding, SnapshotLookup.of(snapshot)) : { label: finding.id ?? finding.file, description: `${finding.file}:${finding.line}` };
        const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
        item.id = node.key;
        item.description = row.description;
        item.tooltip = `${finding.message}\n${finding.file}:${finding.line}:${finding.column}`;
        item.iconPath = themeIcon(severityIcon(finding.severity));
        item.command = openCommand(node.entry.folder, finding);
        return item;
      }
    }
  }

  getChildren(node?: Node): Node[] {
    if (!node) return topLevel<ProjectEntry, Node>(this.entries(), (entry) => ({ type: 'folder', entry }), (entry) => this.groups(entry));
    if (node.type === 'folder') return this.groups(node.entry);
    if (node.type === 'group') {
      return node.group.findings.map((finding, index) => ({
        type: 'finding', entry: node.entry, finding,
        key: `gaps|${node.entry.folder.uri.toString()}|${finding.rule}|${finding.file}|${finding.id ?? ''}|${index}`,
      }));
    }
    return [];
  }

  private groups(entry: ProjectEntry): Node[] {
    return gapGroups(this.findingsOf(entry)).map((group) => ({ type: 'group', entry, group }));
  }

  /** The projects the view lists: all, or the one that holds the filtered file. */
  private entries(): ProjectEntry[] {
    const filter = this.filter;
    const all = this.registry.all();
    return filter ? all.filter((entry) => entry.folder.uri.toString() === filter.folder) : all;
  }

  /** A project's findings the view lists: those of the filtered file only, when filtered. */
  private findingsOf(entry: ProjectEntry): readonly Finding[] {
    const findings = phaseFindings(entry);
    const filter = this.filter;
    return filter ? findings.filter((finding) => finding.file === filter.file) : findings;
  }

  private async showFile(file: vscode.Uri | string | undefined): Promise<void> {
    const uri = typeof file === 'string' ? vscode.Uri.parse(file) : file ?? vscode.window.activeTextEditor?.document.uri;
    const located = uri && this.registry.locate(uri);
    if (!located) {
      void vscode.window.showWarningMessage('Tracelens: the file is not part of a Tracelens project.');
      return;
    }
    this.setFilter({ folder: located.entry.folder.uri.toString(), file: located.file });
    await vscode.commands.executeCommand('tracelens.gaps.focus');
  }

  private setFilter(filter: GapsFilter | undefined): void {
    this.filter = filter;
    void vscode.commands.executeCommand('setContext', 'tracelens.gapsFiltered', filter !== undefined);
    this.update();
  }

  private scheduleRefresh(): void {
    this.refreshTimer ??= setTimeout(() => {
      this.refreshTimer = undefined;
      this.update();
    }, 50);
  }

  private update(): void {
    if (this.view) {
      const findings = this.registry.all().flatMap((entry) => phaseFindings(entry));
      const badge = badgeCount(findings);
      this.view.badge = badge.count > 0 ? { value: badge.count, tooltip: badge.tooltip } : undefined;
      const settled = this.registry.all().every((entry) => entry.project.phase === 'ready');
      const filter = this.filter;
      this.view.description = filter ? `filtered to ${filter.file}` : undefined;
      if (filter) {
        const shown = this.entries().flatMap((entry) => this.findingsOf(entry)).length;
        this.view.message = `Filtered to ${filter.file}: ${shown.toLocaleString('en-US')} of ${findings.length.toLocaleString('en-US')} findings. `
          + 'Clear the filter with the ✕ button in the view\'s title bar (Tracelens: Clear Gaps Filter).';
      } else {
        this.view.message = settled && findings.length === 0 && this.registry.all().some((entry) => (entry.project.snapshot?.items.length ?? 0) > 0)
          ? 'No gaps: every active requirement is implemented and verified, every risk mitigated.'
          : undefined;
      }
    }
    this.changed.fire(undefined);
  }
}
