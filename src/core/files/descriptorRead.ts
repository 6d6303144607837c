import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { FileRead } from './fileSystem';

/** One buffer per thread for file contents; grown as needed, never shrunk. */
let readBuffer = Buffer.allocUnsafe(1 << 20);

/** Larger files are left to the general path, which reads them into a buffer of their own. */
const MAX_REUSED_READ = 1 << 26;

/**
 * A regular file read through one descriptor: open, fstat, read into a reused buffer, close.
 * Instead of a `stat` by path then `readFileSync` (which opens, fstats, allocates and reads again),
 * and without a fresh buffer per file for the garbage collector to reclaim. The bytes are a view of
 * the thread's buffer: valid until the next call on this thread. A file larger than `maxSize` is
 * not read. Undefined when the path cannot be opened or read, is not a regular file, or is too large
 * for the reused buffer: the caller's general path then reads or reports it.
 */
export function readFileWithStatSync(absolutePath: string, maxSize: number): FileRead | undefined {
  let fd: number;
  try {
    fd = openSync(absolutePath, 'r');
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return undefined;
    if (stat.size > maxSize) return { stat };
    if (stat.size > MAX_REUSED_READ) return undefined;
    // Read first: readAll may replace readBuffer with a larger one.
    const length = readAll(fd, stat.size);
    return { stat, bytes: readBuffer.subarray(0, length) };
  } catch {
    return undefined;
  } finally {
    try {
      closeSync(fd);
    } catch {
      // Nothing to do: the content was read, or the general path reports the file.
    }
  }
}

/**
 * Reads the file into `readBuffer` as `readFileSync` would: up to `size` bytes (the size fstat
 * reported), or to the end when that size is 0. Returns the number of bytes read.
 */
function readAll(fd: number, size: number): number {
  if (size > 0) {
    if (readBuffer.length < size) readBuffer = Buffer.allocUnsafe(Math.max(size, readBuffer.length * 2));
    let position = 0;
    for (let read = -1; read !== 0 && position < size; position += read) read = readSync(fd, readBuffer, position, size - position, null);
    return position;
  }
  let position = 0;
  for (;;) {
    if (readBuffer.length - position < 8192) {
      const grown = Buffer.allocUnsafe(readBuffer.length * 2);
      readBuffer.copy(grown, 0, 0, position);
      readBuffer = grown;
    }
    const read = readSync(fd, readBuffer, position, readBuffer.length - position, null);
    if (read === 0) return position;
    position += read;
  }
}
