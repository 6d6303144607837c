// Verifies: TL-060, TL-061
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { CommentParser } from '../../src/parsing/commentParser';
import { checkProject, type CheckResult } from '../../src/core/project/check';
import { ScanCache } from '../../src/core/cache/scanCache';
import { defaultCacheDir, nodeCacheStore } from '../../src/core/cache/nodeCacheStore';
import { WorkerScanService } from '../../src/core/scan/workers/pool';
import { copyProject } from './helpers/project';
import { cliBuildIdentity, REPO, runCli } from './helpers/cli';

let parser: CommentParser;
before(async () => { parser = await CommentParser.create(); });
after(() => parser.dispose());

const WORKER = path.join(REPO, 'dist', 'scanWorker.js');

/** A check through the cache, as the CLI runs it: open, scan, save. `threads: 0` stays in-process. */
async function cachedCheck(root: string, cacheDir: string, threads = 0): Promise<{ result: CheckResult; parsed: number }> {
  const cache = await ScanCache.open(nodeCacheStore(cacheDir), root);
  let parsed = 0;
  const service = new WorkerScanService({
    workerScript: WORKER, cache, localParser: parser, minFilesForWorkers: threads === 0 ? Infinity : 0,
    ...(threads > 0 ? { threads } : {}),
    onProgress: (done) => { parsed = done; },
  });
  try {
    const result = await checkProject({ root, scanner: service, requirementCache: cache });
    await cache.save();
    return { result, parsed };
  } finally {
    await service.dispose();
  }
}

/** Runs `body` on a fresh copy of the `gaps` fixture and empty cache folders, then removes them. */
async function withProjectAndCaches(body: (root: string, ...cacheDirs: string[]) => Promise<void>, caches = 1): Promise<void> {
  const { root, cleanup } = copyProject('gaps');
  const dirs = Array.from({ length: caches }, () => mkdtempSync(path.join(os.tmpdir(), 'tracelens-cache-')));
  try {
    await body(root, ...dirs);
  } finally {
    cleanup();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

const refKeys = (r: CheckResult) => r.references.map((x) => `${x.id} ${x.relation} ${x.file}:${x.line}`);

test('a warm run parses nothing and reports the same; a changed file is scanned again', async () => {
  await withProjectAndCaches(async (root, cacheDir) => {
    const cold = await cachedCheck(root, cacheDir);
    assert.ok(cold.parsed > 0);
    const warm = await cachedCheck(root, cacheDir);
    assert.equal(warm.parsed, 0, 'nothing re-scanned');
    assert.deepEqual(warm.result.findings, cold.result.findings);

    const dose = path.join(root, 'src', 'dose.c');
    writeFileSync(dose, readFileSync(dose, 'utf8').replace('REQ-099', 'REQ-003'));
    const changed = await cachedCheck(root, cacheDir);
    assert.equal(changed.parsed, 1, 'only the changed file');
    assert.ok(!refKeys(changed.result).some((k) => k.startsWith('REQ-099')));
    assert.ok(refKeys(changed.result).includes('REQ-003 implements src/dose.c:7'));
  });
});

test('a touched but unchanged file is validated by content hash, not re-parsed', async () => {
  await withProjectAndCaches(async (root, cacheDir) => {
    const cold = await cachedCheck(root, cacheDir);
    const future = new Date(Date.now() + 60_000);
    utimesSync(path.join(root, 'src', 'dose.c'), future, future);
    const touched = await cachedCheck(root, cacheDir);
    assert.equal(touched.parsed, 1, 'the touched file is read and hashed');
    assert.deepEqual(touched.result.references, cold.result.references);
  });
});

test('a config change that changes the scan settings invalidates the cache', async () => {
  await withProjectAndCaches(async (root, cacheDir) => {
    await cachedCheck(root, cacheDir);
    // Declaring a new prefix turns `UTF-8` in dose.c into a reference: the cached scans must go.
    writeFileSync(path.join(root, 'tracelens.json'), '{ "exclude": ["vendor/**"], "maxFileSize": 4096, "prefixes": { "UTF": "requirement" } }\n');
    const after = await cachedCheck(root, cacheDir);
    assert.ok(after.parsed > 0);
    assert.ok(refKeys(after.result).some((k) => k.startsWith('UTF-8 ')), refKeys(after.result).join('\n'));
  });
});

test('a cache written by another tool version is ignored', async () => {
  await withProjectAndCaches(async (root, cacheDir) => {
    await cachedCheck(root, cacheDir);
    const [file] = readdirSync(cacheDir);
    const data = v8.deserialize(readFileSync(path.join(cacheDir, file!))) as { tool: string };
    writeFileSync(path.join(cacheDir, file!), v8.serialize({ ...data, tool: '0.0.0-old' }));
    const cache = await ScanCache.open(nodeCacheStore(cacheDir), root);
    assert.equal(cache.size, 0);
    const rerun = await cachedCheck(root, cacheDir);
    assert.ok(rerun.parsed > 0);
  });
});

test('a corrupt cache file is ignored, not fatal', async () => {
  await withProjectAndCaches(async (root, cacheDir) => {
    await cachedCheck(root, cacheDir);
    const [file] = readdirSync(cacheDir);
    writeFileSync(path.join(cacheDir, file!), 'not a cache');
    const rerun = await cachedCheck(root, cacheDir);
    assert.ok(rerun.parsed > 0);
    assert.ok(rerun.result.references.length > 0);
  });
});

test('worker threads give the same references as the in-process scanner', async () => {
  await withProjectAndCaches(async (root, a, b) => {
    const local = await cachedCheck(root, a!, 0);
    const workers = await cachedCheck(root, b!, 2);
    assert.deepEqual(workers.result.references, local.result.references);
    assert.deepEqual(workers.result.skipped, local.result.skipped);
    assert.deepEqual(workers.result.findings, local.result.findings);
  }, 2);
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
  await withProjectAndCaches(async (root, cacheDir) => {
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
