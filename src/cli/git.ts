// Implements: TL-191
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { GitError, type GitRunner } from '../core/baseline/gitTree';

/** Plenty for the listing of a large tree (`ls-tree` of the Linux kernel is a few megabytes). */
const MAX_OUTPUT = 1 << 30;

/** There is no `git` to run. */
export class GitMissingError extends GitError {}

/** Runs `git ARGS` in `cwd`; resolves its stdout, rejects with a {@link GitError} carrying what git said. */
export function runGit(cwd: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args as string[], { cwd, maxBuffer: MAX_OUTPUT, encoding: 'utf8', env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const code = (error as NodeJS.ErrnoException).code;
      reject(code === 'ENOENT' ? new GitMissingError('git is not installed (or not on PATH)') : new GitError(stderr.trim() || error.message));
    });
  });
}

interface Pending {
  readonly objectId: string;
  readonly resolve: (bytes: Uint8Array) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Reads blobs through one `git cat-file --batch` for the whole run: a process per file would cost
 * more than the check. Requests are answered in order (`<oid> blob <size>\n<bytes>\n`, or
 * `<oid> missing\n`), so a queue pairs them; a blob is copied once, into a buffer of its size.
 */
class BlobBatch {
  private process: ChildProcessWithoutNullStreams | undefined;
  private readonly queue: Pending[] = [];
  private header = '';
  private body: { buffer: Buffer; filled: number } | undefined;
  /** Bytes of the newline after a body still to skip. */
  private skip = 0;

  constructor(private readonly cwd: string) {}

  read(objectId: string): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      const child = this.start();
      this.queue.push({ objectId, resolve, reject });
      child.stdin.write(`${objectId}\n`);
    });
  }

  dispose(): void {
    this.process?.stdin.end();
    this.process = undefined;
  }

  private start(): ChildProcessWithoutNullStreams {
    if (this.process) return this.process;
    const child = spawn('git', ['cat-file', '--batch'], { cwd: this.cwd, stdio: 'pipe', env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } });
    child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
    const fail = (error: Error) => {
      if (this.process === child) this.process = undefined;
      for (const pending of this.queue.splice(0)) pending.reject(error);
    };
    // A write after git ended fails the pending reads through 'close', not as an uncaught error.
    child.stdin.on('error', () => undefined);
    child.on('error', (error) => fail(new GitError(`git cat-file: ${error.message}`)));
    child.on('close', (code) => { if (this.queue.length > 0) fail(new GitError(`git cat-file ended (${code}): ${stderr.trim()}`)); });
    this.process = child;
    return child;
  }

  private receive(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.skip > 0) {
        const skipped = Math.min(this.skip, chunk.length - at);
        this.skip -= skipped;
        at += skipped;
      } else if (this.body) {
        const body = this.body;
        const taken = chunk.copy(body.buffer, body.filled, at, Math.min(chunk.length, at + body.buffer.length - body.filled));
        body.filled += taken;
        at += taken;
        if (body.filled === body.buffer.length) {
          this.body = undefined;
          this.skip = 1;
          this.queue.shift()?.resolve(body.buffer);
        }
      } else {
        const newline = chunk.indexOf(10, at);
        if (newline < 0) {
          this.header += chunk.toString('utf8', at);
          return;
        }
        const header = this.header + chunk.toString('utf8', at, newline);
        this.header = '';
        at = newline + 1;
        this.onHeader(header);
      }
    }
  }

  private onHeader(header: string): void {
    const match = /^(\S+) (\S+) (\d+)$/.exec(header);
    if (!match || match[2] !== 'blob') {
      // `<oid> missing`, or another object type whose content (and newline) follows and is skipped.
      if (match) this.skip = Number(match[3]) + 1;
      const pending = this.queue.shift();
      pending?.reject(new GitError(`cannot read blob ${pending.objectId}: ${header}`));
      return;
    }
    const size = Number(match[3]);
    if (size === 0) {
      this.skip = 1;
      this.queue.shift()?.resolve(new Uint8Array(0));
      return;
    }
    this.body = { buffer: Buffer.allocUnsafe(size), filled: 0 };
  }
}

/** The git of the repository whose top folder is `top`: commands and blob reads. `dispose` ends the batch process. */
export function gitRepository(top: string): GitRunner & { dispose(): void } {
  const batch = new BlobBatch(top);
  return {
    run: (args) => runGit(top, args),
    readBlob: (objectId) => batch.read(objectId),
    dispose: () => batch.dispose(),
  };
}
