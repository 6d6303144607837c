// Verifies: TL-060, TL-061
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { CommentParser } from '../../src/parsing/commentParser';
import type { CheckResult } from '../../src/core/project/check';
import { MemoryCacheStore } from '../../src/core/cache/memoryCacheStore';
import { ScanCache } from '../../src/core/cache/scanCache';
import { defaultCacheDir } from '../../src/core/cache/nodeCacheStore';
import type { MemoryFileSystem } from '../../src/core/files/memoryFileSystem';
import { cachedCheck, type Project } from '../helpers/cachedCheck';
import { copyProject, memoryProject } from '../helpers/project';

let parser: CommentParser;
before(async () => { parser = await CommentParser.create(); });
after(() => parser.dispose());

/** The project of a memory file system. */
const inMemory = (fs: MemoryFileSystem): Project => ({ root: fs.root, fs });

const refKeys = (r: CheckResult) => r.references.map((x) => `${x.id} ${x.relation} ${x.file}:${x.line}`);
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

test('a warm run parses nothing and reports the same; a changed file is scanned again', async () => {
  const fs = memoryProject('gaps');
  const store = new MemoryCacheStore();
  const cold = await cachedCheck(inMemory(fs), store, parser);
  assert.ok(cold.parsed > 0);
  const warm = await cachedCheck(inMemory(fs), store, parser);
  assert.equal(warm.parsed, 0, 'nothing re-scanned');
  assert.deepEqual(warm.result.findings, cold.result.findings);

  const dose = path.join(fs.root, 'src', 'dose.c');
  fs.write('src/dose.c', text(await fs.readFile(dose)).replace('REQ-099', 'REQ-003'));
  const changed = await cachedCheck(inMemory(fs), store, parser);
  assert.equal(changed.parsed, 1, 'only the changed file');
  assert.ok(!refKeys(changed.result).some((k) => k.startsWith('REQ-099')));
  assert.ok(refKeys(changed.result).includes('REQ-003 implements src/dose.c:7'));
});

test('a touched but unchanged file is validated by content hash, not re-parsed', async () => {
  const fs = memoryProject('gaps');
  const store = new MemoryCacheStore();
  const cold = await cachedCheck(inMemory(fs), store, parser);
  // The same bytes written again: a new modification time, as `touch` gives.
  fs.write('src/dose.c', await fs.readFile(path.join(fs.root, 'src', 'dose.c')));
  const touched = await cachedCheck(inMemory(fs), store, parser);
  assert.equal(touched.parsed, 1, 'the touched file is read and hashed');
  assert.deepEqual(touched.result.references, cold.result.references);
});

test('a config change that changes the scan settings invalidates the cache', async () => {
  const fs = memoryProject('gaps');
  const store = new MemoryCacheStore();
  await cachedCheck(inMemory(fs), store, parser);
  // Declaring a new prefix turns `UTF-8` in dose.c into a reference: the cached scans must go.
  fs.write('tracelens.json', '{ "exclude": ["vendor/**"], "maxFileSize": 4096, "prefixes": { "UTF": "requirement" } }\n');
  const after = await cachedCheck(inMemory(fs), store, parser);
  assert.ok(after.parsed > 0);
  assert.ok(refKeys(after.result).some((k) => k.startsWith('UTF-8 ')), refKeys(after.result).join('\n'));
});

test('a cache written by another tool version is ignored', async () => {
  const fs = memoryProject('gaps');
  const store = new MemoryCacheStore();
  await cachedCheck(inMemory(fs), store, parser);
  const [name] = store.names();
  const data = v8.deserialize((await store.read(name!))!) as { tool: string };
  await store.write(name!, v8.serialize({ ...data, tool: '0.0.0-old' }));
  const cache = await ScanCache.open(store, fs.root);
  assert.equal(cache.size, 0);
  const rerun = await cachedCheck(inMemory(fs), store, parser);
  assert.ok(rerun.parsed > 0);
});

test('a corrupt cache file is ignored, not fatal', async () => {
  const fs = memoryProject('gaps');
  const store = new MemoryCacheStore();
  await cachedCheck(inMemory(fs), store, parser);
  const [name] = store.names();
  await store.write(name!, new TextEncoder().encode('not a cache'));
  const rerun = await cachedCheck(inMemory(fs), store, parser);
  assert.ok(rerun.parsed > 0);
  assert.ok(rerun.result.references.length > 0);
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
