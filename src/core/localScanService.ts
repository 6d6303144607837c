import type { CommentParser } from '../parsing/commentParser';
import type { ScanService } from './engine';
import { absoluteFromPosix, type FileSystem } from './fileSystem';
import { languageForPath } from '../parsing/languages';
import { CodeScanner, type FileScan, type ScanSettings } from './scan';

/** Reads and scans one file from disk; oversized files are reported without being read. */
export async function scanFileFromDisk(fs: FileSystem, root: string, file: string, scanner: CodeScanner, maxFileSize: number): Promise<FileScan> {
  const absolute = absoluteFromPosix(root, file);
  const language = languageForPath(file)?.id ?? 'unknown';
  const stat = await fs.stat(absolute);
  if (!stat) return { language, references: [], skipped: { reason: 'unreadable', detail: 'file disappeared during the scan' } };
  if (stat.size > maxFileSize) {
    return { language, references: [], skipped: { reason: 'too-large', detail: `${stat.size} bytes > maxFileSize ${maxFileSize}` } };
  }
  try {
    return scanner.scanBytes(file, await fs.readFile(absolute));
  } catch (error) {
    return { language, references: [], skipped: { reason: 'unreadable', detail: (error as Error).message } };
  }
}

/** Scans files one after another on this thread. The simplest service; the editor's fallback. */
export class LocalScanService implements ScanService {
  constructor(private readonly parser: CommentParser, private readonly fs: FileSystem) {}

  async scanFiles(root: string, files: readonly string[], settings: ScanSettings): Promise<Map<string, FileScan>> {
    const scanner = new CodeScanner(this.parser, settings);
    const scans = new Map<string, FileScan>();
    for (const file of files) scans.set(file, await scanFileFromDisk(this.fs, root, file, scanner, settings.maxFileSize));
    return scans;
  }
}
