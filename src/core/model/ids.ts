// Implements: TL-090, TL-091
/**
 * Requirement ID syntax, in the shapes teams write:
 * - numbered: a prefix of capitals and digits, optional word segments, and a number, each after a
 *   `-` or `_`: `REQ-012`, `SWR_003`, `REQ-SYS-001`, `SDOC-SRS-18`, `REQ-INPUT-VAL-001`;
 * - joined: capitals then digits with no separator, Doorstop's default: `REQ001`;
 * - named: segments with no number, a trailing name: `FE_DEF`, `SDOC_UG_OPTIONS`;
 * - typed: OpenFastTrace's `type~name~revision`: `dsn~parse-config~2`, `req~login~1`.
 *
 * The prefix (the first segment; for a joined ID its letters, for a typed ID its type) says
 * whether an ID in a comment counts as a reference at all: `UTF-8`, `SHA-256`, `MD5` or `FE_DEF`
 * are nothing unless the project's items use that family (see {@link IdFamilies}).
 */

/** The shape of an ID (see the module comment). */
export type IdShape = 'numbered' | 'joined' | 'named' | 'typed';

const SEGMENT = '[A-Z][A-Z0-9]*';
const SEPARATOR = '[-_]';
const NUMBER = '[0-9]+[A-Z]?';
/** Letters, digits and letters, ending in a letter: the prefix of a joined ID (`REQ` of `REQ001`). */
const JOINED_PREFIX = '[A-Z](?:[A-Z0-9]*[A-Z])?';
/** OpenFastTrace's artifact type and item name (a dot only between name parts). */
const TYPE = '[a-z]+';
const TYPED_NAME = '[A-Za-z][A-Za-z0-9_-]*(?:\\.[A-Za-z][A-Za-z0-9_-]*)*';
/** An ID's tail after its prefix: optional word segments, then the numeric segment. */
const NUMBERED_TAIL = `(?:${SEPARATOR}${SEGMENT})*${SEPARATOR}${NUMBER}`;
const NAMED_TAIL = `(?:${SEPARATOR}${SEGMENT})+`;
const TYPED_TAIL = `~${TYPED_NAME}~[0-9]+`;

const SHAPES: ReadonlyArray<[IdShape, RegExp]> = [
  ['numbered', new RegExp(`^(${SEGMENT})${NUMBERED_TAIL}$`)],
  ['joined', new RegExp(`^(${JOINED_PREFIX})[0-9]+$`)],
  ['named', new RegExp(`^(${SEGMENT})${NAMED_TAIL}$`)],
  ['typed', new RegExp(`^(${TYPE})${TYPED_TAIL}$`)],
];

/** The shape of `text` when it is one well-formed ID, else undefined. */
export function idShape(text: string): IdShape | undefined {
  for (const [shape, pattern] of SHAPES) if (pattern.test(text)) return shape;
  return undefined;
}

/** True when `text` is one well-formed ID of any shape. */
export function isId(text: string): boolean {
  return idShape(text) !== undefined;
}

/**
 * The prefix of an ID: its first segment (`SHR` for `SHR-APPLICATION-1`, `FE` for `FE_DEF`), the
 * letters before the number of a joined ID (`REQ` for `REQ001`), the type of a typed ID (`dsn`).
 */
export function idPrefix(id: string): string {
  for (const [, pattern] of SHAPES) {
    const match = pattern.exec(id);
    if (match) return match[1]!;
  }
  const match = /^[A-Z][A-Z0-9]*/.exec(id);
  return match ? match[0] : id;
}

/**
 * How a numbered or joined ID is numbered: its stem (everything before the number: `REQ-SYS` for
 * `REQ-SYS-001`, `REQ` for `REQ001`), the separator before the number (`-`, `_` or none) and the
 * digits. Undefined for named and typed IDs (a typed ID's last number is a revision, not a count).
 */
