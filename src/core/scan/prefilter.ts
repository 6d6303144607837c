// Implements: TL-015, TL-092
/**
 * Cheap tests that run before any parse: which files are binary, which may hold a candidate ID at
 * all, and where in a text candidates may start. Each is a superset of what the ID pattern finds,
 * so no tag is ever lost to them.
 */

import type { IdFamilies } from '../model/ids';
import { MARKER_KEYWORD } from './relationMarkers';

const BINARY_SNIFF_BYTES = 8000;

/** True when the bytes look binary (a NUL byte near the start, as git decides). */
export function looksBinary(bytes: Uint8Array): boolean {
  return asBuffer(bytes).subarray(0, BINARY_SNIFF_BYTES).indexOf(0) !== -1;
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

const ID_CHAR = /[A-Za-z0-9_-]/;

/**
 * A literal an ID of some family starts with, and what may follow it: a separator (`REQ-1`,
 * `FE_DEF`), a digit (`REQ001`) or a tilde (`dsn~name~1`). Built once per settings.
 */
export interface CandidateNeedle {
  readonly text: string;
  readonly bytes: Buffer;
  /** 1 at each character code below 128 that may follow: a table, for the hot loops. */
  readonly follows: Uint8Array;
}

/**
 * The needles of `families`, one per literal: the first segment of numbered and named families,
 * the letters of joined ones, the type of typed ones. A named family of several segments is
 * searched by its first, so the filter stays a superset whatever separators the IDs use.
 */
export function candidateNeedles(families: IdFamilies): CandidateNeedle[] {
  const needles = new Map<string, { separator: boolean; digit: boolean; tilde: boolean }>();
  const add = (text: string, follow: 'separator' | 'digit' | 'tilde'): void => {
    if (text === '') return;
    const needle = needles.get(text) ?? { separator: false, digit: false, tilde: false };
    needle[follow] = true;
    needles.set(text, needle);
  };
  const firstSegment = (prefix: string): string => prefix.split(/[-_]/)[0]!;
  for (const prefix of families.prefixes) add(prefix, 'separator');
  for (const prefix of families.namedPrefixes ?? []) add(firstSegment(prefix), 'separator');
  for (const id of families.namedIds ?? []) add(firstSegment(id), 'separator');
  for (const prefix of families.joinedPrefixes ?? []) add(prefix, 'digit');
  for (const type of families.types ?? []) add(type, 'tilde');
  const built = [...needles.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([text, kinds]) => ({ text, bytes: Buffer.from(text, 'latin1'), follows: followTable(kinds) }));
  // A StrictDoc marker names its UIDs explicitly: its comment is read whatever families it names.
  return [...built, { text: MARKER_KEYWORD, bytes: Buffer.from(MARKER_KEYWORD, 'latin1'), follows: MARKER_FOLLOWS }];
}

/** What follows `@relation`: its opening parenthesis or brace. */
const MARKER_FOLLOWS = (() => {
  const table = new Uint8Array(128);
  table[0x28] = table[0x7b] = 1;
  return table;
})();

/** The character codes that may follow a needle, as a table indexed by code. */
function followTable(kinds: { separator: boolean; digit: boolean; tilde: boolean }): Uint8Array {
  const table = new Uint8Array(128);
  if (kinds.separator) table[0x2d] = table[0x5f] = 1;
  if (kinds.digit) table.fill(1, 0x30, 0x3a);
  if (kinds.tilde) table[0x7e] = 1;
  return table;
}

/**
 * A byte-level filter run before decoding: true when some needle occurs followed by what may
 * continue its IDs and not preceded by an ID character. A superset of the ID regex, so it never
 * loses a candidate; most files of a large tree fail it and are never decoded, let alone parsed.
 */
export function mayHoldCandidate(bytes: Uint8Array, needles: readonly CandidateNeedle[]): boolean {
  const buffer = asBuffer(bytes);
  for (const needle of needles) {
    const { bytes: prefix, follows } = needle;
    for (let at = buffer.indexOf(prefix); at !== -1; at = buffer.indexOf(prefix, at + 1)) {
      if (follows[buffer[at + prefix.length]!] !== 1) continue;
      if (at > 0 && ID_CHAR.test(String.fromCharCode(buffer[at - 1]!))) continue;
      return true;
    }
  }
  return false;
}

/**
 * Offsets in `text` where an ID may start: every occurrence of a needle followed by what may
 * continue its IDs, without the ID pattern's boundary checks. `findTags` matches IDs inside each
 * comment alone, so at a comment's edges its boundaries differ from a match over the whole text;
 * but every ID it can find starts at one of these offsets, so a comment holding none of them holds
 * no tag.
 */
export function candidateOffsets(text: string, needles: readonly CandidateNeedle[]): number[] {
  const offsets: number[] = [];
  for (const needle of needles) {
    const { text: prefix, follows } = needle;
    for (let at = text.indexOf(prefix); at !== -1; at = text.indexOf(prefix, at + 1)) {
      if (follows[text.charCodeAt(at + prefix.length)] === 1) offsets.push(at);
    }
  }
  return offsets;
}
