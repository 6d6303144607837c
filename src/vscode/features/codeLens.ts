import * as vscode from 'vscode';
import type { EditorSettingsReader } from '../state/editorSettingsReader';
import { traceSummary } from './hoverContent';
import { locationOf, rangeOf } from '../locations';
import type { ProjectRegistry } from '../state/registry';
import { SnapshotLookup } from '../state/snapshotLookup';

// Implements: TL-044
/**
 * A CodeLens above every item in a requirement file: `2 implementations · 1 test`; clicking it
 * lists those places in the references peek.
 */
export class CodeLensFeature implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly registry: ProjectRegistry, private readonly settings: EditorSettingsReader) {}

  register(subscriptions: vscode.Disposable[]): void {
    subscriptions.push(this.changed);
    subscriptions.push(vscode.languages.registerCodeLensProvider({ scheme: 'file', pattern: '**/{*.{md,markdown,yml,yaml,sdoc,rst,reqif},needs.json}' }, this));
    this.registry.onDidChange(() => this.changed.fire(), this, subscriptions);
    this.settings.onDidChange(() => this.changed.fire(), this, subscriptions);
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const located = this.registry.locate(document.uri);
    const snapshot = located?.entry.project.snapshot;
    if (!located || !snapshot || !this.settings.for(located.entry.folder).codeLensEnabled) return [];
    if (located.entry.project.roleOf(located.file) !== 'requirement' || located.entry.project.phase === 'partial') return [];
    const view = SnapshotLookup.of(snapshot);
    const { folder } = located.entry;
    return view.itemsIn(located.file).map((item) => {
      const range = rangeOf({ file: item.file, line: item.line, column: item.column, endColumn: item.endColumn });
      if (view.isInactive(item)) return new vscode.CodeLens(range, { title: `inactive (${item.status})`, command: '' });
      const places = view.tracePlaces(item.id).map((place) => locationOf(folder, place));
      const title = traceSummary(item, view);
      return new vscode.CodeLens(range, places.length === 0
        ? { title, command: '' }
        : { title, command: 'editor.action.showReferences', arguments: [document.uri, range.start, places] });
    });
  }
}
