import type { CacheStore } from './cacheStore';

/** A {@link CacheStore} in memory: for tests, and for hosts with nowhere to keep a cache. */
export class MemoryCacheStore implements CacheStore {
  private readonly blobs = new Map<string, Uint8Array>();

  async read(name: string): Promise<Uint8Array | undefined> {
    const bytes = this.blobs.get(name);
    // A copy: a reader must not change what the next one reads.
    return bytes && bytes.slice();
  }

  async write(name: string, bytes: Uint8Array): Promise<void> {
    this.blobs.set(name, bytes.slice());
  }

  /** The names stored, in the order they were first written. */
  names(): string[] {
    return [...this.blobs.keys()];
  }
}
