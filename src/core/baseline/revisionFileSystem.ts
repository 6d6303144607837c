// Implements: TL-191
import * as path from 'node:path';
import { absoluteFromPosix, FileIdentities, relativePosix, type EntryType, type FileStat, type FileSystem } from '../files/fileSystem';
import { listTree, type GitRunner, type TreeEntry } from './gitTree';

/** A symbolic link and a submodule are neither file nor folder at a revision, as a link is not on disk. */
const FILE_MODES = new Set(['100644', '100755']);

/** What a revision holds that is not read as a file, and why: said in the diff, never dropped silently. */
export interface UnreadEntry {
  readonly path: string;
  readonly reason: 'submodule' | 'symbolic-link';
}

/**
 * A read-only {@link FileSystem} over one commit's tree below the project folder: the check reads a
 * revision exactly as it reads the working tree, without a checkout. Listing and sizes come from one
 * `ls-tree`; contents from the {@link GitRunner} blob by blob. Paths are those of the project folder
 * on disk (`root`), so that every report path is the same on both sides of a diff.
 *
 * A revision holds the tracked files only: a file that is not committed is not there, and a file
 * that is committed is there even if `.gitignore` names it (the walk then skips it, as on disk).
 * A file's identity is its size with fixed times; nothing caches by it (see {@link objectId}).
 */
export class RevisionFileSystem implements FileSystem {
  private readonly files = new Map<string, TreeEntry & { readonly ino: number }>();
  private readonly folders = new Map<string, Map<string, EntryType>>([['', new Map()]]);
  /** Entries that are not read as files (sorted by path). */
  readonly unread: readonly UnreadEntry[];

  constructor(readonly root: string, entries: readonly TreeEntry[], private readonly git: Pick<GitRunner, 'readBlob'>) {
    const unread: UnreadEntry[] = [];
    entries.forEach((entry, index) => {
      const segments = entry.path.split('/');
      for (let depth = 1; depth < segments.length; depth++) this.folder(segments.slice(0, depth - 1).join('/')).set(segments[depth - 1]!, 'directory');
      const parent = this.folder(segments.slice(0, -1).join('/'));
      if (FILE_MODES.has(entry.mode)) {
        parent.set(segments[segments.length - 1]!, 'file');
        this.files.set(entry.path, { ...entry, ino: index + 1 });
      } else {
        parent.set(segments[segments.length - 1]!, 'other');
        unread.push({ path: entry.path, reason: entry.mode === '160000' ? 'submodule' : 'symbolic-link' });
      }
    });
    this.unread = unread;
  }

  /** The commit's tree below `prefix` (the project folder relative to the repository's top) as a file system at `root`. */
  static async open(git: GitRunner, commit: string, prefix: string, root: string): Promise<RevisionFileSystem> {
    return new RevisionFileSystem(path.resolve(root), await listTree(git, commit, prefix), git);
  }

  /** The git object ID of a file (POSIX, relative to the root): its content's name, which no other content has. */
  objectId(file: string): string | undefined {
    return this.files.get(file)?.objectId;
  }

  async readFile(absolutePath: string): Promise<Uint8Array> {
    const relative = this.relative(absolutePath);
    const entry = relative === undefined ? undefined : this.files.get(relative);
    if (!entry) {
      const isFolder = relative !== undefined && this.folders.has(relative);
      throw Object.assign(new Error(isFolder ? 'EISDIR: illegal operation on a directory, read' : `ENOENT: no such file or directory, open '${absolutePath}'`), { code: isFolder ? 'EISDIR' : 'ENOENT' });
    }
    return this.git.readBlob(entry.objectId);
  }

  async readDirectory(absolutePath: string): Promise<Array<[name: string, type: EntryType]>> {
    const relative = this.relative(absolutePath);
    const folder = relative === undefined ? undefined : this.folders.get(relative);
    return folder ? [...folder].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : [];
  }

  async stat(absolutePath: string): Promise<FileStat | undefined> {
    const relative = this.relative(absolutePath);
    if (relative === undefined) return undefined;
    const file = this.files.get(relative);
    if (file) return { type: 'file', size: file.size, mtimeMs: 0, ctimeMs: 0, ino: file.ino };
    if (this.folders.has(relative)) return { type: 'directory', size: 0, mtimeMs: 0, ctimeMs: 0, ino: 0 };
    const slash = relative.lastIndexOf('/');
    const type = this.folders.get(slash < 0 ? '' : relative.slice(0, slash))?.get(relative.slice(slash + 1));
    return type ? { type, size: 0, mtimeMs: 0, ctimeMs: 0, ino: 0 } : undefined;
  }

  async statFiles(root: string, files: readonly string[]): Promise<FileIdentities> {
    const stats = new FileIdentities(files.length);
    for (let i = 0; i < files.length; i++) {
      const stat = await this.stat(absoluteFromPosix(root, files[i]!));
      stats.set(i, stat?.type === 'file' ? stat : undefined);
    }
    return stats;
  }

  /** The POSIX path of `absolutePath` relative to the root ('' for the root), or undefined outside it. */
  private relative(absolutePath: string): string | undefined {
    const relative = relativePosix(this.root, path.resolve(absolutePath));
    if (relative === '..' || relative.startsWith('../') || path.isAbsolute(relative)) return undefined;
    return relative;
  }

  private folder(relative: string): Map<string, EntryType> {
    let folder = this.folders.get(relative);
    if (!folder) this.folders.set(relative, (folder = new Map()));
    return folder;
  }
}

