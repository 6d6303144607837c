// Verifies: TL-193
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BaselineContext, BaselineDiff, CoverageFigures } from '../../src/core/baseline/compare';
import { wordDiff } from '../../src/core/baseline/textDiff';
import { formatDiffJson } from '../../src/core/reports/diffJson';
import { formatDiffMarkdown } from '../../src/core/reports/diffMarkdown';
import { formatDiffText } from '../../src/core/reports/diffText';

const figures = (implemented: number, percent: number | null): CoverageFigures => ({
  items: 3, requirements: 2, implemented, verified: 2, implementedPercent: percent, verifiedPercent: 100, risks: 0, mitigatedRisks: 0, references: 4,
  findings: { error: 1, warning: 0, info: 0 },
});
const COMMIT = '0123456789abcdef0123456789abcdef01234567';
const before = 'Use `a|b` and\n```\ncode\n```';
const after = 'Use `a|b` or\n```\ncode\n```';
const DIFF: BaselineDiff = {
  items: {
    added: [{ id: 'REQ-10', kind: 'requirement', title: 'Pipes | in titles', file: 'reqs.md', line: 30 }],
    removed: [],
    changed: [{
      id: 'REQ-2', kind: 'requirement', title: 'Fences', file: 'reqs.md', line: 12, fields: ['text', 'attribute:status'],
      textChange: { before, after, diff: wordDiff(before, after) }, attributes: [{ name: 'status', before: 'draft', after: 'approved' }],
    }],
  },
  coverage: {
    before: figures(1, 50), after: figures(2, 100),
    gained: [{ id: 'REQ-1', title: 'Bolus', before: { state: 'partial', implemented: false, verified: true, mitigated: false }, after: { state: 'complete', implemented: true, verified: true, mitigated: false }, gained: ['implemented'], lost: [] }],
    lost: [],
  },
  findings: { new: [], fixed: [{ rule: 'unimplemented', severity: 'error', id: 'REQ-1', file: 'reqs.md', line: 4, column: 4, message: 'REQ-1 (class C) is not implemented: no code comment implements it' }] },
};
const CONTEXT: BaselineContext = { base: { revision: 'v1.0', commit: COMMIT }, head: {}, displayRoot: 'fw', unread: [{ side: 'base', path: 'vendor/lib', reason: 'submodule' }] };

test('the text form: counts first, the word diff inline, paths from where the tool ran', () => {
  assert.equal(formatDiffText(DIFF, CONTEXT), [
    'Changes from v1.0 (01234567) to working tree in fw',
    '',
    'Items: 1 added, 0 removed, 1 changed',
    '  + REQ-10  Pipes | in titles  fw/reqs.md:30',
    '  ~ REQ-2  Fences  fw/reqs.md:12',
    '      text: Use `a|b` [-and-]{+or+}',
    '        ```',
    '        code',
    '        ```',
    '      status: draft → approved',
    '',
    'Coverage: 2 requirements: 50% implemented, 100% verified; 0 risks, 0 mitigated → 2 requirements: 100% implemented, 100% verified; 0 risks, 0 mitigated',
    '  gained  REQ-1  implemented',
    '',
    'Findings: 0 new, 1 fixed',
    '  fixed  fw/reqs.md:4:4  error    REQ-1 (class C) is not implemented: no code comment implements it  unimplemented',
    '',
    'Not read at v1.0 (01234567): submodule fw/vendor/lib (its files are not in this repository\'s tree)',
    '',
  ].join('\n'));
});

test('the Markdown form: pipes escaped in tables, a fence longer than any inside, empty sections say None', () => {
  const md = formatDiffMarkdown(DIFF, CONTEXT);
  assert.ok(md.includes('| REQ-10 | requirement | Pipes \\| in titles | fw/reqs.md:30 |'), md);
  assert.ok(md.includes('````diff\n-Use `a|b` and\n+Use `a|b` or\n ```\n code\n ```\n````'), md);
  assert.ok(md.includes('### Items removed (0)\n\nNone.\n'), md);
  assert.ok(md.includes('| Implemented | 1 (50%) | 2 (100%) |'), md);
  assert.ok(md.includes('| status | draft | approved |'), md);
  assert.ok(md.includes('- v1.0 (01234567): submodule `fw/vendor/lib`'), md);
  assert.ok(md.endsWith('(its files are not in this repository\'s tree)\n'), md);
});

test('the JSON form: ID lists and finding objects where scripts look, in a fixed key order', () => {
  const json = JSON.parse(formatDiffJson(DIFF, CONTEXT));
  assert.deepEqual(Object.keys(json), ['tool', 'root', 'base', 'head', 'items', 'findings', 'itemDetails', 'coverage', 'unread']);
  assert.deepEqual(json.items, { added: ['REQ-10'], removed: [], changed: ['REQ-2'] });
  assert.deepEqual(json.base, { revision: 'v1.0', commit: COMMIT });
  assert.deepEqual(json.head, { workingTree: true });
  assert.deepEqual(json.findings, { new: [], fixed: [{ rule: 'unimplemented', severity: 'error', message: 'REQ-1 (class C) is not implemented: no code comment implements it', id: 'REQ-1', file: 'reqs.md', line: 4, column: 4 }] });
  assert.equal(formatDiffJson(DIFF, CONTEXT), formatDiffJson(DIFF, CONTEXT));
});
