// Verifies: TL-040, TL-041, TL-128
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../src/core/project/check';
import type { Item, Reference } from '../../src/core/model/types';
import type { FileRole, ProjectSnapshot, TextChange } from '../../src/core/project/projectIndex';
import { ChangeBatcher, mergeEvents } from '../../src/vscode/state/changeBatcher';
import { BULK_CHANGE_LIMIT, isAlwaysSkipped, Project, type LiveIndex, type OpenBuffer } from '../../src/vscode/state/project';
import { item, ref, testConfig } from '../helpers/model';

/** An index that records calls; `load` can be held open to observe the project mid-load. */
class FakeIndex implements LiveIndex {
  readonly calls: string[] = [];
  config = testConfig();
  configPath = 'tracelens.json';
  items: Item[] = [item('REQ-1', { line: 3 })];
  references = new Map<string, Reference[]>();
  private release: (() => void) | undefined;
  hold = false;
  onScan: (() => Promise<void>) | undefined;

  async load(): Promise<ProjectSnapshot> {
    this.calls.push('load');
    await this.onScan?.();
    if (this.hold) await new Promise<void>((resolve) => { this.release = resolve; });
    this.references.set('src/disk.c', [ref('REQ-1', 'implements', 'src/disk.c')]);
    return this.snapshot();
  }
  finishLoad(): void { this.release?.(); }
  roleOf(file: string): FileRole {
    if (file === this.configPath) return 'config';
    if (file.startsWith('requirements/')) return 'requirement';
    return /\.(c|py)$/.test(file) ? 'code' : 'other';
  }
  async setRequirementText(file: string): Promise<boolean> { this.calls.push(`req:${file}`); return false; }
  setCodeText(file: string, text: string, changes?: readonly TextChange[]): void {
    this.calls.push(`code:${file}:${changes ? 'incremental' : 'full'}`);
    this.references.set(file, [...text.matchAll(/REQ-[0-9]+/g)].map((m) => ref(m[0], 'implements', file)));
  }
  async closeDocument(file: string): Promise<void> { this.calls.push(`close:${file}`); }
  async fileChangedOnDisk(file: string): Promise<void> { this.calls.push(`disk:${file}`); }
  async fileDeleted(file: string): Promise<void> { this.calls.push(`deleted:${file}`); this.references.delete(file); }
  snapshot(): ProjectSnapshot {
    const references = [...this.references.values()].flat();
    const { findings, summary, index } = analyze({ items: this.items, references, problems: [] }, this.config);
    return {
      config: this.config, items: this.items, references, findings, skipped: [], summary, index,
      requirementFiles: ['requirements/reqs.md'], codeFiles: [...this.references.keys()].sort(),
    };
  }
  dispose(): void { this.calls.push('dispose'); }
}

function setup(buffers: OpenBuffer[] = [], directories: string[] = []) {
  const index = new FakeIndex();
  const project = new Project('/root', index, {
    openBuffers: () => buffers,
    isDirectory: async (file) => directories.includes(file),
  });
  index.onScan = () => project.beforeCodeScan();
  const phases: string[] = [];
  project.onDidChange((p) => phases.push(p.phase));
  return { index, project, phases };
}

const buffer = (file: string, text: string, options: Partial<OpenBuffer> = {}): OpenBuffer =>
  ({ file, text, version: 1, isDirty: false, isVisible: true, ...options });

test('a first load shows open editors before the code scan ends, then the full snapshot', async () => {
  const { index, project, phases } = setup([buffer('src/open.c', '// Implements: REQ-404')]);
  index.hold = true;
  const loaded = project.reload();
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(project.phase, 'partial');
  assert.deepEqual(project.snapshot!.findings.map((f) => `${f.rule}:${f.file}`).filter((r) => r.startsWith('unknown-id')), ['unknown-id:src/open.c']);
  index.finishLoad();
  await loaded;
  assert.equal(project.phase, 'ready');
  assert.deepEqual(phases, ['partial', 'ready']);
  assert.ok(project.snapshot!.codeFiles.includes('src/disk.c'));
  assert.ok(project.holdsBuffer('src/open.c'));
});

test('a reload keeps the previous snapshot until it is done', async () => {
  const { index, project } = setup();
  await project.reload();
  const before = project.snapshot;
  index.hold = true;
  const reloading = project.reload();
  await new Promise((resolve) => setImmediate(resolve));
  project.setCodeText('src/a.c', '// REQ-1', 2);
  assert.equal(project.snapshot, before, 'no half-loaded snapshot is published');
  index.finishLoad();
  await reloading;
  assert.notEqual(project.snapshot, before);
});

test('reloads waiting in the queue are coalesced', async () => {
  const { index, project } = setup();
  const first = project.reload();
  const second = project.reload();
  assert.equal(first, second);
  await first;
  await project.reload();
  assert.deepEqual(index.calls.filter((c) => c === 'load'), ['load', 'load']);
});

