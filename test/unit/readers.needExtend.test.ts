// Verifies: TL-245, TL-247
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { MemoryFileSystem } from '../../src/core/files/memoryFileSystem';
import type { Item } from '../../src/core/model/types';
import { readerContext, readRequirementFile, readRequirements } from '../../src/core/readers';
import { evaluateNeedFilter, parseNeedFilter, UNSET, type NeedFields } from '../../src/core/readers/needFilter';
import { testConfig } from '../helpers/model';

const config = testConfig();

function read(files: Record<string, string>): ReturnType<typeof readRequirements> {
  const fs = new MemoryFileSystem(path.resolve('/sphinx'), files);
  return readRequirements(fs, fs.root, Object.keys(files).sort(), config);
}

function byId(items: readonly Item[], id: string): Item {
  const found = items.filter((item) => item.id === id);
  assert.equal(found.length, 1, `one item ${id}`);
  return found[0]!;
}

const needs = [
  '.. req:: Start the pump',        // 1
  '   :id: REQ_001',                // 2
  '   :status: open',               // 3
  '   :tags: pump',                 // 4
  '   :links: SYS_001, SYS_002',    // 5
  '',                               // 6
  '.. req:: Stop the pump',         // 7
  '   :id: REQ_002',                // 8
  '   :status: open',               // 9
  '',                               // 10
  '.. req:: Log the rate',          // 11
  '   :id: REQ_003',                // 12
  '   :status: approved',           // 13
  '   :author: Ann',                // 14
  '',                               // 15
].join('\n');

describe('needextend: what the .rst reader records', () => {
  it('reads the argument as sphinx-needs does: <ID>, "filter", one word an ID, else a filter', () => {
    const text = [
      '.. needextend:: <REQ_001>',                    // 1
      '   :status: closed',                           // 2
      '',                                             // 3
      '.. needextend:: "status == \'open\'"',         // 4
      '   :+tags: late',                              // 5
      '   :strict: true',                             // 6
      '',                                             // 7
      '.. needextend:: REQ_002',                      // 8
      '   :-links:',                                  // 9
      '',                                             // 10
      '.. needextend:: id == "REQ_003"',              // 11
      '   :author: Bob',                              // 12
      '',                                             // 13
      '.. needextend::',                              // 14
      '   :status: closed',                           // 15
    ].join('\n');
    const result = readRequirementFile(text, readerContext(config, 'docs/ext.rst'));
    assert.deepEqual(result.items, []);
    assert.deepEqual(result.needExtends?.map((e) => [e.line, e.column, e.id ?? null, e.filter ?? null, e.strict, e.changes.map((c) => `${c.op} ${c.field}=${c.value} @${c.line}:${c.column}`)]), [
      [1, 1, 'REQ_001', null, false, ['set status=closed @2:4']],
      [4, 1, null, "status == 'open'", true, ['add tags=late @5:4']],
      [8, 1, 'REQ_002', null, false, ['delete links= @9:4']],
      [11, 1, null, 'id == "REQ_003"', false, ['set author=Bob @12:4']],
    ]);
    assert.deepEqual(result.problems.map((p) => `${p.line}:${p.column} ${p.message}`), [
      '14:1 `.. needextend::` names no need ID or filter: sphinx-needs ignores it.',
    ]);
  });

  it('finds no needextend in a code block', () => {
    const text = ['.. code-block:: rst', '', '   .. needextend:: REQ_001', '      :status: closed', ''].join('\n');
    assert.equal(readRequirementFile(text, readerContext(config, 'docs/ext.rst')).needExtends, undefined);
  });
});

