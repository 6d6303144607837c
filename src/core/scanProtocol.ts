import type { FileScan, ScanSettings } from './scan';

/** One file a worker is asked to scan; `knownHash` lets it skip parsing when the content is unchanged. */
export interface ScanJob {
  readonly file: string;
  readonly knownHash?: string;
}

/** A worker's answer for one file: the scan, or `unchanged` when the content hash matched. */
export interface ScanOutcome {
  readonly file: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly hash: string;
  /** Absent when the content matched `knownHash`: the cached scan stands. */
  readonly scan?: FileScan;
}

export type ToWorker =
  | { readonly type: 'scan'; readonly batch: number; readonly root: string; readonly settings: ScanSettings; readonly jobs: readonly ScanJob[]; readonly hashContent: boolean };

export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'done'; readonly batch: number; readonly outcomes: readonly ScanOutcome[] }
  | { readonly type: 'failed'; readonly batch: number; readonly message: string };
