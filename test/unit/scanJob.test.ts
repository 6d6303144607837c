// Verifies: TL-060, TL-014
// runScanJob reads a file with its stat in one call when the file system offers it (the blocking
// Node one: one descriptor, a reused buffer); its outcomes must be those of the general path (stat,
// then readFile) in every case.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { DEFAULT_KEYWORDS, DEFAULT_TEST_GLOBS } from '../../src/core/config/types';
import { contentHash } from '../../src/core/cache/contentHash';
import type { FileSystem } from '../../src/core/files/fileSystem';
import { blockingNodeFileSystem } from '../../src/core/files/nodeFileSystem';
import { MemoryFileSystem } from '../../src/core/files/memoryFileSystem';
import { CodeScanner } from '../../src/core/scan/codeScanner';
import { runScanJob } from '../../src/core/scan/workers/job';
import type { ScanJob } from '../../src/core/scan/workers/protocol';
import { CommentParser } from '../../src/parsing/commentParser';
import type { ScanSettings } from '../../src/core/scan/settings';

/** The files of the test, on disk and in memory; `src/dir.c` is a folder besides. */
const FILES: Record<string, string | Uint8Array> = {
  'src/a.c': '/* Implements: REQ-1 */\nint a(void) { return 0; }\n',
  'src/b.c': 'int b; // REQ-2\n'.repeat(3000),
  'src/big.c': `// REQ-3\n${' '.repeat(200_000)}`,
  'src/empty.c': '',
  'src/bin.c': Buffer.from('// REQ-4\n\0\0'),
  'src/utf8.c': '\uFEFF// é REQ-5 😀\n',
};

let parser: CommentParser;
let root: string;
before(async () => {
  parser = await CommentParser.create();
  root = mkdtempSync(path.join(os.tmpdir(), 'tracelens-scanjob-'));
  mkdirSync(path.join(root, 'src', 'dir.c'), { recursive: true });
  for (const [file, content] of Object.entries(FILES)) writeFileSync(path.join(root, ...file.split('/')), content);
});
after(() => {
  parser.dispose();
  rmSync(root, { recursive: true, force: true });
});

const settings: ScanSettings = { prefixes: ['REQ'], keywords: DEFAULT_KEYWORDS, testFiles: DEFAULT_TEST_GLOBS, maxFileSize: 100_000 };
/** The same file system without its one-call read: runScanJob then takes its general path. */
const general: FileSystem = { ...blockingNodeFileSystem, readFileWithStat: undefined };

test('reading through one descriptor gives the outcomes of the general path', async () => {
  const scanner = new CodeScanner(parser, settings);
  const files = ['src/a.c', 'src/b.c', 'src/big.c', 'src/empty.c', 'src/bin.c', 'src/utf8.c', 'src/missing.c', 'src/dir.c'];
  const knownHash = contentHash(Buffer.from('/* Implements: REQ-1 */\nint a(void) { return 0; }\n'));
  const jobs: ScanJob[] = [...files.map((file) => ({ file })), { file: 'src/a.c', knownHash }, { file: 'src/utf8.c', knownHash }];
  for (const hashContent of [false, true]) {
    for (const job of jobs) {
      const fast = await runScanJob(blockingNodeFileSystem, root, job, scanner, settings, hashContent);
      assert.deepEqual(fast, await runScanJob(general, root, job, scanner, settings, hashContent), `${JSON.stringify(job)} hash ${hashContent}`);
    }
  }
  const a = await runScanJob(blockingNodeFileSystem, root, { file: 'src/a.c' }, scanner, settings, false);
  assert.equal(a.scan?.references[0]?.id, 'REQ-1');
  assert.equal((await runScanJob(blockingNodeFileSystem, root, { file: 'src/big.c' }, scanner, settings))?.scan?.skipped?.reason, 'too-large');
  assert.equal((await runScanJob(blockingNodeFileSystem, root, { file: 'src/dir.c' }, scanner, settings))?.scan?.skipped?.reason, 'unreadable');
});

test('jobs run at the same time do not see each other\'s content in the reused buffer', async () => {
  const scanner = new CodeScanner(parser, settings);
  const files = ['src/a.c', 'src/b.c', 'src/utf8.c', 'src/a.c', 'src/b.c', 'src/utf8.c'];
  const together = await Promise.all(files.map((file) => runScanJob(blockingNodeFileSystem, root, { file }, scanner, settings, true)));
  const alone: unknown[] = [];
  for (const file of files) alone.push(await runScanJob(general, root, { file }, scanner, settings, true));
  assert.deepEqual(together, alone);
  assert.equal(together[1]!.scan!.references.length, 3000);
});

test('a regular file is read in one call, without stat or readFile; anything else takes the general path', async () => {
  const scanner = new CodeScanner(parser, settings);
  const calls: string[] = [];
  const spied: FileSystem = {
    ...blockingNodeFileSystem,
    stat: (p) => { calls.push(`stat ${path.basename(p)}`); return blockingNodeFileSystem.stat(p); },
    readFile: (p) => { calls.push(`readFile ${path.basename(p)}`); return blockingNodeFileSystem.readFile(p); },
  };
  for (const file of ['src/a.c', 'src/b.c', 'src/big.c', 'src/empty.c']) await runScanJob(spied, root, { file }, scanner, settings, true);
  assert.deepEqual(calls, [], 'regular files, oversized ones included, need no other call');
  await runScanJob(spied, root, { file: 'src/dir.c' }, scanner, settings, true);
  await runScanJob(spied, root, { file: 'src/missing.c' }, scanner, settings, true);
  assert.deepEqual(calls, ['stat dir.c', 'readFile dir.c', 'stat missing.c']);
});

test('an in-memory file system gives the outcomes of the disk, but for the modification times', async () => {
  const scanner = new CodeScanner(parser, settings);
  const memory = new MemoryFileSystem(path.resolve('/memory-scanjob'), FILES);
  const withoutTime = ({ mtimeMs: _, ...outcome }: { mtimeMs: number }) => outcome;
  for (const file of [...Object.keys(FILES), 'src/missing.c']) {
    for (const hashContent of [false, true]) {
      const disk = await runScanJob(blockingNodeFileSystem, root, { file }, scanner, settings, hashContent);
      const inMemory = await runScanJob(memory, memory.root, { file }, scanner, settings, hashContent);
      assert.deepEqual(withoutTime(inMemory), withoutTime(disk), `${file} hash ${hashContent}`);
    }
  }
});

// Verifies: TL-194
test('content sent with the job (a file at a git revision) gives the outcomes of the disk, but for the times, and touches no file', async () => {
  const scanner = new CodeScanner(parser, settings);
  const untouchable: FileSystem = new Proxy(blockingNodeFileSystem, { get: (_target, name) => () => { throw new Error(`the file system was asked: ${String(name)}`); } });
  const withoutTime = ({ mtimeMs: _, ...outcome }: { mtimeMs: number }) => outcome;
  for (const [file, content] of Object.entries(FILES)) {
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    for (const hashContent of [false, true]) {
      const sent = await runScanJob(untouchable, root, { file, bytes }, scanner, settings, hashContent);
      assert.equal(sent.mtimeMs, 0);
      assert.deepEqual(withoutTime(sent), withoutTime(await runScanJob(blockingNodeFileSystem, root, { file }, scanner, settings, hashContent)), `${file} hash ${hashContent}`);
    }
  }
});
