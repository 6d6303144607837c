// Verifies: TL-064, TL-061, TL-035
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildIdentity } from '../../src/core/cache/buildIdentity';
import { blockingNodeFileSystem } from '../../src/core/files/nodeFileSystem';
import { RunCache, runRecordName, type RenderKey } from '../../src/core/cache/runCache';
import { contentHash } from '../../src/core/cache/contentHash';
import { MemoryCacheStore } from '../../src/core/cache/memoryCacheStore';
import { defaultConfig } from '../../src/core/config/parse';
import type { FileSystem } from '../../src/core/files/fileSystem';
import { MemoryFileSystem } from '../../src/core/files/memoryFileSystem';

test('the build identity changes when a bundle file is rebuilt', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tracelens-build-'));
  try {
    const bundle = path.join(dir, 'cli.js');
    writeFileSync(bundle, '// build 1\n');
    utimesSync(bundle, new Date(1_000_000), new Date(1_000_000));
    const first = await buildIdentity(blockingNodeFileSystem, [bundle, path.join(dir, 'missing.js')]);
    assert.equal(await buildIdentity(blockingNodeFileSystem, [bundle, path.join(dir, 'missing.js')]), first, 'stable');
    writeFileSync(bundle, '// build 2\n');
    utimesSync(bundle, new Date(2_000_000), new Date(2_000_000));
    assert.notEqual(await buildIdentity(blockingNodeFileSystem, [bundle]), first);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the run cache reaches files and its record only through its ports', async () => {
  const fs = new MemoryFileSystem(path.resolve('/memory-run'), { 'requirements/a.md': '## REQ-1: One\n' });
  let reads = 0;
  const counting: FileSystem = { readFile: (p) => { reads++; return fs.readFile(p); }, readDirectory: (p) => fs.readDirectory(p), stat: (p) => fs.stat(p), statFiles: (r, f) => fs.statFiles(r, f) };
  const store = new MemoryCacheStore();
  const cache = new RunCache(store, counting, fs.root, 'tool');
  const config = defaultConfig(['requirements']);
  const listed = { requirementFiles: ['requirements/a.md'], codeFiles: [] };
  const render: RenderKey = { format: 'text', displayRoot: '.', color: false };
  const statNow = (await fs.statFiles(fs.root, listed.requirementFiles)).at(0);
  const hashNow = contentHash(await fs.readFile(path.join(fs.root, 'requirements', 'a.md')));
  await cache.record({
    root: fs.root, config, configFile: undefined, settings: { prefixes: ['REQ'], keywords: {}, testFiles: [], maxFileSize: 100 },
    requirementFiles: listed.requirementFiles, codeFiles: [], statOf: () => statNow, keyOf: () => hashNow, scanOf: () => undefined, startedAt: Date.now(),
  }, render, 'the report\n', 'none');
  assert.deepEqual(store.names(), [runRecordName(fs.root)]);

  const replay = () => cache.replay(config, undefined, listed, render);
  const hit = await replay();
  assert.equal(hit.kind, 'hit');
  assert.equal(new TextDecoder().decode(hit.kind === 'hit' ? hit.report : undefined), 'the report\n');
  assert.equal(reads, 0, 'an unchanged file is not read');

  fs.write('requirements/a.md', '## REQ-1: One\n');
  assert.equal((await replay()).kind, 'hit', 'same content under a new identity');
  assert.equal(reads, 1);
  assert.equal((await replay()).kind, 'hit');
  assert.equal(reads, 1, 'the new identity was remembered');

  fs.write('requirements/a.md', '## REQ-1: Changed\n');
  assert.deepEqual(await replay().then((o) => o.kind === 'miss' && o.reason), 'requirements/a.md changed');
  fs.delete('requirements/a.md');
  assert.deepEqual(await replay().then((o) => o.kind === 'miss' && o.reason), 'requirements/a.md unreadable');
});
