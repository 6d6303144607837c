// Implements: TL-060
import * as os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FileIdentity, FileSystem } from '../../files/fileSystem';
import { nodeFileSystem } from '../../files/nodeFileSystem';
import type { CommentParser } from '../../../parsing/commentParser';
import { CodeScanner, type FileScan } from '../codeScanner';
import { runScanJob } from './job';
import type { CacheEntry, ScanCache } from '../../cache/scanCache';
import type { FromWorker, ScanJob, ScanOutcome, ToWorker } from './protocol';
import type { ScanService } from '../service';
import type { ScanSettings } from '../settings';

export interface WorkerScanOptions {
  /** The bundled worker script (dist/scanWorker.js). */
  readonly workerScript: string;
  /** Worker threads; defaults to the machine's available parallelism. */
  readonly threads?: number;
  /** Files per message: small enough to balance the load, large enough to amortise messaging. */
  readonly batchSize?: number;
  /** Persistent per-file cache; files whose stat or content match it are not parsed again. */
  readonly cache?: ScanCache;
  /**
   * Below this many files to parse, scan on the calling thread with `localParser` instead of paying
   * for worker start-up (tens of milliseconds each). Results are identical either way.
   */
  readonly minFilesForWorkers?: number;
  readonly localParser?: CommentParser;
  /**
   * How files are stat'ed against the cache and read by the in-process fallback (default:
   * {@link nodeFileSystem}). Worker threads read the disk themselves, with the blocking Node one.
   */
  readonly fileSystem?: FileSystem;
  /**
   * Reads a file's content on the calling thread, to send it with the job: for files the workers
   * cannot read from disk (a git revision's). Without it, workers read the disk themselves.
   */
  readonly readContent?: (root: string, file: string) => Promise<Uint8Array>;
  /** Called before files are scanned on the calling thread (with `localParser`). */
  readonly onLocalScan?: () => void;
  /** Called after each batch with (files done, files to do). */
  readonly onProgress?: (done: number, total: number) => void;
}

const DEFAULT_BATCH = 48;
/** The smallest batch at the end of a scan. */
const MIN_BATCH = 4;

/** A cache entry stands when the file's size and modification time are those it was made from. */
function isFresh(entry: CacheEntry | undefined, stat: FileIdentity | undefined): boolean {
  return entry !== undefined && stat !== undefined && entry.size === stat.size && entry.mtimeMs === stat.mtimeMs;
}

interface PooledWorker {
  readonly worker: Worker;
  readonly ready: Promise<void>;
  /** Set when the worker died: nothing may be sent to it any more. */
  dead?: Error;
}

/**
 * Scans files in worker threads, each with its own tree-sitter instance, so a large workspace is
 * indexed in parallel and never on the caller's thread. With a cache, unchanged files cost one
 * `stat` and no worker is started when nothing changed.
 */
export class WorkerScanService implements ScanService {
  private pool: PooledWorker[] = [];
  private nextBatch = 0;
  private readonly pending = new Map<number, { resolve: (o: readonly ScanOutcome[]) => void; reject: (e: Error) => void }>();

  private statMemo: { root: string; files: readonly string[]; stats: Promise<Array<FileIdentity | undefined>> } | undefined;

  /** Of the last {@link scanFiles} with a cache: each file's stat before it was read, scan key and scan. */
  private lastRun: { stats: Map<string, FileIdentity | undefined>; keys: Map<string, string>; scans: ReadonlyMap<string, FileScan> } | undefined;

  constructor(private readonly options: WorkerScanOptions) {}

  /**
   * Called with the code files as soon as they are listed, before the requirements are read: stats
   * them against the cache and, when enough files will need parsing, starts the workers so that
   * their start-up overlaps with reading the requirements.
   */
  async prepare(root: string, files: readonly string[]): Promise<void> {
    const cache = this.options.cache;
    let toParse = files.length;
    if (cache) {
      const stats = this.statAll(root, files);
      this.statMemo = { root, files, stats };
      toParse = (await stats).filter((stat, i) => !isFresh(cache.get(files[i]!), stat)).length;
    }
    if (toParse > 0 && (!this.options.localParser || toParse >= (this.options.minFilesForWorkers ?? 0))) {
      this.ensurePool(Math.max(1, Math.min(this.threadCount(), Math.ceil(toParse / (this.options.batchSize ?? DEFAULT_BATCH)))));
    }
  }

