import type { FileScan } from '../codeScanner';
import type { ScanSettings } from '../settings';

/**
 * One file a worker is asked to scan. `knownHash` (content hash) and `knownKey` (dependency key, see
 * scanKey.ts) of the cached scan let it skip parsing when the content, or the part of it the scan
 * depends on, is unchanged.
 */
export interface ScanJob {
  readonly file: string;
  /**
   * The file's content when the caller read it (a file at a git revision, which a worker cannot
   * read from disk): scanned as if read from the file, with no time.
   */
  readonly bytes?: Uint8Array;
  readonly knownHash?: string;
  readonly knownKey?: string;
}

/** A worker's answer for one file: the scan, or `unchanged` when the content hash matched. */
export interface ScanOutcome {
  readonly file: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly hash: string;
  /** The scan key of the content (see scanKey.ts); only when hashing. */
  readonly dependency?: string;
  /** Absent when the content matched `knownHash` or `knownKey`: the cached scan stands. */
  readonly scan?: FileScan;
}

export type ToWorker =
  | { readonly type: 'scan'; readonly batch: number; readonly root: string; readonly settings: ScanSettings; readonly jobs: readonly ScanJob[]; readonly hashContent: boolean };

export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'done'; readonly batch: number; readonly outcomes: readonly ScanOutcome[] }
  | { readonly type: 'failed'; readonly batch: number; readonly message: string };
