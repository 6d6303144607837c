/**
 * Reusing comment spans across an incremental re-parse. A comment's span and symbol depend on its
 * ancestors, on the siblings after it up to the definition it documents, on the sibling it trails
 * and on the names of those definitions. When every change (the edited text and every range whose
 * syntax changed) lies strictly inside one body, comments outside that body keep all of these, and
 * inside the body only the comments among or next to the touched children can change. Only that
 * window is queried again; the other spans are kept, shifted past it.
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { CommentSpan } from './commentSpan';
import type { GrammarLanguage } from './languages';
import type { TextChange } from './textChanges';

/** A `[start, end)` range of UTF-16 offsets. */
export interface OffsetRange {
  readonly start: number;
  readonly end: number;
}

/** Where a position of the text before `change` lands after it. */
function mapThrough(position: number, change: TextChange): number {
  if (position <= change.start) return position;
  const deletedEnd = change.start + change.deleteCount;
  if (position >= deletedEnd) return position + change.insertText.length - change.deleteCount;
  return change.start + change.insertText.length;
}

/** The range covering every change, in the coordinates of the final text. */
export function changedRange(changes: readonly TextChange[]): OffsetRange | undefined {
  let range: OffsetRange | undefined;
  for (const change of changes) {
    const inserted = { start: change.start, end: change.start + change.insertText.length };
    range = range
      ? {
          start: Math.min(mapThrough(range.start, change), inserted.start),
          end: Math.max(mapThrough(range.end, change), inserted.end),
        }
      : inserted;
  }
  return range;
}

/** `range` widened to cover the ranges whose syntax differs between the edited old tree and the new one. */
export function withSyntaxChanges(range: OffsetRange, oldTree: Tree, newTree: Tree): OffsetRange {
  let { start, end } = range;
  for (const changed of oldTree.getChangedRanges(newTree)) {
    start = Math.min(start, changed.startIndex);
    end = Math.max(end, changed.endIndex);
  }
  return { start, end };
}

/** The innermost `body` strictly containing `range` (not counting wrappers' own bodies). */
function enclosingBody(tree: Tree, range: OffsetRange, spec: GrammarLanguage): Node | undefined {
  for (let node: Node | null = tree.rootNode.descendantForIndex(range.start, range.end); node; node = node.parent) {
    if (spec.wrappers.includes(node.type)) continue;
    const body = node.childForFieldName('body');
    if (body && body.startIndex < range.start && range.end < body.endIndex) return body;
  }
  return undefined;
}

/**
 * The first child of `parent` ending after `offset`, by binary search. (`firstChildForIndex` in
 * web-tree-sitter 0.25 can return null when `offset` falls in a gap between children.)
 */
function firstChildEndingAfter(parent: Node, offset: number): Node | null {
  let low = 0;
  let high = parent.childCount;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (parent.child(mid)!.endIndex > offset) high = mid;
    else low = mid + 1;
  }
  return low < parent.childCount ? parent.child(low) : null;
}

/**
 * The part of the new text whose spans must be read again after a change in `range`: the
 * children of the innermost body holding the change (or of the root) that the change touches and
 * the child before them, widened by the comments and annotations just before those (a doc comment
 * run documents what follows it) and, after the change, by the comments (trailing comments name
 * what they trail) and the first other sibling (a Python docstring is one only while no statement
 * precedes it). A body that is a wrapper (Ruby `body_statement`, Python `block`) is named by the
 * comments just before it, so those are read again too.
 */
export function rereadWindow(tree: Tree, range: OffsetRange, spec: GrammarLanguage, commentTypes: ReadonlySet<string>): OffsetRange {
  const isCommentLike = (node: Node): boolean => commentTypes.has(node.type) || spec.annotations.includes(node.type);
  const parent = enclosingBody(tree, range, spec) ?? tree.rootNode;
  const first = firstChildEndingAfter(parent, range.start) ?? parent.lastChild;
  if (!first) return { start: Math.min(range.start, parent.startIndex), end: Math.max(range.end, parent.endIndex) };

  // An edit at a node's end can change the node (`clamp = (x) => x` losing its arrow stops being a
  // definition) while the syntax change reported starts only at the edit: read the node before too.
  let head = first.previousSibling ?? first;
  for (let previous = head.previousSibling; previous && isCommentLike(previous); previous = previous.previousSibling) {
    head = previous;
  }
  let start = head.startIndex;
  if (spec.wrappers.includes(parent.type)) {
    for (let previous = parent.previousSibling; previous && isCommentLike(previous); previous = previous.previousSibling) {
      start = previous.startIndex;
    }
  }

  let tail = first;
  while (tail.endIndex < range.end && tail.nextSibling) tail = tail.nextSibling;
  let next = tail.nextSibling;
  while (next && isCommentLike(next)) {
    tail = next;
    next = next.nextSibling;
  }
  if (next) tail = next;
  for (next = tail.nextSibling; next && isCommentLike(next); next = next.nextSibling) tail = next;
  return { start: Math.min(start, range.start), end: Math.max(tail.endIndex, range.end) };
}

/**
 * The previous spans outside `window`, shifted by `delta` after it, around `fresh` (the window's
 * spans in the new text). `window` is in new coordinates; the text changed by `delta` inside it.
 */
export function spliceSpans(
  previous: readonly CommentSpan[],
  fresh: readonly CommentSpan[],
  window: OffsetRange,
  delta: number,
): CommentSpan[] {
  const oldWindowEnd = window.end - delta;
  const result: CommentSpan[] = [];
  let index = 0;
  for (; index < previous.length && previous[index]!.end <= window.start; index++) result.push(previous[index]!);
  result.push(...fresh);
  for (; index < previous.length; index++) {
    const span = previous[index]!;
    if (span.start >= oldWindowEnd) result.push({ ...span, start: span.start + delta, end: span.end + delta });
  }
  return result;
}
