// Verifies: TL-190, TL-191, TL-192, TL-194
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { CommentParser } from '../../src/parsing/commentParser';
import { compareBaselines, type BaselineDiff } from '../../src/core/baseline/compare';
import { matchFindings, findingKey } from '../../src/core/baseline/findingMatch';
import { changedSince, GitError, listTree, parseLsTree, resolveCommit, UnknownRevisionError, type GitRunner } from '../../src/core/baseline/gitTree';
import { RevisionFileSystem } from '../../src/core/baseline/revisionFileSystem';
import { BaselineMemo } from '../../src/core/baseline/scanMemo';
import { createHash } from 'node:crypto';
import { MemoryFileSystem } from '../../src/core/files/memoryFileSystem';
import type { FileSystem } from '../../src/core/files/fileSystem';
import type { Finding } from '../../src/core/model/types';
import { checkProject, type CheckResult } from '../../src/core/project/check';
import { LocalScanService } from '../../src/core/scan/localScanService';
import type { ScanService } from '../../src/core/scan/service';

let parser: CommentParser;
before(async () => {
  parser = await CommentParser.create();
});
after(() => parser.dispose());

const ROOT = path.resolve('/repo/project');

/** Git's object ID of a blob (`git hash-object`). */
function gitBlobId(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}
const COMMIT = 'c'.repeat(40);

/**
 * A fake git holding one commit of `files` (paths relative to the repository's top): answers
 * `rev-parse` for `main`, `ls-tree` as git formats it, and blob reads; records every command.
 */
function fakeGit(files: Record<string, string>, extra: string[] = []): GitRunner & { commands: string[][]; blobReads: string[] } {
  const blobs = new Map<string, Uint8Array>();
  const records = Object.entries(files).map(([file, text]) => {
    const bytes = new TextEncoder().encode(text);
    const id = gitBlobId(bytes);
    blobs.set(id, bytes);
    return `100644 blob ${id} ${String(bytes.length).padStart(7)}\t${file}`;
  });
  const commands: string[][] = [];
  const blobReads: string[] = [];
  return {
    commands,
    blobReads,
    async run(args) {
      commands.push([...args]);
      if (args[1] === 'diff') return 'project/src/pump.c\0project/new.c\0other/x.c\0';
      if (args[1] === 'ls-files') return 'H project/src/a.c\0h project/src/hidden.c\0S project/src/sparse.c\0h other/y.c\0';
      if (args[0] === 'rev-parse') {
        if (args[args.length - 1] === 'main^{commit}') return `${COMMIT}\n`;
        throw new GitError('fatal: Needed a single revision');
      }
      const pathspec = args.indexOf('--') >= 0 ? args[args.indexOf('--') + 1]! : '';
      return [...records, ...extra].filter((record) => record.split('\t')[1]!.startsWith(pathspec)).map((record) => `${record}\0`).join('');
    },
    async readBlob(id) {
      blobReads.push(id);
      const bytes = blobs.get(id);
      if (!bytes) throw new GitError(`missing ${id}`);
      return bytes;
    },
  };
}

test('ls-tree output is parsed into entries below the project folder, sizes unpadded, sorted', () => {
  const output = [
    '100644 blob 1111111111111111111111111111111111111111      12\tproject/requirements/reqs.md',
    '100755 blob 2222222222222222222222222222222222222222    4096\tproject/src/a b.c',
    '120000 blob 3333333333333333333333333333333333333333       9\tproject/link.c',
    '160000 commit 4444444444444444444444444444444444444444       -\tproject/vendor/lib',
    '100644 blob 5555555555555555555555555555555555555555       1\tprojectile/other.c',
  ].map((record) => `${record}\0`).join('');
  assert.deepEqual(parseLsTree(output, 'project'), [
    { path: 'link.c', mode: '120000', objectId: '3'.repeat(40), size: 9 },
    { path: 'requirements/reqs.md', mode: '100644', objectId: '1'.repeat(40), size: 12 },
    { path: 'src/a b.c', mode: '100755', objectId: '2'.repeat(40), size: 4096 },
    { path: 'vendor/lib', mode: '160000', objectId: '4'.repeat(40), size: 0 },
  ]);
  assert.equal(parseLsTree(output, '').length, 5);
  assert.throws(() => parseLsTree('garbage\0', ''), GitError);
});

