import type { CommentParser } from '../../parsing/commentParser';
import type { FileSystem } from '../files/fileSystem';
import { CodeScanner, type FileScan } from './codeScanner';
import type { DisposableScanService } from './service';
import type { ScanSettings } from './settings';
import { runScanJob } from './workers/job';

/**
 * Scans files one after another on this thread, through the file-system port. The simplest
 * service: tests, small projects and hosts without worker threads use it.
 */
export class LocalScanService implements DisposableScanService {
  constructor(private readonly parser: CommentParser, private readonly fs: FileSystem) {}

  async scanFiles(root: string, files: readonly string[], settings: ScanSettings): Promise<Map<string, FileScan>> {
    const scanner = new CodeScanner(this.parser, settings);
    const scans = new Map<string, FileScan>();
    for (const file of files) {
      const outcome = await runScanJob(this.fs, root, { file }, scanner, settings, false);
      if (outcome.scan) scans.set(file, outcome.scan);
    }
    return scans;
  }

  /** Nothing to release: the parser belongs to the caller. */
  dispose(): void {}
}
