// Implements: TL-009
/**
 * Reading the comment and docstring spans out of a syntax tree, each with its symbol.
 */
import type { Node, QueryOptions, Tree } from 'web-tree-sitter';
import type { CommentSpan } from '../core/tags';
import type { Grammar } from './grammar';
import { macroComments } from './macroComments';
import type { OffsetRange } from './spanReuse';
import { pointAt } from './textChanges';
import { commentSymbol, docstringSymbol, macroCommentSymbol, type SymbolContext } from './symbols';

function span(start: number, end: number, kind: CommentSpan['kind'], symbol: string | undefined): CommentSpan {
  return symbol === undefined ? { start, end, kind } : { start, end, kind, symbol };
}

/**
 * True for a real docstring: the first statement of its body (only comments before it), and not
 * an f-string or bytes, which Python treats as ordinary strings there.
 */
function isDocstring(node: Node, commentTypes: ReadonlySet<string>): boolean {
  let previous = node.parent?.previousNamedSibling ?? null;
  while (previous && commentTypes.has(previous.type)) previous = previous.previousNamedSibling;
  if (previous) return false;
  const opening = node.firstChild;
  return !opening || opening.type !== 'string_start' || !/[fFbB]/.test(opening.text);
}

/**
 * Query options covering whole rows around `range`. Rows, not indices: web-tree-sitter 0.25 hands
 * a query's `startIndex`/`endIndex` to wasm as bytes, while nodes report UTF-16 code units, and
 * column 0 reads the same in either unit. The spans found are then cut to `range` by offset.
 */
function rowRange(text: string, range: OffsetRange): QueryOptions {
  const start = pointAt(text, range.start);
  const end = pointAt(text, range.end);
  return { startPosition: { row: start.row, column: 0 }, endPosition: { row: end.row + 1, column: 0 } };
}

/**
 * Every comment and docstring in `tree`, in document order; only those inside `within` when given
 * (an incremental update re-reads just the window around a change).
 */
export function collectSpans(tree: Tree, text: string, grammar: Grammar, within?: OffsetRange): CommentSpan[] {
  const context: SymbolContext = { spec: grammar.spec, commentTypes: grammar.commentTypes, text };
  const spans: CommentSpan[] = [];
  const root = tree.rootNode;
  const options = within && rowRange(text, within);
  for (const { name, node } of grammar.commentQuery.captures(root, options)) {
    if (name === 'comment') {
      spans.push(span(node.startIndex, node.endIndex, 'comment', commentSymbol(node, context)));
    } else if (name === 'macro') {
      const found = macroComments(text, node.startIndex, node.endIndex);
      if (found.length === 0) continue;
      const symbol = macroCommentSymbol(node, context);
      for (const [start, end] of found) spans.push(span(start, end, 'comment', symbol));
    }
  }
  if (grammar.docstringQuery) {
    for (const { node } of grammar.docstringQuery.captures(root, options)) {
      if (isDocstring(node, grammar.commentTypes)) spans.push(span(node.startIndex, node.endIndex, 'docstring', docstringSymbol(node, grammar.spec)));
    }
  }
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  return spans.filter((item, index) =>
    (index === 0 || item.start !== spans[index - 1]!.start) &&
    (!within || (item.start >= within.start && item.end <= within.end)));
}
