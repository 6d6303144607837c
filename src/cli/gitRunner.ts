// Implements: TL-151
/**
 * git on PATH, for the report's stamp (core/reports/evidence/gitSource.ts): the CLI's and the
 * editor's runner, one Node helper outside the engine.
 */
import { execFile } from 'node:child_process';
import { GitFailed, type GitRunner } from '../core/reports/evidence/gitSource';

/** A runner of git in `cwd`. No optional locks: a report never writes the repository's index. */
export function nodeGitRunner(cwd: string): GitRunner {
  return (args) => new Promise((resolve, reject) => {
    execFile('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } }, (error, stdout, stderr) => {
      if (!error) {
        resolve(stdout);
        return;
      }
      const failure = error as NodeJS.ErrnoException;
      if (failure.code === 'ENOENT') reject(new GitFailed(true, 'git is not installed (not on PATH)'));
      else reject(new GitFailed(false, stderr.split('\n').find((line) => line.trim() !== '')?.trim() ?? failure.message));
    });
  });
}
