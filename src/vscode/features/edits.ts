import * as vscode from 'vscode';
import type { Relation, SafetyClass } from '../../core/model/types';
import { chooseStubTarget, planStub, stubRefusal } from '../../core/authoring/requirementStubs';
import { planTagInsertion } from '../../core/authoring/tagInsertion';
import { languageResolver } from '../../core/scan/fileLanguages';
import { relativeFile } from '../state/fileWatcher';
import { uriOf } from '../locations';
import type { ProjectEntry } from '../state/registry';
import { kindResolver } from '../../core/readers';
import { planSoupEntry } from '../../core/authoring/soupEntry';
import { soupRegisterPath } from '../../core/soup/project';

/** A planned edit and where to show its result. */
export interface PlannedEdit {
  readonly edit: vscode.WorkspaceEdit;
  readonly uri: vscode.Uri;
  /** 0-based line to reveal after applying. */
  readonly line: number;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  return Promise.resolve(vscode.workspace.fs.stat(uri)).then(() => true, () => false);
}

/** Where a stub for `id` would go, for the quick fix's title. */
export function stubFile(entry: ProjectEntry, id: string): string | undefined {
  const snapshot = entry.project.snapshot;
  return snapshot ? chooseStubTarget(id, snapshot.items, snapshot.config).file : undefined;
}

/** Why no stub may be written for `id` (its neighbours are in a ReqIF export), or undefined. */
export function stubRefusalFor(entry: ProjectEntry, id: string): string | undefined {
  const snapshot = entry.project.snapshot;
  return snapshot ? stubRefusal(id, snapshot.items) : undefined;
}

// Implements: TL-224
/**
 * The edit that adds a stub item for `id` beside its neighbours (or in a new file), stating the
 * class the user chose. One WorkspaceEdit, undoable; nothing reaches the disk before the user
 * saves: a new file is an untitled document bound to its path, which saving writes there.
 */
export async function requirementStubEdit(entry: ProjectEntry, id: string, content: { title?: string; safetyClass: SafetyClass }): Promise<PlannedEdit | undefined> {
  const snapshot = entry.project.snapshot;
  if (!snapshot || stubRefusal(id, snapshot.items) !== undefined) return undefined;
  const { config } = snapshot;
  let target = chooseStubTarget(id, snapshot.items, config);
  if (target.readOnly !== undefined) {
    void vscode.window.showWarningMessage(target.readOnly);
    return undefined;
  }
  const targetUri = uriOf(entry.folder, target.file);
  if (target.create && (await exists(targetUri))) {
    // Never overwrite: an existing file gets the stub appended as a heading item.
    target = { file: target.file, create: false, format: target.format === 'yaml' || target.format === 'openfasttrace' ? target.format : 'markdown-headings' };
  }
  const document = target.create ? undefined : await vscode.workspace.openTextDocument(targetUri);
  const plan = planStub(target, document?.getText(), {
    id, kind: kindResolver(config)(id), safetyClass: content.safetyClass, ...(content.title ? { title: content.title } : {}),
  });
  const edit = new vscode.WorkspaceEdit();
  if (plan.create) {
    const uri = uriOf(entry.folder, plan.file).with({ scheme: 'untitled' });
    await vscode.workspace.openTextDocument(uri);
    edit.insert(uri, new vscode.Position(0, 0), plan.text);
    return { edit, uri, line: plan.line - 1 };
  }
  edit.insert(targetUri, document!.positionAt(plan.offset), plan.text);
  return { edit, uri: targetUri, line: plan.line - 1 };
}

// Implements: TL-177
/**
 * The edit adding a SOUP entry to the project's register (its open buffer if any, else the file;
 * created when missing), or undefined when the register's shape is refused (the user is told why).
 */
export async function soupEntryEdit(entry: ProjectEntry, name: string, version: string | undefined): Promise<PlannedEdit | undefined> {
  const snapshot = entry.project.snapshot;
  if (!snapshot) return undefined;
  const uri = uriOf(entry.folder, soupRegisterPath(snapshot.config));
  const document = (await exists(uri)) ? await vscode.workspace.openTextDocument(uri) : undefined;
  const plan = planSoupEntry(document?.getText(), name, version);
  if ('refusal' in plan) {
    void vscode.window.showWarningMessage(plan.refusal);
    return undefined;
  }
  const edit = new vscode.WorkspaceEdit();
  if (plan.create) {
    edit.createFile(uri, { ignoreIfExists: true });
    edit.insert(uri, new vscode.Position(0, 0), plan.text);
  } else {
    edit.insert(uri, document!.positionAt(plan.offset), plan.text);
  }
  return { edit, uri, line: plan.line - 1 };
}

