// Verifies: TL-220
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { planRename, renameRefusal } from '../../src/core/authoring/rename';
import type { CheckResult } from '../../src/core/project/check';
import { item, ref } from '../helpers/model';
import { checkExample, exampleText } from '../helpers/example';

let example: CheckResult;
before(async () => { example = await checkExample(); });

const source = (result: CheckResult) => ({ items: result.items, references: result.references, textOf: exampleText });

test('renaming REQ-009 in the example edits its heading and the test item linking to it', () => {
  const plan = planRename(source(example), 'REQ-009', 'REQ-030');
  assert.ok('edits' in plan, JSON.stringify(plan));
  assert.deepEqual(plan.renames, []);
  assert.deepEqual(plan.edits.map((e) => `${e.file}:${e.line}:${e.column}-${e.endColumn}`), EXPECTED_REQ_009);
});

const EXPECTED_REQ_009 = ['requirements/software-requirements.md:80:5-12', 'requirements/tests.yml:34:16-23'];

test('renaming REQ-004 edits its heading and its tags in code and tests, in the file order', () => {
  const plan = planRename(source(example), 'REQ-004', 'REQ-040');
  assert.ok('edits' in plan, JSON.stringify(plan));
  assert.deepEqual(plan.edits.map((e) => `${e.file}:${e.line}:${e.column}-${e.endColumn}`), [
    'firmware/src/occlusion.c:4:16-23',
    'requirements/software-requirements.md:44:5-12',
    'tests/firmware/test_occlusion.c:16:4-11',
    'tests/firmware/test_occlusion.c:27:14-21',
  ]);
});

test('a rename is refused for a defined, foreign or malformed new ID', () => {
  const defined = (id: string) => id === 'REQ-010';
  assert.equal(renameRefusal('REQ-009', 'REQ-010', defined), 'REQ-010 is already defined: renaming REQ-009 to it would merge two items.');
  assert.equal(renameRefusal('REQ-009', 'SYS-030', defined), 'SYS-030 is not of the family of REQ-009: keep the prefix REQ and the ID\'s shape.');
  assert.equal(renameRefusal('REQ-009', 'REQ030', defined), 'REQ030 is not of the family of REQ-009: keep the prefix REQ and the ID\'s shape.');
  assert.match(renameRefusal('REQ-009', 'req 30', defined)!, /^req 30 is not an ID/);
  assert.equal(renameRefusal('REQ-009', 'REQ-SYS-030', defined), undefined, 'same prefix and shape: a segment may be added');
  const plan = planRename(source(example), 'REQ-009', 'REQ-010');
  assert.deepEqual(plan, { refusal: 'REQ-010 is already defined: renaming REQ-009 to it would merge two items.' });
  assert.deepEqual(planRename(source(example), 'REQ-777', 'REQ-778'), { refusal: 'REQ-777 is not defined in any requirement file: rename its definition first, or fix the tag.' });
});

test('a rename is refused when an export holds the item or links to it', () => {
  const texts: Record<string, string> = { 'reqs/srs.reqif': '', 'src/a.c': '// Implements: REQ-001\n' };
  const textOf = (file: string) => texts[file];
  const inReqif = planRename({ items: [{ ...item('REQ-001', { file: 'reqs/srs.reqif' }), format: 'reqif' }], references: [], textOf }, 'REQ-001', 'REQ-002');
  assert.deepEqual(inReqif, { refusal: 'REQ-001 is defined in reqs/srs.reqif, an export from another tool (reqif) that Tracelens never edits: rename REQ-001 in that tool and export again.' });
  const linking = [
    item('REQ-001', { file: 'reqs/srs.md', line: 3 }),
    { ...item('TC-001', { file: 'docs/needs.json', kind: 'test', links: [['verifies', 'REQ-001']] }), format: 'sphinx-needs-json', origin: 'docs/tests.rst' },
  ];
  assert.deepEqual(planRename({ items: linking, references: [], textOf }, 'REQ-001', 'REQ-002'), {
    refusal: 'TC-001 in docs/tests.rst links to REQ-001, and that file is, an export from another tool (sphinx-needs-json) that Tracelens never edits: rename REQ-001 in that tool and export again.',
  });
});

test('a rename is refused when a file no longer says the ID where it was read', () => {
  const items = [item('REQ-001', { file: 'reqs/srs.md', line: 1 })];
  const texts: Record<string, string> = { 'reqs/srs.md': '## REQ-001: Bolus\n', 'src/a.c': '// Implements: REQ-002\n' };
  const reference = { ...ref('REQ-001', 'implements', 'src/a.c', 1), column: 16, endColumn: 23 };
  const plan = planRename({ items, references: [reference], textOf: (file) => texts[file] }, 'REQ-001', 'REQ-005');
  assert.deepEqual(plan, { refusal: 'src/a.c:1:16 no longer says REQ-001 (it changed since it was read): wait for Tracelens to catch up, then rename again.' });
});

test('a Doorstop item is renamed with its file, its links in other items edited', () => {
  const texts: Record<string, string> = { 'reqs/REQ002.yml': 'links:\n- REQ001: abc\n' };
  const items = [
    { ...item('REQ001', { file: 'reqs/REQ001.yml', line: 1 }), format: 'doorstop' },
    { ...item('REQ002', { file: 'reqs/REQ002.yml', line: 1 }), format: 'doorstop', links: [{ kind: 'parent' as const, target: 'REQ001', file: 'reqs/REQ002.yml', line: 2, column: 3 }] },
  ];
  const plan = planRename({ items, references: [], textOf: (file) => texts[file] }, 'REQ001', 'REQ007');
  assert.deepEqual(plan, { edits: [{ file: 'reqs/REQ002.yml', line: 2, column: 3, endColumn: 9 }], renames: [{ from: 'reqs/REQ001.yml', to: 'reqs/REQ007.yml' }] });
});
