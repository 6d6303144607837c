import * as vscode from 'vscode';
import { idAt } from './idAt';
import { itemLocation, locationOf } from '../locations';
import type { ProjectRegistry } from '../state/registry';

// Implements: TL-044
/** Go to definition: from an ID (a tag, a link, a mention) to the item that defines it. */
export class DefinitionFeature implements vscode.DefinitionProvider {
  constructor(private readonly registry: ProjectRegistry) {}

  register(subscriptions: vscode.Disposable[]): void {
    subscriptions.push(vscode.languages.registerDefinitionProvider({ scheme: 'file' }, this));
  }

  provideDefinition(document: vscode.TextDocument, position: vscode.Position): vscode.Location[] | undefined {
    const at = idAt(this.registry, document, position);
    if (!at) return undefined;
    const definitions = at.view.definitions(at.id);
    return definitions.length === 0 ? undefined : definitions.map((item) => itemLocation(at.located.entry.folder, item));
  }
}

// Implements: TL-044
/** Find references: every tag naming an ID and every item linking to it. */
export class ReferencesFeature implements vscode.ReferenceProvider {
  constructor(private readonly registry: ProjectRegistry) {}

  register(subscriptions: vscode.Disposable[]): void {
    subscriptions.push(vscode.languages.registerReferenceProvider({ scheme: 'file' }, this));
  }

  provideReferences(document: vscode.TextDocument, position: vscode.Position, context: vscode.ReferenceContext): vscode.Location[] | undefined {
    const at = idAt(this.registry, document, position);
    if (!at) return undefined;
    const { folder } = at.located.entry;
    const declarations = context.includeDeclaration ? at.view.definitions(at.id).map((item) => itemLocation(folder, item)) : [];
    return [...declarations, ...at.view.usesOf(at.id).map((place) => locationOf(folder, place))];
  }
}
