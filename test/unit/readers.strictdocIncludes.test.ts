// Verifies: TL-241
// StrictDoc composed documents: [DOCUMENT_FROM_FILE] and the older [FRAGMENT_FROM_FILE]. Every
// StrictDoc file is read once, by itself; the includes are judged over the project.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { defaultConfig } from '../../src/core/config/parse';
import { MemoryFileSystem } from '../../src/core/files/memoryFileSystem';
import { listProjectFiles } from '../../src/core/files/projectFiles';
import type { ItemKind } from '../../src/core/model/types';
import { checkProject } from '../../src/core/project/check';
import { ProjectIndex } from '../../src/core/project/projectIndex';
import { readRequirements } from '../../src/core/readers';
import { readStrictDoc, resolveInclude } from '../../src/core/readers/strictdoc';
import { LocalScanService } from '../../src/core/scan/localScanService';
import { CommentParser } from '../../src/parsing/commentParser';

const kindOf = (): ItemKind => 'requirement';

/** The including document: a section holding an include, then an item of its own. */
const MAIN = [
  '[DOCUMENT]', 'TITLE: Pump software', '',
  '[[SECTION]]', 'TITLE: Alarms', '',
  '[DOCUMENT_FROM_FILE]', 'FILE: alarms/occlusion.sdoc', '',
  '[[/SECTION]]', '',
  '[REQUIREMENT]', 'UID: SRS-001', 'TITLE: Bolus', '',
].join('\n');

/** The included document: a full document with a section and an item, and an include of its own. */
const OCCLUSION = [
  '[DOCUMENT]', 'TITLE: Occlusion', 'OPTIONS:', '  AUTO_LEVELS: On', '',
  '[[SECTION]]', 'TITLE: Detection', '',
  '[REQUIREMENT]', 'UID: SRS-010', 'TITLE: Detect an occlusion', '',
  '[[/SECTION]]', '',
  '[DOCUMENT_FROM_FILE]', 'FILE: ../common/limits.sdoc', '',
].join('\n');

const LIMITS = '[DOCUMENT]\nTITLE: Limits\n\n[REQUIREMENT]\nUID: SRS-020\nTITLE: Pressure limit\n';

function project(files: Record<string, string>): MemoryFileSystem {
  return new MemoryFileSystem(path.resolve('/tracelens-memory/strictdoc-includes'), files);
}

async function read(files: Record<string, string>) {
  const fs = project(files);
  const listed = await listProjectFiles(fs, fs.root, defaultConfig(['docs']));
  return readRequirements(fs, fs.root, listed.requirementFiles, defaultConfig(['docs']));
}

