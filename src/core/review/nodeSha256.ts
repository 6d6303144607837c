// Implements: TL-255
/**
 * Node's native SHA-256 (node:crypto) for the engine's hashing port (sha256.ts): the CLI's bundles
 * and the extension install it. The port and the code that hashes through it never import this
 * file, so a web build keeps the pure-JS default; it is the port's Node adapter, as
 * files/nodeFileSystem.ts is the file-system port's.
 */
import { createHash } from 'node:crypto';
import { useSha256, type Sha256Hasher } from './sha256';

/** SHA-256 through node:crypto; the text is encoded as UTF-8 exactly as TextEncoder does. */
export const nodeSha256: Sha256Hasher = {
  hex: (text) => createHash('sha256').update(text, 'utf8').digest('hex'),
  base64: (text) => createHash('sha256').update(text, 'utf8').digest('base64'),
};

/** Installs {@link nodeSha256} for the fingerprints and stamps of the bundle that calls it. */
export function installNodeSha256(): void {
  useSha256(nodeSha256);
}
