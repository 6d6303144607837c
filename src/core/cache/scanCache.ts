// Implements: TL-061
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { rootCacheName, type CacheStore } from './cacheStore';
import type { ReadResult, RequirementCache } from '../readers';
import type { FileScan } from '../scan/codeScanner';
import { TOOL_VERSION } from '../version';
import type { ScanSettings } from '../scan/settings';

/** Bump when the cache layout or the meaning of a scan changes. */
const CACHE_FORMAT = 2;

/** A cached scan of one file, valid while the file's stat or content and the settings are unchanged. */
export interface CacheEntry {
  readonly size: number;
  readonly mtimeMs: number;
  readonly hash: string;
  /** The dependency key of the content (see scanKey.ts); absent or '' when it has none. */
  readonly dependency?: string;
  readonly scan: FileScan;
}

/** A parsed requirement file, valid while its content hash and the prefix table are unchanged. */
interface RequirementEntry {
  readonly hash: string;
  readonly configKey: string;
  readonly result: ReadResult;
}

/**
 * The file layout: one column per field rather than one object per file, and one shared object for
 * every empty scan of a language (the serialiser writes it once), so that a cache of a large tree,
 * where most files hold no candidate ID, loads in a few milliseconds.
 */
interface CacheFile {
  readonly format: number;
  readonly tool: string;
  readonly root: string;
  readonly settingsKey: string;
  /** Paths, `\n`-joined. */
  readonly files: string;
  readonly sizes: Float64Array;
  readonly mtimes: Float64Array;
  /** Content hashes, `\n`-joined. */
  readonly hashes: string;
  /** Scan keys, `\n`-joined ('' where absent). */
  readonly keys: string;
  readonly scans: readonly FileScan[];
  readonly requirements?: Record<string, RequirementEntry>;
}

function encodeEntries(entries: ReadonlyMap<string, CacheEntry>): Pick<CacheFile, 'files' | 'sizes' | 'mtimes' | 'hashes' | 'keys' | 'scans'> {
  const files: string[] = [];
  const hashes: string[] = [];
  const keys: string[] = [];
  const scans: FileScan[] = [];
  const sizes = new Float64Array(entries.size);
  const mtimes = new Float64Array(entries.size);
  const empty = new Map<string, FileScan>();
  for (const [file, entry] of entries) {
    sizes[files.length] = entry.size;
    mtimes[files.length] = entry.mtimeMs;
    files.push(file);
    hashes.push(entry.hash);
    keys.push(entry.dependency ?? '');
    const { scan } = entry;
    if (scan.references.length === 0 && !scan.skipped) {
      let shared = empty.get(scan.language);
      if (!shared) empty.set(scan.language, (shared = { language: scan.language, references: [] }));
      scans.push(shared);
    } else {
      scans.push(scan);
    }
  }
  return { files: files.join('\n'), sizes, mtimes, hashes: hashes.join('\n'), keys: keys.join('\n'), scans };
}

function decodeEntries(data: CacheFile): Map<string, CacheEntry> {
  const entries = new Map<string, CacheEntry>();
  if (data.files === '') return entries;
  const files = data.files.split('\n');
  const hashes = data.hashes.split('\n');
  const keys = data.keys.split('\n');
  if (hashes.length !== files.length || keys.length !== files.length || data.scans.length !== files.length || data.sizes.length !== files.length) {
    throw new Error('inconsistent cache file');
  }
  files.forEach((file, i) => {
    entries.set(file, { size: data.sizes[i]!, mtimeMs: data.mtimes[i]!, hash: hashes[i]!, ...(keys[i] ? { dependency: keys[i]! } : {}), scan: data.scans[i]! });
  });
  return entries;
}

/** A key that changes whenever anything a scan depends on changes, besides the file itself. */
function settingsKey(settings: ScanSettings, tool: string): string {
  return createHash('sha1').update(JSON.stringify([CACHE_FORMAT, tool, settings])).digest('base64url');
}

/** The name of the scan cache of `root` in a {@link CacheStore}. */
export function scanCacheName(root: string): string {
  return rootCacheName(root, '.v8');
}

/**
 * A persistent per-file scan cache for one project root, kept in one file of a {@link CacheStore}
 * (V8 serialisation, which loads several times faster than JSON for this shape) named after the
 * root (see {@link scanCacheName}). Entries are keyed by path and validated by size+mtime (fast path) or content hash, and the
 * whole cache is dropped when the settings, the tool version or the format change.
 */
export class ScanCache implements RequirementCache {
  private entries: Map<string, CacheEntry>;
  private readonly requirements: Map<string, RequirementEntry>;
  private dirty = false;

  private constructor(
    private readonly store: CacheStore, private readonly root: string, private readonly tool: string, private key: string,
    entries: Map<string, CacheEntry>, requirements: Map<string, RequirementEntry> = new Map(),
  ) {
    this.entries = entries;
    this.requirements = requirements;
  }

  /**
   * Opens the cache of `root` in `store`; a missing, corrupt or outdated (format, tool) cache starts
   * empty. Entries made under other settings are dropped at the first scan. `tool` identifies the
   * build (see buildIdentity.ts); the version alone by default.
   */
  static async open(store: CacheStore, root: string, tool: string = TOOL_VERSION): Promise<ScanCache> {
    const bytes = await store.read(scanCacheName(root));
    try {
      const data = bytes && (v8.deserialize(bytes) as CacheFile);
      if (data && data.format === CACHE_FORMAT && data.tool === tool && data.root === path.resolve(root)) {
        return new ScanCache(store, path.resolve(root), tool, data.settingsKey, decodeEntries(data), new Map(Object.entries(data.requirements ?? {})));
      }
    } catch {
      // Corrupt: start empty, it is only a cache.
    }
    const cache = new ScanCache(store, path.resolve(root), tool, '', new Map());
    cache.dirty = true;
    return cache;
  }

  /** Whether the cache was made for these settings. */
  matches(settings: ScanSettings): boolean {
    return settingsKey(settings, this.tool) === this.key;
  }

  /** Starts over for new settings (the config or the prefixes changed). */
  reset(settings: ScanSettings): void {
    this.key = settingsKey(settings, this.tool);
    this.entries = new Map();
    this.dirty = true;
  }

  get(file: string): CacheEntry | undefined {
    return this.entries.get(file);
  }

  set(file: string, entry: CacheEntry): void {
    this.entries.set(file, entry);
    this.dirty = true;
  }

  getRequirements(file: string, hash: string, configKey: string): ReadResult | undefined {
    const entry = this.requirements.get(file);
    return entry && entry.hash === hash && entry.configKey === configKey ? entry.result : undefined;
  }

  setRequirements(file: string, hash: string, configKey: string, result: ReadResult): void {
    this.requirements.set(file, { hash, configKey, result });
    this.dirty = true;
  }

  /** Drops the entries of files not in `files` (deleted or renamed since), after a check of every file. */
  retainOnly(files: ReadonlySet<string>): void {
    for (const file of this.entries.keys()) {
      if (files.has(file)) continue;
      this.entries.delete(file);
      this.dirty = true;
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** Writes the cache atomically when it changed. Failure to write is not an error: it is a cache. */
  async save(): Promise<void> {
    if (!this.dirty) return;
    const data: CacheFile = {
      format: CACHE_FORMAT, tool: this.tool, root: this.root, settingsKey: this.key,
      ...encodeEntries(this.entries), requirements: Object.fromEntries(this.requirements),
    };
    try {
      await this.store.write(scanCacheName(this.root), v8.serialize(data));
      this.dirty = false;
    } catch {
      // Not saved: it stays dirty, and the next save tries again.
    }
  }
}