/** Applies a planned edit and opens its file at the line. */
export async function applyAndReveal(planned: PlannedEdit): Promise<boolean> {
  if (!(await vscode.workspace.applyEdit(planned.edit))) return false;
  const position = new vscode.Position(planned.line, 0);
  await vscode.window.showTextDocument(planned.uri, { selection: new vscode.Range(position, position) });
  return true;
}

/** The keyword a new tag uses for a relation: `Implements`, `Verifies`, `Mitigates`. */
export function tagKeyword(keywords: Readonly<Record<string, Relation>>, relation: Relation): { keyword: string; same: string[] } {
  const same = Object.keys(keywords).filter((word) => keywords[word] === relation);
  const preferred = same.includes(relation) ? relation : same[0] ?? relation;
  return { keyword: preferred.charAt(0).toUpperCase() + preferred.slice(1), same };
}

/** The edit that tags the definition at `definitionLine` with `id`, or undefined when it already is. */
export function tagEdit(document: vscode.TextDocument, entry: ProjectEntry, definitionLine: number, id: string, relation: Relation): vscode.WorkspaceEdit | undefined {
  const file = relativeFile(entry.folder, document.uri);
  const config = entry.project.config;
  const language = file === undefined || !config ? undefined : languageResolver(config.languages)(file);
  if (!language || !config) return undefined;
  const { keyword, same } = tagKeyword(config.keywords, relation);
  const lines = Array.from({ length: document.lineCount }, (_, i) => document.lineAt(i).text);
  const plan = planTagInsertion({
    lines, definitionLine, id, keyword, sameRelationKeywords: same, lineComment: language.lineComment,
    eol: document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n',
  });
  if (!plan) return undefined;
  const edit = new vscode.WorkspaceEdit();
  const start = new vscode.Position(plan.line, plan.column);
  edit.replace(document.uri, new vscode.Range(start, start.translate(0, plan.deleteCount)), plan.insertText);
  return edit;
}

/** Symbol kinds a tag can trace: definitions, not variables or fields. */
const DEFINITION_KINDS = new Set([
  vscode.SymbolKind.Function, vscode.SymbolKind.Method, vscode.SymbolKind.Constructor, vscode.SymbolKind.Class,
  vscode.SymbolKind.Struct, vscode.SymbolKind.Interface, vscode.SymbolKind.Enum, vscode.SymbolKind.Module,
]);

/** A definition found under the cursor. */
export interface DefinitionAt {
  readonly name: string;
  /** 0-based first line of the definition. */
  readonly line: number;
  /** Whether the cursor is on the definition's name. */
  readonly onName: boolean;
}

const symbolCache = new Map<string, Promise<Array<vscode.DocumentSymbol | vscode.SymbolInformation> | undefined>>();

/**
 * The innermost function, method or class around the position, from the language's document
 * symbols (whatever extension provides them); undefined when there is none or no provider.
 */
export async function definitionAt(document: vscode.TextDocument, position: vscode.Position): Promise<DefinitionAt | undefined> {
  const key = `${document.uri.toString()}@${document.version}`;
  let symbols = symbolCache.get(key);
  if (!symbols) {
    symbols = Promise.resolve(vscode.commands.executeCommand<Array<vscode.DocumentSymbol | vscode.SymbolInformation> | undefined>('vscode.executeDocumentSymbolProvider', document.uri))
      .catch(() => undefined);
    symbolCache.clear();
    symbolCache.set(key, symbols);
  }
  let best: { name: string; range: vscode.Range; selection: vscode.Range } | undefined;
  const visit = (list: ReadonlyArray<vscode.DocumentSymbol | vscode.SymbolInformation>): void => {
    for (const symbol of list) {
      const range = 'location' in symbol ? symbol.location.range : symbol.range;
      const selection = 'selectionRange' in symbol ? symbol.selectionRange : range;
      if (!range.contains(position)) continue;
      if (DEFINITION_KINDS.has(symbol.kind) && (!best || best.range.contains(range))) best = { name: symbol.name, range, selection };
      if ('children' in symbol) visit(symbol.children);
    }
  };
  visit((await symbols) ?? []);
  return best && { name: best.name, line: best.range.start.line, onName: best.selection.contains(position) };
}