  async scanFiles(root: string, files: readonly string[], settings: ScanSettings): Promise<Map<string, FileScan>> {
    const cache = this.options.cache;
    if (cache && !cache.matches(settings)) cache.reset(settings);
    const results = new Map<string, FileScan>();
    const jobs: ScanJob[] = [];
    if (cache) {
      const memo = this.statMemo;
      this.statMemo = undefined;
      const stats = await (memo && memo.root === root && memo.files === files ? memo.stats : this.statAll(root, files));
      this.lastRun = { stats: new Map(files.map((file, i) => [file, stats[i]])), keys: new Map(), scans: results };
      files.forEach((file, i) => {
        const entry = cache.get(file);
        const stat = stats[i];
        if (entry && isFresh(entry, stat)) {
          results.set(file, entry.scan);
          if (entry.dependency) this.lastRun!.keys.set(file, entry.dependency);
        } else {
          jobs.push(entry ? { file, knownHash: entry.hash, ...(entry.dependency ? { knownKey: entry.dependency } : {}) } : { file });
        }
      });
    } else {
      for (const file of files) jobs.push({ file });
    }

    if (jobs.length > 0) {
      const outcomes = await this.run(root, settings, jobs);
      for (const outcome of outcomes) {
        const scan = outcome.scan ?? cache?.get(outcome.file)?.scan;
        if (!scan) continue;
        results.set(outcome.file, scan);
        if (outcome.dependency) this.lastRun?.keys.set(outcome.file, outcome.dependency);
        if (cache && outcome.hash && !scan.skipped?.reason.startsWith('unreadable')) {
          cache.set(outcome.file, { size: outcome.size, mtimeMs: outcome.mtimeMs, hash: outcome.hash, ...(outcome.dependency ? { dependency: outcome.dependency } : {}), scan });
        }
      }
    }
    // Same order as the input, whatever order the workers answered in.
    return new Map(files.filter((file) => results.has(file)).map((file) => [file, results.get(file)!]));
  }

  /** Stats taken already (by the run cache): used instead of a `stat` per file for this root. */
  private knownStats: { root: string; identityOf: (file: string) => FileIdentity | undefined } | undefined;

  /**
   * Uses stats the caller took (before reading anything) instead of taking them again; a file it
   * knows nothing of is stat'ed as usual.
   */
  useStats(root: string, identityOf: (file: string) => FileIdentity | undefined): void {
    this.knownStats = { root, identityOf };
  }

  /**
   * What the last {@link scanFiles} with a cache saw of each file: its stat before it was read, the
   * scan key of its content (see scanKey.ts) and its scan. For the run cache.
   */
  lastSeen(): { readonly stats: ReadonlyMap<string, FileIdentity | undefined>; readonly keys: ReadonlyMap<string, string>; readonly scans: ReadonlyMap<string, FileScan> } {
    return this.lastRun ?? { stats: new Map(), keys: new Map(), scans: new Map() };
  }

  /**
   * Stats every file the caller has no stat of, in one call to the file system: its Node
   * implementations stat a tree in synchronous slices, ten times cheaper than a promise per file.
   */
  private async statAll(root: string, files: readonly string[]): Promise<Array<FileIdentity | undefined>> {
    const known = this.knownStats?.root === root ? this.knownStats.identityOf : undefined;
    const stats: Array<FileIdentity | undefined> = new Array(files.length);
    const unknown: number[] = [];
    for (let i = 0; i < files.length; i++) {
      const stat = known?.(files[i]!);
      if (stat) stats[i] = stat;
      else unknown.push(i);
    }
    if (unknown.length > 0) {
      const found = await this.fileSystem().statFiles(root, unknown.length === files.length ? files : unknown.map((i) => files[i]!));
      unknown.forEach((i, k) => { stats[i] = found.at(k); });
    }
    return stats;
  }