export function idNumbering(id: string): { stem: string; separator: string; digits: string } | undefined {
  const shape = idShape(id);
  if (shape !== 'numbered' && shape !== 'joined') return undefined;
  const match = /^(.*?[A-Z])([-_]?)([0-9]+)[A-Z]?$/.exec(id);
  return match ? { stem: match[1]!, separator: match[2]!, digits: match[3]! } : undefined;
}

/** A prefix as kind tables compare it: `-` and `_` are the same separator. */
export function normalPrefix(prefix: string): string {
  return prefix.replace(/_/g, '-');
}

/**
 * The prefixes that may decide an ID's kind, longest first, in {@link normalPrefix} form: every
 * run of leading segments short of the last (`SDOC-SRS`, `SDOC` for `SDOC-SRS-18`); a joined ID's
 * letters; a typed ID's type.
 */
export function kindPrefixes(id: string): string[] {
  const shape = idShape(id);
  if (shape === undefined || shape === 'joined' || shape === 'typed') return [idPrefix(id)];
  const segments = id.split(/[-_]/);
  const prefixes: string[] = [];
  for (let count = segments.length - 1; count >= 1; count--) prefixes.push(segments.slice(0, count).join('-'));
  return prefixes;
}

/** True when `key` may name a prefix in the config: capital segments (`SDOC-SRS`) or a type (`dsn`). */
export function isPrefixKey(key: string): boolean {
  return isSegmentPrefix(key) || new RegExp(`^${TYPE}$`).test(key);
}

/** True when `key` is one or more capital segments: `REQ`, `SDOC-SRS`, `REQ_SYS`. */
export function isSegmentPrefix(key: string): boolean {
  return new RegExp(`^${SEGMENT}(?:${SEPARATOR}${SEGMENT})*$`).test(key);
}

/**
 * The ID families that make an ID in a comment a reference. Each list is a set of prefixes (or,
 * for `namedIds`, whole IDs); plain data, so that it travels to worker threads and into cache keys.
 */
export interface IdFamilies {
  /** First segments of numbered IDs: `REQ` makes `REQ-001`, `REQ_001` and `REQ-SYS-001` references. */
  readonly prefixes: readonly string[];
  /** Prefixes of joined IDs: `REQ` makes `REQ001` a reference (never from a numbered item alone). */
  readonly joinedPrefixes?: readonly string[];
  /** Prefixes, possibly of several segments, whose IDs may end in a name: `FE` makes `FE_DEF` one. */
  readonly namedPrefixes?: readonly string[];
  /** Named IDs that count one by one, as items define them: `FE_DEF`. */
  readonly namedIds?: readonly string[];
  /** OpenFastTrace types: `dsn` makes `dsn~parse-config~2` a reference. */
  readonly types?: readonly string[];
}

