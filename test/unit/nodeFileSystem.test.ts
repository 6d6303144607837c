// Verifies: TL-060, TL-064
// The Node file systems on a real folder: identities as node:fs gives them, in one call for a listing,
// and the blocking one's read of a file with its stat.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { blockingNodeFileSystem, nodeFileSystem } from '../../src/core/files/nodeFileSystem';

let root: string;
/** Larger than the reused read buffer starts, so that reading it grows the buffer. */
const LARGE = 'x'.repeat(3 << 20);

before(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'tracelens-nodefs-'));
  mkdirSync(path.join(root, 'src', 'dir.c'), { recursive: true });
  writeFileSync(path.join(root, 'src', 'a.c'), 'int a;\n');
  writeFileSync(path.join(root, 'src', 'empty.c'), '');
  writeFileSync(path.join(root, 'src', 'large.c'), LARGE);
});
after(() => rmSync(root, { recursive: true, force: true }));

const identityOf = (file: string) => {
  const s = statSync(path.join(root, ...file.split('/')));
  return { size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs, ino: s.ino };
};

for (const [name, fs] of [['nodeFileSystem', nodeFileSystem], ['blockingNodeFileSystem', blockingNodeFileSystem]] as const) {
  test(`${name}: stat and statFiles give node:fs's identity, and nothing for a missing file`, async () => {
    assert.deepEqual(await fs.stat(path.join(root, 'src', 'a.c')), { ...identityOf('src/a.c'), type: 'file' });
    assert.equal((await fs.stat(path.join(root, 'src', 'dir.c')))?.type, 'directory');
    assert.equal(await fs.stat(path.join(root, 'src', 'missing.c')), undefined);
    const files = ['src/a.c', 'src/missing.c', 'src/large.c', 'src/dir.c'];
    const stats = await fs.statFiles(root, files);
    assert.equal(stats.length, files.length);
    assert.deepEqual(stats.at(0), identityOf('src/a.c'));
    assert.equal(stats.at(1), undefined);
    assert.deepEqual(stats.at(2), identityOf('src/large.c'));
    assert.deepEqual(stats.at(3), identityOf('src/dir.c'));
  });

  test(`${name}: statFiles answers for trees larger than a slice, in order`, async () => {
    const files = Array.from({ length: 2500 }, (_, i) => (i % 2 === 0 ? 'src/a.c' : `src/none-${i}.c`));
    const stats = await fs.statFiles(root, files);
    for (let i = 0; i < files.length; i++) assert.equal(stats.at(i)?.size, i % 2 === 0 ? 7 : undefined, files[i]);
  });
}

test('only the blocking file system reads a file with its stat in one call', () => {
  assert.equal(nodeFileSystem.readFileWithStat, undefined, 'the editor\'s file system never blocks its thread');
  const read = blockingNodeFileSystem.readFileWithStat!;
  const a = read(path.join(root, 'src', 'a.c'), 100)!;
  assert.deepEqual({ size: a.stat.size, mtimeMs: a.stat.mtimeMs, ctimeMs: a.stat.ctimeMs, ino: a.stat.ino }, identityOf('src/a.c'));
  assert.equal(new TextDecoder().decode(a.bytes), 'int a;\n');
  assert.equal(read(path.join(root, 'src', 'empty.c'), 100)?.bytes?.length, 0);
  const large = read(path.join(root, 'src', 'large.c'), LARGE.length)!;
  assert.equal(large.bytes?.length, LARGE.length, 'a file larger than the buffer grows it');
  assert.ok(new TextDecoder().decode(large.bytes) === LARGE, 'and is read whole');
  const oversized = read(path.join(root, 'src', 'large.c'), LARGE.length - 1)!;
  assert.equal(oversized.bytes, undefined, 'larger than the maximum: not read');
  assert.equal(oversized.stat.size, LARGE.length);
  assert.equal(read(path.join(root, 'src', 'dir.c'), 100), undefined, 'a folder is the general path\'s to report');
  assert.equal(read(path.join(root, 'src', 'missing.c'), 100), undefined);
});
