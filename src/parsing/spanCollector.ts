// Implements: TL-009
/**
 * Reading the comment and docstring spans out of a syntax tree, each with its symbol.
 */
import type { Node, QueryOptions, Tree } from 'web-tree-sitter';
import type { CommentSpan } from './commentSpan';
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

/** A span found by a query, its symbol not yet computed (symbols cost tree walks). */
interface Candidate {
  readonly start: number;
  readonly end: number;
  /** What was captured: a comment, a macro's text holding the comment, or a docstring. */
  readonly source: 'comment' | 'macro' | 'docstring';
  /** The captured node, which the symbol is computed from. */
  readonly node: Node;
}

/** The spans the captures of the comment and docstring queries yield, in capture order, without symbols. */
function candidatesOf(tree: Tree, text: string, grammar: Grammar, options: QueryOptions | undefined, into: Candidate[]): void {
  const root = tree.rootNode;
  for (const { name, node } of grammar.commentQuery.captures(root, options)) {
    if (name === 'comment') {
      into.push({ start: node.startIndex, end: node.endIndex, source: 'comment', node });
    } else if (name === 'macro') {
      for (const [start, end] of macroComments(text, node.startIndex, node.endIndex)) into.push({ start, end, source: 'macro', node });
    }
  }
  if (grammar.docstringQuery) {
    for (const { node } of grammar.docstringQuery.captures(root, options)) {
      if (isDocstring(node, grammar.commentTypes)) into.push({ start: node.startIndex, end: node.endIndex, source: 'docstring', node });
    }
  }
}

/** The span of a candidate, with its symbol. */
function spanOf(candidate: Candidate, context: SymbolContext): CommentSpan {
  const { start, end, source, node } = candidate;
  switch (source) {
    case 'comment': return span(start, end, 'comment', commentSymbol(node, context));
    case 'macro': return span(start, end, 'comment', macroCommentSymbol(node, context));
    case 'docstring': return span(start, end, 'docstring', docstringSymbol(node, context.spec));
  }
}

/**
 * Document order, and one span per start: the shortest, and among equal ones the comment query's
 * before the docstring query's (the order they are collected in; the sort is stable).
 */
function orderAndDedupe(candidates: Candidate[]): Candidate[] {
  candidates.sort((a, b) => a.start - b.start || a.end - b.end || Number(a.source === 'docstring') - Number(b.source === 'docstring'));
  return candidates.filter((item, index) => index === 0 || item.start !== candidates[index - 1]!.start);
}

/**
 * Every comment and docstring in `tree`, in document order; only those inside `within` when given
 * (an incremental update re-reads just the window around a change).
 */
export function collectSpans(tree: Tree, text: string, grammar: Grammar, within?: OffsetRange): CommentSpan[] {
  const context: SymbolContext = { spec: grammar.spec, commentTypes: grammar.commentTypes, text };
  const candidates: Candidate[] = [];
  candidatesOf(tree, text, grammar, within && rowRange(text, within), candidates);
  const spans: CommentSpan[] = [];
  for (const item of orderAndDedupe(candidates)) {
    if (within && (item.start < within.start || item.end > within.end)) continue;
    spans.push(spanOf(item, context));
  }
  return spans;
}

/** Sorted, distinct offsets with a test for a range holding one of them. */
class OffsetSet {
  readonly offsets: readonly number[];

  constructor(offsets: readonly number[], length: number) {
    const inside = offsets.filter((offset) => offset >= 0 && offset < length).sort((a, b) => a - b);
    this.offsets = inside.filter((offset, index) => index === 0 || offset !== inside[index - 1]);
  }

  /** True when some offset lies in `[start, end)`. */
  hits(start: number, end: number): boolean {
    const { offsets } = this;
    let low = 0;
    let high = offsets.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (offsets[mid]! < start) low = mid + 1;
      else high = mid;
    }
    return low < offsets.length && offsets[low]! < end;
  }
}

/** Rows (0-based, counted at `\n` as tree-sitter counts them) of sorted offsets, in one pass. */
function rowsOf(text: string, sorted: readonly number[]): number[] {
  const rows: number[] = [];
  let row = 0;
  let newline = text.indexOf('\n');
  for (const offset of sorted) {
    while (newline >= 0 && newline < offset) {
      row++;
      newline = text.indexOf('\n', newline + 1);
    }
    rows.push(row);
  }
  return rows;
}

/** Query options covering rows `[first, last]`. Rows, not indices: see {@link rowRange}. */
function rowsRange(first: number, last: number): QueryOptions {
  return { startPosition: { row: first, column: 0 }, endPosition: { row: last + 1, column: 0 } };
}

/**
 * The comments and docstrings of `tree` that contain one of `near` (UTF-16 offsets), in document
 * order: exactly `collectSpans(tree, text, grammar)` filtered to the spans holding an offset, with
 * symbols computed only for those. A scan that knows where candidate IDs sit need not read (or
 * attribute) the other comments of a large file.
 *
 * The queries run on the rows of the offsets only (adjacent rows together): a span holding an
 * offset intersects the offset's row, so the query captures it. The full collection keeps one
 * span per start, so each query is widened up to the first row of the spans found, to see every
 * span sharing a start with them.
 */
export function collectSpansNear(tree: Tree, text: string, grammar: Grammar, near: readonly number[]): CommentSpan[] {
  const wanted = new OffsetSet(near, text.length);
  const { offsets } = wanted;
  if (offsets.length === 0) return [];
  const rows = rowsOf(text, offsets);
  const candidates: Candidate[] = [];
  for (let i = 0; i < rows.length; ) {
    const first = rows[i]!;
    let last = first;
    for (i++; i < rows.length && rows[i]! <= last + 1; i++) last = rows[i]!;
    const found: Candidate[] = [];
    candidatesOf(tree, text, grammar, rowsRange(first, last), found);
    let top = first;
    for (const item of found) {
      if (wanted.hits(item.start, item.end)) top = Math.min(top, item.node.startPosition.row);
    }
    if (top < first) candidatesOf(tree, text, grammar, rowsRange(top, first - 1), found);
    candidates.push(...found);
  }
  const context: SymbolContext = { spec: grammar.spec, commentTypes: grammar.commentTypes, text };
  const spans: CommentSpan[] = [];
  for (const item of orderAndDedupe(candidates)) {
    if (wanted.hits(item.start, item.end)) spans.push(spanOf(item, context));
  }
  return spans;
}
