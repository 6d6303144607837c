import * as vscode from 'vscode';
import type { CoverageSummary } from '../../core/rules/coverage';
import type { EditorSettingsReader } from '../state/editorSettingsReader';
import type { ProjectRegistry } from '../state/registry';
import { statusSummaries, statusText, type StatusSource } from './statusText';

// Implements: TL-048, TL-076
/**
 * `$(checklist) 83% impl · 75% verif` in the status bar, a click reveals the Gaps view; or
 * `$(warning) No requirements`, and a click opens (or offers to create) tracelens.json.
 */
export class StatusBarFeature {
  private readonly item = vscode.window.createStatusBarItem('tracelens.coverage', vscode.StatusBarAlignment.Left, 10);

  constructor(private readonly registry: ProjectRegistry, private readonly settings: EditorSettingsReader) {
    this.item.name = 'Tracelens Coverage';
    this.item.command = 'tracelens.showGaps';
  }

  register(subscriptions: vscode.Disposable[]): void {
    subscriptions.push(this.item);
    this.registry.onDidChange(this.update, this, subscriptions);
    this.registry.onDidChangeProjects(this.update, this, subscriptions);
    this.settings.onDidChange(this.update, this, subscriptions);
    this.update();
  }

  private update(): void {
    const entries = this.registry.all();
    if (!this.settings.for().statusBarEnabled || entries.length === 0) {
      this.item.hide();
      return;
    }
    const failed = entries.filter((entry) => entry.project.phase === 'failed');
    if (entries.some((entry) => entry.project.phase === 'loading' || entry.project.phase === 'partial')) {
      this.item.text = '$(sync~spin) Tracelens';
      this.item.tooltip = 'Tracelens: indexing the workspace…';
      this.item.show();
      return;
    }
    const sources: StatusSource[] = [];
    for (const entry of entries) {
      const snapshot = entry.project.snapshot;
      if (snapshot) sources.push(snapshot);
    }
    const summaries: CoverageSummary[] = statusSummaries(sources);
    if (failed.length > 0) {
      this.item.text = '$(error) Tracelens';
      this.item.tooltip = failed.map((entry) => `${entry.folder.name}: ${entry.project.failure}`).join('\n');
      this.item.show();
      return;
    }
    if (summaries.length === 0) {
      this.item.hide();
      return;
    }
    const { text, tooltip, command } = statusText(summaries);
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.command = command;
    // Screen readers would otherwise start with the icon's name; the tooltip says it all in words.
    this.item.accessibilityInformation = { label: tooltip.split('\n').join(', '), role: 'button' };
    this.item.show();
  }
}
