// Implements: TL-011, TL-012, TL-006, TL-098, TL-112, TL-122
/**
 * Finding requirement tags (`Implements: REQ-012`) inside the comments of a source file. The
 * comments come from the parser as spans; this module only reads text, so it runs without wasm.
 */
import type { CommentSpan } from '../../parsing/commentSpan';
import type { Relation } from '../model/types';
import { isId } from '../model/ids';
import { lineStarts, positionAt } from '../model/positions';
import { findRelationMarkers, roleRelation, type RelationMarker } from './relationMarkers';

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
  /**
   * For a StrictDoc range (`@relation(<UID>, scope=range_start)` … `scope=range_end`): the line of
   * the `range_end` marker; the reference covers the lines between.
   */
  readonly rangeEnd?: number;
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
 * StrictDoc markers (`@relation(<UID>, scope=function)`) are read by their own grammar (see
 * {@link markerTags}); IDs inside them are not read again as plain IDs.
 */
export function findTags(text: string, spans: readonly CommentSpan[], options: TagOptions): RawTag[] {
  const { idPattern, keywords, defaultRelation } = options;
  const keywordRegex = keywordPattern(keywords);
  const tags: RawTag[] = [];
  const markers: SpanMarker[] = [];
  let starts: number[] | undefined;
  for (const span of spans) {
    // Matching inside the span alone keeps the ID boundaries at the comment's edges.
    const body = text.slice(span.start, span.end);
    const found = findRelationMarkers(body);
    for (const marker of found) markers.push({ marker, span });
    idPattern.lastIndex = 0;
    for (let match = idPattern.exec(body); match; match = idPattern.exec(body)) {
      if (found.some((marker) => match!.index >= marker.start && match!.index < marker.end)) continue;
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
  if (markers.length === 0) return tags;
  starts ??= lineStarts(text);
  return [...tags, ...markerTags(markers, starts, (offset, floor) => {
    const lineStart = lineStartWithin(text, offset, floor);
    return lastRelation(text.slice(lineStart, offset), keywordRegex, keywords) ?? defaultRelation;
  })].sort((a, b) => a.line - b.line || a.column - b.column);
}

/** A tag whose range end is filled in when its `range_end` marker is reached. */
type MarkerTag = { -readonly [K in keyof RawTag]: RawTag[K] };

/** A marker found in a comment span (offsets relative to the span). */
interface SpanMarker {
  readonly marker: RelationMarker;
  readonly span: CommentSpan;
}

/**
 * The references of StrictDoc markers, which StrictDoc reads as markers whatever the ID families:
 * each UID of the shape of an ID is a reference (one the project does not define is an
 * `unknown-id`, as a typo must not pass unseen). `role=` decides the relation when it names one,
 * else the file does (`relationAt`). `scope=file` references the file, not the definition around
 * the comment. A `range_start` and the next `range_end` naming the same UID are one reference at
 * the start, covering the lines up to the end. Markers between `@relation(skip, scope=range_start)`
 * and `@relation(skip, scope=range_end)` are ignored, as StrictDoc ignores them.
 */
function markerTags(markers: readonly SpanMarker[], starts: readonly number[], relationAt: (offset: number, floor: number) => Relation): RawTag[] {
  const tags: MarkerTag[] = [];
  const openRanges = new Map<string, MarkerTag[]>();
  let skipping = 0;
  const ordered = [...markers].sort((a, b) => (a.span.start + a.marker.start) - (b.span.start + b.marker.start));
  for (const { marker, span } of ordered) {
    const { scope } = marker;
    if (marker.uids.some((uid) => uid.text === 'skip')) {
      if (scope === 'range_start') skipping++;
      else if (scope === 'range_end') skipping = Math.max(0, skipping - 1);
      continue;
    }
    if (skipping > 0) continue;
    const start = span.start + marker.start;
    const relation = roleRelation(marker.role) ?? relationAt(start, span.start);
    const markerLine = positionAt(starts, start).line;
    for (const uid of marker.uids) {
      if (!isId(uid.text)) continue;
      if (scope === 'range_end') {
        const open = openRanges.get(uid.text)?.pop();
        if (open) {
          open.rangeEnd = markerLine;
          continue;
        }
      }
      const { line, column } = positionAt(starts, span.start + uid.offset);
      const tag: MarkerTag = { id: uid.text, relation, line, column, endColumn: column + uid.text.length };
      const symbol = scope === 'file' ? undefined : span.symbol;
      const placed: MarkerTag = symbol === undefined ? tag : { ...tag, symbol };
      if (scope === 'range_start') {
        const list = openRanges.get(uid.text);
        if (list) list.push(placed);
        else openRanges.set(uid.text, [placed]);
      }
      tags.push(placed);
    }
  }
  return tags;
}
