import * as vscode from 'vscode';
import { readSettings, type EditorSettings } from './editorSettings';

/**
 * The one place that reads `tracelens.*` settings: typed, frozen, per workspace folder, cached
 * until the configuration changes.
 */
export class EditorSettingsReader implements vscode.Disposable {
  private readonly cache = new Map<string, EditorSettings>();
  private readonly changed = new vscode.EventEmitter<vscode.ConfigurationChangeEvent>();

  /** Fires after a `tracelens.*` setting changed (the cache is already cleared). */
  readonly onDidChange = this.changed.event;

  register(subscriptions: vscode.Disposable[]): void {
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration('tracelens')) return;
      this.cache.clear();
      this.changed.fire(event);
    }, this, subscriptions);
    subscriptions.push(this);
  }

  /** The settings that apply to a workspace folder (or the window when none is given). */
  for(folder?: vscode.WorkspaceFolder): EditorSettings {
    const key = folder?.uri.toString() ?? '';
    let settings = this.cache.get(key);
    if (!settings) {
      const section = vscode.workspace.getConfiguration('tracelens', folder?.uri);
      settings = readSettings((name) => section.get(name));
      this.cache.set(key, settings);
    }
    return settings;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
