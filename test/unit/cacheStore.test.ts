// Verifies: TL-061, TL-064
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CacheStore } from '../../src/core/cache/cacheStore';
import { MemoryCacheStore } from '../../src/core/cache/memoryCacheStore';
import { blockingNodeCacheStore, nodeCacheStore } from '../../src/core/cache/nodeCacheStore';
import { ScanCache, scanCacheName } from '../../src/core/cache/scanCache';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array | undefined) => (data === undefined ? undefined : new TextDecoder().decode(data));

/** Runs `body` with a fresh temp folder, then removes it. */
async function withTempDir(body: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tracelens-store-'));
  try {
    await body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const [kind, open] of [['asynchronous', nodeCacheStore], ['blocking', blockingNodeCacheStore]] as const) {
  test(`the ${kind} Node cache store creates its folder, replaces files whole and leaves no temporary file`, async () => {
    await withTempDir(async (dir) => {
      const folder = path.join(dir, 'a', 'b');
      const store = open(folder);
      assert.equal(await store.read('x.v8'), undefined, 'nothing stored: a miss');
      await store.write('x.v8', bytes('first'));
      assert.equal(text(await store.read('x.v8')), 'first');
      await store.write('x.v8', bytes('second, longer'));
      await store.write('y.v8', bytes('other'));
      assert.equal(text(await store.read('x.v8')), 'second, longer');
      assert.deepEqual(readdirSync(folder).sort(), ['x.v8', 'y.v8']);
    });
  });

  test(`the ${kind} Node cache store: what cannot be read is a miss, what cannot be written rejects`, async () => {
    await withTempDir(async (dir) => {
      mkdirSync(path.join(dir, 'folder.v8'));
      const store = open(dir);
      assert.equal(await store.read('folder.v8'), undefined, 'a directory is no cache file');
      assert.equal(await store.read('../escape'), undefined);
      await assert.rejects(store.write('../escape', bytes('x')), /not a cache file name/);
      writeFileSync(path.join(dir, 'file'), 'a file, not a folder');
      await assert.rejects(open(path.join(dir, 'file', 'sub')).write('x.v8', bytes('x')));
      assert.deepEqual(readdirSync(dir).sort(), ['file', 'folder.v8'], 'no temporary file left behind');
    });
  });
}

test('the memory cache store keeps copies', async () => {
  const store = new MemoryCacheStore();
  assert.equal(await store.read('x'), undefined);
  const written = bytes('abc');
  await store.write('x', written);
  written[0] = 0;
  const read = (await store.read('x'))!;
  assert.equal(text(read), 'abc', 'a later change to the written bytes is not stored');
  read[0] = 0;
  assert.equal(text(await store.read('x')), 'abc', 'a change to read bytes is not stored');
  assert.deepEqual(store.names(), ['x']);
});

test('the scan cache round-trips through a store, and starts empty from a corrupt or unwritable one', async () => {
  const store = new MemoryCacheStore();
  const root = path.resolve('/project');
  const settings = { prefixes: ['REQ'], keywords: {}, testFiles: [], maxFileSize: 100 };
  const cache = await ScanCache.open(store, root, 'tool-1');
  cache.reset(settings);
  cache.set('src/a.c', { size: 3, mtimeMs: 7, hash: 'h', scan: { language: 'c', references: [] } });
  await cache.save();
  assert.deepEqual(store.names(), [scanCacheName(root)]);
  const reopened = await ScanCache.open(store, root, 'tool-1');
  assert.ok(reopened.matches(settings));
  assert.deepEqual(reopened.get('src/a.c'), { size: 3, mtimeMs: 7, hash: 'h', scan: { language: 'c', references: [] } });
  assert.equal((await ScanCache.open(store, root, 'tool-2')).size, 0, 'another build starts empty');

  await store.write(scanCacheName(root), bytes('not a cache'));
  assert.equal((await ScanCache.open(store, root, 'tool-1')).size, 0);

  const failing: CacheStore = { read: async () => undefined, write: async () => { throw new Error('disk full'); } };
  const unsaved = await ScanCache.open(failing, root);
  unsaved.reset(settings);
  await unsaved.save();
});
