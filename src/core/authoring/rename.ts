/**
 * Renaming an ID: the definition, every tag in code and every link in the requirement files,
 * planned as exact replacements (and, for a Doorstop item, the file named by its UID). Pure: the
 * editor applies the plan as one workspace edit with a preview.
 */
import { idPrefix, idShape, isId } from '../model/ids';
import type { Item, Location, Reference } from '../model/types';
import { READ_ONLY_FORMATS } from './requirementStubs';

/** One ID to replace: 1-based line, columns `[column, endColumn)`. */
export interface RenameEdit extends Location {
  readonly endColumn: number;
}

/** A file to rename with the ID (a Doorstop item is the file named by its UID). */
export interface FileRename {
  readonly from: string;
  readonly to: string;
}

/** The planned rename, or why not. */
export type RenamePlan =
  | { readonly edits: readonly RenameEdit[]; readonly renames: readonly FileRename[] }
  | { readonly refusal: string };

/** What a rename reads: the model, and the current text of a file (undefined when unreadable). */
export interface RenameSource {
  readonly items: readonly Item[];
  readonly references: readonly Reference[];
  readonly textOf: (file: string) => string | undefined;
}

/** Formats a rename cannot write: exports of other tools, read only. */
const NOT_WRITABLE: readonly string[] = [...READ_ONLY_FORMATS, 'sphinx-needs-json'];

function basename(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

/** The text at a 1-based line and `[column, endColumn)`, or undefined when the line is missing. */
function textAt(text: string, at: RenameEdit): string | undefined {
  const line = text.split(/\r\n|\r|\n/)[at.line - 1];
  return line?.slice(at.column - 1, at.endColumn - 1);
}

/**
 * Why `newId` cannot replace `oldId`, or undefined: it must be one well-formed ID of the same
 * shape and prefix (a requirement stays a requirement: `REQ-009` → `REQ-030`, never `SYS-030`),
 * and not be defined already.
 */
export function renameRefusal(oldId: string, newId: string, defined: (id: string) => boolean): string | undefined {
  if (newId === oldId) return `${newId} is the current ID.`;
  if (!isId(newId)) return `${newId} is not an ID: a prefix and a number (REQ-012, REQ012, REQ-SYS-012), a name (FE_DEF) or an OpenFastTrace ID (dsn~name~1).`;
  if (idShape(newId) !== idShape(oldId) || idPrefix(newId) !== idPrefix(oldId)) {
    return `${newId} is not of the family of ${oldId}: keep the prefix ${idPrefix(oldId)} and the ID's shape.`;
  }
  if (defined(newId)) return `${newId} is already defined: renaming ${oldId} to it would merge two items.`;
  return undefined;
}

// Implements: TL-220
/**
 * Plans renaming `oldId` to `newId`: every definition, every tag naming it in code and every link
 * naming it in an item, each checked against the file's current text (a file changed since it was
 * read refuses the rename rather than editing the wrong place). Refused when the new ID is not
 * acceptable (see {@link renameRefusal}), when nothing defines the old one, or when a file the rename
 * would have to edit is an export Tracelens only reads (ReqIF, a sphinx-needs `needs.json`).
 */
export function planRename(source: RenameSource, oldId: string, newId: string): RenamePlan {
  const definitions = source.items.filter((item) => item.id === oldId);
  const refusal = renameRefusal(oldId, newId, (id) => source.items.some((item) => item.id === id));
  if (refusal !== undefined) return { refusal };
  if (definitions.length === 0) return { refusal: `${oldId} is not defined in any requirement file: rename its definition first, or fix the tag.` };
  const held = definitions.find((item) => NOT_WRITABLE.includes(item.format))
    ?? source.items.find((item) => NOT_WRITABLE.includes(item.format) && item.links.some((link) => link.target === oldId));
  if (held) {
    const what = held.id === oldId ? `${oldId} is defined in ${held.origin ?? held.file}` : `${held.id} in ${held.origin ?? held.file} links to ${oldId}, and that file is`;
    return { refusal: `${what}, an export from another tool (${held.format}) that Tracelens never edits: rename ${oldId} in that tool and export again.` };
  }
  const edits: RenameEdit[] = [];
  const renames: FileRename[] = [];
  for (const item of definitions) {
    if (item.format === 'doorstop' && basename(item.file).replace(/\.[^.]+$/, '') === oldId) {
      // The UID is the file's name, written nowhere inside it.
      renames.push({ from: item.file, to: `${item.file.slice(0, item.file.length - basename(item.file).length)}${newId}${/\.[^./]+$/.exec(item.file)?.[0] ?? ''}` });
      continue;
    }
    edits.push({ file: item.file, line: item.line, column: item.column, endColumn: item.endColumn });
  }
  for (const reference of source.references) {
    if (reference.id === oldId) edits.push({ file: reference.file, line: reference.line, column: reference.column, endColumn: reference.endColumn });
  }
  for (const item of source.items) {
    for (const link of item.links) {
      if (link.target === oldId) edits.push({ file: link.file, line: link.line, column: link.column, endColumn: link.column + oldId.length });
    }
  }
  const unique = [...new Map(edits.map((edit) => [`${edit.file}:${edit.line}:${edit.column}`, edit])).values()]
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column);
  const texts = new Map<string, string | undefined>();
  for (const edit of unique) {
    if (!texts.has(edit.file)) texts.set(edit.file, source.textOf(edit.file));
    const text = texts.get(edit.file);
    const found = text === undefined ? undefined : textAt(text, edit);
    if (found !== oldId) {
      return { refusal: `${edit.file}:${edit.line}:${edit.column} no longer says ${oldId} (${text === undefined ? 'the file cannot be read' : 'it changed since it was read'}): wait for Tracelens to catch up, then rename again.` };
    }
  }
  return { edits: unique, renames };
}
