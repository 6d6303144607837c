// Verifies: TL-246, TL-248
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { MemoryFileSystem } from '../../src/core/files/memoryFileSystem';
import type { Item } from '../../src/core/model/types';
import { readRequirements } from '../../src/core/readers';
import { testConfig } from '../helpers/model';

const config = testConfig();

/** A needs.json of the other team's project: two versions, links inside and outside it. */
const external = JSON.stringify({
  current_version: '2.0',
  versions: {
    '1.0': { needs: { SW_001: { id: 'SW_001', type: 'spec', title: 'Old', tags: [] } } },
    '2.0': {
      needs: {
        SW_001: { id: 'SW_001', type: 'spec', title: 'Read the sensor', status: 'open', tags: ['sensor'], links: ['SW_002', 'SYS_001'], content: 'See SW_002.' },
        SW_002: { id: 'SW_002', type: 'spec', title: 'Filter the reading', status: 'closed', tags: [], links: [] },
        SW_003: { id: 'SW_003', type: 'test', title: 'Sensor test', status: null, tags: ['sensor'], links: ['SW_001'] },
      },
    },
  },
}, null, 2);
const lines = external.split('\n');
/** Line and column (1-based) of a need's ID in the external file's current version. */
const at = (id: string): string => {
  // The last match: the current version follows the old one.
  const index = lines.length - 1 - [...lines].reverse().findIndex((line) => line.includes(`"id": "${id}"`));
  return `${index + 1}:${lines[index]!.indexOf(`"${id}"`) + 2}`;
};

function read(files: Record<string, string>, listed = Object.keys(files).filter((f) => f.endsWith('.rst') || f.endsWith('needs.json')).sort()): ReturnType<typeof readRequirements> {
  const fs = new MemoryFileSystem(path.resolve('/sphinx'), files);
  return readRequirements(fs, fs.root, listed, config);
}

const summary = (items: readonly Item[]): string[] => items.map((i) => `${i.id} ${i.file}:${i.line}:${i.column}${i.origin ? ` from ${i.origin}` : ''}`);

