import * as vscode from 'vscode';
import type { CodeUnit } from '../../parsing/commentParser';
import { enclosingUnit } from '../../core/authoring/tagInsertion';
import { languageResolver } from '../../core/scan/fileLanguages';
import type { ProjectEntry, ProjectRegistry } from '../state/registry';

/** A file's code units and how its language writes a line comment. */
export interface FileUnits {
  readonly units: readonly CodeUnit[];
  readonly lineComment: string;
}

// Implements: TL-216
/**
 * The code units of a project file's text from Tracelens's own parse (never another extension's
 * symbols), or undefined when no language reads the file or the parser has not started.
 */
export async function unitsOfText(registry: ProjectRegistry, entry: ProjectEntry, file: string, text: string): Promise<FileUnits | undefined> {
  const parser = registry.commentParser();
  const config = entry.project.config;
  const language = parser && config ? languageResolver(config.languages)(file) : undefined;
  if (!parser || !language) return undefined;
  await parser.loadLanguage(language.id);
  return { units: parser.codeUnits(language.id, text), lineComment: language.lineComment };
}

let cached: { key: string; units: Promise<FileUnits | undefined> } | undefined;

/** The code units of an open document, parsed once per version (code actions ask on every cursor move). */
export function unitsOfDocument(registry: ProjectRegistry, entry: ProjectEntry, file: string, document: vscode.TextDocument): Promise<FileUnits | undefined> {
  const key = `${document.uri.toString()}@${document.version}`;
  if (cached?.key !== key) cached = { key, units: unitsOfText(registry, entry, file, document.getText()).catch(() => undefined) };
  return cached.units;
}

/** The unit around a position, and whether the cursor is on its name in its first line. */
export interface UnitAt {
  readonly unit: CodeUnit;
  readonly onName: boolean;
}

/** The innermost code unit around `position` (its doc comment and decorators included), if any. */
export async function unitAt(registry: ProjectRegistry, entry: ProjectEntry, file: string, document: vscode.TextDocument, position: vscode.Position): Promise<UnitAt | undefined> {
  const found = await unitsOfDocument(registry, entry, file, document);
  const unit = found && enclosingUnit(found.units, position.line);
  if (!unit) return undefined;
  const word = document.getWordRangeAtPosition(position);
  const onName = position.line === unit.row && word !== undefined && document.getText(word) === unit.name.slice(unit.name.lastIndexOf('.') + 1);
  return { unit, onName };
}
