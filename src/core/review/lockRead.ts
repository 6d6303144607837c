// Implements: TL-181
/** Reading a project's tracelens.lock through the FileSystem port. */
import { absoluteFromPosix, type FileSystem } from '../files/fileSystem';
import { emptyLock, LOCK_FILE, parseLock, type ReviewLock } from './lockFile';

const decoder = new TextDecoder('utf-8');

/**
 * The project's lock, or undefined when there is none (no review recorded: no link is judged by
 * it). A lock that cannot be read is a lock with that problem, never a silent "no lock".
 * `onRead` sees the bytes read (the CLI's run cache records their hash).
 */
export async function readLock(fs: FileSystem, root: string, onRead?: (bytes: Uint8Array) => void): Promise<ReviewLock | undefined> {
  const absolute = absoluteFromPosix(root, LOCK_FILE);
  const stat = await fs.stat(absolute);
  if (!stat) return undefined;
  try {
    const bytes = await fs.readFile(absolute);
    onRead?.(bytes);
    return parseLock(decoder.decode(bytes), LOCK_FILE);
  } catch (error) {
    return { ...emptyLock(), problems: [{ file: LOCK_FILE, line: 1, column: 1, message: `cannot read ${LOCK_FILE}: ${(error as Error).message}` }] };
  }
}
