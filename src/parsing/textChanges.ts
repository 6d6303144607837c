/**
 * Turning editor changes into tree-sitter edits. Offsets, rows and columns are UTF-16 code units,
 * which is what web-tree-sitter 0.25 uses for string input; rows are counted at `\n` only, as
 * tree-sitter counts them.
 */
import type { Edit, Point } from 'web-tree-sitter';

/** One replacement in a text: `deleteCount` code units at `start` become `insertText`. */
export interface TextChange {
  readonly start: number;
  readonly deleteCount: number;
  readonly insertText: string;
}

/** Row and column of `offset` in `text` (0-based, tree-sitter's convention). */
export function pointAt(text: string, offset: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let newline = text.indexOf('\n'); newline >= 0 && newline < offset; newline = text.indexOf('\n', newline + 1)) {
    row++;
    lineStart = newline + 1;
  }
  return { row, column: offset - lineStart };
}

/** The point reached after inserting `inserted` at `start`. */
function advance(start: Point, inserted: string): Point {
  const lastNewline = inserted.lastIndexOf('\n');
  if (lastNewline < 0) return { row: start.row, column: start.column + inserted.length };
  let rows = 0;
  for (let i = inserted.indexOf('\n'); i >= 0; i = inserted.indexOf('\n', i + 1)) rows++;
  return { row: start.row + rows, column: inserted.length - lastNewline - 1 };
}

/** The tree-sitter edit describing `change` applied to `text`. */
export function editFor(text: string, change: TextChange): Edit {
  const startPosition = pointAt(text, change.start);
  const oldEnd = change.start + change.deleteCount;
  // Only the deleted slice needs scanning to find the old end's position.
  const oldEndPosition = advance(startPosition, text.slice(change.start, oldEnd));
  return {
    startIndex: change.start,
    oldEndIndex: oldEnd,
    newEndIndex: change.start + change.insertText.length,
    startPosition,
    oldEndPosition,
    newEndPosition: advance(startPosition, change.insertText),
  };
}

/** `text` with `change` applied. Throws when the change falls outside the text. */
export function applyChange(text: string, change: TextChange): string {
  const { start, deleteCount } = change;
  if (!(start >= 0 && deleteCount >= 0 && start + deleteCount <= text.length)) {
    throw new RangeError(`change [${start}, ${start + deleteCount}) is outside a text of length ${text.length}`);
  }
  return text.slice(0, start) + change.insertText + text.slice(start + deleteCount);
}
