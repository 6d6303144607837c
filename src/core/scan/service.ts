/**
 * The scan service: how the check pipeline and the live index have code files scanned. Made by
 * `createScanService` (serviceFactory.ts) in every host.
 */
import type { FileScan } from './codeScanner';
import type { ScanSettings } from './settings';

/** Scans code files; the in-process scanner, a worker pool and a cache all fit behind it. */
export interface ScanService {
  scanFiles(root: string, files: readonly string[], settings: ScanSettings): Promise<Map<string, FileScan>>;
  /** Told the code files as soon as they are known, so slow start-up can overlap other work. */
  prepare?(root: string, files: readonly string[]): Promise<void>;
}

/** A scan service that may own resources (worker threads): disposing stops them. */
export interface DisposableScanService extends ScanService {
  dispose(): Promise<void> | void;
}
