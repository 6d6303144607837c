// Implements: TL-016
import { createHash } from 'node:crypto';
import * as path from 'node:path';

/**
 * Where the caches keep their bytes: named blobs, one per cache file. The CLI and the extension use
 * a folder on disk (nodeCacheStore.ts); tests use {@link MemoryCacheStore} (memoryCacheStore.ts). A
 * cache never fails a check, so a store never fails a read: what cannot be read is a miss.
 */
export interface CacheStore {
  /** The bytes stored under `name`, or undefined when there are none or they cannot be read. */
  read(name: string): Promise<Uint8Array | undefined>;
  /**
   * Stores `bytes` under `name` atomically: a reader sees the previous bytes or these, never part of
   * them. Rejects when they cannot be stored (the caller's cache then simply is not saved).
   */
  write(name: string, bytes: Uint8Array): Promise<void>;
}

/**
 * The name of a project root's cache file in a store, `<16 hex digits of sha1(root)><suffix>`: the
 * same for every spelling of the root, and a plain file name.
 */
export function rootCacheName(root: string, suffix: string): string {
  return `${createHash('sha1').update(path.resolve(root)).digest('hex').slice(0, 16)}${suffix}`;
}
