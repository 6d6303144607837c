// Verifies: TL-016
// The in-memory file system that unit tests read projects through: it must answer as the disk does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { MemoryFileSystem } from '../../src/core/files/memoryFileSystem';
import { listFiles } from '../../src/core/files/walk';
import { blockingNodeFileSystem } from '../../src/core/files/nodeFileSystem';
import { fixtureProject, memoryProject } from '../helpers/project';

const ROOT = path.resolve('/project');
const at = (...segments: string[]) => path.join(ROOT, ...segments);
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

test('files, and the folders they are in, can be read, listed and stat\'ed', async () => {
  const fs = new MemoryFileSystem(ROOT, { 'src/a.c': 'int a;\n', 'src/lib/é.c': 'é', 'README.md': new Uint8Array([104, 105]) });
  assert.equal(fs.root, ROOT);
  assert.equal(text(await fs.readFile(at('src', 'a.c'))), 'int a;\n');
  assert.equal(text(await fs.readFile(at('README.md'))), 'hi');
  assert.deepEqual(await fs.readDirectory(ROOT), [['README.md', 'file'], ['src', 'directory']]);
  assert.deepEqual(await fs.readDirectory(at('src')), [['a.c', 'file'], ['lib', 'directory']]);
  assert.deepEqual(await fs.readDirectory(at('src', 'a.c')), [], 'a file lists nothing');
  assert.deepEqual(await fs.readDirectory(at('nowhere')), []);
  const stat = await fs.stat(at('src', 'lib', 'é.c'));
  assert.equal(stat?.type, 'file');
  assert.equal(stat?.size, 2, 'the size is in UTF-8 bytes');
  assert.equal((await fs.stat(at('src', 'lib')))?.type, 'directory');
  assert.equal((await fs.stat(ROOT))?.type, 'directory');
  assert.equal(await fs.stat(at('src', 'b.c')), undefined);
  assert.equal(await fs.stat(path.resolve(ROOT, '..', 'elsewhere')), undefined, 'nothing outside the root');
});

test('reading what is not a file fails as node:fs does', async () => {
  const fs = new MemoryFileSystem(ROOT, { 'src/a.c': '' });
  await assert.rejects(fs.readFile(at('src', 'b.c')), { code: 'ENOENT', message: `ENOENT: no such file or directory, open '${at('src', 'b.c')}'` });
  await assert.rejects(fs.readFile(at('src')), { code: 'EISDIR', message: 'EISDIR: illegal operation on a directory, read' });
  assert.equal((await fs.readFile(at('src', 'a.c'))).length, 0);
});

test('every write gives a new identity; deleting removes files and folders', async () => {
  const fs = new MemoryFileSystem(ROOT, { 'a.txt': 'one' });
  const first = (await fs.stat(at('a.txt')))!;
  fs.write('a.txt', 'one');
  const same = (await fs.stat(at('a.txt')))!;
  fs.write('a.txt', 'three');
  const changed = (await fs.stat(at('a.txt')))!;
  assert.equal(same.size, first.size);
  for (const [before, after] of [[first, same], [same, changed]] as const) {
    assert.ok(after.mtimeMs > before.mtimeMs && after.ctimeMs > before.ctimeMs && after.ino !== before.ino, 'a rewrite, even of the same bytes, is seen');
  }
  assert.ok(first.mtimeMs < Date.now() - 60_000, 'synthetic times lie in the past: never racy');
  assert.equal(text(await fs.readFile(at('a.txt'))), 'three');

  fs.write('dir/sub/b.txt', 'b');
  assert.equal(fs.delete('dir/sub/b.txt'), true);
  assert.equal(await fs.stat(at('dir', 'sub', 'b.txt')), undefined);
  assert.equal((await fs.stat(at('dir', 'sub')))?.type, 'directory', 'its folder stays, as on disk');
  assert.equal(fs.delete('dir/sub/b.txt'), false);
  fs.write('dir/sub/c.txt', 'c');
  assert.equal(fs.delete('dir'), true);
  assert.deepEqual(await fs.readDirectory(ROOT), [['a.txt', 'file']]);
  assert.throws(() => fs.write('a.txt/x', 'x'), /not a folder/);
  assert.throws(() => fs.write('../x', 'x'), /not a relative POSIX path/);
});

test('written and read bytes are copies', async () => {
  const bytes = new Uint8Array([1, 2, 3]);
  const fs = new MemoryFileSystem(ROOT, { 'b.bin': bytes });
  bytes[0] = 9;
  const read = await fs.readFile(at('b.bin'));
  assert.deepEqual([...read], [1, 2, 3]);
  read[1] = 9;
  assert.deepEqual([...(await fs.readFile(at('b.bin')))], [1, 2, 3]);
});

test('statFiles gives what stat gives, in order, and nothing for missing files', async () => {
  const fs = new MemoryFileSystem(ROOT, { 'a.c': 'a', 'src/b.c': 'bb' });
  const stats = await fs.statFiles(ROOT, ['src/b.c', 'missing.c', 'a.c', 'src']);
  assert.equal(stats.length, 4);
  const { type: _b, ...b } = (await fs.stat(at('src', 'b.c')))!;
  const { type: _a, ...a } = (await fs.stat(at('a.c')))!;
  assert.deepEqual(stats.at(0), b);
  assert.equal(stats.at(1), undefined);
  assert.deepEqual(stats.at(2), a);
  assert.equal(stats.at(3)?.size, 0);
});

test('a fixture in memory lists as it does on disk, .gitignore and excludes included', async () => {
  const extra = { 'build/ignored.c': '// x\n', 'src/skip.generated.c': '// x\n', 'vendor/lib/v.c': '// x\n' };
  const fs = memoryProject('gaps', extra);
  const options = { exclude: ['vendor/**'], useGitignore: true };
  const listed = await listFiles(fs, fs.root, options);
  assert.ok(listed.includes('.gitignore') && listed.includes('src/dose.c'), listed.join('\n'));
  assert.ok(!listed.some((file) => file.startsWith('build/') || file.endsWith('.generated.c') || file.startsWith('vendor/')), listed.join('\n'));
  const onDisk = await listFiles(blockingNodeFileSystem, fixtureProject('gaps'), options);
  assert.deepEqual(listed, onDisk);
  assert.notEqual(memoryProject('gaps'), memoryProject('gaps'), 'a fresh file system per call');
});
