// Implements: TL-016
import * as path from 'node:path';

/** What kind of directory entry a name is. */
export type EntryType = 'file' | 'directory' | 'other';

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

/** A path's identity and kind, as {@link FileSystem.stat} gives it. */
export interface FileStat extends FileIdentity {
  readonly type: EntryType;
}

/**
 * The identities of a list of files, packed four numbers per file (size, mtimeMs, ctimeMs, ino; NaN
 * for a file that does not exist), as {@link FileSystem.statFiles} gives them: a large tree's stats
 * without an object per file for the garbage collector to trace.
 */
export class FileIdentities {
  /** Numbers per file in {@link packed}. */
  static readonly FIELDS = 4;
  readonly packed: Float64Array;

  constructor(count: number) {
    this.packed = new Float64Array(count * FileIdentities.FIELDS);
  }

  /** The packed identities of `identities`. */
  static of(identities: ReadonlyArray<FileIdentity | undefined>): FileIdentities {
    const packed = new FileIdentities(identities.length);
    identities.forEach((identity, index) => packed.set(index, identity));
    return packed;
  }

  get length(): number {
    return this.packed.length / FileIdentities.FIELDS;
  }

  /** The identity of the file at `index`, or undefined when it does not exist. */
  at(index: number): FileIdentity | undefined {
    const at = index * FileIdentities.FIELDS;
    const packed = this.packed;
    if (Number.isNaN(packed[at]!)) return undefined;
    return { size: packed[at]!, mtimeMs: packed[at + 1]!, ctimeMs: packed[at + 2]!, ino: packed[at + 3]! };
  }

  /** Records the identity of the file at `index` (undefined: it does not exist). */
  set(index: number, identity: FileIdentity | undefined): void {
    const at = index * FileIdentities.FIELDS;
    const packed = this.packed;
    if (!identity) {
      packed.fill(Number.NaN, at, at + FileIdentities.FIELDS);
      return;
    }
    packed[at] = identity.size;
    packed[at + 1] = identity.mtimeMs;
    packed[at + 2] = identity.ctimeMs;
    packed[at + 3] = identity.ino;
  }
}

/** A regular file read together with its identity (see {@link FileSystem.readFileWithStat}). */
export interface FileRead {
  /** The identity of the file that was read, taken from the same open file. */
  readonly stat: FileIdentity;
  /** The content; absent when the file is larger than the `maxSize` asked for, and so was not read. */
  readonly bytes?: Uint8Array;
}

/**
 * The engine's only way to reach project files. The CLI and the Node extension host use the Node
 * implementations (nodeFileSystem.ts); tests use the in-memory one (memoryFileSystem.ts); a later
 * web build can supply its own. Paths are absolute, in the platform's form.
 */
export interface FileSystem {
  readFile(absolutePath: string): Promise<Uint8Array>;
  /** Entries of a directory, or an empty list when it cannot be read. */
  readDirectory(absolutePath: string): Promise<Array<[name: string, type: EntryType]>>;
  /** Identity and type, or undefined when the path does not exist. */
  stat(absolutePath: string): Promise<FileStat | undefined>;
  /**
   * The identity of each of `files` (POSIX paths relative to `root`, as a listing gives them), in
   * order. One call for a whole tree: a promise per file costs ten times what a synchronous stat
   * does on a large one, and neither an absolute path nor an object per file is kept meanwhile.
   */
  statFiles(root: string, files: readonly string[]): Promise<FileIdentities>;
  /**
   * Optional, for implementations whose reads block anyway: a regular file's identity and, unless it
   * is larger than `maxSize`, its content, in one synchronous call (one descriptor, no buffer per
   * file). The bytes may be a view of a buffer the implementation reuses: valid only until its next
   * call on the same thread, so they must be used before anything is awaited. Undefined when the
   * path is not a regular file or cannot be read this way: the caller then takes the general path
   * ({@link stat}, {@link readFile}), which reports what is wrong. Both paths must agree.
   */
  readFileWithStat?(absolutePath: string, maxSize: number): FileRead | undefined;
}

/** POSIX path of `absolutePath` relative to `root`: the form every report uses. */
export function relativePosix(root: string, absolutePath: string): string {
  return path.relative(root, absolutePath).split(path.sep).join('/');
}

/** Absolute platform path of a POSIX path relative to `root`. */
export function absoluteFromPosix(root: string, relative: string): string {
  return path.join(root, ...relative.split('/'));
}