test('a revision is resolved to its commit, and an unknown one is a clear error', async () => {
  const git = fakeGit({});
  assert.equal(await resolveCommit(git, 'main'), COMMIT);
  assert.deepEqual(git.commands[0], ['rev-parse', '--verify', '--quiet', '--end-of-options', 'main^{commit}']);
  await assert.rejects(resolveCommit(git, 'v9.9'), (error: Error) => error instanceof UnknownRevisionError && error.message === 'unknown revision: v9.9 (not a commit in this repository)');
});

test('the tree is listed once, below the project folder, with literal pathspecs', async () => {
  const git = fakeGit({ 'project/a.c': 'x', 'other/b.c': 'y' });
  const entries = await listTree(git, COMMIT, 'project');
  assert.deepEqual(git.commands, [['--literal-pathspecs', 'ls-tree', '-r', '-z', '--long', '--full-tree', COMMIT, '--', 'project/']]);
  assert.deepEqual(entries.map((e) => e.path), ['a.c']);
  await listTree(git, COMMIT, '');
  assert.deepEqual(git.commands[1], ['--literal-pathspecs', 'ls-tree', '-r', '-z', '--long', '--full-tree', COMMIT]);
});

test('the files changed in the working tree since a commit, below the project folder', async () => {
  const git = fakeGit({});
  // Changed as git diff says, and those git is told not to look at (assume-unchanged, skip-worktree).
  assert.deepEqual([...await changedSince(git, COMMIT, 'project')], ['src/pump.c', 'new.c', 'src/hidden.c', 'src/sparse.c']);
  assert.deepEqual(git.commands, [
    ['--literal-pathspecs', 'diff', '--name-only', '-z', '--no-renames', '--no-ext-diff', '--no-textconv', COMMIT, '--', 'project/'],
    ['--literal-pathspecs', 'ls-files', '-v', '-z', '--', 'project/'],
  ]);
  await changedSince(git, COMMIT, '');
  assert.equal(git.commands[2]!.at(-1), '.');
});

test('a revision reads as a file system: folders, stats, contents, and what it cannot read', async () => {
  const git = fakeGit({ 'project/requirements/reqs.md': '# R\n', 'project/src/main.c': 'int x;\n' }, [
    `160000 commit ${'4'.repeat(40)}       -\tproject/vendor/lib`,
    `120000 blob ${'3'.repeat(40)}       6\tproject/src/link.c`,
  ]);
  const fs = await RevisionFileSystem.open(git, COMMIT, 'project', ROOT);
  assert.deepEqual(await fs.readDirectory(ROOT), [['requirements', 'directory'], ['src', 'directory'], ['vendor', 'directory']]);
  assert.deepEqual(await fs.readDirectory(path.join(ROOT, 'src')), [['link.c', 'other'], ['main.c', 'file']]);
  assert.deepEqual(await fs.readDirectory(path.join(ROOT, 'vendor')), [['lib', 'other']]);
  assert.deepEqual(await fs.readDirectory(path.join(ROOT, 'nowhere')), []);
  assert.equal(new TextDecoder().decode(await fs.readFile(path.join(ROOT, 'src', 'main.c'))), 'int x;\n');
  assert.deepEqual(await fs.stat(path.join(ROOT, 'src', 'main.c')), { type: 'file', size: 7, mtimeMs: 0, ctimeMs: 0, ino: 3 });
  assert.equal((await fs.stat(path.join(ROOT, 'src')))?.type, 'directory');
  assert.equal((await fs.stat(path.join(ROOT, 'src', 'link.c')))?.type, 'other');
  assert.equal(await fs.stat(path.join(ROOT, 'src', 'gone.c')), undefined);
  assert.equal(await fs.stat('/elsewhere/x'), undefined);
  await assert.rejects(fs.readFile(path.join(ROOT, 'src', 'gone.c')), (error: NodeJS.ErrnoException) => error.code === 'ENOENT');
  await assert.rejects(fs.readFile(path.join(ROOT, 'src')), (error: NodeJS.ErrnoException) => error.code === 'EISDIR');
  const stats = await fs.statFiles(ROOT, ['src/main.c', 'src/gone.c']);
  assert.equal(stats.at(0)?.size, 7);
  assert.equal(stats.at(1), undefined);
  assert.deepEqual(fs.unread, [{ path: 'src/link.c', reason: 'symbolic-link' }, { path: 'vendor/lib', reason: 'submodule' }]);
  assert.equal(fs.objectId('src/main.c'), gitBlobId(new TextEncoder().encode('int x;\n')));
});

