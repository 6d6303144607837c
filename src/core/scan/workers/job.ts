import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import * as path from 'node:path';
import { contentHash } from '../../cache/contentHash';
import { oversizedKey, scanKey } from '../scanKey';
import { absoluteFromPosix, blockingNodeFileSystem, type FileSystem } from '../../files/fileSystem';
import type { CodeScanner } from '../codeScanner';
import type { ScanJob, ScanOutcome } from './protocol';
import type { ScanSettings } from '../settings';
import { languageResolver } from '../fileLanguages';

/**
 * Reads, hashes and scans one file: the unit of work of a scan worker (and of the in-process
 * fallback). Oversized files are reported without being read; unreadable ones are reported too.
 * Through {@link blockingNodeFileSystem} a regular file costs one descriptor (see
 * {@link scanOpenFile}); any other case takes the general path below, whose outcomes the fast one
 * reproduces exactly.
 */
export async function runScanJob(fs: FileSystem, root: string, job: ScanJob, scanner: CodeScanner, settings: ScanSettings, hashContent = true): Promise<ScanOutcome> {
  if (fs === blockingNodeFileSystem) {
    const outcome = scanOpenFile(root, job, scanner, settings, hashContent);
    if (outcome) return outcome;
  }
  const absolute = absoluteFromPosix(root, job.file);
  const language = languageResolver(settings.languages)(job.file)?.id ?? 'unknown';
  const unreadable = (detail: string, size = 0, mtimeMs = 0): ScanOutcome =>
    ({ file: job.file, size, mtimeMs, hash: '', scan: { language, references: [], skipped: { reason: 'unreadable', detail } } });
  const stat = await fs.stat(absolute);
  if (!stat) return unreadable('file disappeared during the scan');
  if (stat.size > settings.maxFileSize) return tooLarge(job.file, language, stat.size, stat.mtimeMs, settings);
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(absolute);
  } catch (error) {
    return unreadable((error as Error).message, stat.size, stat.mtimeMs);
  }
  return scanRead(job, bytes, stat.size, stat.mtimeMs, scanner, settings, hashContent);
}

function tooLarge(file: string, language: string, size: number, mtimeMs: number, settings: ScanSettings): ScanOutcome {
  return {
    file, size, mtimeMs, hash: `size:${size}`, dependency: oversizedKey(size),
    scan: { language, references: [], skipped: { reason: 'too-large', detail: `${size} bytes > maxFileSize ${settings.maxFileSize}` } },
  };
}

/** The outcome for content read from disk. Uses `bytes` synchronously only, so the buffer may be reused. */
function scanRead(job: ScanJob, bytes: Uint8Array, size: number, mtimeMs: number, scanner: CodeScanner, settings: ScanSettings, hashContent: boolean): ScanOutcome | Promise<ScanOutcome> {
  // Without a cache nobody reads the hash or the key: skip them.
  if (!hashContent) return scanner.scanBytes(job.file, bytes).then((scan) => ({ file: job.file, size, mtimeMs, hash: '', scan }));
  const hash = contentHash(bytes);
  // Same content as the cached scan: its key stands too, no need to decode and key it again.
  if (hash === job.knownHash && job.knownKey !== undefined) return { file: job.file, size, mtimeMs, hash, dependency: job.knownKey };
  const dependency = scanKey(job.file, bytes, settings, hash);
  // Same content, or the same part of it that the scan depends on: the cached scan stands.
  if (hash === job.knownHash || dependency === job.knownKey) return { file: job.file, size, mtimeMs, hash, dependency };
  // scanBytes decodes (or drops) the bytes before it first awaits.
  return scanner.scanBytes(job.file, bytes).then((scan) => ({ file: job.file, size, mtimeMs, hash, dependency, scan }));
}

/** One buffer per thread for file contents; grown as needed, never shrunk. */
let readBuffer = Buffer.allocUnsafe(1 << 20);

/** Larger files are read by the general path, into a buffer of their own. */
const MAX_REUSED_READ = 1 << 26;

/**
 * The scan of a regular file read through one descriptor: open, fstat, read into a reused buffer,
 * close. Instead of a `stat` by path then `readFileSync` (which opens, fstats, allocates and reads
 * again), and without a fresh buffer per file for the garbage collector to reclaim. Undefined when
 * the file cannot be opened or read, or is not a regular file: the general path then reports it.
 */
function scanOpenFile(root: string, job: ScanJob, scanner: CodeScanner, settings: ScanSettings, hashContent: boolean): ScanOutcome | Promise<ScanOutcome> | undefined {
  // Same path as absoluteFromPosix, without splitting and re-joining on POSIX.
  const absolute = path.sep === '/' ? path.join(root, job.file) : absoluteFromPosix(root, job.file);
  let fd: number;
  try {
    fd = openSync(absolute, 'r');
  } catch {
    return undefined;
  }
  let size: number;
  let mtimeMs: number;
  let length: number;
  try {
    const stat = fstatSync(fd);
    ({ size, mtimeMs } = stat);
    if (!stat.isFile()) return undefined;
    if (size > settings.maxFileSize) return tooLarge(job.file, languageResolver(settings.languages)(job.file)?.id ?? 'unknown', size, mtimeMs, settings);
    if (size > MAX_REUSED_READ) return undefined;
    length = readAll(fd, size);
  } catch {
    return undefined;
  } finally {
    try {
      closeSync(fd);
    } catch {
      // Nothing to do: the content was read, or the general path reports the file.
    }
  }
  return scanRead(job, readBuffer.subarray(0, length), size, mtimeMs, scanner, settings, hashContent);
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
