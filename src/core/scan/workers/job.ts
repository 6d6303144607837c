import * as path from 'node:path';
import { contentHash } from '../../cache/contentHash';
import { oversizedKey, scanKey } from '../scanKey';
import { absoluteFromPosix, type FileSystem } from '../../files/fileSystem';
import type { CodeScanner } from '../codeScanner';
import type { ScanJob, ScanOutcome } from './protocol';
import type { ScanSettings } from '../settings';
import { languageResolver } from '../fileLanguages';

/**
 * Reads, hashes and scans one file: the unit of work of a scan worker (and of the in-process
 * fallback). Oversized files are reported without being read; unreadable ones are reported too.
 * When the file system can read a file with its stat in one call ({@link FileSystem.readFileWithStat},
 * as the blocking Node one does through one descriptor), a regular file takes that path; any other
 * case takes the general path below, whose outcomes the fast one reproduces exactly.
 */
export async function runScanJob(fs: FileSystem, root: string, job: ScanJob, scanner: CodeScanner, settings: ScanSettings, hashContent = true): Promise<ScanOutcome> {
  if (job.bytes) {
    // Content sent with the job: the general path below without the disk.
    const size = job.bytes.length;
    if (size > settings.maxFileSize) return tooLarge(job.file, languageResolver(settings.languages)(job.file)?.id ?? 'unknown', size, 0, settings);
    return scanRead(job, job.bytes, size, 0, scanner, settings, hashContent);
  }
  if (fs.readFileWithStat) {
    // Before anything is awaited: the bytes may live in a buffer that the next read reuses.
    const outcome = scanReadWithStat(fs, root, job, scanner, settings, hashContent);
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

/**
 * The scan of a file read with its stat in one call, or undefined when the file system declined
 * (not a regular file, unreadable): the general path then reports it.
 */
function scanReadWithStat(fs: FileSystem, root: string, job: ScanJob, scanner: CodeScanner, settings: ScanSettings, hashContent: boolean): ScanOutcome | Promise<ScanOutcome> | undefined {
  // Same path as absoluteFromPosix, without splitting and re-joining on POSIX.
  const absolute = path.sep === '/' ? path.join(root, job.file) : absoluteFromPosix(root, job.file);
  const read = fs.readFileWithStat!(absolute, settings.maxFileSize);
  if (!read) return undefined;
  const { size, mtimeMs } = read.stat;
  if (!read.bytes) return tooLarge(job.file, languageResolver(settings.languages)(job.file)?.id ?? 'unknown', size, mtimeMs, settings);
  return scanRead(job, read.bytes, size, mtimeMs, scanner, settings, hashContent);
}