const CONFIG = JSON.stringify({ requirements: ['requirements'], prefixes: { REQ: 'requirement', RISK: 'risk' } });
const BASE = {
  'tracelens.json': CONFIG,
  'requirements/reqs.md': [
    '# Requirements', '',
    '## REQ-001: Bolus limit', '- mitigates: RISK-001', '',
    'The pump shall reject a bolus above', 'the maximum.', '',
    '## REQ-002: Basal limit', '',
    'The pump shall reject a basal rate above 5 U/h.', '',
    '## REQ-003: Alarm', '',
    'The pump shall sound an alarm.', '',
    '## RISK-001: Overdose', '- kind: risk', '',
    'Too much insulin.', '',
  ].join('\n'),
  'src/pump.c': '// Implements: REQ-001\nint bolus;\n// Implements: REQ-003\nint alarm;\n',
  'test/pump_test.c': '// Verifies: REQ-001\nint t1;\n// Verifies: REQ-003\nint t3;\n',
};

async function check(files: Record<string, string>): Promise<CheckResult> {
  const fs = new MemoryFileSystem(ROOT, files);
  return checkProject({ root: ROOT, fs, scanner: new LocalScanService(parser, fs) });
}

async function diffOf(changes: Record<string, string | null>): Promise<BaselineDiff> {
  const files: Record<string, string> = { ...BASE };
  for (const [file, text] of Object.entries(changes)) {
    if (text === null) delete files[file];
    else files[file] = text;
  }
  return compareBaselines(await check(BASE), await check(files));
}

test('the same project on both sides: nothing added, removed, changed, new or fixed', async () => {
  const diff = await diffOf({});
  assert.deepEqual(diff.items, { added: [], removed: [], changed: [] });
  assert.deepEqual(diff.findings, { new: [], fixed: [] });
  assert.deepEqual([diff.coverage.gained, diff.coverage.lost], [[], []]);
  assert.deepEqual(diff.coverage.before, diff.coverage.after);
});

test('moved items, re-wrapped text and moved tags are no change; a changed sentence is, with its word diff', async () => {
  const reqs = BASE['requirements/reqs.md'];
  const alarm = '## REQ-003: Alarm\n\nThe pump shall sound an alarm.\n\n';
  const moved = reqs.replace(alarm, '').replace('## REQ-001', `${alarm}## REQ-001`)
    .replace('The pump shall reject a bolus above\nthe maximum.', 'The pump shall reject a bolus\nabove the maximum.')
    .replace('above 5 U/h.', 'above 4 U/h.');
  const diff = await diffOf({ 'requirements/reqs.md': moved, 'src/pump.c': '\n\n// Implements: REQ-003\nint alarm;\n// Implements: REQ-001\nint bolus;\n' });
  assert.deepEqual(diff.items.added, []);
  assert.deepEqual(diff.items.removed, []);
  assert.deepEqual(diff.items.changed.map((c) => [c.id, c.fields, c.line]), [['REQ-002', ['text'], 13]]);
  assert.deepEqual(diff.items.changed[0]!.textChange?.diff, [
    { op: 'equal', text: 'The pump shall reject a basal rate above ' },
    { op: 'removed', text: '5' },
    { op: 'added', text: '4' },
    { op: 'equal', text: ' U/h.' },
  ]);
  assert.deepEqual(diff.findings, { new: [], fixed: [] });
  assert.deepEqual([diff.coverage.gained, diff.coverage.lost], [[], []]);
});

