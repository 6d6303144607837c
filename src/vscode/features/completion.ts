import * as vscode from 'vscode';
import type { CommentSpan } from '../../parsing/commentSpan';
import type { LanguageMapping } from '../../core/config/types';
import { languageResolver } from '../../core/scan/fileLanguages';
import { completionSite, linkAttributesOf, rankItems, tableCellSite } from './completionModel';
import { untrustedMarkdown } from './hover';
import type { ProjectRegistry } from '../state/registry';
import { SnapshotLookup } from '../state/snapshotLookup';

/** Characters after which completion is offered: `REQ-`, `Implements: `, `Verifies:`. */
export const COMPLETION_TRIGGERS = ['-', ' ', ':'];

/** Closing delimiters: a cursor right after one is outside the comment. */
const CLOSERS = ['*/', '"""', "'''", '-->'];

// Implements: TL-045
/**
 * ID completion inside comments of code files (after a relation keyword or a known prefix), and
 * after `parent:`, `mitigates:` and `verifies:` in requirement files. Unimplemented requirements
 * come first, unverified ones in test files.
 */
export class CompletionFeature implements vscode.CompletionItemProvider {
  private spans: { key: string; spans: CommentSpan[] } | undefined;

  constructor(private readonly registry: ProjectRegistry) {}

  register(subscriptions: vscode.Disposable[]): void {
    subscriptions.push(vscode.languages.registerCompletionItemProvider({ scheme: 'file' }, this, ...COMPLETION_TRIGGERS));
  }

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.CompletionList | undefined> {
    const located = this.registry.locate(document.uri);
    const snapshot = located?.entry.project.snapshot;
    if (!located || !snapshot) return undefined;
    const view = SnapshotLookup.of(snapshot);
    const role = located.entry.project.roleOf(located.file);
    const linePrefix = document.lineAt(position.line).text.slice(0, position.character);
    let isTest = false;
    let site;
    if (role === 'code') {
      site = completionSite(linePrefix, snapshot.config.keywords, view.families());
      if (!site || !(await this.inComment(document, position, located.file, snapshot.config.languages)) || token.isCancellationRequested) return undefined;
      isTest = view.isTestFile(located.file);
    } else if (role === 'requirement') {
      const lines = Array.from({ length: document.lineCount }, (_, i) => document.lineAt(i).text);
      const attributes = linkAttributesOf(located.file, view.itemsIn(located.file), snapshot.config);
      site = tableCellSite(lines, position.line, position.character, snapshot.config.tableColumns) ?? completionSite(linePrefix, attributes, view.families());
    }
    if (!site) return undefined;
    const range = new vscode.Range(position.line, site.start, position.line, position.character);
    const items = rankItems(view, { ...(site.relation ? { relation: site.relation } : {}), isTest }).map(({ item, sortText, gap }) => {
      const completion = new vscode.CompletionItem({ label: item.id, description: item.title }, vscode.CompletionItemKind.Reference);
      completion.range = range;
      completion.sortText = sortText;
      completion.filterText = item.id;
      if (site.spaceBefore) completion.insertText = ` ${item.id}`;
      completion.detail = [item.kind, item.safetyClass ? `class ${item.safetyClass}` : undefined, gap].filter(Boolean).join(' · ');
      if (item.text.trim() !== '') completion.documentation = untrustedMarkdown(item.text);
      return completion;
    });
    return new vscode.CompletionList(items, false);
  }

  /** Whether the position lies in a comment or docstring, by parsing the buffer as it is now. */
  private async inComment(document: vscode.TextDocument, position: vscode.Position, file: string, languages: readonly LanguageMapping[] | undefined): Promise<boolean> {
    const parser = this.registry.commentParser();
    const language = languageResolver(languages)(file);
    if (!parser || !language) return false;
    const key = `${document.uri.toString()}@${document.version}`;
    if (this.spans?.key !== key) {
      if (!parser.isLoaded(language.id)) await parser.loadLanguage(language.id);
      this.spans = { key, spans: parser.commentSpans(language.id, document.getText()) };
    }
    const offset = document.offsetAt(position);
    const text = document.getText();
    return this.spans.spans.some((span) => span.start < offset && (offset < span.end
      || (offset === span.end && !CLOSERS.some((closer) => text.slice(span.start, span.end).endsWith(closer)))));
  }
}
