import * as vscode from 'vscode';
import type { EditorSettingsReader } from '../state/editorSettingsReader';
import { traceSummary } from './hoverContent';
import { locationOf, rangeOf } from '../locations';
import type { ProjectRegistry } from '../state/registry';
import { SnapshotLookup } from '../state/snapshotLookup';

/**
 * The files that may hold items. Two filters, as VS Code's globs do not nest braces: the one
 * pattern `{*.{md,…},needs.json}` it replaces matched no file at all.
 */
const REQUIREMENT_DOCUMENTS: vscode.DocumentSelector = [
  { scheme: 'file', pattern: '**/*.{md,markdown,yml,yaml,sdoc,sfra,ssec,rst,reqif}' },
  { scheme: 'file', pattern: '**/needs.json' },
];

/** A lens over one item: its title and command are computed when VS Code resolves it. */
class ItemLens extends vscode.CodeLens {
  constructor(range: vscode.Range, readonly document: vscode.Uri, readonly id: string, readonly line: number) {
    super(range);
  }
}

// Implements: TL-044, TL-214
/**
 * A CodeLens above every item in a requirement file: `2 implementations · 1 test`; clicking it
 * lists those places in the references peek. Lenses are resolved lazily: VS Code asks for the
 * title of the visible ones only, so a file of thousands of items costs ranges, not traces.
 */
export class CodeLensFeature implements vscode.CodeLensProvider<ItemLens> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly registry: ProjectRegistry, private readonly settings: EditorSettingsReader) {}

  register(subscriptions: vscode.Disposable[]): void {
    subscriptions.push(this.changed);
    subscriptions.push(vscode.languages.registerCodeLensProvider(REQUIREMENT_DOCUMENTS, this));
    this.registry.onDidChange(() => this.changed.fire(), this, subscriptions);
    this.settings.onDidChange(() => this.changed.fire(), this, subscriptions);
  }

  provideCodeLenses(document: vscode.TextDocument): ItemLens[] {
    const located = this.registry.locate(document.uri);
    const snapshot = located?.entry.project.snapshot;
    if (!located || !snapshot || !this.settings.for(located.entry.folder).codeLensEnabled) return [];
    if (located.entry.project.roleOf(located.file) !== 'requirement' || located.entry.project.phase === 'partial') return [];
    return SnapshotLookup.of(snapshot).itemsIn(located.file).map((item) => new ItemLens(
      rangeOf({ file: item.file, line: item.line, column: item.column, endColumn: item.endColumn }), document.uri, item.id, item.line,
    ));
  }

  resolveCodeLens(lens: ItemLens): ItemLens {
    lens.command = this.commandOf(lens) ?? { title: '', command: '' };
    return lens;
  }

  /** The lens's title and click from the current snapshot; undefined when its item is gone. */
  private commandOf(lens: ItemLens): vscode.Command | undefined {
    const located = this.registry.locate(lens.document);
    const snapshot = located?.entry.project.snapshot;
    if (!located || !snapshot) return undefined;
    const view = SnapshotLookup.of(snapshot);
    // The item at the lens's line: a duplicate ID elsewhere in the file keeps its own lens.
    const item = view.itemsIn(located.file).find((candidate) => candidate.id === lens.id && candidate.line === lens.line);
    if (!item) return undefined;
    if (view.isInactive(item)) return { title: `inactive (${item.status})`, command: '' };
    const title = traceSummary(item, view);
    const places = view.tracePlaces(item.id).map((place) => locationOf(located.entry.folder, place));
    return places.length === 0
      ? { title, command: '' }
      : { title, command: 'editor.action.showReferences', arguments: [lens.document, lens.range.start, places] };
  }
}
