// Implements: TL-011, TL-012, TL-006, TL-098, TL-122
/**
 * Finding requirement tags (`Implements: REQ-012`) inside the comments of a source file. The
 * comments come from the parser as spans; this module only reads text, so it runs without wasm.
 */
import type { CommentSpan } from '../../parsing/commentSpan';
import type { Relation } from '../model/types';
import { lineStarts, positionAt } from '../model/positions';

/** How tags are recognised. */
export interface TagOptions {
  /** Global regex of candidate IDs, from `idRegexFor(families)`. */
  readonly idPattern: RegExp;
  /** Relation keyword (lower case) → relation. */
  readonly keywords: Readonly<Record<string, Relation>>;
  /** Relation of an ID with no keyword before it on its comment line. */
  readonly defaultRelation: Relation;
  /**
   * OpenFastTrace artifact type (lower case) → relation: in a coverage tag (`[utest->dsn~x~1]`,
   * `[impl~name~1->dsn~x~1]`) the type before the arrow decides, over any keyword.
   */
  readonly artifactTypes?: Readonly<Record<string, Relation>>;
}

/** An ID found in a comment, positioned at the ID itself (1-based line and UTF-16 column). */
export interface RawTag {
  readonly id: string;
  readonly relation: Relation;
  readonly line: number;
  readonly column: number;
  /** Column just past the ID (exclusive). */
  readonly endColumn: number;
  readonly symbol?: string;
}

/** True when `text` holds any candidate ID, so that files without one need not be parsed. */
export function prescan(text: string, idPattern: RegExp): boolean {
  idPattern.lastIndex = 0;
  const found = idPattern.test(text);
  idPattern.lastIndex = 0;
  return found;
}

const keywordPatterns = new WeakMap<object, RegExp | null>();

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A global, case-insensitive regex of the relation keywords as whole words. `@` and a trailing
 * `:` are not word characters, so `@verifies` and `Implements:` match without special cases; a
 * hyphen is, so that `re-implements` or `tests-only` are not keywords, except in OpenFastTrace's
 * arrow: `[impl->dsn~parse-config~2]` implements.
 */
function keywordPattern(keywords: Readonly<Record<string, Relation>>): RegExp | null {
  let pattern = keywordPatterns.get(keywords);
  if (pattern === undefined) {
    const words = Object.keys(keywords).filter((word) => word.length > 0);
    words.sort((a, b) => b.length - a.length);
    pattern = words.length === 0
      ? null
      : new RegExp(String.raw`(?<![\p{L}\p{N}_-])(?:${words.map(escapeRegExp).join('|')})(?![\p{L}\p{N}_]|-(?!>))`, 'giu');
    keywordPatterns.set(keywords, pattern);
  }
  return pattern;
}

/** Start of the line holding `offset` within `text`, not before `floor`. */
function lineStartWithin(text: string, offset: number, floor: number): number {
  for (let i = offset - 1; i >= floor; i--) {
    const code = text.charCodeAt(i);
    if (code === 10 || code === 13) return i + 1;
  }
  return floor;
}

/**
 * The artifact type of an OpenFastTrace coverage tag that `text` (a line up to an ID) ends in:
 * `[utest->`, `[ impl~name~1 -> `, `[itest~~2->`.
 */
const ARROW_TAG = /\[\s*([A-Za-z]+)(?:~[A-Za-z0-9_.-]*~[0-9]+)?\s*->\s*$/;

/** The relation set by the last keyword in `text`, if any. */
function lastRelation(
  text: string,
  pattern: RegExp | null,
  keywords: Readonly<Record<string, Relation>>,
): Relation | undefined {
  if (!pattern) return undefined;
  let relation: Relation | undefined;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    relation = keywords[match[0].toLowerCase()] ?? relation;
  }
  return relation;
}

/**
 * Every ID inside the given comment spans, with its relation and position. An ID's relation is
 * set by the last keyword before it on the same line of the same comment, else `defaultRelation`.
 */
export function findTags(text: string, spans: readonly CommentSpan[], options: TagOptions): RawTag[] {
  const { idPattern, keywords, defaultRelation } = options;
  const keywordRegex = keywordPattern(keywords);
  const tags: RawTag[] = [];
  let starts: number[] | undefined;
  for (const span of spans) {
    // Matching inside the span alone keeps the ID boundaries at the comment's edges.
    const body = text.slice(span.start, span.end);
    idPattern.lastIndex = 0;
    for (let match = idPattern.exec(body); match; match = idPattern.exec(body)) {
      const offset = span.start + match.index;
      const lineStart = lineStartWithin(text, offset, span.start);
      const before = text.slice(lineStart, offset);
      const arrow = options.artifactTypes && before.trimEnd().endsWith('->') ? ARROW_TAG.exec(before) : null;
      const relation = (arrow ? options.artifactTypes![arrow[1]!.toLowerCase()] : undefined)
        ?? lastRelation(before, keywordRegex, keywords) ?? defaultRelation;
      starts ??= lineStarts(text);
      const { line, column } = positionAt(starts, offset);
      const tag: RawTag = { id: match[0], relation, line, column, endColumn: column + match[0].length };
      tags.push(span.symbol === undefined ? tag : { ...tag, symbol: span.symbol });
    }
  }
  idPattern.lastIndex = 0;
  return tags;
}
