import { promises as fsp, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { absoluteFromPosix, FileIdentities, type EntryType, type FileIdentity, type FileStat, type FileSystem } from './fileSystem';
import { readFileWithStatSync } from './descriptorRead';

function entryType(entry: { isFile(): boolean; isDirectory(): boolean }): EntryType {
  return entry.isFile() ? 'file' : entry.isDirectory() ? 'directory' : 'other';
}

function fileStat(s: FileIdentity & { isFile(): boolean; isDirectory(): boolean }): FileStat {
  return { size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs, ino: s.ino, type: entryType(s) };
}

/** Files stat'ed between two yields to the event loop by {@link nodeFileSystem}. */
const STAT_SLICE = 1000;

/**
 * Stats `files[start..end)` below `root` into `into` with synchronous calls: about ten times
 * cheaper than a promise per file on a large tree. Nothing per file outlives its stat call: neither
 * its absolute path nor its `fs.Stats` (eighteen fields, four of them Dates). A file that cannot be
 * stat'ed for another reason than not existing throws.
 */
function statSlice(root: string, files: readonly string[], start: number, end: number, into: FileIdentities): void {
  // Listed paths are clean POSIX paths below the root: plain concatenation is enough on POSIX.
  const prefix = path.sep === '/' ? `${root === '/' ? '' : root}/` : undefined;
  for (let i = start; i < end; i++) {
    into.set(i, statSync(prefix !== undefined ? prefix + files[i]! : absoluteFromPosix(root, files[i]!), { throwIfNoEntry: false }));
  }
}

/**
 * The real disk, through node:fs. Symbolic links are not followed when listing (no cycles). Safe on
 * an editor's main thread: {@link FileSystem.statFiles} yields to the event loop between slices.
 */
export const nodeFileSystem: FileSystem = {
  readFile: (p) => fsp.readFile(p),
  async readDirectory(p) {
    try {
      const entries = await fsp.readdir(p, { withFileTypes: true });
      return entries.map((e) => [e.name, entryType(e)] as [string, EntryType]);
    } catch {
      return [];
    }
  },
  async stat(p) {
    try {
      return fileStat(await fsp.stat(p));
    } catch {
      return undefined;
    }
  },
  async statFiles(root, files) {
    const stats = new FileIdentities(files.length);
    for (let start = 0; start < files.length; start += STAT_SLICE) {
      // Synchronous slices, with a yield between them so that an extension host stays responsive.
      if (start > 0) await new Promise((resolve) => setImmediate(resolve));
      statSlice(root, files, start, Math.min(files.length, start + STAT_SLICE), stats);
    }
    return stats;
  },
};

/**
 * The real disk through synchronous calls behind the same port: for scan workers and the CLI,
 * whose threads have nothing else to do while a file is read. One syscall chain per file instead
 * of several thread-pool round trips makes reading a large tree several times faster, and
 * {@link FileSystem.readFileWithStat} reads a file through one descriptor into a reused buffer.
 * Never use it on an editor's main thread.
 */
export const blockingNodeFileSystem: FileSystem = {
  readFile: async (p) => readFileSync(p),
  async readDirectory(p) {
    try {
      return readdirSync(p, { withFileTypes: true }).map((e) => [e.name, entryType(e)] as [string, EntryType]);
    } catch {
      return [];
    }
  },
  async stat(p) {
    const s = statSync(p, { throwIfNoEntry: false });
    return s ? fileStat(s) : undefined;
  },
  async statFiles(root, files) {
    const stats = new FileIdentities(files.length);
    statSlice(root, files, 0, files.length, stats);
    return stats;
  },
  readFileWithStat: readFileWithStatSync,
};
