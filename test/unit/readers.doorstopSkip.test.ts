// Verifies: TL-240
// Doorstop's `.doorstop.skip` and `.doorstop.skip-all`: the documents they mark are not read, as
// Doorstop does not read them, and every file not read is reported as skipped.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { defaultConfig } from '../../src/core/config/parse';
import { MemoryFileSystem } from '../../src/core/files/memoryFileSystem';
import { listProjectFiles } from '../../src/core/files/projectFiles';
import { checkProject } from '../../src/core/project/check';
import { ProjectIndex } from '../../src/core/project/projectIndex';
import { readRequirements } from '../../src/core/readers';
import { formatJson } from '../../src/core/reports/jsonReport';
import { formatText } from '../../src/core/reports/textReport';
import { LocalScanService } from '../../src/core/scan/localScanService';
import { CommentParser } from '../../src/parsing/commentParser';

const config = defaultConfig(['reqs']);

const SYS = 'settings:\n  prefix: SYS\n  sep: \'\'\n  digits: 3\n';
const REQ = 'settings:\n  prefix: REQ\n  parent: SYS\n  sep: \'\'\n  digits: 3\n';
const TST = 'settings:\n  prefix: TST\n  parent: REQ\n  sep: \'\'\n  digits: 3\n';

/** A tree: SYS at the top, REQ below it (with an item in a plain subfolder), TST embedded in REQ's folder. */
const TREE: Record<string, string> = {
  'reqs/.doorstop.yml': SYS,
  'reqs/SYS001.yml': 'text: Top.\n',
  'reqs/sw/.doorstop.yml': REQ,
  'reqs/sw/REQ001.yml': 'links:\n- SYS001\ntext: One.\n',
  'reqs/sw/more/REQ002.yml': 'links:\n- SYS001\ntext: Two.\n',
  'reqs/sw/tests/.doorstop.yml': TST,
  'reqs/sw/tests/TST001.yml': 'links:\n- REQ001\ntext: Test.\n',
};

function project(files: Record<string, string>): MemoryFileSystem {
  return new MemoryFileSystem(path.resolve('/tracelens-memory/doorstop-skip'), files);
}

async function read(files: Record<string, string>) {
  const fs = project(files);
  return readRequirements(fs, fs.root, Object.keys(files).sort(), config);
}

