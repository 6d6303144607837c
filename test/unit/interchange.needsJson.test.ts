// Verifies: TL-161
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CommentParser } from '../../src/parsing/commentParser';
import { MemoryFileSystem } from '../../src/core/files/memoryFileSystem';
import type { Item } from '../../src/core/model/types';
import { checkProject, type CheckResult } from '../../src/core/project/check';
import { readerContext, readRequirementFile } from '../../src/core/readers';
import { toNeedsJson } from '../../src/core/reports/interchange/needsJson';
import { LocalScanService } from '../../src/core/scan/localScanService';
import { TOOL_VERSION } from '../../src/core/version';
import { checkInterchangeProject } from '../helpers/interchangeProject';
import { item, testConfig } from '../helpers/model';

let parser: CommentParser;
before(async () => { parser = await CommentParser.create(); });
after(() => parser.dispose());

/** What a round trip must keep of an item: ID, kind, title, status, class and links (a child link as the child's parent). */
function essentials(items: readonly Item[]): string[] {
  const parents = new Map<string, string[]>();
  for (const i of items) for (const link of i.links) if (link.kind === 'child') parents.set(link.target, [...(parents.get(link.target) ?? []), i.id]);
  return items.map((i) => {
    const links = [
      ...i.links.filter((link) => link.kind !== 'child').map((link) => `${link.kind} ${link.target}`),
      ...(parents.get(i.id) ?? []).map((id) => `parent ${id}`),
    ].sort();
    return `${i.id} ${i.kind} "${i.title}" status=${i.status ?? '-'} class=${i.safetyClass ?? '-'} [${links.join(', ')}]`;
  }).sort();
}

/** Reads a written needs.json back with Tracelens' own reader, as a file at `file`. */
function readBack(text: string, file = 'export/needs.json') {
  return readRequirementFile(text, readerContext(testConfig(), file));
}

/** An example folder in memory. */
function example(name: string): MemoryFileSystem {
  const folder = path.join(__dirname, '..', '..', 'examples', name);
  const files: Record<string, Uint8Array> = {};
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files[path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')] = readFileSync(path.join(entry.parentPath, entry.name));
  }
  return new MemoryFileSystem(path.resolve('/', name), files);
}

