// Implements: TL-015
/**
 * Cheap tests that run before any parse: which files are binary, which may hold a candidate ID at
 * all, and where in a text candidates may start. Each is a superset of what the ID pattern finds,
 * so no tag is ever lost to them.
 */

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
 * A byte-level filter run before decoding: true when some prefix occurs followed by `-` or `_`
 * and not preceded by an ID character. A superset of the ID regex, so it never loses a candidate;
 * most files of a large tree fail it and are never decoded, let alone parsed.
 */
export function mayHoldCandidate(bytes: Uint8Array, prefixes: readonly Buffer[]): boolean {
  const buffer = asBuffer(bytes);
  for (const prefix of prefixes) {
    for (let at = buffer.indexOf(prefix); at !== -1; at = buffer.indexOf(prefix, at + 1)) {
      const next = buffer[at + prefix.length];
      if (next !== 0x2d && next !== 0x5f) continue;
      if (at > 0 && ID_CHAR.test(String.fromCharCode(buffer[at - 1]!))) continue;
      return true;
    }
  }
  return false;
}

/**
 * Offsets in `text` where an ID may start: every occurrence of a prefix followed by `-` or `_`,
 * without the ID pattern's boundary checks. `findTags` matches IDs inside each comment alone, so
 * at a comment's edges its boundaries differ from a match over the whole text; but every ID it
 * can find starts at one of these offsets, so a comment holding none of them holds no tag.
 */
export function candidateOffsets(text: string, prefixes: readonly string[]): number[] {
  const offsets: number[] = [];
  for (const prefix of prefixes) {
    if (prefix === '') continue;
    for (let at = text.indexOf(prefix); at !== -1; at = text.indexOf(prefix, at + 1)) {
      const next = text.charCodeAt(at + prefix.length);
      if (next === 0x2d || next === 0x5f) offsets.push(at);
    }
  }
  return offsets;
}
