import { createHash } from 'node:crypto';

/** Content hash used as the cache key of a file's scan. */
export function contentHash(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('base64url');
}