/** True when `families` lets `id` be a reference (see {@link IdFamilies}). */
export function inFamilies(id: string, families: IdFamilies): boolean {
  const prefix = idPrefix(id);
  switch (idShape(id)) {
    case 'numbered': return families.prefixes.includes(prefix);
    case 'joined': return families.joinedPrefixes?.includes(prefix) ?? false;
    case 'typed': return families.types?.includes(prefix) ?? false;
    case 'named': {
      if (families.namedIds?.includes(id)) return true;
      const normal = normalPrefix(id);
      return (families.namedPrefixes ?? []).some((named) => normal.startsWith(`${normalPrefix(named)}-`));
    }
    case undefined: return false;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Longest first, so that alternation prefers `RISK` over `RI`; then alphabetical, for stable output. */
function longestFirst(values: Iterable<string>, valid: (value: string) => boolean): string[] {
  return [...new Set(values)].filter(valid).sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
}

/** A regex alternation of prefixes in which `-` and `_` match either separator. */
function alternation(prefixes: readonly string[]): string {
  return prefixes.map((prefix) => escapeRegExp(prefix).replace(/[-_]/g, SEPARATOR)).join('|');
}

/** Source of one ID of any shape, without boundaries (for finding the ID under a cursor). */
export const ANY_ID_SOURCE = `(?:${TYPE}${TYPED_TAIL}|${SEGMENT}(?:${NUMBERED_TAIL}|${NAMED_TAIL})|${JOINED_PREFIX}[0-9]+)`;

/** What may not come right before an ID: `XREQ-1` holds no `REQ-1`. */
export const ID_BEFORE = String.raw`(?<![A-Za-z0-9_-])`;
/** What may not come right after an ID: `REQ-1x` and `REQ-1-2x` are no IDs. */
export const ID_AFTER = String.raw`(?![A-Za-z0-9_]|-[0-9A-Za-z])`;

/**
 * Source of a bounded ID of any prefix, as the editor's highlighting colours it in a tag list:
 * numbered and typed IDs of any prefix, joined IDs only with one of `joinedPrefixes` (`INT32` or
 * `UTF8` after "tests" stay plain). Named IDs are not coloured: constants (`MAX_SIZE`) share it.
 */
export function anyIdSource(joinedPrefixes: Iterable<string> = []): string {
  const joined = longestFirst(joinedPrefixes, (p) => new RegExp(`^${JOINED_PREFIX}$`).test(p));
  const alternatives = [`${SEGMENT}${NUMBERED_TAIL}`, `${TYPE}${TYPED_TAIL}`];
  if (joined.length > 0) alternatives.push(`(?:${alternation(joined)})[0-9]+`);
  return `${ID_BEFORE}(?:${alternatives.join('|')})${ID_AFTER}`;
}

/**
 * Regex source of a bounded ID of one of `families` (see {@link IdFamilies}); a plain list is the
 * first segments of numbered IDs. Undefined when no family is valid: nothing can be a reference.
 */
export function prefixedIdSource(families: IdFamilies | Iterable<string>): string | undefined {
  const { prefixes, joinedPrefixes = [], namedPrefixes = [], namedIds = [], types = [] } = asFamilies(families);
  const alternatives: string[] = [];
  const numbered = longestFirst(prefixes, (p) => new RegExp(`^${SEGMENT}$`).test(p));
  if (numbered.length > 0) alternatives.push(`(?:${alternation(numbered)})${NUMBERED_TAIL}`);
  const joined = longestFirst(joinedPrefixes, (p) => new RegExp(`^${JOINED_PREFIX}$`).test(p));
  if (joined.length > 0) alternatives.push(`(?:${alternation(joined)})[0-9]+`);
  const named = longestFirst(namedPrefixes, isSegmentPrefix);
  if (named.length > 0) alternatives.push(`(?:${alternation(named)})${NAMED_TAIL}`);
  const exact = longestFirst(namedIds, (id) => idShape(id) === 'named');
  if (exact.length > 0) alternatives.push(`(?:${exact.map(escapeRegExp).join('|')})`);
  const typed = longestFirst(types, (t) => new RegExp(`^${TYPE}$`).test(t));
  if (typed.length > 0) alternatives.push(`(?:${typed.join('|')})${TYPED_TAIL}`);
  if (alternatives.length === 0) return undefined;
  // A numbered ID is tried first: `FE-DEF-2` is that, not the named `FE-DEF` cut short.
  return `${ID_BEFORE}(?:${alternatives.join('|')})${ID_AFTER}`;
}

function asFamilies(families: IdFamilies | Iterable<string>): IdFamilies {
  return Symbol.iterator in families ? { prefixes: [...(families as Iterable<string>)] } : families as IdFamilies;
}

/**
 * A global regex finding IDs of `families` (or of a plain list of numbered prefixes), bounded so
 * that `XREQ-1` or `REQ-1x` do not match. Undefined when there are none: nothing can be a reference.
 */
export function idRegexFor(families: IdFamilies | Iterable<string>): RegExp | undefined {
  const source = prefixedIdSource(families);
  return source === undefined ? undefined : new RegExp(source, 'g');
}
