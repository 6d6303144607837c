import type { CacheStore } from '../../src/core/cache/cacheStore';
import { ScanCache } from '../../src/core/cache/scanCache';
import type { FileSystem } from '../../src/core/files/fileSystem';
import { checkProject, type CheckResult } from '../../src/core/project/check';
import { WorkerScanService } from '../../src/core/scan/workers/pool';
import type { CommentParser } from '../../src/parsing/commentParser';

/** A project's root and the file system it is read through. */
export interface Project {
  readonly root: string;
  readonly fs: FileSystem;
}

/**
 * A check through the scan cache, as the CLI runs it: open, scan, save. Without a worker script
 * (or with `threads` 0) it stays in-process, reading through the project's file system; worker
 * threads read the disk.
 */
export async function cachedCheck(
  project: Project, store: CacheStore, parser: CommentParser, workers: { script: string; threads: number } | undefined = undefined,
): Promise<{ result: CheckResult; parsed: number }> {
  const { root, fs } = project;
  const cache = await ScanCache.open(store, root);
  let parsed = 0;
  const service = new WorkerScanService({
    workerScript: workers?.script ?? '', cache, localParser: parser, fileSystem: fs,
    minFilesForWorkers: workers && workers.threads > 0 ? 0 : Infinity,
    ...(workers && workers.threads > 0 ? { threads: workers.threads } : {}),
    onProgress: (done) => { parsed = done; },
  });
  try {
    const result = await checkProject({ root, fs, scanner: service, requirementCache: cache });
    await cache.save();
    return { result, parsed };
  } finally {
    await service.dispose();
  }
}
