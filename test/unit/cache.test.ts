// Verifies: TL-060, TL-061
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { CommentParser } from '../../src/parsing/commentParser';
import { checkProject, type CheckResult } from '../../src/core/project/check';
import { ScanCache } from '../../src/core/cache/scanCache';
import type { CacheStore } from '../../src/core/cache/cacheStore';
import { MemoryCacheStore } from '../../src/core/cache/memoryCacheStore';
import { defaultCacheDir, nodeCacheStore } from '../../src/core/cache/nodeCacheStore';
import type { FileSystem } from '../../src/core/files/fileSystem';
import type { MemoryFileSystem } from '../../src/core/files/memoryFileSystem';
import { nodeFileSystem } from '../../src/core/files/nodeFileSystem';
import { WorkerScanService } from '../../src/core/scan/workers/pool';
import { copyProject, memoryProject } from './helpers/project';
import { cliBuildIdentity, REPO, runCli } from './helpers/cli';

let parser: CommentParser;
before(async () => { parser = await CommentParser.create(); });
after(() => parser.dispose());

const WORKER = path.join(REPO, 'dist', 'scanWorker.js');

/** A project's root and the file system it is read through. */
interface Project {
  readonly root: string;
  readonly fs: FileSystem;
}

/** The project of a memory file system. */
const inMemory = (fs: MemoryFileSystem): Project => ({ root: fs.root, fs });

/**
 * A check through the cache, as the CLI runs it: open, scan, save. `threads: 0` stays in-process
 * (through the project's file system); worker threads read the disk.
 */
async function cachedCheck(project: Project, store: CacheStore, threads = 0): Promise<{ result: CheckResult; parsed: number }> {
  const { root, fs } = project;
  const cache = await ScanCache.open(store, root);
  let parsed = 0;
  const service = new WorkerScanService({
    workerScript: WORKER, cache, localParser: parser, fileSystem: fs, minFilesForWorkers: threads === 0 ? Infinity : 0,
    ...(threads > 0 ? { threads } : {}),
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

/** Runs `body` on a fresh copy of the `gaps` fixture on disk, then removes it. */
async function withProjectOnDisk(body: (root: string) => Promise<void>): Promise<void> {
  const { root, cleanup } = copyProject('gaps');
  try {
    await body(root);
  } finally {
    cleanup();
  }
}

/** Runs `body` with a fresh copy of the `gaps` fixture and an empty cache folder, then removes them. */
async function withProjectAndCacheDir(body: (root: string, cacheDir: string) => Promise<void>): Promise<void> {
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'tracelens-cache-'));
  try {
    await withProjectOnDisk((root) => body(root, cacheDir));
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

const refKeys = (r: CheckResult) => r.references.map((x) => `${x.id} ${x.relation} ${x.file}:${x.line}`);
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

test('a warm run parses nothing and reports the same; a changed file is scanned again', async () => {
  const fs = memoryProject('gaps');
  const store = new MemoryCacheStore();
  const cold = await cachedCheck(inMemory(fs), store);
  assert.ok(cold.parsed > 0);
  const warm = await cachedCheck(inMemory(fs), store);
  assert.equal(warm.parsed, 0, 'nothing re-scanned');
  assert.deepEqual(warm.result.findings, cold.result.findings);

  const dose = path.join(fs.root, 'src', 'dose.c');
  fs.write('src/dose.c', text(await fs.readFile(dose)).replace('REQ-099', 'REQ-003'));
  const changed = await cachedCheck(inMemory(fs), store);
  assert.equal(changed.parsed, 1, 'only the changed file');
  assert.ok(!refKeys(changed.result).some((k) => k.startsWith('REQ-099')));
  assert.ok(refKeys(changed.result).includes('REQ-003 implements src/dose.c:7'));
});

test('a touched but unchanged file is validated by content hash, not re-parsed', async () => {
  const fs = memoryProject('gaps');
  const store = new MemoryCacheStore();
  const cold = await cachedCheck(inMemory(fs), store);
  // The same bytes written again: a new modification time, as `touch` gives.
  fs.write('src/dose.c', await fs.readFile(path.join(fs.root, 'src', 'dose.c')));
  const touched = await cachedCheck(inMemory(fs), store);
  assert.equal(touched.parsed, 1, 'the touched file is read and hashed');
  assert.deepEqual(touched.result.references, cold.result.references);
});

test('a config change that changes the scan settings invalidates the cache', async () => {
  const fs = memoryProject('gaps');
  const store = new MemoryCacheStore();
  await cachedCheck(inMemory(fs), store);
  // Declaring a new prefix turns `UTF-8` in dose.c into a reference: the cached scans must go.
  fs.write('tracelens.json', '{ "exclude": ["vendor/**"], "maxFileSize": 4096, "prefixes": { "UTF": "requirement" } }\n');
  const after = await cachedCheck(inMemory(fs), store);
  assert.ok(after.parsed > 0);
  assert.ok(refKeys(after.result).some((k) => k.startsWith('UTF-8 ')), refKeys(after.result).join('\n'));
});

test('a cache written by another tool version is ignored', async () => {
  const fs = memoryProject('gaps');
  const store = new MemoryCacheStore();
  await cachedCheck(inMemory(fs), store);
  const [name] = store.names();
  const data = v8.deserialize((await store.read(name!))!) as { tool: string };
  await store.write(name!, v8.serialize({ ...data, tool: '0.0.0-old' }));
  const cache = await ScanCache.open(store, fs.root);
  assert.equal(cache.size, 0);
  const rerun = await cachedCheck(inMemory(fs), store);
  assert.ok(rerun.parsed > 0);
});

test('a corrupt cache file is ignored, not fatal', async () => {
  const fs = memoryProject('gaps');
  const store = new MemoryCacheStore();
  await cachedCheck(inMemory(fs), store);
  const [name] = store.names();
  await store.write(name!, new TextEncoder().encode('not a cache'));
  const rerun = await cachedCheck(inMemory(fs), store);
  assert.ok(rerun.parsed > 0);
  assert.ok(rerun.result.references.length > 0);
});

test('worker threads give the same references as the in-process scanner', async () => {
  // Workers read the disk themselves: this one needs the project there.
  await withProjectOnDisk(async (root) => {
    const local = await cachedCheck({ root, fs: nodeFileSystem }, new MemoryCacheStore(), 0);
    const workers = await cachedCheck({ root, fs: nodeFileSystem }, new MemoryCacheStore(), 2);
    assert.deepEqual(workers.result.references, local.result.references);
    assert.deepEqual(workers.result.skipped, local.result.skipped);
    assert.deepEqual(workers.result.findings, local.result.findings);
  });
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

test('the CLI keeps its cache under node_modules/.cache when the project has node_modules, else outside the project', async () => {
  const { root, cleanup } = copyProject('gaps');
  try {
    const outside = await defaultCacheDir(root);
    assert.ok(!path.resolve(outside).startsWith(path.resolve(root) + path.sep), outside);
    mkdirSync(path.join(root, 'node_modules'));
    assert.equal(await defaultCacheDir(root), path.join(root, 'node_modules', '.cache', 'tracelens'));
  } finally {
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
