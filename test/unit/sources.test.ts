// Verifies: TL-070, TL-071, TL-072
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { CommentParser } from '../../src/parsing/commentParser';
import { MemoryFileSystem } from '../../src/core/files/memoryFileSystem';
import { LocalScanService } from '../../src/core/scan/localScanService';
import { checkProject } from '../../src/core/project/check';
import { ProjectIndex } from '../../src/core/project/projectIndex';
import { parseConfig, REQUIREMENT_FILES_GLOB } from '../../src/core/config/parse';
import { formatText } from '../../src/core/reports/textReport';
import { isLandingPage } from '../../src/core/readers/fileTypes';
import type { Finding } from '../../src/core/model/types';

let parser: CommentParser;
before(async () => { parser = await CommentParser.create(); });
after(() => parser.dispose());

/** A project in memory holding `files`. */
const project = (files: Record<string, string>): MemoryFileSystem => new MemoryFileSystem(path.resolve('/project'), files);

const at = (f: Finding): string => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.rule} ${f.message}`;

const check = (fs: MemoryFileSystem) => checkProject({ root: fs.root, fs, scanner: new LocalScanService(parser, fs) });

test('configured entries that match nothing, unreadable files and files without items are each reported at their place', async () => {
  const config = '{\n  "requirements": ["docs/reqs/**", "specs/*.md"]\n}\n';
  const fs = project({
    'tracelens.json': config,
    'docs/reqs/README.md': '# Requirements\n\nThis folder holds the SRS.\n',
    'docs/reqs/notes.md': '# Notes\n\n## Meeting 2024-03-01\n\nProse only.\n',
    'docs/reqs/settings.yaml': 'name: not requirements\n',
    'docs/reqs/srs.docx': 'REQ-001\n=======\n',
    'docs/reqs/broken.yaml': 'items: [\n',
  });
  const result = await check(fs);
  assert.deepEqual(result.findings.filter((f) => f.rule !== 'invalid-file').map(at), [
    'docs/reqs/notes.md:1:1 warning no-items docs/reqs/notes.md holds no items: no heading starts with an ID (like "## REQ-001: Title"), and no front matter names an "id".',
    'docs/reqs/settings.yaml:1:1 warning no-items docs/reqs/settings.yaml holds no items: expected a mapping with "id", a list of items, or an "items:" list.',
    'docs/reqs/srs.docx:1:1 warning no-items docs/reqs/srs.docx was not read: no reader understands .docx files (Tracelens reads Markdown, YAML, StrictDoc, Doorstop, OpenFastTrace, sphinx-needs and ReqIF). Narrow "requirements" to your requirement files.',
    'tracelens.json:2:3 error no-requirements No requirements found: looked in docs/reqs/**, specs/*.md ("requirements" in tracelens.json); 5 files matched, none holds an item. Point "requirements" in tracelens.json at your requirement files (folders, files or globs), or run `tracelens init` for a starter.',
    'tracelens.json:2:36 error no-requirements "specs/*.md" in "requirements" matches no file.',
  ]);
  // The broken file has its own invalid-file finding, and no second one saying it holds nothing.
  assert.deepEqual(result.findings.filter((f) => f.rule === 'invalid-file').map((f) => f.file), ['docs/reqs/broken.yaml']);
  assert.equal(result.files.requirementFiles, 4, 'the .docx file is not counted as a requirement file');
  assert.equal(result.summary.implementedPercent, null);
  assert.doesNotMatch(formatText(result, '.'), /%/);

  // The editor's live index reports exactly what the check does.
  const index = new ProjectIndex(fs.root, fs, parser, new LocalScanService(parser, fs));
  try {
    const snapshot = await index.load();
    assert.deepEqual(snapshot.findings, result.findings);
    assert.deepEqual(snapshot.requirementFiles, ['docs/reqs/README.md', 'docs/reqs/broken.yaml', 'docs/reqs/notes.md', 'docs/reqs/settings.yaml']);
    // Defining an item in a buffer ends "nothing found" at once; deleting the unread file drops its warning.
    await index.setRequirementText('docs/reqs/notes.md', '## REQ-001: Dose\n\nText.\n');
    await index.fileDeleted('docs/reqs/srs.docx');
    assert.deepEqual(index.snapshot().findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule}`), [
      'docs/reqs/broken.yaml:2:1 invalid-file',
      'docs/reqs/notes.md:1:4 unimplemented',
      'docs/reqs/notes.md:1:4 unverified',
      'docs/reqs/settings.yaml:1:1 no-items',
      'tracelens.json:2:36 no-requirements',
    ]);
  } finally {
    index.dispose();
  }
});

