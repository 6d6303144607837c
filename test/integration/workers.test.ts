// Verifies: TL-060, TL-061
// The worker pool and the scan cache as the built CLI runs them (dist/scanWorker.js, dist/cli.js).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CommentParser } from '../../src/parsing/commentParser';
import { ScanCache } from '../../src/core/cache/scanCache';
import { MemoryCacheStore } from '../../src/core/cache/memoryCacheStore';
import { nodeCacheStore } from '../../src/core/cache/nodeCacheStore';
import { nodeFileSystem } from '../../src/core/files/nodeFileSystem';
import { WorkerScanService } from '../../src/core/scan/workers/pool';
import { LocalScanService } from '../../src/core/scan/localScanService';
import { MemoryFileSystem } from '../../src/core/files/memoryFileSystem';
import { DEFAULT_KEYWORDS, DEFAULT_TEST_GLOBS } from '../../src/core/config/types';
import type { ScanSettings } from '../../src/core/scan/settings';
import { cachedCheck } from '../helpers/cachedCheck';
import { cliBuildIdentity, REPO, runCli } from '../helpers/cli';
import { copyProject } from '../helpers/project';

let parser: CommentParser;
before(async () => { parser = await CommentParser.create(); });
after(() => parser.dispose());

const WORKER = path.join(REPO, 'dist', 'scanWorker.js');

/** Runs `body` with a fresh copy of the `gaps` fixture on disk and an empty cache folder, then removes them. */
async function withProjectAndCacheDir(body: (root: string, cacheDir: string) => Promise<void>): Promise<void> {
  const { root, cleanup } = copyProject('gaps');
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'tracelens-cache-'));
  try {
    await body(root, cacheDir);
  } finally {
    cleanup();
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

test('worker threads give the same references as the in-process scanner', async () => {
  // Workers read the disk themselves: this one needs the project there.
  await withProjectAndCacheDir(async (root) => {
    const local = await cachedCheck({ root, fs: nodeFileSystem }, new MemoryCacheStore(), parser);
    const workers = await cachedCheck({ root, fs: nodeFileSystem }, new MemoryCacheStore(), parser, { script: WORKER, threads: 2 });
    assert.deepEqual(workers.result.references, local.result.references);
    assert.deepEqual(workers.result.skipped, local.result.skipped);
    assert.deepEqual(workers.result.findings, local.result.findings);
  });
});

// Verifies: TL-194
test('workers scan content sent with the jobs (files that are not on disk) as they scan the disk', async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 12; i++) files[`src/f${String(i).padStart(2, '0')}.c`] = `${'\n'.repeat(i)}/* Implements: REQ-${i} */\nint f${i};\n`;
  files['src/test_x.c'] = '// Verifies: REQ-1\n';
  const memory = new MemoryFileSystem(path.resolve('/not-on-disk'), files);
  const names = Object.keys(files).sort();
  const settings: ScanSettings = { prefixes: ['REQ'], keywords: DEFAULT_KEYWORDS, testFiles: DEFAULT_TEST_GLOBS, maxFileSize: 100_000 };
  const read = (root: string, file: string) => memory.readFile(path.join(root, file));
  const pool = new WorkerScanService({ workerScript: WORKER, threads: 2, minFilesForWorkers: 0, batchSize: 4, fileSystem: memory, readContent: read });
  const local = new LocalScanService(parser, memory);
  try {
    const fromWorkers = await pool.scanFiles(memory.root, names, settings);
    assert.deepEqual([...fromWorkers], [...(await local.scanFiles(memory.root, names, settings))]);
    assert.deepEqual(fromWorkers.get('src/f03.c')?.references.map((r) => [r.id, r.line, r.relation]), [['REQ-3', 4, 'implements']]);
  } finally {
    await pool.dispose();
  }
});

test('a crashed worker fails the scan loudly and is replaced on the next scan', async () => {
  const { root, cleanup } = copyProject('gaps');
  const service = new WorkerScanService({ workerScript: WORKER, threads: 1 });
  try {
    const settings = { prefixes: ['REQ'], keywords: {}, testFiles: [], maxFileSize: 1 << 20 };
    const first = await service.scanFiles(root, ['src/dose.c'], settings);
    assert.equal(first.get('src/dose.c')?.references.length, 5);
    const pool = (service as unknown as { pool: Array<{ worker: { terminate(): Promise<number> } }> }).pool;
    const scan = service.scanFiles(root, ['src/dose.c'], settings);
    await pool[0]!.worker.terminate();
    await assert.rejects(scan, /exited|worker/);
    const again = await service.scanFiles(root, ['src/dose.c'], settings);
    assert.equal(again.get('src/dose.c')?.references.length, 5);
  } finally {
    await service.dispose();
    cleanup();
  }
});

test('a full CLI check drops the cache entries of deleted files', async () => {
  await withProjectAndCacheDir(async (root, cacheDir) => {
    writeFileSync(path.join(root, 'src', 'gone.c'), '// Implements: REQ-001\nint gone;\n');
    assert.equal(runCli(['check', root, '--cache-dir', cacheDir, '--fail-on', 'none']).status, 0);
    assert.ok((await ScanCache.open(nodeCacheStore(cacheDir), root, await cliBuildIdentity())).get('src/gone.c'), 'cached while it exists');
    rmSync(path.join(root, 'src', 'gone.c'));
    assert.equal(runCli(['check', root, '--cache-dir', cacheDir, '--fail-on', 'none']).status, 0);
    const cache = await ScanCache.open(nodeCacheStore(cacheDir), root, await cliBuildIdentity());
    assert.equal(cache.get('src/gone.c'), undefined);
    assert.ok(cache.get('src/dose.c'), 'the others stay');
  });
});
