// Verifies: TL-062
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CommentParser } from '../../src/parsing/commentParser';
import { LocalScanService } from '../../src/core/scan/localScanService';
import { ProjectIndex } from '../../src/core/project/projectIndex';
import { diffToChange } from '../../src/core';
import { memoryProject } from '../helpers/project';

let parser: CommentParser;
before(async () => { parser = await CommentParser.create(); });
after(() => parser.dispose());

/** The `gaps` fixture indexed from memory; `fs` changes its files "on disk". */
async function openIndex() {
  const fs = memoryProject('gaps');
  const index = new ProjectIndex(fs.root, fs, parser, new LocalScanService(parser, fs));
  await index.load();
  return { fs, index, done: () => index.dispose() };
}

const rules = (index: ProjectIndex, id: string) => index.snapshot().findings.filter((f) => f.id === id).map((f) => f.rule).sort();

test('an unsaved edit updates references and findings incrementally', async () => {
  const p = await openIndex();
  try {
    const file = 'src/dose.c';
    assert.deepEqual(rules(p.index, 'REQ-099'), ['unknown-id']);
    const original = `int f(void) {\n    return 0; // Implements: REQ-099\n}\n`;
    await p.index.setCodeText(file, original);
    const edited = original.replace('REQ-099', 'REQ-002');
    await p.index.setCodeText(file, edited, [diffToChange(original, edited)]);
    assert.deepEqual(rules(p.index, 'REQ-099'), []);
    assert.ok(!rules(p.index, 'REQ-002').includes('unimplemented'), 'REQ-002 is implemented by the buffer');
    const ref = p.index.snapshot().references.find((r) => r.file === file && r.id === 'REQ-002');
    assert.deepEqual([ref?.line, ref?.column, ref?.symbol], [2, 30, 'f']);
  } finally {
    p.done();
  }
});

test('a string edit is never a reference, even in a live buffer', async () => {
  const p = await openIndex();
  try {
    await p.index.setCodeText('src/new.c', 'const char *s = "Implements: REQ-002";\n');
    assert.ok(rules(p.index, 'REQ-002').includes('unimplemented'));
  } finally {
    p.done();
  }
});

test('editing a requirement re-checks what depends on it at once', async () => {
  const p = await openIndex();
  try {
    assert.deepEqual(rules(p.index, 'REQ-099'), ['unknown-id']);
    await p.index.setRequirementText('requirements/extra.md', '## REQ-099: Now defined\n- class: A\n\nText.\n');
    assert.deepEqual(rules(p.index, 'REQ-099'), ['unverified']);
  } finally {
    p.done();
  }
});

test('a new prefix in a requirement file makes existing comments references', async () => {
  const p = await openIndex();
  try {
    assert.ok(!p.index.snapshot().references.some((r) => r.id.startsWith('UTF')));
    const changed = await p.index.setRequirementText('requirements/extra.md', '## UTF-8: Text encoding\n\nAll text is UTF-8.\n');
    assert.equal(changed, true);
    assert.ok(p.index.snapshot().references.some((r) => r.id === 'UTF-8' && r.file === 'src/dose.c'));
  } finally {
    p.done();
  }
});

test('files created, changed and deleted on disk are picked up', async () => {
  const p = await openIndex();
  try {
    p.fs.write('src/alarm.c', '// Implements: REQ-002\nvoid alarm(void) {}\n');
    await p.index.fileChangedOnDisk('src/alarm.c');
    assert.ok(!rules(p.index, 'REQ-002').includes('unimplemented'));
    assert.ok(p.fs.delete('src/alarm.c'));
    await p.index.fileDeleted('src/alarm.c');
    assert.ok(rules(p.index, 'REQ-002').includes('unimplemented'));
    assert.ok(p.fs.delete('requirements/risks.yml'));
    await p.index.fileDeleted('requirements/risks.yml');
    assert.deepEqual(rules(p.index, 'RISK-002'), []);
    assert.ok(p.index.snapshot().findings.some((f) => f.rule === 'broken-link' && f.id === 'RISK-001'));
  } finally {
    p.done();
  }
});

test('the snapshot keeps one sorted code file list until a code file is added or removed', async () => {
  const p = await openIndex();
  try {
    const first = p.index.snapshot().codeFiles;
    assert.deepEqual(first, [...first].sort());
    // An edit re-scans a file the index has: the list stays the same array (the results' path index is kept).
    await p.index.setCodeText('src/dose.c', 'int f(void) { return 0; } // Implements: REQ-002\n');
    assert.equal(p.index.snapshot().codeFiles, first);
    p.fs.write('src/new.c', '// Implements: REQ-002\nvoid n(void) {}\n');
    await p.index.fileChangedOnDisk('src/new.c');
    const added = p.index.snapshot().codeFiles;
    assert.notEqual(added, first);
    assert.deepEqual(added, [...first, 'src/new.c'].sort());
    assert.ok(p.fs.delete('src/new.c'));
    await p.index.fileDeleted('src/new.c');
    assert.deepEqual(p.index.snapshot().codeFiles, first);
  } finally {
    p.done();
  }
});

test('closing a buffer falls back to the file on disk', async () => {
  const p = await openIndex();
  try {
    await p.index.setCodeText('src/dose.c', '// nothing here\n');
    assert.deepEqual(rules(p.index, 'REQ-099'), []);
    await p.index.closeDocument('src/dose.c');
    assert.deepEqual(rules(p.index, 'REQ-099'), ['unknown-id']);
  } finally {
    p.done();
  }
});

test('roles: config, requirement, code, excluded and other files', async () => {
  const p = await openIndex();
  try {
    assert.equal(p.index.roleOf('tracelens.json'), 'config');
    assert.equal(p.index.roleOf('requirements/software.md'), 'requirement');
    assert.equal(p.index.roleOf('src/dose.c'), 'code');
    assert.equal(p.index.roleOf('vendor/third_party.c'), 'other');
    assert.equal(p.index.roleOf('README.txt'), 'other');
  } finally {
    p.done();
  }
});

test('diffToChange finds the single edited region', () => {
  assert.deepEqual(diffToChange('abcdef', 'abXYef'), { start: 2, deleteCount: 2, insertText: 'XY' });
  assert.deepEqual(diffToChange('aaa', 'aaaa'), { start: 3, deleteCount: 0, insertText: 'a' });
  assert.deepEqual(diffToChange('same', 'same'), { start: 4, deleteCount: 0, insertText: '' });
});

test('files created after the walk are indexed only when the CLI would list them', async () => {
  const p = await openIndex();
  try {
    p.fs.write('build/gen.c', '// Implements: REQ-002\n');
    p.fs.write('src/x.generated.c', '// Implements: REQ-002\n');
    p.fs.write('vendor/lib/v.c', '// Implements: REQ-002\n');
    for (const file of ['build/gen.c', 'src/x.generated.c', 'vendor/lib/v.c']) {
      await p.index.fileChangedOnDisk(file);
      assert.ok(!p.index.snapshot().codeFiles.includes(file), file);
    }
    assert.ok(rules(p.index, 'REQ-002').includes('unimplemented'), 'ignored and excluded files implement nothing');
    p.fs.write('src/real.c', '// Implements: REQ-002\n');
    await p.index.fileChangedOnDisk('src/real.c');
    assert.ok(p.index.snapshot().codeFiles.includes('src/real.c'));
    assert.ok(!rules(p.index, 'REQ-002').includes('unimplemented'));
  } finally {
    p.done();
  }
});
