import * as vscode from 'vscode';
import type { FileRole } from '../../core/project/projectIndex';
import { ANY_ID_SOURCE } from '../../core/model/ids';
import { rangeOf } from '../locations';
import type { Located, ProjectRegistry } from '../state/registry';
import { SnapshotLookup } from '../state/snapshotLookup';

/** One ID of any shape, as a word to find under the cursor (`REQ-001`, `REQ001`, `FE_DEF`, `dsn~name~1`). */
const ID_WORD = new RegExp(ANY_ID_SOURCE);

/** An ID under the cursor, with what the features need to answer for it. */
export interface IdAtPosition {
  readonly located: Located;
  readonly view: SnapshotLookup;
  readonly role: FileRole;
  readonly id: string;
  readonly range: vscode.Range;
}

/**
 * The ID under the cursor: in a code file, a tag the index found there (so an ID in a string or
 * in code is nothing); in a requirement or config file, any ID-shaped word.
 */
export function idAt(registry: ProjectRegistry, document: vscode.TextDocument, position: vscode.Position): IdAtPosition | undefined {
  const located = registry.locate(document.uri);
  const snapshot = located?.entry.project.snapshot;
  if (!located || !snapshot) return undefined;
  const view = SnapshotLookup.of(snapshot);
  const role = located.entry.project.roleOf(located.file);
  if (role === 'code') {
    const reference = view.referenceAt(located.file, position.line + 1, position.character + 1);
    if (!reference) return undefined;
    const range = rangeOf(reference);
    // The index may lag behind typing: trust the tag only where the buffer still shows it.
    if (document.getText(range) !== reference.id) return undefined;
    return { located, view, role, id: reference.id, range };
  }
  if (role !== 'requirement' && role !== 'config') return undefined;
  const range = document.getWordRangeAtPosition(position, ID_WORD);
  if (!range) return undefined;
  return { located, view, role, id: document.getText(range), range };
}
