import * as path from 'node:path';
import { absoluteFromPosix, FileIdentities, relativePosix, type EntryType, type FileIdentity, type FileStat, type FileSystem } from './fileSystem';

/** Synthetic times start here (2020-01-01T00:00:00Z): old enough that no cache finds them racy. */
const EPOCH_MS = Date.UTC(2020, 0, 1);

interface MemoryEntry {
  readonly type: 'file' | 'directory';
  readonly identity: FileIdentity;
  /** A file's content. */
  readonly bytes?: Uint8Array;
  /** A directory's entries, by name. */
  readonly children?: Map<string, MemoryEntry>;
}

/** The error node:fs gives reading `absolutePath`, with its `code` and message, so that reports read the same. */
function readError(code: 'ENOENT' | 'EISDIR', absolutePath: string): Error {
  const message = code === 'ENOENT' ? `no such file or directory, open '${absolutePath}'` : 'illegal operation on a directory, read';
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

/**
 * A {@link FileSystem} in memory: files under `root`, named by POSIX paths relative to it; folders
 * exist where files are put (and stay when their files are deleted, as on disk). For tests, which
 * then read fixtures without copying them anywhere, and change files without touching the disk.
 *
 * Every {@link write} gives the file a new identity, as replacing it on disk would: mtime and ctime
 * from a synthetic clock that only moves forward, and a new inode number. A folder keeps the identity
 * it was created with.
 */
export class MemoryFileSystem implements FileSystem {
  /** The absolute root, resolved. */
  readonly root: string;
  private readonly top: MemoryEntry;
  private clock = EPOCH_MS;
  private inodes = 0;

  constructor(root: string, files: Readonly<Record<string, string | Uint8Array>> = {}) {
    this.root = path.resolve(root);
    this.top = this.directory();
    for (const [file, content] of Object.entries(files)) this.write(file, content);
  }

  /** Creates or replaces `file` (POSIX, relative to the root) and the folders above it. */
  write(file: string, content: string | Uint8Array): void {
    const segments = segmentsOf(file);
    const name = segments.pop()!;
    let folder = this.top;
    for (const segment of segments) {
      let next = folder.children!.get(segment);
      if (!next) folder.children!.set(segment, (next = this.directory()));
      if (next.type !== 'directory') throw new Error(`not a folder: ${segment} in ${file}`);
      folder = next;
    }
    if (folder.children!.get(name)?.type === 'directory') throw new Error(`a folder: ${file}`);
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content.slice();
    folder.children!.set(name, { type: 'file', bytes, identity: this.identity(bytes.length) });
  }

  /** Deletes `file` or a folder with everything in it (POSIX, relative to the root); false when absent. */
  delete(file: string): boolean {
    const segments = segmentsOf(file);
    const name = segments.pop()!;
    const folder = this.entryAt(segments);
    return folder?.type === 'directory' ? folder.children!.delete(name) : false;
  }

  async readFile(absolutePath: string): Promise<Uint8Array> {
    const entry = this.lookup(absolutePath);
    if (!entry) throw readError('ENOENT', absolutePath);
    if (entry.type !== 'file') throw readError('EISDIR', absolutePath);
    // A copy: a reader must not change what the next one reads.
    return entry.bytes!.slice();
  }

  async readDirectory(absolutePath: string): Promise<Array<[name: string, type: EntryType]>> {
    const entry = this.lookup(absolutePath);
    if (entry?.type !== 'directory') return [];
    return [...entry.children!].map(([name, child]) => [name, child.type] as [string, EntryType]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  async stat(absolutePath: string): Promise<FileStat | undefined> {
    const entry = this.lookup(absolutePath);
    return entry && { ...entry.identity, type: entry.type };
  }

  async statFiles(root: string, files: readonly string[]): Promise<FileIdentities> {
    const stats = new FileIdentities(files.length);
    files.forEach((file, index) => stats.set(index, this.lookup(absoluteFromPosix(root, file))?.identity));
    return stats;
  }

  private lookup(absolutePath: string): MemoryEntry | undefined {
    const relative = relativePosix(this.root, path.resolve(absolutePath));
    if (relative === '') return this.top;
    if (relative === '..' || relative.startsWith('../') || path.isAbsolute(relative)) return undefined;
    return this.entryAt(relative.split('/'));
  }

  private entryAt(segments: readonly string[]): MemoryEntry | undefined {
    let entry: MemoryEntry | undefined = this.top;
    for (const segment of segments) entry = entry?.children?.get(segment);
    return entry;
  }

  private directory(): MemoryEntry {
    return { type: 'directory', identity: this.identity(0), children: new Map() };
  }

  /** A fresh identity: the clock moves on and a new inode number is taken. */
  private identity(size: number): FileIdentity {
    const time = ++this.clock;
    return { size, mtimeMs: time, ctimeMs: time, ino: ++this.inodes };
  }
}

/** The segments of a POSIX path relative to the root; it must name something below the root. */
function segmentsOf(file: string): string[] {
  const segments = file.split('/');
  if (file === '' || segments.some((segment) => segment === '' || segment === '.' || segment === '..')) throw new Error(`not a relative POSIX path: ${file}`);
  return segments;
}
