// Implements: TL-151
/**
 * What the report was made from, asked of `git` on PATH: HEAD's full SHA, the branch, and whether
 * the checked folder differs from HEAD. Outside a repository (or without git) it says why.
 */
import { execFileSync } from 'node:child_process';
import type { SourceState } from '../core/reports/evidence/stamp';

class GitFailed extends Error {
  constructor(readonly missing: boolean, message: string) {
    super(message);
  }
}

function git(cwd: string, args: readonly string[]): string {
  try {
    // No optional locks: a report never writes the repository's index.
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    if (failure.code === 'ENOENT') throw new GitFailed(true, 'git is not installed (not on PATH)');
    throw new GitFailed(false, (failure.stderr ?? '').split('\n').find((line) => line.trim() !== '')?.trim() ?? failure.message);
  }
}

/**
 * The git state of `root`. `exclude` names files (relative to `root`, POSIX) that do not make the
 * tree dirty: the report being written, which is output, not input.
 */
export function gitSource(root: string, exclude: readonly string[] = []): SourceState {
  try {
    git(root, ['rev-parse', '--show-toplevel']);
  } catch (error) {
    const failure = error as GitFailed;
    if (failure.missing) return { kind: 'none', reason: failure.message };
    return { kind: 'none', reason: /not a git repository/i.test(failure.message) ? 'not a git repository' : `git failed: ${failure.message}` };
  }
  let commit: string;
  try {
    commit = git(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']).trim();
  } catch {
    return { kind: 'none', reason: 'a git repository without any commit' };
  }
  let branch: string | undefined;
  try {
    branch = git(root, ['symbolic-ref', '--quiet', '--short', 'HEAD']).trim();
  } catch {
    branch = undefined; // a detached HEAD
  }
  const status = git(root, ['status', '--porcelain', '--untracked-files=normal', '--', '.', ...exclude.map((file) => `:(exclude,literal)${file}`)]);
  return { kind: 'git', commit, ...(branch ? { branch } : {}), dirty: status.trim() !== '' };
}
