// Implements: TL-151
/**
 * What the report was made from, asked of git: HEAD's full SHA, the branch, and whether the
 * checked folder differs from HEAD. Outside a repository (or without git) it says why. git itself
 * is run by the host (the CLI's and the editor's runner, src/cli/gitRunner.ts), so the engine
 * stays free of processes and this logic is tested with a stand-in.
 */
import type { SourceState } from './stamp';

/** git failed: not installed (`missing`), or it exited with an error (its first stderr line). */
export class GitFailed extends Error {
  constructor(readonly missing: boolean, message: string) {
    super(message);
  }
}

/** Runs git with these arguments in the checked folder; resolves with stdout, rejects with {@link GitFailed}. */
export type GitRunner = (args: readonly string[]) => Promise<string>;

/**
 * The git state of the checked folder. `exclude` names files (relative to it, POSIX) that do not
 * make the tree dirty: the report being written, which is output, not input.
 */
export async function gitSource(git: GitRunner, exclude: readonly string[] = []): Promise<SourceState> {
  try {
    await git(['rev-parse', '--show-toplevel']);
  } catch (error) {
    const failure = error as GitFailed;
    if (failure.missing) return { kind: 'none', reason: failure.message };
    return { kind: 'none', reason: /not a git repository/i.test(failure.message) ? 'not a git repository' : `git failed: ${failure.message}` };
  }
  let commit: string;
  try {
    commit = (await git(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'])).trim();
  } catch {
    return { kind: 'none', reason: 'a git repository without any commit' };
  }
  let branch: string | undefined;
  try {
    branch = (await git(['symbolic-ref', '--quiet', '--short', 'HEAD'])).trim();
  } catch {
    branch = undefined; // a detached HEAD
  }
  const status = await git(['status', '--porcelain', '--untracked-files=normal', '--', '.', ...exclude.map((file) => `:(exclude,literal)${file}`)]);
  return { kind: 'git', commit, ...(branch ? { branch } : {}), dirty: status.trim() !== '' };
}
