import { promises as fsp, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

/** What kind of directory entry a name is. */
export type EntryType = 'file' | 'directory' | 'other';

/**
 * The engine's only way to reach files. The CLI and the Node extension host use {@link nodeFileSystem};
 * tests and a later web build can supply their own. Paths are absolute, in the platform's form.
 */
export interface FileSystem {
  readFile(absolutePath: string): Promise<Uint8Array>;
  /** Entries of a directory, or an empty list when it cannot be read. */
  readDirectory(absolutePath: string): Promise<Array<[name: string, type: EntryType]>>;
  /** Size and type, or undefined when the path does not exist. */
  stat(absolutePath: string): Promise<{ size: number; mtimeMs: number; type: EntryType } | undefined>;
}

function entryType(entry: { isFile(): boolean; isDirectory(): boolean }): EntryType {
  return entry.isFile() ? 'file' : entry.isDirectory() ? 'directory' : 'other';
}

/** The real disk, through node:fs. Symbolic links are not followed when listing (no cycles). */
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
      const s = await fsp.stat(p);
      return { size: s.size, mtimeMs: s.mtimeMs, type: entryType(s) };
    } catch {
      return undefined;
    }
  },
};

/**
 * The real disk through synchronous calls behind the same port: for scan workers and the CLI,
 * whose threads have nothing else to do while a file is read. One syscall chain per file instead
 * of several thread-pool round trips makes reading a large tree several times faster. Never use
 * it on an editor's main thread.
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
    return s ? { size: s.size, mtimeMs: s.mtimeMs, type: entryType(s) } : undefined;
  },
};

/** POSIX path of `absolutePath` relative to `root`: the form every report uses. */
export function relativePosix(root: string, absolutePath: string): string {
  return path.relative(root, absolutePath).split(path.sep).join('/');
}

/** Absolute platform path of a POSIX path relative to `root`. */
export function absoluteFromPosix(root: string, relative: string): string {
  return path.join(root, ...relative.split('/'));
}

/**
 * What identifies a file's state without reading it: a write changes size or mtime, and ctime (which
 * no program can set) and the inode catch a restored mtime or a replaced file. `fs.Stats` has it.
 */
export interface FileIdentity {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly ino: number;
}