describe('sphinx-needs needs.json', () => {
  let result: CheckResult;
  before(async () => { result = await checkInterchangeProject(parser); });

  it('writes each item as a need, fields at their default left out, keys sorted', () => {
    const json = JSON.parse(toNeedsJson(result, { project: 'pump', version: '1.2' }));
    assert.deepEqual(Object.keys(json), ['current_version', 'project', 'versions']);
    assert.deepEqual([json.current_version, json.project, Object.keys(json.versions)], ['1.2', 'pump', ['1.2']]);
    const version = json.versions['1.2'];
    assert.deepEqual(Object.keys(version), ['creator', 'needs', 'needs_amount', 'needs_defaults_removed', 'needs_schema']);
    assert.deepEqual([version.creator, version.needs_amount, version.needs_defaults_removed], [{ program: 'tracelens', version: TOOL_VERSION }, 5, true]);
    assert.deepEqual(version.needs, {
      'HAZ-001': { docname: 'requirements/risks', doctype: '.yml', id: 'HAZ-001', lineno: 2, title: 'Overdose', type: 'risk' },
      'REQ-001': {
        content: 'Reject a bolus above the maximum.', docname: 'requirements/software', doctype: '.md', id: 'REQ-001', lineno: 3,
        links: ['SYS-001'], mitigates: ['HAZ-001'], safety_class: 'B', status: 'approved', title: 'Bolus limit', type: 'req',
      },
      'REQ-002': {
        content: 'Reject a rate above the maximum.', docname: 'requirements/software', doctype: '.md', id: 'REQ-002', lineno: 11,
        links: ['SYS-001'], title: 'Rate limit', type: 'req',
      },
      'SYS-001': {
        content: 'The pump delivers the prescribed dose.', docname: 'requirements/system', doctype: '.md', id: 'SYS-001', lineno: 3,
        title: 'Deliver the prescribed dose', type: 'system',
      },
      'TC-001': { docname: 'requirements/tests', doctype: '.yml', id: 'TC-001', lineno: 2, title: 'Bolus bench test', type: 'test', verifies: ['REQ-001'] },
    });
    const schema = version.needs_schema.properties;
    assert.deepEqual(Object.keys(schema).filter((name) => schema[name].field_type === 'links'), ['links', 'mitigates', 'verifies']);
    assert.deepEqual(schema.links, { default: [], field_type: 'links', items: { type: 'string' }, type: 'array' });
    assert.deepEqual(Object.keys(schema), [...Object.keys(schema)].sort());
  });

  it('has no time in it unless told one, and then the same text for the same time', () => {
    const plain = toNeedsJson(result, { project: 'pump' });
    assert.ok(!plain.includes('created'));
    assert.equal(toNeedsJson(result, { project: 'pump' }), plain);
    const at = new Date(1_700_000_000_000);
    const stamped = JSON.parse(toNeedsJson(result, { project: 'pump', created: at }));
    assert.deepEqual([stamped.created, stamped.versions[''].created], ['2023-11-14T22:13:20.000Z', '2023-11-14T22:13:20.000Z']);
    assert.equal(toNeedsJson(result, { project: 'pump', created: at }), toNeedsJson(result, { project: 'pump', created: at }));
  });

  it('reads back with Tracelens\' own reader: same IDs, kinds, titles, statuses, classes and links', () => {
    const { items, problems } = readBack(toNeedsJson(result, { project: 'pump' }));
    assert.deepEqual(problems, []);
    assert.deepEqual(essentials(items), essentials(result.items));
    assert.deepEqual(essentials(items), [
      'HAZ-001 risk "Overdose" status=- class=- []',
      'REQ-001 requirement "Bolus limit" status=approved class=B [mitigates HAZ-001, parent SYS-001]',
      'REQ-002 requirement "Rate limit" status=- class=- [parent SYS-001]',
      'SYS-001 system "Deliver the prescribed dose" status=- class=- []',
      'TC-001 test "Bolus bench test" status=- class=- [verifies REQ-001]',
    ]);
    assert.equal(items.find((i) => i.id === 'REQ-001')!.text, 'Reject a bolus above the maximum.');
  });

  it('keeps a test item\'s parents as parents, a child link as the child\'s parent, and depends links out of the trace', () => {
    const written = [
      item('SYS-1', { kind: 'system', line: 1, links: [['child', 'REQ-1'], ['child', 'TC-1']] }),
      item('REQ-1', { line: 10, links: [['depends', 'REQ-2'], ['depends', 'SYS-1']] }),
      item('REQ-2', { line: 20, status: 'draft', class: 'A', verification: 'inspection' }),
      item('TC-1', { kind: 'test', line: 30, links: [['parent', 'SYS-1'], ['verifies', 'REQ-1']] }),
    ];
    const text = toNeedsJson({ items: written }, { project: 'p' });
    const needs = JSON.parse(text).versions[''].needs;
    assert.deepEqual([needs['REQ-1'].links, needs['REQ-1'].depends, needs['TC-1'].parent, needs['TC-1'].links], [['SYS-1'], 'REQ-2, SYS-1', 'SYS-1', undefined]);
    const { items, problems } = readBack(text);
    assert.deepEqual(problems, []);
    assert.deepEqual(essentials(items), [
      'REQ-1 requirement "Title of REQ-1" status=- class=- [parent SYS-1]',
      'REQ-2 requirement "Title of REQ-2" status=draft class=A []',
      'SYS-1 system "Title of SYS-1" status=- class=- []',
      'TC-1 test "Title of TC-1" status=- class=- [parent SYS-1, verifies REQ-1]',
    ]);
    // What depends on names stays readable, as an attribute rather than a trace.
    const byId = (id: string) => items.find((i) => i.id === id)!;
    assert.deepEqual([byId('REQ-1').attributes['depends'], byId('REQ-2').verification], ['REQ-2, SYS-1', 'inspection']);
  });

  for (const name of ['infusion-pump', 'sphinx-needs', 'strictdoc']) {
    it(`reads the needs.json of the ${name} example back with the items of its check`, async () => {
      const fs = example(name);
      const checked = await checkProject({ root: fs.root, fs, scanner: new LocalScanService(parser, fs) });
      assert.ok(checked.items.length >= 9, `${checked.items.length} items`);
      const { items, problems } = readBack(toNeedsJson(checked, { project: name }));
      assert.deepEqual(problems, []);
      assert.deepEqual(essentials(items), essentials(checked.items));
    });
  }
});
