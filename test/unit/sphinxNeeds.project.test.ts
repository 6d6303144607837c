// Verifies: TL-125, TL-126
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CommentParser } from '../../src/parsing/commentParser';
import { MemoryFileSystem } from '../../src/core/files/memoryFileSystem';
import { LocalScanService } from '../../src/core/scan/localScanService';
import { checkProject } from '../../src/core/project/check';
import { ProjectIndex } from '../../src/core/project/projectIndex';

let parser: CommentParser;
before(async () => { parser = await CommentParser.create(); });
after(() => parser.dispose());

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'sphinx-needs');

/** The sphinx-needs example in memory, with `extra` files. */
function example(extra: Record<string, string> = {}): MemoryFileSystem {
  const files: Record<string, Uint8Array | string> = {};
  for (const entry of readdirSync(EXAMPLE, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const absolute = path.join(entry.parentPath, entry.name);
    files[path.relative(EXAMPLE, absolute).split(path.sep).join('/')] = readFileSync(absolute);
  }
  return new MemoryFileSystem(path.resolve('/sphinx-example'), { ...files, ...extra });
}

/** A build export of the example's own requirements page, as `needs_build_json` would write it into docs/. */
const ownExport = JSON.stringify({
  current_version: '1.0',
  versions: { '1.0': { needs: {
    REQ_001: { id: 'REQ_001', type: 'req', title: 'Measure the body temperature', docname: 'requirements', doctype: '.rst', lineno: 4, links: ['SYS_001'] },
  } } },
}, null, 2);

const summary = (items: ReadonlyArray<{ id: string; file: string; line: number; column: number }>): string[] => items.map((i) => `${i.id} ${i.file}:${i.line}:${i.column}`);

test('the editor\'s live index reads sphinx-needs exactly as a check does, a need in an export and its source once', async () => {
  const fs = example({ 'docs/_export/needs.json': ownExport });
  const result = await checkProject({ root: fs.root, fs, scanner: new LocalScanService(parser, fs) });
  assert.deepEqual(summary(result.items).filter((line) => line.startsWith('REQ_001')), ['REQ_001 docs/requirements.rst:5:9']);
  // The export holds only a need read from its source, so it holds no items of its own.
  assert.deepEqual(result.findings.filter((f) => f.file === 'docs/_export/needs.json').map((f) => `${f.rule} ${f.line}:${f.column}`), ['no-items 1:1']);
  const index = new ProjectIndex(fs.root, fs, parser, new LocalScanService(parser, fs));
  try {
    const snapshot = await index.load();
    assert.deepEqual(summary(snapshot.items), summary(result.items));
    assert.deepEqual(snapshot.findings, result.findings);

    // A buffer that breaks one need's indentation: an invalid-file problem at its line, the other needs stay.
    const text = readFileSync(path.join(EXAMPLE, 'docs', 'hazards.rst'), 'utf8').replace('   :id: HAZ_001', ':id: HAZ_001');
    await index.setRequirementText('docs/hazards.rst', text);
    const after = index.snapshot();
    assert.deepEqual(after.findings.filter((f) => f.file === 'docs/hazards.rst').map((f) => `${f.rule} ${f.line}:${f.column}`), ['invalid-file 5:1']);
    assert.ok(!after.items.some((i) => i.id === 'HAZ_001'));
    assert.equal(after.items.length, snapshot.items.length - 1);
  } finally {
    index.dispose();
  }
});

// Verifies: TL-245, TL-246
test('a needextend that makes a need obsolete and a needimport from outside the globs change the check, and the editor follows the imported file', async () => {
  const imported = (status: string): string => JSON.stringify({ current_version: '1', versions: { '1': { needs: {
    SW_001: { id: 'SW_001', type: 'spec', title: 'Vendor driver', status, tags: [], links: ['SYS_001'] },
  } } } }, null, 2);
  const fs = example({
    'docs/changes.rst': ['Changes', '=======', '', '.. needextend:: REQ_003', '   :status: obsolete', '', '.. needimport:: ../vendor/needs-sw.json', '   :id_prefix: V_', ''].join('\n'),
    'vendor/needs-sw.json': imported('open'),
  });
  const result = await checkProject({ root: fs.root, fs, scanner: new LocalScanService(parser, fs) });
  const gaps = (findings: ReadonlyArray<{ rule: string; file: string; line: number; message: string }>): string[] =>
    findings.filter((f) => f.rule === 'unimplemented' || f.rule === 'unverified').map((f) => `${f.rule} ${f.file}:${f.line} ${f.message.split(':')[0]}`);
  // REQ_003 is obsolete: it no longer needs code or a test; the imported need does.
  assert.deepEqual(gaps(result.findings), [
    'unimplemented vendor/needs-sw.json:7 V_SW_001 (class B) is not implemented',
    'unverified vendor/needs-sw.json:7 V_SW_001 (class B) is not verified',
  ]);
  assert.deepEqual(result.importedFiles, ['vendor/needs-sw.json']);
  const index = new ProjectIndex(fs.root, fs, parser, new LocalScanService(parser, fs));
  try {
    const snapshot = await index.load();
    assert.deepEqual(snapshot.findings, result.findings);
    fs.write('vendor/needs-sw.json', imported('obsolete'));
    await index.fileChangedOnDisk('vendor/needs-sw.json');
    assert.deepEqual(gaps(index.snapshot().findings), []);
  } finally {
    index.dispose();
  }
});
