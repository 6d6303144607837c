import * as vscode from 'vscode';
import { nearestIds } from '../../core/authoring/idSuggestions';
import { itemHover, suspectHover, unknownIdHover } from './hoverContent';
import { idAt } from './idAt';
import { lineLink } from '../locations';
import type { ProjectRegistry } from '../state/registry';

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
}