describe('Doorstop skip markers', () => {
  it('skips the document of a .doorstop.skip folder, its items in plain subfolders too, but not a document below it', async () => {
    const { items, problems, skipped } = await read({ ...TREE, 'reqs/sw/.doorstop.skip': '' });
    assert.deepEqual(items.map((i) => [i.id, i.file]), [['SYS001', 'reqs/SYS001.yml'], ['TST001', 'reqs/sw/tests/TST001.yml']]);
    // Verifies: TL-242
    // TST's parent REQ is skipped: Doorstop refuses that tree, said at TST's `parent` value.
    assert.deepEqual(problems, [{
      file: 'reqs/sw/tests/.doorstop.yml', line: 3, column: 11,
      message: 'The parent document REQ is skipped by reqs/sw/.doorstop.skip: Doorstop refuses a tree in which a document\'s parent is skipped, and links to REQ items cannot be checked.',
    }]);
    const detail = 'Doorstop document REQ is skipped by reqs/sw/.doorstop.skip';
    assert.deepEqual(skipped, [
      { file: 'reqs/sw/.doorstop.yml', reason: 'doorstop-skip', detail },
      { file: 'reqs/sw/REQ001.yml', reason: 'doorstop-skip', detail },
      { file: 'reqs/sw/more/REQ002.yml', reason: 'doorstop-skip', detail },
    ]);
    // A skipped document is nobody's child: SYS is a leaf of the tree as read.
    assert.deepEqual(items[0]!.documentNeeds, ['impl', 'test']);
  });

  it('skips every document in and below a .doorstop.skip-all folder, and nothing above it', async () => {
    const { items, skipped } = await read({ ...TREE, 'reqs/sw/.doorstop.skip-all': '' });
    assert.deepEqual(items.map((i) => i.id), ['SYS001']);
    assert.deepEqual(skipped.map((s) => [s.file, s.detail]), [
      ['reqs/sw/.doorstop.yml', 'Doorstop document REQ is skipped by reqs/sw/.doorstop.skip-all'],
      ['reqs/sw/REQ001.yml', 'Doorstop document REQ is skipped by reqs/sw/.doorstop.skip-all'],
      ['reqs/sw/more/REQ002.yml', 'Doorstop document REQ is skipped by reqs/sw/.doorstop.skip-all'],
      ['reqs/sw/tests/.doorstop.yml', 'Doorstop document TST is skipped by reqs/sw/.doorstop.skip-all'],
      ['reqs/sw/tests/TST001.yml', 'Doorstop document TST is skipped by reqs/sw/.doorstop.skip-all'],
    ]);
  });

  it('says nothing of the parent when the child is skipped too, or when the parent is read', async () => {
    // Verifies: TL-242
    assert.deepEqual((await read({ ...TREE, 'reqs/sw/.doorstop.skip-all': '' })).problems, []);
    assert.deepEqual((await read({ ...TREE, 'reqs/sw/tests/.doorstop.skip': '' })).problems, []);
    assert.deepEqual((await read(TREE)).problems, []);
  });

  it('keeps the folder of a skipped document whose .doorstop.yml Doorstop would reject: no problem, its files skipped', async () => {
    const { items, problems, skipped } = await read({
      'reqs/.doorstop.yml': SYS, 'reqs/SYS001.yml': 'text: Top.\n',
      'reqs/old/.doorstop.yml': 'settings:\n  digits: x\n', 'reqs/old/.doorstop.skip': '', 'reqs/old/OLD001.yml': 'text: Old.\n',
    });
    assert.deepEqual(items.map((i) => i.id), ['SYS001']);
    assert.deepEqual(problems, []);
    assert.deepEqual(skipped.map((s) => [s.file, s.detail]), [
      ['reqs/old/.doorstop.yml', 'Doorstop document in reqs/old is skipped by reqs/old/.doorstop.skip'],
      ['reqs/old/OLD001.yml', 'Doorstop document in reqs/old is skipped by reqs/old/.doorstop.skip'],
    ]);
  });

  it('lists a marker beside a .doorstop.yml the requirement globs reach, and no other', async () => {
    const fs = project({ ...TREE, 'reqs/sw/.doorstop.skip': '', 'vendor/.doorstop.skip-all': '', 'vendor/.doorstop.yml': SYS });
    const listed = await listProjectFiles(fs, fs.root, config);
    assert.deepEqual(listed.requirementFiles.filter((f) => f.includes('.doorstop.skip')), ['reqs/sw/.doorstop.skip']);
    assert.deepEqual(listed.unreadableFiles, []);
    // A glob that names every file reaches the marker itself: read, not "no reader understands".
    const all = await listProjectFiles(fs, fs.root, defaultConfig(['reqs/**']));
    assert.deepEqual([all.requirementFiles.includes('reqs/sw/.doorstop.skip'), all.unreadableFiles], [true, []]);
  });

  let parser: CommentParser;
  before(async () => { parser = await CommentParser.create(); });
  after(() => parser.dispose());

  it('reports the skipped files in a check (text and JSON), never as files without items', async () => {
    const fs = project({ ...TREE, 'reqs/sw/.doorstop.skip': '', 'src/top.c': '// Implements: SYS001\n// Verifies: SYS001\nint top;\n' });
    const result = await checkProject({ root: fs.root, fs, scanner: new LocalScanService(parser, fs) });
    // An item of a document read that links into a skipped one links to nothing read.
    // …and the document above it says why: its parent is skipped.
    assert.deepEqual(result.findings.map((f) => [f.rule, f.file, f.line, f.column, f.id]), [
      ['invalid-file', 'reqs/sw/tests/.doorstop.yml', 3, 11, undefined],
      ['broken-link', 'reqs/sw/tests/TST001.yml', 2, 3, 'REQ001'],
    ]);
    assert.deepEqual(result.skipped.map((s) => [s.file, s.reason]), [
      ['reqs/sw/.doorstop.yml', 'doorstop-skip'], ['reqs/sw/REQ001.yml', 'doorstop-skip'], ['reqs/sw/more/REQ002.yml', 'doorstop-skip'],
    ]);
    const text = formatText(result, '', { color: false });
    assert.match(text, /Skipped 3 files:\n {2}reqs\/sw\/\.doorstop\.yml {2}doorstop-skip \(Doorstop document REQ is skipped by reqs\/sw\/\.doorstop\.skip\)\n/);
    const json = JSON.parse(formatJson(result, '')) as { skipped: unknown[]; summary: { skippedFiles: number } };
    assert.deepEqual(json.skipped[1], { file: 'reqs/sw/REQ001.yml', reason: 'doorstop-skip', detail: 'Doorstop document REQ is skipped by reqs/sw/.doorstop.skip' });
    assert.equal(json.summary.skippedFiles, 3);
  });

  it('says so when every requirement file is skipped', async () => {
    const fs = project({ 'reqs/.doorstop.yml': SYS, 'reqs/SYS001.yml': 'text: Top.\n', 'reqs/.doorstop.skip-all': '' });
    const result = await checkProject({ root: fs.root, fs, scanner: new LocalScanService(parser, fs) });
    assert.deepEqual(result.findings.map((f) => [f.rule, f.file, f.message]), [[
      'no-requirements', 'tracelens.json',
      'No requirements found: looked in reqs/**/{*.{md,markdown,yml,yaml,sdoc,sfra,ssec,rst,reqif,reqifz},needs.json} (the default folder); 3 files matched, none holds an item (2 of them in Doorstop documents skipped by .doorstop.skip or .doorstop.skip-all). Point "requirements" in tracelens.json at your requirement files (folders, files or globs), or run `tracelens init` for a starter.',
    ]]);
  });

  it('reads a document again in the editor when its marker appears or goes', async () => {
    const fs = project(TREE);
    const index = new ProjectIndex(fs.root, fs, parser, new LocalScanService(parser, fs));
    try {
      await index.load();
      const ids = () => index.snapshot().items.map((i) => i.id);
      assert.deepEqual(ids(), ['SYS001', 'REQ001', 'REQ002', 'TST001']);
      fs.write('reqs/sw/.doorstop.skip', '');
      await index.fileChangedOnDisk('reqs/sw/.doorstop.skip');
      assert.deepEqual(ids(), ['SYS001', 'TST001']);
      assert.deepEqual(index.snapshot().skipped.map((s) => s.file), ['reqs/sw/.doorstop.yml', 'reqs/sw/REQ001.yml', 'reqs/sw/more/REQ002.yml']);
      // No file without items; the one problem is TST's parent being skipped (TL-242).
      const fileFindings = () => index.snapshot().findings.filter((f) => f.rule === 'no-items' || f.rule === 'invalid-file').map((f) => [f.rule, f.file, f.line]);
      assert.deepEqual(fileFindings(), [['invalid-file', 'reqs/sw/tests/.doorstop.yml', 3]]);
      fs.delete('reqs/sw/.doorstop.skip');
      await index.fileDeleted('reqs/sw/.doorstop.skip');
      assert.deepEqual(ids(), ['SYS001', 'REQ001', 'REQ002', 'TST001']);
      assert.deepEqual(index.snapshot().skipped, []);
      assert.deepEqual(fileFindings(), []);
    } finally {
      index.dispose();
    }
  });
});