test('added and removed items; a removed item\'s findings are fixed and tags naming it become new findings', async () => {
  const reqs = BASE['requirements/reqs.md'].replace('## REQ-002: Basal limit\n\nThe pump shall reject a basal rate above 5 U/h.\n\n', '')
    .replace('## REQ-001: Bolus limit', '## REQ-001: Bolus dose limit')
    .concat('## REQ-010: Log\n\nThe pump shall log every bolus.\n');
  const diff = await diffOf({ 'requirements/reqs.md': reqs, 'test/pump_test.c': `${BASE['test/pump_test.c']}// Verifies: REQ-002\n` });
  assert.deepEqual(diff.items.added.map((i) => [i.id, i.title, i.file, i.line]), [['REQ-010', 'Log', 'requirements/reqs.md', 17]]);
  assert.deepEqual(diff.items.removed.map((i) => [i.id, i.title, i.line]), [['REQ-002', 'Basal limit', 9]]);
  assert.deepEqual(diff.items.changed.map((c) => [c.id, c.fields, c.titleChange?.after]), [['REQ-001', ['title'], 'Bolus dose limit']]);
  const brief = (findings: readonly Finding[]) => findings.map((f) => `${f.rule} ${f.id} ${f.file}:${f.line}`);
  assert.deepEqual(brief(diff.findings.fixed), ['unimplemented REQ-002 requirements/reqs.md:9', 'unverified REQ-002 requirements/reqs.md:9']);
  assert.deepEqual(brief(diff.findings.new), [
    'unimplemented REQ-010 requirements/reqs.md:17', 'unverified REQ-010 requirements/reqs.md:17', 'unknown-id REQ-002 test/pump_test.c:5',
  ]);
});

test('coverage gained and lost per item, with both sides\' figures', async () => {
  const diff = await diffOf({
    'src/pump.c': '// Implements: REQ-001\nint bolus;\n// Implements: REQ-002\nint basal;\n',
    'requirements/reqs.md': BASE['requirements/reqs.md'].replace('- mitigates: RISK-001\n', ''),
  });
  assert.deepEqual(diff.coverage.gained.map((c) => [c.id, c.gained]), [['REQ-002', ['implemented']]]);
  assert.deepEqual(diff.coverage.lost.map((c) => [c.id, c.lost, c.before.state, c.after.state]), [['REQ-003', ['implemented'], 'complete', 'partial'], ['RISK-001', ['mitigated'], 'complete', 'none']]);
  assert.deepEqual(diff.items.changed.map((c) => [c.id, c.fields, c.attributes, c.links]), [
    ['REQ-001', ['links', 'attribute:mitigates'], [{ name: 'mitigates', before: 'RISK-001' }], { before: ['mitigates RISK-001'], after: [] }],
  ]);
  assert.deepEqual([diff.coverage.before.implemented, diff.coverage.after.implemented, diff.coverage.before.implementedPercent, diff.coverage.after.implementedPercent], [2, 2, 66.7, 66.7]);
  assert.deepEqual([diff.coverage.before.mitigatedRisks, diff.coverage.after.mitigatedRisks], [1, 0]);
});

function finding(rule: string, id: string, line: number, message = `${id} is not defined in any requirement file`, file = 'src/a.c'): Finding {
  return { rule, severity: 'error', id, file, line, column: 4, message };
}

