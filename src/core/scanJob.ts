import { languageForPath } from '../parsing/languages';
import { contentHash } from './contentHash';
import { absoluteFromPosix, type FileSystem } from './fileSystem';
import type { CodeScanner, ScanSettings } from './scan';
import type { ScanJob, ScanOutcome } from './scanProtocol';

/**
 * Reads, hashes and scans one file: the unit of work of a scan worker (and of the in-process
 * fallback). Oversized files are reported without being read; unreadable ones are reported too.
 */
export async function runScanJob(fs: FileSystem, root: string, job: ScanJob, scanner: CodeScanner, settings: ScanSettings, hashContent = true): Promise<ScanOutcome> {
  const absolute = absoluteFromPosix(root, job.file);
  const language = languageForPath(job.file)?.id ?? 'unknown';
  const unreadable = (detail: string, size = 0, mtimeMs = 0): ScanOutcome =>
    ({ file: job.file, size, mtimeMs, hash: '', scan: { language, references: [], skipped: { reason: 'unreadable', detail } } });
  const stat = await fs.stat(absolute);
  if (!stat) return unreadable('file disappeared during the scan');
  if (stat.size > settings.maxFileSize) {
    return {
      file: job.file, size: stat.size, mtimeMs: stat.mtimeMs, hash: `size:${stat.size}`,
      scan: { language, references: [], skipped: { reason: 'too-large', detail: `${stat.size} bytes > maxFileSize ${settings.maxFileSize}` } },
    };
  }
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(absolute);
  } catch (error) {
    return unreadable((error as Error).message, stat.size, stat.mtimeMs);
  }
  // Without a cache nobody reads the hash: skip it.
  const hash = hashContent ? contentHash(bytes) : '';
  if (hashContent && hash === job.knownHash) return { file: job.file, size: stat.size, mtimeMs: stat.mtimeMs, hash };
  return { file: job.file, size: stat.size, mtimeMs: stat.mtimeMs, hash, scan: await scanner.scanBytes(job.file, bytes) };
}