  private fileSystem(): FileSystem {
    return this.options.fileSystem ?? nodeFileSystem;
  }

  private threadCount(): number {
    return this.options.threads ?? os.availableParallelism();
  }

  /** Stops every worker. */
  async dispose(): Promise<void> {
    const pool = this.pool;
    this.pool = [];
    await Promise.all(pool.map((p) => p.worker.terminate()));
  }

  private ensurePool(size: number): PooledWorker[] {
    while (this.pool.length < size) {
      const worker = new Worker(this.options.workerScript);
      // A dead worker leaves the pool (the next scan starts a fresh one) and fails the scan in flight.
      const retire = (error: Error) => {
        pooled.dead = error;
        this.pool = this.pool.filter((p) => p !== pooled);
        this.failAll(error);
      };
      worker.on('error', retire);
      worker.on('exit', (code) => { if (code !== 0) retire(new Error(`scan worker exited with code ${code}`)); });
      const ready = new Promise<void>((resolve, reject) => {
        worker.once('error', reject);
        worker.on('message', (message: FromWorker) => {
          if (message.type === 'ready') resolve();
          else this.settle(message);
        });
      });
      const pooled: PooledWorker = { worker, ready };
      this.pool.push(pooled);
    }
    return this.pool.slice(0, size);
  }

  /** A crashed worker fails the whole scan loudly rather than leaving it waiting forever. */
  private failAll(error: Error): void {
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
  }

  private settle(message: FromWorker): void {
    if (message.type === 'ready') return;
    const waiter = this.pending.get(message.batch);
    if (!waiter) return;
    this.pending.delete(message.batch);
    if (message.type === 'done') waiter.resolve(message.outcomes);
    else waiter.reject(new Error(`scan worker failed: ${message.message}`));
  }

  private async run(root: string, settings: ScanSettings, jobs: readonly ScanJob[]): Promise<ScanOutcome[]> {
    const { localParser, minFilesForWorkers = 0 } = this.options;
    if (localParser && jobs.length < minFilesForWorkers) {
      this.options.onLocalScan?.();
      const scanner = new CodeScanner(localParser, settings);
      const outcomes: ScanOutcome[] = [];
      for (const job of jobs) outcomes.push(await runScanJob(this.fileSystem(), root, job, scanner, settings, this.options.cache !== undefined));
      this.options.onProgress?.(jobs.length, jobs.length);
      return outcomes;
    }
    const batchSize = this.options.batchSize ?? DEFAULT_BATCH;
    const threads = Math.max(1, Math.min(this.threadCount(), Math.ceil(jobs.length / batchSize)));
    const workers = this.ensurePool(threads);
    const outcomes: ScanOutcome[] = [];
    let next = 0;
    let done = 0;
    const drive = async (pooled: PooledWorker): Promise<void> => {
      await pooled.ready;
      while (next < jobs.length) {
        // Guided scheduling: full batches while much is left, smaller ones towards the end, so that
        // no worker is left with a long batch while the others wait.
        const size = Math.max(MIN_BATCH, Math.min(batchSize, Math.ceil((jobs.length - next) / (threads * 4))));
        const sliced = jobs.slice(next, next + size);
        next += sliced.length;
        const readContent = this.options.readContent;
        const batch = readContent ? await Promise.all(sliced.map(async (job) => ({ ...job, bytes: await readContent(root, job.file) }))) : sliced;
        const id = this.nextBatch++;
        if (pooled.dead) throw pooled.dead;
        const result = new Promise<readonly ScanOutcome[]>((resolve, reject) => this.pending.set(id, { resolve, reject }));
        pooled.worker.postMessage({ type: 'scan', batch: id, root, settings, jobs: batch, hashContent: this.options.cache !== undefined } satisfies ToWorker);
        outcomes.push(...(await result));
        done += batch.length;
        this.options.onProgress?.(done, jobs.length);
      }
    };
    await Promise.all(workers.map(drive));
    return outcomes;
  }
}
