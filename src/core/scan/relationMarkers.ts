// Implements: TL-112
/**
 * StrictDoc's source markers: `@relation(<UID>, <UID>, scope=function, role=Implementation)`, or
 * with braces for Doxygen (`@relation{<UID>, scope=file}`), in any comment. The grammar is
 * StrictDoc's (strictdoc/backend/sdoc_source_code/comment_parser/marker_lexer.py): node UIDs
 * separated by commas, then optional `scope=` (file, class, function, line, range_start,
 * range_end) and `role=`. A marker may run over several lines of one comment, each line starting
 * with its comment leader (` * `, `# `, `/// `).
 */
import type { Relation } from '../model/types';

/** The scopes StrictDoc defines. */
export type MarkerScope = 'file' | 'class' | 'function' | 'line' | 'range_start' | 'range_end';

const SCOPES: ReadonlySet<string> = new Set(['file', 'class', 'function', 'line', 'range_start', 'range_end']);

/** One `@relation(…)` marker, as offsets into the text searched. */
export interface RelationMarker {
  /** Offset of `@relation`. */
  readonly start: number;
  /** Offset just past the closing `)` or `}`. */
  readonly end: number;
  /** The UIDs in order, each with the offset of its first character. */
  readonly uids: ReadonlyArray<{ readonly text: string; readonly offset: number }>;
  /** Absent when the marker has none (Rust doc comments infer it) or names an unknown one. */
  readonly scope?: MarkerScope;
  readonly role?: string;
}

/** The marker keyword, which the byte prefilter also looks for. */
export const MARKER_KEYWORD = '@relation';

const MARKER = /@relation[({]([^(){}]*)[)}]/g;
/** Comment leaders that may start a continued marker line; never UIDs. */
const LEADER = /^(?:\*+|\/{2,}!?|#+|--|;+|!)$/;

/** True when `text` may hold a marker: a cheap test before any parse. */
export function mayHoldMarker(text: string): boolean {
  return text.includes(MARKER_KEYWORD);
}

/** Offset just past the last marker in `text`, or -1 when it has none. */
export function lastMarkerEnd(text: string): number {
  if (!mayHoldMarker(text)) return -1;
  let end = -1;
  MARKER.lastIndex = 0;
  for (let match = MARKER.exec(text); match; match = MARKER.exec(text)) end = match.index + match[0].length;
  return end;
}

/** Every marker in `text` (a comment's text), in order. */
export function findRelationMarkers(text: string): RelationMarker[] {
  const markers: RelationMarker[] = [];
  if (!mayHoldMarker(text)) return markers;
  MARKER.lastIndex = 0;
  for (let match = MARKER.exec(text); match; match = MARKER.exec(text)) {
    const argsStart = match.index + MARKER_KEYWORD.length + 1;
    const uids: Array<{ text: string; offset: number }> = [];
    let scope: MarkerScope | undefined;
    let role: string | undefined;
    const words = /[^\s,]+/g;
    const args = match[1]!;
    for (let word = words.exec(args); word; word = words.exec(args)) {
      const text = word[0];
      if (LEADER.test(text)) continue;
      const setting = /^(scope|role)=(.*)$/.exec(text);
      if (setting?.[1] === 'scope') {
        if (SCOPES.has(setting[2]!)) scope = setting[2] as MarkerScope;
      } else if (setting?.[1] === 'role') {
        role = setting[2];
      } else {
        uids.push({ text, offset: argsStart + word.index });
      }
    }
    markers.push({ start: match.index, end: match.index + match[0].length, uids, ...(scope ? { scope } : {}), ...(role ? { role } : {}) });
  }
  return markers;
}

/**
 * The relation a marker's role names (`role=Test` verifies, `role=Implementation` implements,
 * `role=Mitigation` mitigates), or undefined for other roles, which StrictDoc projects define
 * freely: then the file decides, as for any tag.
 */
export function roleRelation(role: string | undefined): Relation | undefined {
  const word = (role ?? '').toLowerCase().replace(/[\s_-]+/g, '');
  if (['test', 'tests', 'verification', 'verifies', 'verify', 'verifiedby'].includes(word)) return 'verifies';
  if (['implementation', 'implements', 'implement', 'impl'].includes(word)) return 'implements';
  if (['mitigation', 'mitigates', 'mitigate'].includes(word)) return 'mitigates';
  return undefined;
}
