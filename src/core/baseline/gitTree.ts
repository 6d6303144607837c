// Implements: TL-191
/**
 * What a baseline needs of git, behind an interface so that the engine stays pure: the CLI runs
 * the real `git` (src/cli/git.ts), tests answer with a fake. Only two questions are asked: which
 * commit a revision names, and which files a commit holds below the project folder (one `ls-tree`);
 * contents are read per blob, through one long-lived `git cat-file --batch` in the CLI.
 */

/** The git commands a baseline runs, in one repository (its top folder is the working directory). */
export interface GitRunner {
  /** Runs `git ARGS` and resolves its standard output; rejects with a {@link GitError} when git fails. */
  run(args: readonly string[]): Promise<string>;
  /** The content of the blob named by `objectId`; rejects when there is no such blob. */
  readBlob(objectId: string): Promise<Uint8Array>;
}

/** Git failed: `message` is what it said on stderr (or why it could not run). */
export class GitError extends Error {}

/** A revision the user named could not be resolved to a commit. */
export class UnknownRevisionError extends Error {
  constructor(readonly revision: string) {
    super(`unknown revision: ${revision} (not a commit in this repository)`);
  }
}

/** One entry of a commit's tree below the project folder, as `git ls-tree -r --long` lists it. */
export interface TreeEntry {
  /** POSIX path relative to the project folder. */
  readonly path: string;
  /** Git's file mode: `100644`, `100755` (files), `120000` (symbolic link), `160000` (submodule). */
  readonly mode: string;
  /** The blob's (or, for a submodule, the commit's) object ID. */
  readonly objectId: string;
  /** Bytes; 0 for a submodule. */
  readonly size: number;
}

/** The full object ID of the commit `revision` names; {@link UnknownRevisionError} when it names none. */
export async function resolveCommit(git: Pick<GitRunner, 'run'>, revision: string): Promise<string> {
  // `--end-of-options`: a revision that starts with `-` is a name, never an option.
  try {
    const out = await git.run(['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`]);
    const commit = out.trim();
    if (/^[0-9a-f]{40,64}$/.test(commit)) return commit;
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
  }
  throw new UnknownRevisionError(revision);
}

/**
 * Every file of `commit` below `prefix` (POSIX, relative to the repository's top, '' for all of it),
 * with paths relative to `prefix`, sorted. Pathspecs are literal: a folder named `[a]` is that folder.
 */
export async function listTree(git: Pick<GitRunner, 'run'>, commit: string, prefix: string): Promise<TreeEntry[]> {
  const args = ['--literal-pathspecs', 'ls-tree', '-r', '-z', '--long', '--full-tree', commit];
  if (prefix !== '') args.push('--', `${prefix}/`);
  return parseLsTree(await git.run(args), prefix);
}

/**
 * Parses `git ls-tree -r -z --long` output: `<mode> SP <type> SP <object> SP+ <size> TAB <path> NUL`
 * per entry (the size is padded, `-` for a submodule). Paths outside `prefix` are dropped.
 */
export function parseLsTree(output: string, prefix: string): TreeEntry[] {
  const start = prefix === '' ? '' : `${prefix}/`;
  const entries: TreeEntry[] = [];
  for (const record of output.split('\0')) {
    if (record === '') continue;
    const tab = record.indexOf('\t');
    const match = tab < 0 ? null : /^(\d{6}) (\w+) ([0-9a-f]+) +(\d+|-)$/.exec(record.slice(0, tab));
    if (!match) throw new GitError(`unexpected ls-tree output: ${JSON.stringify(record.slice(0, 200))}`);
    const full = record.slice(tab + 1);
    if (!full.startsWith(start)) continue;
    entries.push({ path: full.slice(start.length), mode: match[1]!, objectId: match[3]!, size: match[4] === '-' ? 0 : Number(match[4]) });
  }
  return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * The files below `prefix` whose content in the working tree may differ from `commit`'s, relative
 * to `prefix`: those `git diff --name-only` names (tracked files changed, staged or not, added or
 * deleted since), and those git was told not to look at (`assume-unchanged`, `skip-worktree`:
 * `git ls-files -v` tags them with a lower-case letter or `S`), whose changes git diff would hide.
 * Every other file of the commit has, as git sees it, the same content in the working tree: its
 * scan can be shared. Git compares by stat first and reads only files whose stat changed.
 */
export async function changedSince(git: Pick<GitRunner, 'run'>, commit: string, prefix: string): Promise<Set<string>> {
  const pathspec = ['--', prefix === '' ? '.' : `${prefix}/`];
  const start = prefix === '' ? '' : `${prefix}/`;
  const below = (file: string) => file !== '' && file.startsWith(start);
  const [changed, listed] = await Promise.all([
    git.run(['--literal-pathspecs', 'diff', '--name-only', '-z', '--no-renames', '--no-ext-diff', '--no-textconv', commit, ...pathspec]),
    git.run(['--literal-pathspecs', 'ls-files', '-v', '-z', ...pathspec]),
  ]);
  const files = changed.split('\0').filter(below);
  for (const entry of listed.split('\0')) {
    const tag = entry.slice(0, 1);
    if ((tag === 'S' || (tag >= 'a' && tag <= 'z')) && below(entry.slice(2))) files.push(entry.slice(2));
  }
  return new Set(files.map((file) => file.slice(start.length)));
}