const shown = (problems: ReadonlyArray<{ file: string; line: number; column: number; message: string }>) => problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`);

describe('StrictDoc includes in one document', () => {
  it('records each include at its FILE value, resolved against the including file, and keeps the sections balanced', () => {
    const result = readStrictDoc(MAIN, { file: 'docs/main.sdoc', kindOf });
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.items.map((i) => [i.id, i.line, i.column]), [['SRS-001', 13, 6]]);
    assert.deepEqual(result.includes, [{ line: 8, column: 7, directive: 'DOCUMENT_FROM_FILE', written: 'alarms/occlusion.sdoc', target: 'docs/alarms/occlusion.sdoc' }]);
  });

  it('reports what StrictDoc rejects: no FILE, and a [DOCUMENT_FROM_FILE] of another extension', () => {
    const result = readStrictDoc('[DOCUMENT]\nTITLE: T\n\n[DOCUMENT_FROM_FILE]\n\n[DOCUMENT_FROM_FILE]\nFILE: chapter.txt\n', { file: 'docs/main.sdoc', kindOf });
    assert.deepEqual(shown(result.problems), [
      'docs/main.sdoc:4:1 [DOCUMENT_FROM_FILE] needs a FILE: the path of the included file, relative to this document (like "FILE: chapter.sdoc").',
      'docs/main.sdoc:7:7 [DOCUMENT_FROM_FILE] includes "chapter.txt": StrictDoc includes documents only, files with the .sdoc extension.',
    ]);
    assert.equal(result.includes, undefined);
  });

  it('reads a fragment file of StrictDoc before 0.0.50: [FRAGMENT] is its first line, its nodes are items', () => {
    const result = readStrictDoc('[FRAGMENT]\n\n[SECTION]\nTITLE: Pressure\n\n[REQUIREMENT]\nUID: SRS-030\nTITLE: Limit\n\n[/SECTION]\n', { file: 'docs/pressure.sfra', kindOf });
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.items.map((i) => [i.id, i.file, i.line, i.column]), [['SRS-030', 'docs/pressure.sfra', 7, 6]]);
  });

  it('resolves paths as StrictDoc joins them, and none that leaves the project', () => {
    assert.equal(resolveInclude('docs/a/main.sdoc', './b/../c.sdoc'), 'docs/a/c.sdoc');
    assert.equal(resolveInclude('docs/main.sdoc', 'sub\\part.sdoc'), 'docs/sub/part.sdoc');
    assert.equal(resolveInclude('docs/main.sdoc', '../../outside.sdoc'), undefined);
    assert.equal(resolveInclude('docs/main.sdoc', '/abs/x.sdoc'), undefined);
  });
});

describe('StrictDoc includes in a project', () => {
  it('reads every item once, at its own file and line, however deep the includes', async () => {
    const { items, problems } = await read({ 'docs/main.sdoc': MAIN, 'docs/alarms/occlusion.sdoc': OCCLUSION, 'docs/common/limits.sdoc': LIMITS });
    assert.deepEqual(problems, []);
    assert.deepEqual(items.map((i) => [i.id, i.file, i.line, i.column]), [
      ['SRS-010', 'docs/alarms/occlusion.sdoc', 10, 6],
      ['SRS-020', 'docs/common/limits.sdoc', 5, 6],
      ['SRS-001', 'docs/main.sdoc', 13, 6],
    ]);
  });

  it('reports an included file the requirement files do not hold, at the include, and reads the rest', async () => {
    const { items, problems } = await read({ 'docs/main.sdoc': MAIN, 'docs/alarms/occlusion.sdoc': OCCLUSION, 'common/limits.sdoc': LIMITS });
    assert.deepEqual(items.map((i) => i.id), ['SRS-010', 'SRS-001']);
    assert.deepEqual(shown(problems), [
      'docs/alarms/occlusion.sdoc:16:7 [DOCUMENT_FROM_FILE] FILE: ../common/limits.sdoc names docs/common/limits.sdoc, which is not among the requirement files (it does not exist, or "requirements" or "exclude" leave it out): its nodes are not read.',
    ]);
    const outside = await read({ 'docs/main.sdoc': '[DOCUMENT]\nTITLE: T\n\n[DOCUMENT_FROM_FILE]\nFILE: ../../x.sdoc\n' });
    assert.deepEqual(shown(outside.problems), ['docs/main.sdoc:5:7 [DOCUMENT_FROM_FILE] FILE: ../../x.sdoc names a file outside the project: its nodes are not read.']);
  });

  it('reports a document with items included twice, at the second include', async () => {
    const { problems } = await read({
      'docs/a.sdoc': '[DOCUMENT]\nTITLE: A\n\n[DOCUMENT_FROM_FILE]\nFILE: common/limits.sdoc\n',
      'docs/b.sdoc': '[DOCUMENT]\nTITLE: B\n\n[DOCUMENT_FROM_FILE]\nFILE: common/limits.sdoc\n',
      'docs/common/limits.sdoc': LIMITS,
    });
    assert.deepEqual(shown(problems), [
      'docs/b.sdoc:5:7 [DOCUMENT_FROM_FILE] FILE: common/limits.sdoc: docs/common/limits.sdoc is already included at docs/a.sdoc:5; StrictDoc includes a document that holds nodes only once.',
    ]);
  });

  it('reports a cycle of includes once, at the include that closes it', async () => {
    const { items, problems } = await read({
      'docs/a.sdoc': '[DOCUMENT]\nTITLE: A\n\n[DOCUMENT_FROM_FILE]\nFILE: b.sdoc\n',
      'docs/b.sdoc': '[DOCUMENT]\nTITLE: B\n\n[REQUIREMENT]\nUID: SRS-040\n\n[DOCUMENT_FROM_FILE]\nFILE: a.sdoc\n',
      'docs/self.sdoc': '[DOCUMENT]\nTITLE: Self\n\n[DOCUMENT_FROM_FILE]\nFILE: ./self.sdoc\n',
    });
    assert.deepEqual(items.map((i) => i.id), ['SRS-040']);
    assert.deepEqual(shown(problems), [
      'docs/b.sdoc:8:7 [DOCUMENT_FROM_FILE] FILE: a.sdoc closes a cycle of includes (docs/a.sdoc → docs/b.sdoc → docs/a.sdoc): StrictDoc cannot compose a document that includes itself.',
      'docs/self.sdoc:5:7 [DOCUMENT_FROM_FILE] FILE: ./self.sdoc closes a cycle of includes (docs/self.sdoc → docs/self.sdoc): StrictDoc cannot compose a document that includes itself.',
    ]);
  });

  it('reads the fragments of older StrictDoc that [FRAGMENT_FROM_FILE] includes, found in the requirement folder', async () => {
    const { items, problems } = await read({
      'docs/main.sdoc': '[DOCUMENT]\nTITLE: Old\n\n[FRAGMENT_FROM_FILE]\nFILE: nested.sfra\n\n[FRAGMENT_FROM_FILE]\nFILE: odd.ssec_nested\n',
      'docs/nested.sfra': '[FRAGMENT]\n\n[FRAGMENT_FROM_FILE]\nFILE: deeper.ssec\n',
      'docs/deeper.ssec': '[FRAGMENT]\n\n[REQUIREMENT]\nUID: SRS-050\nTITLE: Deep\n',
      'docs/odd.ssec_nested': '[FRAGMENT]\n\n[REQUIREMENT]\nUID: SRS-051\n',
    });
    assert.deepEqual(items.map((i) => [i.id, i.file, i.line]), [['SRS-050', 'docs/deeper.ssec', 4]]);
    assert.deepEqual(shown(problems), [
      'docs/main.sdoc:8:7 [FRAGMENT_FROM_FILE] FILE: odd.ssec_nested names docs/odd.ssec_nested, which is not among the requirement files (it does not exist, or "requirements" or "exclude" leave it out): its nodes are not read.',
    ]);
  });

  let parser: CommentParser;
  before(async () => { parser = await CommentParser.create(); });
  after(() => parser.dispose());

  it('gives the same findings in a check and in the editor, and in the editor as files come and go', async () => {
    const files = { 'tracelens.json': '{ "requirements": ["docs"] }', 'docs/main.sdoc': MAIN, 'docs/alarms/occlusion.sdoc': OCCLUSION };
    const fs = project(files);
    const result = await checkProject({ root: fs.root, fs, scanner: new LocalScanService(parser, fs) });
    const invalid = (findings: ReadonlyArray<{ rule: string; file: string; line: number }>) => findings.filter((f) => f.rule === 'invalid-file').map((f) => `${f.file}:${f.line}`);
    assert.deepEqual(invalid(result.findings), ['docs/alarms/occlusion.sdoc:16']);
    const index = new ProjectIndex(fs.root, fs, parser, new LocalScanService(parser, fs));
    try {
      await index.load();
      assert.deepEqual(invalid(index.snapshot().findings), ['docs/alarms/occlusion.sdoc:16']);
      fs.write('docs/common/limits.sdoc', LIMITS);
      await index.fileChangedOnDisk('docs/common/limits.sdoc');
      assert.deepEqual(invalid(index.snapshot().findings), []);
      assert.deepEqual(index.snapshot().items.map((i) => i.id), ['SRS-010', 'SRS-020', 'SRS-001']);
    } finally {
      index.dispose();
    }
  });
});
