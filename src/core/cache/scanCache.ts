// Implements: TL-061
import { promises as fsp } from 'node:fs';
import { createHash } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
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

/**
 * The default cache folder for the CLI: `node_modules/.cache/tracelens` when the project has a
 * node_modules folder (already ignored by every sensible .gitignore), else the OS cache folder.
 * Never inside the project tree where it could be committed by accident.
 */
export async function defaultCacheDir(root: string): Promise<string> {
  const nodeModules = path.join(root, 'node_modules');
  try {
    if ((await fsp.stat(nodeModules)).isDirectory()) return path.join(nodeModules, '.cache', 'tracelens');
  } catch {
    // No node_modules: use the OS cache folder.
  }
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env['LOCALAPPDATA'] ?? path.join(home, 'AppData', 'Local'), 'tracelens', 'Cache');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Caches', 'tracelens');
  return path.join(process.env['XDG_CACHE_HOME'] ?? path.join(home, '.cache'), 'tracelens');
}

/**
 * A persistent per-file scan cache for one project root, kept in one file (V8 serialisation, which
 * loads several times faster than JSON for this shape) named after the
 * root. Entries are keyed by path and validated by size+mtime (fast path) or content hash, and the
 * whole cache is dropped when the settings, the tool version or the format change.
 */
export class ScanCache implements RequirementCache {
  private entries: Map<string, CacheEntry>;
  private readonly requirements: Map<string, RequirementEntry>;
  private dirty = false;

  private constructor(
    private readonly file: string, private readonly root: string, private readonly tool: string, private key: string,
    entries: Map<string, CacheEntry>, requirements: Map<string, RequirementEntry> = new Map(),
  ) {
    this.entries = entries;
    this.requirements = requirements;
  }

  /**
   * Opens the cache of `root` in `dir`; a missing, corrupt or outdated (format, tool) cache starts
   * empty. Entries made under other settings are dropped at the first scan. `tool` identifies the
   * build (see buildIdentity.ts); the version alone by default.
   */
  static async open(dir: string, root: string, tool: string = TOOL_VERSION): Promise<ScanCache> {
    const file = path.join(dir, `${createHash('sha1').update(path.resolve(root)).digest('hex').slice(0, 16)}.v8`);
    try {
      const data = v8.deserialize(await fsp.readFile(file)) as CacheFile;
      if (data.format === CACHE_FORMAT && data.tool === tool && data.root === path.resolve(root)) {
        return new ScanCache(file, path.resolve(root), tool, data.settingsKey, decodeEntries(data), new Map(Object.entries(data.requirements ?? {})));
      }
    } catch {
      // Missing or unreadable: start empty, it is only a cache.
    }
    const cache = new ScanCache(file, path.resolve(root), tool, '', new Map());
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
    const temp = `${this.file}.${process.pid}.tmp`;
    try {
      await fsp.mkdir(path.dirname(this.file), { recursive: true });
      await fsp.writeFile(temp, v8.serialize(data));
      await fsp.rename(temp, this.file);
      this.dirty = false;
    } catch {
      await fsp.rm(temp, { force: true }).catch(() => undefined);
    }
  }
}
