// Implements: TL-060
/**
 * The one factory of scan services: the CLI, the engine module and the editor choose between
 * worker threads and the calling thread by the same rules.
 */
import type { CommentParser } from '../../parsing/commentParser';
import type { FileSystem } from '../files/fileSystem';
import * as path from 'node:path';
import { LocalScanService } from './localScanService';
import type { DisposableScanService } from './service';
import { WorkerScanService, type WorkerScanOptions } from './workers/pool';

/** Files to parse below which worker start-up (tens of milliseconds each) costs more than it saves. */
export const MIN_FILES_FOR_WORKERS = 64;

/** What a host decides; the pool's options keep their meaning (see {@link WorkerScanOptions}). */
export interface ScanServiceOptions extends Pick<WorkerScanOptions, 'threads' | 'minFilesForWorkers' | 'cache' | 'onLocalScan' | 'onProgress' | 'readContent'> {
  /** Parses on the calling thread: small scans, and hosts without the bundled worker. */
  readonly parser: CommentParser;
  /** How the calling thread reads files. */
  readonly fs: FileSystem;
  /** The bundled worker script (see {@link bundledWorkerScript}); without it, or with `threads` 0, no workers run. */
  readonly workerScript?: string;
}

/**
 * The scan service for a host: a worker pool when the bundled worker exists and threads are
 * allowed (small scans still run on the calling thread), or the calling thread alone. A cache
 * needs the pool's bookkeeping, so with a cache and no workers the pool runs with none.
 */
export function createScanService(options: ScanServiceOptions): DisposableScanService {
  const workers = options.workerScript !== undefined && options.threads !== 0;
  if (!workers && !options.cache) return new LocalScanService(options.parser, options.fs);
  return new WorkerScanService({
    workerScript: options.workerScript ?? '',
    localParser: options.parser,
    fileSystem: options.fs,
    minFilesForWorkers: workers ? options.minFilesForWorkers ?? MIN_FILES_FOR_WORKERS : Number.POSITIVE_INFINITY,
    ...(options.threads !== undefined && options.threads > 0 ? { threads: options.threads } : {}),
    ...(options.cache ? { cache: options.cache } : {}),
    ...(options.onLocalScan ? { onLocalScan: options.onLocalScan } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.readContent ? { readContent: options.readContent } : {}),
  });
}

/** The bundled worker script beside a host's bundle (`dist/scanWorker.js`), when it is there (not when running from sources). */
export async function bundledWorkerScript(fs: FileSystem, bundleDir: string): Promise<string | undefined> {
  const script = path.join(bundleDir, 'scanWorker.js');
  return (await fs.stat(script))?.type === 'file' ? script : undefined;
}
