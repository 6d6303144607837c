import * as vscode from 'vscode';
import type { CoverageState } from '../../core/rules/coverage';
import type { ProjectRegistry } from '../state/registry';
import { SnapshotLookup } from '../state/snapshotLookup';
import { GUTTER_STATES, gutterMarks } from './gutterModel';

/** The overview ruler (scroll bar) marks gaps, so that a long file's gaps are found at a glance. */
const RULER: Partial<Record<CoverageState, string>> = {
  none: 'editorOverviewRuler.errorForeground',
  partial: 'editorOverviewRuler.warningForeground',
};

function decorationType(extension: vscode.Uri, state: CoverageState): vscode.TextEditorDecorationType {
  const icon = (theme: 'light' | 'dark'): vscode.Uri => vscode.Uri.joinPath(extension, 'media', 'gutter', `${state}-${theme}.svg`);
  const ruler = RULER[state];
  return vscode.window.createTextEditorDecorationType({
    light: { gutterIconPath: icon('light') },
    dark: { gutterIconPath: icon('dark') },
    gutterIconSize: 'contain',
    ...(ruler ? { overviewRulerColor: new vscode.ThemeColor(ruler), overviewRulerLane: vscode.OverviewRulerLane.Left } : {}),
  });
}

// Implements: TL-211
/**
 * A coverage mark in the gutter beside every item of a requirement file (complete, partial, none,
 * inactive, neutral), independent of the diagnostics, so that no item's state is lost to VS
 * Code's cap of 1,000 diagnostics per file. Not while the code is still being scanned: coverage is
 * not known yet then.
 */
export class CoverageGutter {
  private readonly types: ReadonlyMap<CoverageState, vscode.TextEditorDecorationType>;
  /** Per document URI: how many marks of each state were last set, for the extension-host tests. */
  private readonly applied = new Map<string, Readonly<Record<CoverageState, number>>>();

  constructor(private readonly registry: ProjectRegistry, extension: vscode.Uri) {
    this.types = new Map(GUTTER_STATES.map((state) => [state, decorationType(extension, state)]));
  }

  register(subscriptions: vscode.Disposable[]): void {
    subscriptions.push(...this.types.values());
    this.registry.onDidChange(this.updateAll, this, subscriptions);
    vscode.window.onDidChangeVisibleTextEditors(this.updateAll, this, subscriptions);
    this.updateAll();
  }

  /** How many marks of each state a document's editors last got, or undefined when none were set. */
  marksOf(uri: vscode.Uri): Readonly<Record<CoverageState, number>> | undefined {
    return this.applied.get(uri.toString());
  }

  private updateAll(): void {
    const visible = new Set<string>();
    for (const editor of vscode.window.visibleTextEditors) {
      visible.add(editor.document.uri.toString());
      this.update(editor);
    }
    for (const uri of [...this.applied.keys()]) if (!visible.has(uri)) this.applied.delete(uri);
  }

  private update(editor: vscode.TextEditor): void {
    const uri = editor.document.uri;
    const located = this.registry.locate(uri);
    const project = located?.entry.project;
    const snapshot = project?.snapshot;
    const known = located && snapshot && project.phase !== 'partial' && project.roleOf(located.file) === 'requirement';
    const marks = known ? gutterMarks(SnapshotLookup.of(snapshot), located.file) : undefined;
    if (!marks && !this.applied.has(uri.toString())) return;
    const counts = {} as Record<CoverageState, number>;
    for (const [state, type] of this.types) {
      const lines = marks?.get(state) ?? [];
      counts[state] = lines.length;
      editor.setDecorations(type, lines.map((line) => new vscode.Range(line, 0, line, 0)));
    }
    if (marks) this.applied.set(uri.toString(), counts);
    else this.applied.delete(uri.toString());
  }
}