describe('needextend: applied to the project\'s needs', () => {
  it('replaces a status, appends tags and text, and changes links, with the new links at their place in the needextend', async () => {
    const { items, problems } = await read({
      'docs/reqs.rst': needs,
      'docs/zz_changes.rst': [
        '.. needextend:: REQ_001',            // 1
        '   :status: obsolete',               // 2
        '   :+tags: legacy; v1',              // 3
        '   :+links: SYS_002, SYS_003',       // 4
        '',                                   // 5
        '.. needextend:: REQ_002',            // 6
        '   :links: SYS_009',                 // 7
        '   :-status:',                       // 8
        '',                                   // 9
        '.. needextend:: <REQ_003>',          // 10
        '   :+author: and Bob',               // 11
      ].join('\n'),
    });
    assert.deepEqual(problems, []);
    const first = byId(items, 'REQ_001');
    assert.equal(first.status, 'obsolete');
    assert.equal(first.attributes['tags'], 'pump, legacy, v1');
    assert.equal(first.attributes['links'], 'SYS_001, SYS_002, SYS_003');
    assert.equal(first.attributes['needextend'], 'docs/zz_changes.rst:1');
    assert.deepEqual(first.links.map((l) => `${l.kind} ${l.target} ${l.file}:${l.line}:${l.column}`), [
      'parent SYS_001 docs/reqs.rst:5:12',
      'parent SYS_002 docs/reqs.rst:5:21',
      'parent SYS_003 docs/zz_changes.rst:4:22',
    ]);
    const second = byId(items, 'REQ_002');
    assert.equal(second.status, undefined);
    assert.equal(second.attributes['status'], undefined);
    assert.deepEqual(second.links.map((l) => `${l.target} ${l.file}:${l.line}:${l.column}`), ['SYS_009 docs/zz_changes.rst:7:12']);
    assert.equal(byId(items, 'REQ_003').attributes['author'], 'Ann and Bob');
  });

  it('applies needextends in order of file and line, a later one seeing what an earlier one changed', async () => {
    const { items } = await read({
      'docs/b.rst': ['.. needextend:: status == "closed"', '   :+tags: seen', ''].join('\n'),
      'docs/a.rst': ['.. needextend:: REQ_002', '   :status: closed', ''].join('\n'),
      'docs/reqs.rst': needs,
    });
    assert.equal(byId(items, 'REQ_002').attributes['tags'], 'seen');
    assert.equal(byId(items, 'REQ_002').attributes['needextend'], 'docs/a.rst:1; docs/b.rst:1');
    assert.equal(byId(items, 'REQ_001').attributes['tags'], 'pump');
  });

  it('selects needs by a filter it evaluates exactly, and removes a link with :-links:', async () => {
    const { items, problems } = await read({
      'docs/reqs.rst': needs,
      'docs/x.rst': ['.. needextend:: status == "open" and "pump" in tags', '   :-links:', ''].join('\n'),
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(byId(items, 'REQ_001').links, []);
    assert.equal(byId(items, 'REQ_001').attributes['links'], undefined);
    assert.equal(byId(items, 'REQ_002').attributes['needextend'], undefined);
  });

  it('reports, at the directive, an ID no need has and a filter it cannot evaluate exactly, and changes nothing for them; a field some need has is declared', async () => {
    const { items, problems } = await read({
      'docs/reqs.rst': needs,
      'docs/x.rst': [
        '.. needextend:: REQ_404',                           // 1
        '   :status: closed',                                // 2
        '   :strict: true',                                  // 3
        '',                                                  // 4
        '.. needextend:: search("pump", title)',             // 5
        '   :status: closed',                                // 6
        '',                                                  // 7
        '.. needextend:: priority == ""',                    // 8
        '   :status: closed',                                // 9
        '',                                                  // 10
        '.. needextend:: author != "Ann"',                   // 11
        '   :status: closed',                                // 12
        '',                                                  // 13
        '.. needextend:: REQ_001',                           // 14
        '   :id: REQ_009',                                   // 15
        '   :+links: not an id',                             // 16
      ].join('\n'),
    });
    assert.deepEqual(problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`), [
      'docs/x.rst:1:1 `.. needextend:: REQ_404` names no need of the .rst files or their needimports: with :strict: true, sphinx-needs stops the build.',
      'docs/x.rst:5:1 `.. needextend::` filter `search("pump", title)` is not applied: "search(…)" is beyond what Tracelens evaluates exactly. Name the need by its ID, or check what it changes in the Sphinx build.',
      'docs/x.rst:8:1 `.. needextend::` filter `priority == ""` is not applied: it cannot be evaluated exactly for REQ_001, REQ_002, REQ_003 (no need has a field "priority").',
      'docs/x.rst:15:4 `:id:` of a needextend is not applied: sphinx-needs does not change a need\'s id this way.',
      'docs/x.rst:16:13 "not an id" in :+links: is not a need ID (expected something like REQ_001).',
    ]);
    // author is declared (REQ_003 has one), so a need without it has None or "": unequal to "Ann" either way.
    assert.deepEqual(items.map((i) => `${i.id} ${i.status} ${i.attributes['needextend']}`), [
      'REQ_001 closed docs/x.rst:11; docs/x.rst:14', 'REQ_002 closed docs/x.rst:11', 'REQ_003 approved undefined',
    ]);
  });

  it('leaves needs of a needs.json export alone: the build that wrote it applied its needextends', async () => {
    const exported = JSON.stringify({ current_version: '1', versions: { '1': { needs: { REQ_050: { id: 'REQ_050', type: 'req', title: 'T', status: 'open' } } } } });
    const { items, problems } = await read({
      'docs/_build/needs.json': exported,
      'docs/x.rst': ['.. needextend:: REQ_050', '   :status: closed', ''].join('\n'),
    });
    assert.equal(byId(items, 'REQ_050').status, 'open');
    assert.deepEqual(problems.map((p) => `${p.line}:${p.column} ${p.message}`), [
      '1:1 `.. needextend:: REQ_050` names no need of the .rst files or their needimports (REQ_050 is read from another format, which needextend does not change): sphinx-needs warns and changes nothing.',
    ]);
  });
});

describe('sphinx-needs filter strings', () => {
  const need = (fields: Record<string, unknown>, inThisDoc?: boolean): NeedFields => ({
    field: (name) => (name in fields ? fields[name] as never : undefined),
    ...(inThisDoc !== undefined ? { inThisDoc } : {}),
  });
  const evaluate = (filter: string, fields: NeedFields): boolean | string => {
    const parsed = parseNeedFilter(filter);
    if (!parsed.ok) return `unparsed: ${parsed.reason}`;
    try {
      return evaluateNeedFilter(parsed.node, fields);
    } catch (error) {
      return `unknown: ${(error as Error).message}`;
    }
  };

  it('follows Python for ==, !=, in, not in, is None, and, or, not', () => {
    const fields = need({ id: 'REQ_1', status: null, tags: ['a', 'b'], title: 'Start the pump', prio: 2, done: true });
    assert.deepEqual([
      'id == "REQ_1"', "id != 'REQ_1'", '"a" in tags', '"c" not in tags', '"pump" in title', 'status is None', 'status is not None',
      'id in ["REQ_1", "REQ_2"]', 'not (id == "REQ_2") and ("z" in tags or prio == 2)', 'done == 1', 'prio == "2"', 'done', 'tags == ["a", "b"]',
    ].map((filter) => evaluate(filter, fields)), [true, false, true, true, true, true, false, true, true, true, false, true, true]);
  });

  it('says what it cannot evaluate exactly instead of guessing', () => {
    const fields = need({ id: 'REQ_1', title: 'T', author: UNSET, status: null }, undefined);
    assert.deepEqual([
      'author == "Ann"', 'author == ""', 'author is None', '"x" in status', 'id', 'len(tags) == 1', 'a == b == c', 'c.this_doc()', 'owner == "x"',
    ].map((filter) => evaluate(filter, fields)), [
      false,
      'unknown: the field is not set on this need: sphinx-needs gives it None or "" by its version',
      'unknown: the field is not set on this need: sphinx-needs gives it None or "" by its version',
      'unknown: `in` needs a list or a string on its right (Python raises otherwise)',
      'unknown: the filter does not give True or False (sphinx-needs rejects it)',
      'unparsed: "len(…)" is beyond what Tracelens evaluates exactly',
      'unparsed: chained comparisons are beyond what Tracelens evaluates exactly',
      'unknown: c.this_doc() has no document here',
      'unknown: no need has a field "owner"',
    ]);
    assert.equal(evaluate('c.this_doc() and title == "T"', need({ title: 'T' }, true)), true);
  });
});