test('incremental edits are used only on top of the version the index holds', async () => {
  const { index, project } = setup();
  await project.reload();
  const change: TextChange = { start: 0, deleteCount: 0, insertText: 'x' };
  project.setCodeText('src/a.c', '// REQ-1', 1);
  project.setCodeText('src/a.c', 'x// REQ-1', 2, { baseVersion: 1, changes: [change] });
  project.setCodeText('src/a.c', 'xx// REQ-1', 4, { baseVersion: 3, changes: [change] });
  assert.deepEqual(index.calls.filter((c) => c.startsWith('code:')), ['code:src/a.c:full', 'code:src/a.c:incremental', 'code:src/a.c:full']);
});

test('oversized buffers are not parsed live', async () => {
  const { index, project } = setup();
  await project.reload();
  index.config = testConfig({ maxFileSize: 10 });
  project.setCodeText('src/a.c', '// REQ-1', 1);
  project.setCodeText('src/a.c', '// REQ-1 and a lot more text', 2);
  await project.whenIdle();
  assert.deepEqual(index.calls.filter((c) => /^(code|close):/.test(c)), ['code:src/a.c:full', 'close:src/a.c']);
  assert.equal(project.holdsBuffer('src/a.c'), false);
});

test('a cancelled requirement update is skipped', async () => {
  const { index, project } = setup();
  await project.reload();
  await project.setRequirementText('requirements/reqs.md', 'old', { isCancellationRequested: true });
  await project.setRequirementText('requirements/reqs.md', 'new', { isCancellationRequested: false });
  assert.deepEqual(index.calls.filter((c) => c.startsWith('req:')), ['req:requirements/reqs.md']);
});

test('file events update file by file; buffers the editor owns are left alone', async () => {
  const { index, project } = setup([buffer('requirements/reqs.md', 'unsaved', { isDirty: true })]);
  await project.reload();
  index.calls.length = 0;
  project.setCodeText('src/open.c', '// REQ-1', 1);
  await project.applyFileEvents(new Map([
    ['src/new.c', 'created'], ['src/open.c', 'changed'], ['requirements/reqs.md', 'changed'], ['src/disk.c', 'deleted'],
    ['node_modules/x/y.c', 'created'], ['README', 'changed'],
  ]));
  assert.deepEqual(index.calls, ['code:src/open.c:full', 'disk:src/new.c', 'req:requirements/reqs.md', 'deleted:src/disk.c']);
});

test('a deleted folder forgets the known files below it', async () => {
  const { index, project } = setup();
  await project.reload();
  index.references.set('src/sub/b.c', []);
  project.setCodeText('src/sub/b.c', '', 1);
  await project.applyFileEvents(new Map([['src', 'deleted']]));
  assert.ok(index.calls.includes('deleted:src/disk.c'));
  assert.ok(index.calls.includes('deleted:src/sub/b.c'));
  assert.equal(project.holdsBuffer('src/sub/b.c'), false);
});

test('config changes, created folders and bulk changes reload the project', async () => {
  const { index, project } = setup([], ['src/moved']);
  await project.reload();
  const loads = () => index.calls.filter((c) => c === 'load').length;
  await project.applyFileEvents(new Map([['tracelens.json', 'changed']]));
  assert.equal(loads(), 2);
  await project.applyFileEvents(new Map([['src/moved', 'created']]));
  assert.equal(loads(), 3);
  const bulk = new Map(Array.from({ length: BULK_CHANGE_LIMIT + 1 }, (_, i) => [`src/f${i}.c`, 'changed' as const]));
  await project.applyFileEvents(bulk);
  assert.equal(loads(), 4);
  assert.ok(!index.calls.some((c) => c.startsWith('disk:src/f')));
  // sphinx-needs types and link types are configuration too.
  await project.applyFileEvents(new Map([['docs/ubproject.toml', 'changed']]));
  assert.equal(loads(), 5);
});

test('a failed load is reported, not thrown', async () => {
  const { index, project } = setup();
  index.load = async () => { throw new Error('disk on fire'); };
  await project.reload();
  assert.equal(project.phase, 'failed');
  assert.equal(project.failure, 'disk on fire');
  assert.equal(project.roleOf('src/a.c'), 'other');
});

test('isAlwaysSkipped matches version-control and dependency folders only', () => {
  assert.ok(isAlwaysSkipped('node_modules/a/b.js'));
  assert.ok(isAlwaysSkipped('a/.git/HEAD'));
  assert.ok(!isAlwaysSkipped('src/node_modules_helper.c'));
});

test('file events merge per path and arrive in one batch', async () => {
  assert.equal(mergeEvents('created', 'changed'), 'created');
  assert.equal(mergeEvents('created', 'deleted'), 'deleted');
  assert.equal(mergeEvents('deleted', 'created'), 'changed');
  const batches: Array<Array<[string, string]>> = [];
  const batcher = new ChangeBatcher(20, (batch) => { batches.push([...batch]); });
  batcher.add('a.c', 'created');
  batcher.add('a.c', 'changed');
  batcher.add('b.c', 'deleted');
  assert.ok(batcher.busy);
  await batcher.whenIdle();
  assert.deepEqual(batches, [[['a.c', 'created'], ['b.c', 'deleted']]]);
  batcher.dispose();
});