test('findings are matched without positions; among equal ones the same place first, then order', () => {
  // Moved: neither new nor fixed.
  assert.deepEqual(matchFindings([finding('unknown-id', 'REQ-9', 3)], [finding('unknown-id', 'REQ-9', 30)]), { new: [], fixed: [] });
  // A third identical tag between two that stayed: the new one is the one in the middle.
  const two = [finding('unknown-id', 'REQ-9', 10), finding('unknown-id', 'REQ-9', 20)];
  assert.deepEqual(matchFindings(two, [...two, finding('unknown-id', 'REQ-9', 15)]).new.map((f) => f.line), [15]);
  // All moved and one more: the count is exact, the last in order is called new.
  const shifted = [13, 18, 23].map((line) => finding('unknown-id', 'REQ-9', line));
  assert.deepEqual(matchFindings(two, shifted), { new: [shifted[2]], fixed: [] });
  // Two at the very same place on one side, one on the other: one fixed.
  assert.deepEqual(matchFindings([finding('unknown-id', 'REQ-9', 10), finding('unknown-id', 'REQ-9', 10)], [finding('unknown-id', 'REQ-9', 10)]).fixed.length, 1);
  // A different file, rule, ID or message is a different finding.
  assert.deepEqual(matchFindings([finding('unknown-id', 'REQ-9', 3)], [finding('unknown-id', 'REQ-9', 3, undefined, 'src/b.c')]).fixed.map((f) => f.file), ['src/a.c']);
  // Positions quoted in a message do not count.
  const dup = (where: string) => finding('duplicate-id', 'REQ-1', 4, `REQ-1 is defined 2 times (also at ${where})`, 'reqs.md');
  assert.equal(findingKey(dup('reqs.md:12')), findingKey(dup('reqs.md:40')));
  assert.notEqual(findingKey(dup('reqs.md:12')), findingKey(dup('other.md:12')));
});

test('a revision is checked as the same files in memory are: the pipeline does not know the difference', async () => {
  const files = Object.fromEntries(Object.entries(BASE).map(([file, text]) => [`project/${file}`, text]));
  const fs = await RevisionFileSystem.open(fakeGit(files), COMMIT, 'project', ROOT);
  const fromGit = await checkProject({ root: ROOT, fs, scanner: new LocalScanService(parser, fs) });
  const inMemory = await check(BASE);
  assert.deepEqual([fromGit.items, fromGit.references, fromGit.findings, fromGit.summary], [inMemory.items, inMemory.references, inMemory.findings, inMemory.summary]);
  assert.ok(fromGit.references.length === 4 && fromGit.items.length === 4);
});

/** Counts the files a scan service is asked to scan. */
function counting(inner: ScanService): ScanService & { scanned: string[] } {
  const scanned: string[] = [];
  return { scanned, scanFiles: (root, files, settings) => { scanned.push(...files); return inner.scanFiles(root, files, settings); } };
}

test('the memo scans a file unchanged between the two sides once, and reads no unchanged blob', async () => {
  const memo = new BaselineMemo();
  const headFs: FileSystem = new MemoryFileSystem(ROOT, { ...BASE, 'src/pump.c': `${BASE['src/pump.c']}// Implements: REQ-002\n` });
  const head = counting(new LocalScanService(parser, headFs));
  const bytesOf = async (root: string, file: string) => gitBlobId(await headFs.readFile(path.join(root, file)));
  const after = await checkProject({ root: ROOT, fs: headFs, scanner: memo.scanService(head, bytesOf), requirementCache: memo.requirementCache });
  assert.deepEqual(head.scanned, ['src/pump.c', 'test/pump_test.c']);

  const git = fakeGit(Object.fromEntries(Object.entries(BASE).map(([file, text]) => [`project/${file}`, text])));
  const baseFs = await RevisionFileSystem.open(git, COMMIT, 'project', ROOT);
  const base = counting(new LocalScanService(parser, baseFs));
  const before = await checkProject({ root: ROOT, fs: baseFs, scanner: memo.scanService(base, async (_root, file) => baseFs.objectId(file)), requirementCache: memo.requirementCache });
  assert.deepEqual(base.scanned, ['src/pump.c']);
  // Read: the config, the requirement file (hashed for the cache, then answered by it) and the changed code file.
  assert.deepEqual(git.blobReads.map((id) => [...Object.entries(BASE)].find(([, text]) => gitBlobId(new TextEncoder().encode(text)) === id)?.[0]), ['tracelens.json', 'requirements/reqs.md', 'src/pump.c']);
  assert.deepEqual(compareBaselines(before, after).coverage.gained.map((c) => c.id), ['REQ-002']);
  assert.deepEqual(before.references, (await check(BASE)).references);
});
