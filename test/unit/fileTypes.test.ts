// Verifies: TL-103, TL-104
/**
 * Files beyond source code: CI workflows, Dockerfiles and test scripts of any extension, mapped to a
 * language in tracelens.json (`languages`), scanned by the check and the CLI alike, with requirement
 * YAML files never read as code.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { CommentParser } from '../../src/parsing/commentParser';
import { checkProject } from '../../src/core/project/check';
import { loadProjectConfig } from '../../src/core/config/load';
import { listProjectFiles } from '../../src/core/files/projectFiles';
import { MemoryFileSystem } from '../../src/core/files/memoryFileSystem';
import { MemoryCacheStore } from '../../src/core/cache/memoryCacheStore';
import { ScanCache } from '../../src/core/cache/scanCache';
import { LocalScanService } from '../../src/core/scan/localScanService';
import { scanSettingsFor } from '../../src/core/scan/settings';
import { parseConfig } from '../../src/core/config/parse';
import { ProjectIndex } from '../../src/core/project/projectIndex';
import { diffToChange } from '../../src/core';
import { CodeScanner, type ScanStats } from '../../src/core/scan/codeScanner';
import { DEFAULT_KEYWORDS } from '../../src/core/config/types';
import { languageForPath } from '../../src/parsing/languages';
import { FILE_TYPES_PROJECT, FILE_TYPES_REFERENCES } from '../helpers/fileTypesProject';

let parser: CommentParser;
let fs: MemoryFileSystem;
let root: string;

before(async () => {
  parser = await CommentParser.create();
  fs = new MemoryFileSystem(path.resolve('/file-types'), FILE_TYPES_PROJECT);
  root = fs.root;
});
after(() => parser.dispose());

test('mapped, named and workflow files are code files; requirement YAML, unmapped and `none` files are not', async () => {
  const { config, problems } = await loadProjectConfig(fs, root);
  assert.deepEqual(problems, []);
  const listed = await listProjectFiles(fs, root, config);
  assert.deepEqual(listed.requirementFiles, ['requirements/reqs.yml']);
  assert.deepEqual(listed.codeFiles, ['.github/workflows/ci.yml', 'Dockerfile', 'ci/build.conf', 'test/pump.itest']);
});

test('the check finds the tags in their comments, with positions, languages and symbols, and none in strings or heredocs', async () => {
  const result = await checkProject({ root, fs, scanner: new LocalScanService(parser, fs) });
  const references = result.references.map((r) => `${r.file}:${r.line}:${r.column} ${r.id} ${r.relation} ${r.language} ${r.symbol ?? '-'}`);
  assert.deepEqual(references.sort(), FILE_TYPES_REFERENCES);
  assert.deepEqual(result.skipped, []);
});

test('a changed mapping is a different scan: the cache does not answer for it', async () => {
  const { config } = await loadProjectConfig(fs, root);
  const cache = await ScanCache.open(new MemoryCacheStore(), root);
  const families = { prefixes: ['REQ'] };
  const settings = scanSettingsFor(config, families);
  cache.reset(settings);
  assert.equal(cache.matches(settings), true);
  const remapped = parseConfig(JSON.stringify({ languages: { '.itest': 'python' } }), 'tracelens.json').config;
  assert.equal(cache.matches(scanSettingsFor({ ...config, languages: remapped.languages }, families)), false);
  const { languages: _, ...unmapped } = config;
  assert.equal(cache.matches(scanSettingsFor(unmapped, families)), false);
  // Without a mapping the settings carry none, so such projects keep their existing caches.
  assert.equal('languages' in scanSettingsFor(unmapped, families), false);
});

test('the editor index reads the same files as code, and keeps an edited buffer of a mapped file current', async () => {
  const index = new ProjectIndex(root, fs, parser, new LocalScanService(parser, fs));
  try {
    const snapshot = await index.load();
    const references = snapshot.references.map((r) => `${r.file}:${r.line}:${r.column} ${r.id} ${r.relation} ${r.language} ${r.symbol ?? '-'}`);
    assert.deepEqual(references.sort(), FILE_TYPES_REFERENCES);
    assert.equal(index.roleOf('test/pump.itest'), 'code');
    assert.equal(index.roleOf('requirements/reqs.yml'), 'requirement');
    assert.equal(index.roleOf('legacy/old.sh'), 'other');
    assert.equal(index.roleOf('docs/notes.itest2'), 'other');
    assert.equal(index.languageOf('test/pump.itest')?.id, 'bash');
    // A Dockerfile buffer is lexed again on each edit; a mapped shell buffer is re-parsed incrementally.
    await index.setCodeText('Dockerfile', '# Implements: REQ-3\nFROM alpine AS pump\n');
    await index.setCodeText('test/pump.itest', '#!/bin/sh\necho "REQ-1" # Verifies: REQ-2\n');
    const edited = index.snapshot().references.filter((r) => r.file === 'Dockerfile' || r.file === 'test/pump.itest');
    assert.deepEqual(edited.map((r) => `${r.file}:${r.line}:${r.column} ${r.id}`).sort(), ['Dockerfile:1:15 REQ-3', 'test/pump.itest:2:26 REQ-2']);
    const next = '# Implements: REQ-4 and RISK-1\nFROM alpine AS pump\n';
    await index.setCodeText('Dockerfile', next, [diffToChange('# Implements: REQ-3\nFROM alpine AS pump\n', next)]);
    assert.deepEqual(index.snapshot().references.filter((r) => r.file === 'Dockerfile').map((r) => `${r.line}:${r.column} ${r.id} ${r.symbol}`), ['1:15 REQ-4 pump']);
  } finally {
    index.dispose();
  }
});

test('YAML, TOML, Make, CMake and Dockerfiles without a candidate ID are never parsed or lexed', async () => {
  const stats: ScanStats = { files: 0, parsedChars: 0 };
  const scanner = new CodeScanner(parser, { prefixes: ['REQ'], keywords: DEFAULT_KEYWORDS, testFiles: [], maxFileSize: 1 << 20 }, { stats });
  const quiet: Record<string, string> = {
    'a.yml': 'key: value # a comment\n', 'b.toml': 'k = 1 # note\n', 'Makefile': 'all: ; true # x\n', 'CMakeLists.txt': 'project(x) # y\n', 'Dockerfile': '# z\nFROM a\n',
  };
  for (const [file, text] of Object.entries(quiet)) {
    assert.deepEqual(await scanner.scanBytes(file, Buffer.from(text)), { language: languageForPath(file)!.id, references: [] });
  }
  assert.deepEqual(stats, { files: 0, parsedChars: 0 });
  await scanner.scanBytes('c.yml', Buffer.from('# REQ-1\n'));
  assert.equal(stats.files, 1);
});