describe('needimport', () => {
  it('imports the current version relative to the document, prefixing IDs and the links between imported needs, adding tags', async () => {
    const { items, problems, imported } = await read({
      'docs/index.rst': ['Imported', '========', '', '.. needimport:: ../vendor/sw.json', '   :id_prefix: EXT_', '   :tags: external; vendor', ''].join('\n'),
      'vendor/sw.json': external,
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(imported, ['vendor/sw.json']);
    assert.deepEqual(summary(items), [
      `EXT_SW_001 vendor/sw.json:${at('SW_001')} from docs/index.rst`,
      `EXT_SW_002 vendor/sw.json:${at('SW_002')} from docs/index.rst`,
      `EXT_SW_003 vendor/sw.json:${at('SW_003')} from docs/index.rst`,
    ]);
    const first = items[0]!;
    assert.deepEqual(first.links.map((l) => `${l.kind} ${l.target}`), ['parent EXT_SW_002', 'parent SYS_001']);
    assert.equal(first.attributes['tags'], 'sensor, external, vendor');
    assert.equal(first.attributes['needimport'], 'docs/index.rst:4');
    assert.equal(first.text, 'See EXT_SW_002.');
    assert.equal(first.format, 'sphinx-needs-json');
    assert.equal(items[2]!.kind, 'test');
    assert.deepEqual(items[2]!.links.map((l) => `${l.kind} ${l.target}`), ['verifies EXT_SW_001']);
  });

  it('chooses needs by :version:, :ids: and a :filter: it evaluates exactly', async () => {
    const { items, problems } = await read({
      'docs/a.rst': ['.. needimport:: /vendor/sw.json', '   :version: 1.0', ''].join('\n'),
      'docs/b.rst': ['.. needimport:: ../docs/vendor/sw.json', '   :ids: SW_001, SW_003', '   :filter: "sensor" in tags and status != "open"', ''].join('\n'),
      'docs/conf.py': '',
      'docs/vendor/sw.json': external,
    });
    assert.deepEqual(problems, []);
    // a.rst: `/` is the Sphinx source folder (docs/, where conf.py is); version 1.0 has SW_001 only.
    // b.rst: of SW_001 and SW_003, SW_001 is open; SW_003's status is None.
    assert.deepEqual(items.map((i) => `${i.id} ${i.title} ${i.origin}`), ['SW_001 Old docs/a.rst', 'SW_003 Sensor test docs/b.rst']);
  });

  it('reports what it cannot import at the directive, and imports nothing it would have to guess', async () => {
    const { items, problems } = await read({
      'docs/x.rst': [
        '.. needimport:: https://example.com/needs.json',   // 1
        '',                                                  // 2
        '.. needimport:: //opt/needs.json',                  // 3
        '',                                                  // 4
        '.. needimport:: missing.json',                      // 5
        '',                                                  // 6
        '.. needimport:: sw.json',                           // 7
        '   :version: 9.9',                                  // 8
        '',                                                  // 9
        '.. needimport:: sw.json',                           // 10
        '   :filter: search("Sensor", title)',               // 11
        '',                                                  // 12
        '.. needimport:: sw.json',                           // 13
        '   :filter: owner == "me" or "sensor" in tags',     // 14
        '',                                                  // 15
        '.. needimport:: /sw.json',                          // 16
        '',                                                  // 17
        '.. needimport:: sw.json',                           // 18
        '   :id_prefix: ext_',                               // 19
        '   :ids: SW_002',                                   // 20
      ].join('\n'),
      'docs/sw.json': external,
    });
    assert.deepEqual(problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`), [
      `docs/sw.json:${at('SW_002')} \`:id_prefix: ext_\` of the needimport in docs/x.rst:18 makes "ext_SW_002", which is not a valid ID (expected something like REQ_001); the need is not imported.`,
      'docs/x.rst:1:17 `.. needimport:: https://example.com/needs.json`: Tracelens downloads nothing: the needs it imports are not read. Keep a copy of the file in the project and import that.',
      'docs/x.rst:3:17 `.. needimport:: //opt/needs.json`: the file is outside the project: Tracelens reads only project files, so the needs it imports are not read.',
      'docs/x.rst:5:17 `.. needimport:: missing.json`: docs/missing.json does not exist (sphinx-needs warns and imports nothing; a key of conf.py\'s needs_import_keys is not read by Tracelens).',
      'docs/x.rst:8:14 `.. needimport:: sw.json`: docs/sw.json has no version "9.9" (sphinx-needs stops the build); nothing is imported.',
      'docs/x.rst:11:13 The filter `search("Sensor", title)` of `.. needimport:: sw.json` is not evaluated: "search(…)" is beyond what Tracelens evaluates exactly; nothing is imported. Use :ids: to name the needs.',
      'docs/x.rst:14:13 The filter `owner == "me" or "sensor" in tags` of `.. needimport:: sw.json` cannot be evaluated exactly for SW_001, SW_002, SW_003 (no need has a field "owner"): not imported.',
      'docs/x.rst:16:17 `.. needimport:: /sw.json`: a path starting with / is relative to the Sphinx source folder, and no folder above the document holds conf.py: the needs it imports are not read.',
    ]);
    assert.deepEqual(items, []);
  });

  it('counts a needs.json once when the requirement globs list it and a needimport imports it too', async () => {
    const files = {
      'docs/index.rst': ['.. needimport:: needs.json', '   :id_prefix: EXT_', ''].join('\n'),
      'docs/needs.json': external,
    };
    const { items, problems } = await read(files);
    assert.deepEqual(problems, []);
    assert.deepEqual(items.map((i) => i.id), ['EXT_SW_001', 'EXT_SW_002', 'EXT_SW_003']);
    // Without the import, the listed file is read as it is.
    const alone = await read({ 'docs/needs.json': external });
    assert.deepEqual(alone.items.map((i) => i.id), ['SW_001', 'SW_002', 'SW_003']);
  });

  it('lets needextend change imported needs, by their prefixed IDs', async () => {
    const { items, problems } = await read({
      'docs/index.rst': ['.. needimport:: sw.json', '   :id_prefix: EXT_', '', '.. needextend:: c.this_doc() and status == "open"', '   :status: obsolete', ''].join('\n'),
      'docs/sw.json': external,
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(items.map((i) => `${i.id} ${i.status}`), ['EXT_SW_001 obsolete', 'EXT_SW_002 closed', 'EXT_SW_003 undefined']);
  });
});
