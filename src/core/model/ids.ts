/**
 * Requirement ID syntax. An ID is a prefix of capitals and digits, a `-` or `_`, and a tail that
 * ends in a number: `REQ-012`, `SWR_003`, `SHR-APPLICATION-1`. The prefix is the first
 * segment; it decides the item's kind and whether an ID in a comment counts as a reference at all
 * (`UTF-8` and `SHA-256` are nothing unless some item uses the `UTF` or `SHA` prefix).
 */

/** Source of one ID, without anchors: prefix, then optional word segments, then a numeric segment. */
const ID_SOURCE = String.raw`[A-Z][A-Z0-9]*(?:[-_][A-Z][A-Z0-9]*)*[-_][0-9]+[A-Z]?`;

/** Matches exactly one ID. */
export const ID_EXACT = new RegExp(`^${ID_SOURCE}$`);

/** True when `text` is one well-formed ID. */
export function isId(text: string): boolean {
  return ID_EXACT.test(text);
}

/** The prefix of an ID: its first segment (`SHR` for `SHR-APPLICATION-1`). */
export function idPrefix(id: string): string {
  const match = /^[A-Z][A-Z0-9]*/.exec(id);
  return match ? match[0] : id;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** What may not come right before an ID: `XREQ-1` holds no `REQ-1`. */
export const ID_BEFORE = String.raw`(?<![A-Za-z0-9_-])`;
/** What may not come right after an ID: `REQ-1x` and `REQ-1-2x` are no IDs. */
export const ID_AFTER = String.raw`(?![A-Za-z0-9_]|-[0-9A-Za-z])`;
/** An ID's tail after its prefix: optional word segments, then the numeric segment. */
const ID_TAIL = String.raw`(?:[-_][A-Z][A-Z0-9]*)*[-_][0-9]+[A-Z]?`;

/** Source of a bounded ID of any prefix (the editor's highlighting uses it too). */
export const BOUNDED_ID_SOURCE = `${ID_BEFORE}[A-Z][A-Z0-9]*${ID_TAIL}${ID_AFTER}`;

/**
 * Regex source of a bounded ID with one of `prefixes`, longest prefix first so that alternation
 * prefers `RISK` over `RI`; undefined when none of them is a valid prefix.
 */
export function prefixedIdSource(prefixes: Iterable<string>): string | undefined {
  const list = [...new Set(prefixes)].filter((p) => /^[A-Z][A-Z0-9]*$/.test(p));
  if (list.length === 0) return undefined;
  list.sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  return `${ID_BEFORE}(?:${list.map(escapeRegExp).join('|')})${ID_TAIL}${ID_AFTER}`;
}

/**
 * A global regex finding IDs whose prefix is one of `prefixes`, bounded so that `XREQ-1` or
 * `REQ-1x` do not match. Returns undefined when there are no prefixes (nothing can be a reference).
 */
export function idRegexFor(prefixes: Iterable<string>): RegExp | undefined {
  const source = prefixedIdSource(prefixes);
  return source === undefined ? undefined : new RegExp(source, 'g');
}