test('requirement entries keep the position of each glob in tracelens.json', () => {
  const parsed = parseConfig('{\n  "requirements": [\n    "reqs",\n    "!bad",\n    "risks/*.yaml"\n  ]\n}\n', 'tracelens.json');
  assert.deepEqual(parsed.requirementEntries, [
    { entry: 'reqs', glob: `reqs/${REQUIREMENT_FILES_GLOB}`, at: { file: 'tracelens.json', line: 3, column: 5 } },
    { entry: 'risks/*.yaml', glob: 'risks/*.yaml', at: { file: 'tracelens.json', line: 5, column: 5 } },
  ]);
  assert.deepEqual(parsed.requirementsAt, { file: 'tracelens.json', line: 2, column: 3 });
});

test('a zero-config project with items is not reported; an empty Markdown file beside them is; landing pages are not', async () => {
  const fs = project({
    'requirements/README.md': '# About these requirements\n',
    'requirements/index.markdown': 'Index.\n',
    'requirements/srs.md': '## REQ-001: Dose\n\nText.\n',
    'requirements/draft.md': 'Nothing yet.\n',
    'src/main.c': '// Implements: REQ-001\n',
    'test/main_test.c': '// Verifies: REQ-001\n',
  });
  const result = await check(fs);
  assert.deepEqual(result.findings.map(at), [
    'requirements/draft.md:1:1 warning no-items requirements/draft.md holds no items: no heading starts with an ID (like "## REQ-001: Title"), and no front matter names an "id".',
  ]);
  assert.match(formatText(result, '.'), /· 1 requirement: 100% implemented, 100% verified ·/);
});

test('a default folder that holds no items says where Tracelens looked; items that are all system items give no percentage', async () => {
  const fs = project({ 'reqs/empty.yml': '# nothing yet\n' });
  const result = await check(fs);
  assert.deepEqual(result.findings.map(at), [
    'reqs/empty.yml:1:1 warning no-items reqs/empty.yml holds no items: expected a mapping with "id", a list of items, or an "items:" list.',
    `tracelens.json:1:1 error no-requirements No requirements found: looked in reqs/${REQUIREMENT_FILES_GLOB} (the default folder); 1 file matched, none holds an item. Point "requirements" in tracelens.json at your requirement files (folders, files or globs), or run \`tracelens init\` for a starter.`,
  ]);
  fs.write('reqs/empty.yml', 'id: SYS-001\ntitle: A need\n');
  const systemOnly = await check(fs);
  assert.deepEqual(systemOnly.findings, []);
  assert.match(formatText(systemOnly, '.'), /✔ 0 errors, 0 warnings, 0 info · no active requirements · 0 risks/);
});

test('a config without requirements and no default folder says to add them; the finding sits on the config file', async () => {
  const fs = project({ 'tracelens.json': '{ "defaultClass": "B" }\n' });
  const result = await check(fs);
  assert.deepEqual(result.findings.map(at), [
    'tracelens.json:1:1 error no-requirements No requirements found: tracelens.json names no "requirements", and none of the default folders requirements/, reqs/, docs/requirements/ exists. Add "requirements": ["<folder, file or glob>"] to it, or run `tracelens init` for a starter.',
  ]);
});

test('landing pages are README, index, _index, SUMMARY, CHANGELOG, CONTRIBUTING and LICENSE in Markdown only', () => {
  assert.deepEqual(['docs/README.md', 'a/index.markdown', '_index.md', 'SUMMARY.md', 'x/Readme.MD', 'readme.yml', 'docs/srs.md', 'readme-notes.md'].map(isLandingPage),
    [true, true, true, true, true, false, false, false]);
});
