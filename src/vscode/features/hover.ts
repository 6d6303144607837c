import * as vscode from 'vscode';
import { nearestIds } from '../../core/authoring/idSuggestions';
import { itemHover, suspectHover, unknownIdHover } from './hoverContent';
import { idAt } from './idAt';
import { lineLink } from '../locations';
import type { ProjectRegistry } from '../state/registry';
import { dependencyAt, soupHoverMarkdown } from '../../core/soup/hover';

/** Markdown from requirement files is the user's: rendered, but never trusted to run commands or HTML. */
export function untrustedMarkdown(value: string): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(value);
  markdown.isTrusted = false;
  markdown.supportHtml = false;
  markdown.supportThemeIcons = false;
  return markdown;
}

// Implements: TL-043
/** Hover on an ID: the item's title, kind, class, status, text and trace; for an unknown ID, near matches. */
export class HoverFeature implements vscode.HoverProvider {
  constructor(private readonly registry: ProjectRegistry) {}

  register(subscriptions: vscode.Disposable[]): void {
    subscriptions.push(vscode.languages.registerHoverProvider({ scheme: 'file' }, this));
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const soup = this.soupHover(document, position);
    if (soup) return soup;
    const at = idAt(this.registry, document, position);
    if (!at) return undefined;
    const { view, id } = at;
    const folder = at.located.entry.folder;
    const linkFor = (location: Parameters<typeof lineLink>[1]): string => lineLink(folder, location);
    const item = view.item(id);
    if (item) {
      const indexing = at.located.entry.project.phase === 'partial' ? '\n\n*Indexing: the trace in code is not complete yet.*' : '';
      const review = view.reviewAt(at.located.file, at.range.start.line + 1, at.range.start.character + 1);
      const suspect = review && review.target === id ? suspectHover(review, item) : '';
      return new vscode.Hover(untrustedMarkdown(suspect + itemHover(item, view, linkFor) + indexing), at.range);
    }
    // In requirement files only IDs of a known prefix are references; `SHA-256` is just text.
    if (at.role !== 'code' && !view.hasPrefixOf(id)) return undefined;
    const suggestions = nearestIds(id, view.ids()).map((near) => view.item(near)!).filter(Boolean);
    return new vscode.Hover(untrustedMarkdown(unknownIdHover(id, suggestions, linkFor)), at.range);
  }

  // Implements: TL-178
  /** On a dependency's name in a manifest: its SOUP entry, or that the register has none. */
  private soupHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const located = this.registry.locate(document.uri);
    const soup = located?.entry.project.snapshot?.soup;
    if (!located || !soup) return undefined;
    const dependency = dependencyAt(soup, located.file, position.line + 1, position.character + 1);
    if (!dependency) return undefined;
    const range = new vscode.Range(dependency.line - 1, dependency.column - 1, dependency.line - 1, dependency.endColumn - 1);
    return new vscode.Hover(untrustedMarkdown(soupHoverMarkdown(soup, dependency)), range);
  }
}
