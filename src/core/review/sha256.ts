// Implements: TL-180, TL-255
/**
 * The SHA-256 behind item fingerprints and Doorstop stamps, as a port. The engine's default is
 * @noble/hashes (pure JavaScript, audited, no dependencies), so the engine needs no Node to build
 * or run (a web build keeps it); a host that has a native SHA-256 installs it with
 * {@link useSha256}: the CLI's bundles and the extension install Node's (src/core/review/nodeSha256.ts),
 * which is about ten times faster an item. Every implementation gives the same text for the same
 * input — a unit test compares them — so fingerprints never depend on where they were computed.
 */
import { sha256 } from '@noble/hashes/sha2';

/** A SHA-256 of the UTF-8 bytes of a text (a lone surrogate is U+FFFD, as TextEncoder writes it). */
export interface Sha256Hasher {
  /** The digest as 64 lower-case hex digits. */
  hex(text: string): string;
  /** The digest as standard base64 with padding (RFC 4648 section 4, 44 characters). */
  base64(text: string): string;
}

const encoder = new TextEncoder();

/** Each byte's two hex digits: one lookup a byte instead of a number-to-string conversion. */
const HEX_DIGITS = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** The engine's own SHA-256: @noble/hashes, pure JavaScript. */
export const pureSha256: Sha256Hasher = {
  hex(text) {
    let hex = '';
    for (const byte of sha256(encoder.encode(text))) hex += HEX_DIGITS[byte];
    return hex;
  },
  base64(text) {
    let binary = '';
    for (const byte of sha256(encoder.encode(text))) binary += String.fromCharCode(byte);
    return btoa(binary);
  },
};

let installed: Sha256Hasher = pureSha256;

/** Makes `hasher` the SHA-256 of this bundle's fingerprints and stamps from now on. */
export function useSha256(hasher: Sha256Hasher): void {
  installed = hasher;
}

/** The SHA-256 installed now (the pure-JavaScript one unless a host installed another). */
export function currentSha256(): Sha256Hasher {
  return installed;
}
