import * as vscode from 'vscode';
import type { Item } from '../../core/model/types';
import { locationOf, rangeOf } from '../locations';
import type { ProjectRegistry } from '../state/registry';
import { SnapshotLookup } from '../state/snapshotLookup';
import { documentOutline, searchItems, symbolName, type OutlineNode } from './symbolModel';

const KINDS: Readonly<Record<string, vscode.SymbolKind>> = {
  requirement: vscode.SymbolKind.Key, system: vscode.SymbolKind.Module, risk: vscode.SymbolKind.Event, test: vscode.SymbolKind.Method,
};

function kindOf(item: Item): vscode.SymbolKind {
  return KINDS[item.kind] ?? vscode.SymbolKind.Key;
}

// Implements: TL-222
/**
 * Workspace symbols (`#REQ-020`, `#alarm escalation`) for every item of every format, and document
 * symbols (outline, breadcrumbs) for requirement files, from the projects' snapshots.
 */
export class SymbolsFeature implements vscode.WorkspaceSymbolProvider, vscode.DocumentSymbolProvider {
  constructor(private readonly registry: ProjectRegistry) {}

  register(subscriptions: vscode.Disposable[]): void {
    subscriptions.push(
      vscode.languages.registerWorkspaceSymbolProvider(this),
      vscode.languages.registerDocumentSymbolProvider({ scheme: 'file' }, this, { label: 'Tracelens' }),
    );
  }

  provideWorkspaceSymbols(query: string): vscode.SymbolInformation[] {
    return this.registry.all().flatMap((entry) => {
      const snapshot = entry.project.snapshot;
      if (!snapshot) return [];
      return searchItems(snapshot.items, query).map((item) => new vscode.SymbolInformation(symbolName(item), kindOf(item), item.file, locationOf(entry.folder, item)));
    });
  }

  provideDocumentSymbols(document: vscode.TextDocument): vscode.DocumentSymbol[] {
    const located = this.registry.locate(document.uri);
    const snapshot = located?.entry.project.snapshot;
    if (!located || !snapshot || located.entry.project.roleOf(located.file) !== 'requirement') return [];
    // An item past the end of the buffer was read from text since changed: left out until re-read.
    const items = SnapshotLookup.of(snapshot).itemsIn(located.file).filter((item) => item.line <= document.lineCount);
    const text = /\.(md|markdown)$/i.test(located.file) ? document.getText() : undefined;
    const toSymbol = (node: OutlineNode): vscode.DocumentSymbol => {
      const { item } = node;
      const selection = rangeOf({ file: item.file, line: item.line, column: item.column, endColumn: item.endColumn });
      const last = Math.min(Math.max(item.endLine, item.line), document.lineCount) - 1;
      const range = new vscode.Range(selection.start.with({ character: 0 }), document.lineAt(last).range.end);
      const symbol = new vscode.DocumentSymbol(item.id, item.title, kindOf(item), range.union(selection), selection);
      symbol.children = node.children.map(toSymbol);
      return symbol;
    };
    return documentOutline(items, text).map(toSymbol);
  }
}
