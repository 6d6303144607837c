import { mkdirSync, promises as fsp, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CacheStore } from './cacheStore';

/** Distinguishes the temporary files of two writes in flight in one process. */
let writes = 0;

/** The file of `name` in `dir`; a name must be a plain file name, never a path. */
function fileOf(dir: string, name: string): string {
  if (name === '' || name === '.' || name === '..' || path.basename(name) !== name) throw new Error(`not a cache file name: ${name}`);
  return path.join(dir, name);
}

/** A temporary file beside `file`, unique to this write. */
function tempOf(file: string): string {
  return `${file}.${process.pid}.${++writes}.tmp`;
}

/** The file operations a folder store needs; each may answer at once or through a promise. */
interface FolderOps {
  read(file: string): Uint8Array | Promise<Uint8Array>;
  makeFolder(dir: string): unknown;
  write(file: string, bytes: Uint8Array): unknown;
  rename(from: string, to: string): unknown;
  remove(file: string): unknown;
}

/** A folder as a {@link CacheStore}, through `ops`: reads that fail are misses, writes are atomic. */
function folderStore(dir: string, ops: FolderOps): CacheStore {
  return {
    async read(name) {
      try {
        return await ops.read(fileOf(dir, name));
      } catch {
        return undefined;
      }
    },
    async write(name, bytes) {
      const file = fileOf(dir, name);
      const temp = tempOf(file);
      try {
        await ops.makeFolder(dir);
        await ops.write(temp, bytes);
        await ops.rename(temp, file);
      } catch (error) {
        // The write failed already: report that, not the clean-up.
        await Promise.resolve().then(() => ops.remove(temp)).catch(() => undefined);
        throw error;
      }
    },
  };
}

/**
 * A folder on disk as a {@link CacheStore}, one file per name, created (with its parents) on the
 * first write. A write goes to a temporary file renamed over the target, so a crash or a concurrent
 * run never leaves half a cache file behind.
 */
export function nodeCacheStore(dir: string): CacheStore {
  return folderStore(dir, {
    read: (file) => fsp.readFile(file),
    makeFolder: (folder) => fsp.mkdir(folder, { recursive: true }),
    write: (file, bytes) => fsp.writeFile(file, bytes),
    rename: (from, to) => fsp.rename(from, to),
    remove: (file) => fsp.rm(file, { force: true }),
  });
}

/**
 * {@link nodeCacheStore} through synchronous calls: for the CLI, whose thread has nothing else to do
 * meanwhile, and whose run-cache replay answers in a fraction of a second. Never use it on an
 * editor's main thread.
 */
export function blockingNodeCacheStore(dir: string): CacheStore {
  return folderStore(dir, {
    read: (file) => readFileSync(file),
    makeFolder: (folder) => mkdirSync(folder, { recursive: true }),
    write: (file, bytes) => writeFileSync(file, bytes),
    rename: (from, to) => renameSync(from, to),
    remove: (file) => rmSync(file, { force: true }),
  });
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
