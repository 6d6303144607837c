// Verifies: TL-042, TL-043, TL-044, TL-045, TL-047, TL-048, TL-076, TL-228
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TracelensConfig } from '../../src/core/config/types';
import { analyze } from '../../src/core/project/check';
import type { FileProblem, Item, Reference } from '../../src/core/model/types';
import type { ProjectSnapshot } from '../../src/core/project/projectIndex';
import { checkResultOf } from '../../src/core/project/snapshotResult';
import { toJsonReport } from '../../src/core/reports/jsonReport';
import { completionSite, LINK_ATTRIBUTES, linkAttributesOf, needLinkAttributes, rankItems, tableCellSite } from '../../src/vscode/features/completionModel';
import { publishableFindings, relatedLocations } from '../../src/vscode/features/diagnosticModel';
import { escapeMarkdown, itemHover, traceSummary, unknownIdHover } from '../../src/vscode/features/hoverContent';
import { SnapshotLookup } from '../../src/vscode/state/snapshotLookup';
import { statusSummaries, statusText } from '../../src/vscode/views/statusText';
import { badgeCount, coverageIcon, coverageLabel, gapGroups, gapRow, hasGap, hasNoItems, requirementDocuments, traceEntries, topLevel } from '../../src/vscode/views/treeModel';
import { item, ref, testConfig } from '../helpers/model';

function snapshotOf(items: Item[], references: Reference[], config: TracelensConfig = testConfig(), problems: FileProblem[] = []): ProjectSnapshot {
  const { findings, summary, index } = analyze({ items, references, problems }, config);
  return {
    config, items, references, findings, skipped: [], summary, index,
    requirementFiles: [...new Set(items.map((i) => i.file))].sort(),
    codeFiles: [...new Set(references.map((r) => r.file))].sort(),
  };
}

const SRS = 'requirements/srs.md';
const items = [
  item('REQ-001', { file: SRS, line: 3, class: 'C', links: [['parent', 'SYS-001'], ['mitigates', 'RISK-001']] }),
  item('REQ-002', { file: SRS, line: 10, class: 'B' }),
  item('REQ-003', { file: SRS, line: 20, class: 'C', verification: 'inspection' }),
  item('REQ-004', { file: SRS, line: 30, status: 'obsolete' }),
  item('SYS-001', { file: 'requirements/sys.md', line: 3, kind: 'system' }),
  item('RISK-001', { file: 'requirements/risks.yml', line: 2, kind: 'risk' }),
  item('RISK-002', { file: 'requirements/risks.yml', line: 9, kind: 'risk' }),
  item('TC-001', { file: 'requirements/tests.yml', line: 2, kind: 'test', links: [['verifies', 'REQ-002']] }),
];
const references = [
  { ...ref('REQ-001', 'implements', 'src/dose.c', 12), symbol: 'round_dose' },
  ref('REQ-001', 'verifies', 'test/dose_test.c', 5),
  ref('REQ-003', 'implements', 'src/rom.c', 1),
  ref('REQ-004', 'implements', 'src/old.c', 7),
  ref('REQ-099', 'implements', 'src/typo.c', 3),
];
const snapshot = snapshotOf(items, references);
const view = SnapshotLookup.of(snapshot);
const linkFor = (at: { file: string; line: number }) => `file:///ws/${at.file}#L${at.line}`;

test('a snapshot lookup is made once per snapshot', () => {
  assert.equal(SnapshotLookup.of(snapshot), view);
});

test('lookups by file and position', () => {
  assert.deepEqual(view.itemsIn(SRS).map((i) => i.id), ['REQ-001', 'REQ-002', 'REQ-003', 'REQ-004']);
  assert.equal(view.referenceAt('src/dose.c', 12, 15)?.id, 'REQ-001');
  assert.equal(view.referenceAt('src/dose.c', 12, 15 + 'REQ-001'.length)?.id, 'REQ-001', 'the column just past the ID counts');
  assert.equal(view.referenceAt('src/dose.c', 12, 14), undefined);
  assert.deepEqual(view.families(), { prefixes: ['REQ', 'RISK', 'SYS', 'TC'] });
  assert.ok(view.hasPrefixOf('REQ-777'));
  assert.ok(!view.hasPrefixOf('SHA-256'));
  assert.ok(view.isTestFile('test/dose_test.c'));
});

test('coverage of each kind of item', () => {
  const coverage = (id: string) => view.coverage(view.item(id)!);
  assert.equal(coverage('REQ-001'), 'complete');
  assert.equal(coverage('REQ-002'), 'partial', 'verified by a test item, not implemented');
  assert.equal(coverage('REQ-003'), 'complete', 'implemented, verified by inspection');
  assert.equal(coverage('REQ-004'), 'inactive');
  assert.equal(coverage('RISK-001'), 'complete');
  assert.equal(coverage('RISK-002'), 'none');
  assert.equal(coverage('SYS-001'), 'complete');
  assert.equal(coverage('TC-001'), 'neutral');
  assert.deepEqual(coverageIcon('complete'), { id: 'pass-filled', color: 'testing.iconPassed' });

test("the tree's coverage states and the summary come from one classifier and agree", () => {
  const states = snapshot.items.map((i) => [i, view.coverage(i)] as const);
  const requirements = states.filter(([i, state]) => i.kind === 'requirement' && state !== 'inactive');
  assert.equal(snapshot.summary.requirements, requirements.length);
  // A complete requirement is both implemented and verified; the summary counts each part.
  assert.ok(requirements.filter(([, state]) => state === 'complete').length <= Math.min(snapshot.summary.implemented, snapshot.summary.verified));
  assert.equal(snapshot.summary.implemented, requirements.filter(([i]) => view.isImplemented(i.id)).length);
  assert.equal(snapshot.summary.verified, requirements.filter(([i]) => view.isVerified(i)).length);
  assert.equal(snapshot.summary.mitigatedRisks, states.filter(([i, state]) => i.kind === 'risk' && state === 'complete').length);
  assert.equal(snapshot.summary.inactive, states.filter(([, state]) => state === 'inactive').length);
});
  assert.equal(coverageIcon('none').id, 'error');
  assert.equal(coverageIcon('inactive').id, 'circle-slash');
  assert.equal(coverageIcon('partial').id, 'circle-large-outline');
  assert.equal(coverageIcon('neutral', { kind: 'test' }).id, 'beaker');
});

// Verifies: TL-075
test('under a coverage model the tree names the declared needs, and its states agree with the findings and the summary', () => {
  const config = testConfig({ coverage: { system: ['child:SRS'], SRS: ['child:SDS'] } });
  const hierarchy = snapshotOf([
    item('SYS-7', { kind: 'system', file: 'reqs/h.md', line: 1 }),
    item('SRS-7', { file: 'reqs/h.md', line: 5, links: [['parent', 'SYS-7']] }),
    item('SRS-8', { file: 'reqs/h.md', line: 9, links: [['parent', 'SYS-7']] }),
    item('SDS-7', { file: 'reqs/h.md', line: 13, links: [['parent', 'SRS-7']] }),
  ], [ref('SDS-7', 'implements'), ref('SDS-7', 'verifies', 'test/a.c')], config);
  const lookup = SnapshotLookup.of(hierarchy);
  const label = (id: string) => {
    const found = lookup.item(id)!;
    return coverageLabel(lookup.coverage(found), found, lookup.coverageDetail(found));
  };
  assert.deepEqual(['SYS-7', 'SRS-7', 'SRS-8', 'SDS-7'].map(label), [
    'child:SRS: covered', 'child:SDS: covered', 'missing child:SDS', 'implemented and verified',
  ]);
  assert.deepEqual(hierarchy.findings.map((f) => `${f.id} ${f.rule}`), ['SRS-8 uncovered']);
  assert.equal(lookup.coverage(lookup.item('SRS-8')!), 'none');
  assert.deepEqual([hierarchy.summary.requirements, hierarchy.summary.implemented, hierarchy.summary.verified], [3, 2, 2]);
});

test('uses of an ID are its tags and the links naming it; trace places include tests and controls', () => {
  assert.deepEqual(view.usesOf('REQ-001').map((u) => `${u.file}:${u.line}:${u.column}-${u.endColumn}`), [
    'src/dose.c:12:15-22', 'test/dose_test.c:5:15-22',
  ]);
  assert.deepEqual(view.usesOf('RISK-001').map((u) => `${u.file}:${u.line}`), [`${SRS}:5`]);
  assert.deepEqual(view.tracePlaces('REQ-002').map((p) => p.file), ['requirements/tests.yml']);
  assert.deepEqual(view.tracePlaces('RISK-001').map((p) => `${p.file}:${p.line}`), [`${SRS}:3`]);
});

test('CodeLens and hover summaries count implementations and tests', () => {
  assert.equal(traceSummary(view.item('REQ-001')!, view), '1 implementation · 1 test');
  assert.equal(traceSummary(view.item('REQ-002')!, view), '0 implementations · 1 test');
  assert.equal(traceSummary(view.item('RISK-001')!, view), '1 mitigation');
  assert.equal(traceSummary(view.item('SYS-001')!, view), '1 child requirement · 0 implementations');
  assert.equal(traceSummary(view.item('TC-001')!, view), 'verifies 1 item');
});

test('an item hover shows its facts, text and linked trace', () => {
  const hover = itemHover({ ...view.item('REQ-001')!, text: 'The pump *shall* round.' }, view, linkFor);
  assert.match(hover, /^\*\*REQ\\-001\*\* Title of REQ\\-001/);
  assert.match(hover, /requirement · class C · status active/);
  assert.match(hover, /parent \[SYS\\-001\]\(file:\/\/\/ws\/requirements\/sys\.md#L3\)/);
  assert.match(hover, /The pump \*shall\* round\./, 'the item text stays Markdown');
  assert.match(hover, /\*\*Implemented\*\* by 1 tag:\n- \[src\/dose\\\.c:12\]\(file:\/\/\/ws\/src\/dose\.c#L12\) `round_dose`/);
  assert.match(hover, /\*\*Verified\*\* by 1 test:/);
});

test('hovers say what is missing, and inspection needs no test', () => {
  assert.match(itemHover(view.item('REQ-002')!, view, linkFor), /\*\*Not implemented\*\*/);
  assert.match(itemHover(view.item('REQ-003')!, view, linkFor), /\*\*Verified\*\* by inspection; no test needed\./);
  assert.match(itemHover(view.item('RISK-002')!, view, linkFor), /\*\*Not mitigated\*\*/);
  assert.match(itemHover(view.item('REQ-004')!, view, linkFor), /status obsolete · \*\*inactive\*\*/);
});

test('an unknown ID hover suggests the nearest IDs', () => {
  const hover = unknownIdHover('REQ-099', [view.item('REQ-009') ?? view.item('REQ-001')!], linkFor);
  assert.match(hover, /\*\*REQ\\-099\*\* is not defined in any requirement file\.\n\nDid you mean:\n- \[REQ\\-001\]/);
  assert.equal(escapeMarkdown('a_b*[c](d)<e>'), 'a\\_b\\*\\[c\\]\\(d\\)\\<e\\>');
});

test('diagnostics: requirement files follow the setting, coverage waits for the full scan', () => {
  const all = publishableFindings(view, { partial: false, requirementDiagnostics: 'all' });
  assert.deepEqual([...all.keys()].sort(), ['requirements/risks.yml', SRS, 'src/old.c', 'src/typo.c']);
  const errors = publishableFindings(view, { partial: false, requirementDiagnostics: 'errors' });
  assert.deepEqual(all.get(SRS)!.map((f) => `${f.rule}:${f.id}:${f.severity}`), ['unimplemented:REQ-002:warning']);
  assert.equal(errors.has(SRS), false, 'the class B warning is dropped');
  assert.deepEqual(errors.get('requirements/risks.yml')!.map((f) => f.severity), ['error']);
  const none = publishableFindings(view, { partial: false, requirementDiagnostics: 'none' });
  assert.deepEqual([...none.keys()].sort(), ['src/old.c', 'src/typo.c']);
  const partial = publishableFindings(view, { partial: true, requirementDiagnostics: 'all' });
  assert.ok(![...partial.values()].flat().some((f) => f.rule === 'unimplemented' || f.rule === 'unverified'));
  assert.ok(partial.has('requirements/risks.yml'), 'unmitigated risks are known without the code');
});

test('diagnostics: an unknown ID points at its nearest IDs, an inactive one at the item', () => {
  const unknown = view.findingsIn('src/typo.c')[0]!;
  const related = relatedLocations(unknown, view, () => ['REQ-001']);
  assert.deepEqual(related, [{ file: SRS, line: 3, column: 4, message: 'Did you mean REQ-001 (Title of REQ-001)?' }]);
  const inactive = view.findingsIn('src/old.c')[0]!;
  assert.equal(inactive.rule, 'inactive-reference');
  assert.match(relatedLocations(inactive, view, () => [])[0]!.message, /REQ-004 \(obsolete\) is defined here/);
});

test('completion applies after a relation keyword or a known prefix', () => {
  const keywords = testConfig().keywords;
  const prefixes = { prefixes: ['REQ', 'RISK'] };
  assert.deepEqual(completionSite('// Implements: ', keywords, prefixes), { start: 15, partial: '', relation: 'implements' });
  assert.deepEqual(completionSite('// Implements: RE', keywords, prefixes), { start: 15, partial: 'RE', relation: 'implements' });
  assert.deepEqual(completionSite('# @verifies REQ-1, ', keywords, prefixes), { start: 19, partial: '', relation: 'verifies' });
  assert.deepEqual(completionSite('# @verifies REQ-1,', keywords, prefixes), { start: 18, partial: '', relation: 'verifies', spaceBefore: true });
  assert.deepEqual(completionSite('// Mitigates:', keywords, prefixes), { start: 13, partial: '', relation: 'mitigates', spaceBefore: true });
  assert.deepEqual(completionSite('// see REQ-', keywords, prefixes), { start: 7, partial: 'REQ-' });
  assert.equal(completionSite('// the dose ', keywords, prefixes), undefined);
  assert.equal(completionSite('// Implements', keywords, prefixes), undefined, 'not before the keyword is finished');
  assert.equal(completionSite('// reimplements: ', keywords, prefixes), undefined);
  assert.deepEqual(completionSite('- parent: ', LINK_ATTRIBUTES, prefixes), { start: 10, partial: '', relation: 'parent' });
});

// Verifies: TL-125
test('completion in sphinx-needs link options knows their meaning', () => {
  const prefixes = { prefixes: ['REQ', 'RISK'] };
  const attributes = needLinkAttributes({ sphinxNeeds: { file: 'ubproject.toml', types: [], links: ['tests', 'mitigates', 'blocks'] } });
  assert.deepEqual(completionSite('   :links: ', attributes, prefixes), { start: 11, partial: '', relation: 'parent' });
  assert.deepEqual(completionSite('   :links: REQ_1; RE', attributes, prefixes), { start: 18, partial: 'RE', relation: 'parent' });
  assert.deepEqual(completionSite('   :tests: ', attributes, prefixes), { start: 11, partial: '', relation: 'verifies' });
  assert.deepEqual(completionSite('   :mitigates: ', attributes, prefixes), { start: 15, partial: '', relation: 'mitigates' });
  assert.deepEqual(completionSite('   :blocks: ', attributes, prefixes), { start: 12, partial: '', relation: 'parent' });
  assert.equal(completionSite('   :blocks: ', needLinkAttributes({}), prefixes), undefined, 'an undeclared option holds no IDs');
});

// Verifies: TL-265
test('a MyST Markdown file of needs completes their link options as an .rst file does; other Markdown keeps the plain link attributes', () => {
  const prefixes = { prefixes: ['REQ'] };
  const config = { sphinxNeeds: { file: 'ubproject.toml', types: [], links: ['tests'] } };
  const myst = linkAttributesOf('docs/spec.md', [{ format: 'sphinx-needs' }], config);
  assert.deepEqual(completionSite(':tests: ', myst, prefixes), { start: 8, partial: '', relation: 'verifies' });
  assert.deepEqual(completionSite(':links: RE', myst, prefixes), { start: 8, partial: 'RE', relation: 'parent' });
  assert.deepEqual(Object.keys(linkAttributesOf('docs/spec.rst', [], config)).sort(), Object.keys(myst).sort());
  const plain = linkAttributesOf('requirements/srs.md', [{ format: 'markdown-headings' }], config);
  assert.equal(plain, LINK_ATTRIBUTES);
  assert.equal(completionSite(':tests: ', plain, prefixes), undefined);
});

// Verifies: TL-087
test('completion in a table link cell knows what the column links to', () => {
  const lines = [
    '| ID | Title | Related Risk IDs | Parent |',
    '|---|---|---|---|',
    '| REQ-1 | Stop | RISK-1, RI | SYS-1 |',
    '| REQ-2 | Alarm | | |',
    '> ID | Verifies',
    '> ---|---',
    '> TC-1 | REQ-1<br>',
  ];
  assert.deepEqual(tableCellSite(lines, 2, 27), { start: 25, partial: 'RI', relation: 'mitigates' });
  assert.deepEqual(tableCellSite(lines, 2, 25), { start: 25, partial: '', relation: 'mitigates' });
  assert.deepEqual(tableCellSite(lines, 2, 24), { start: 24, partial: '', relation: 'mitigates', spaceBefore: true });
  assert.deepEqual(tableCellSite(lines, 2, 33), { start: 30, partial: 'SYS', relation: 'parent' });
  assert.deepEqual(tableCellSite(lines, 3, 17), { start: 17, partial: '', relation: 'mitigates', spaceBefore: true });
  assert.deepEqual(tableCellSite(lines, 6, 18), { start: 18, partial: '', relation: 'verifies' });
  assert.equal(tableCellSite(lines, 2, 12), undefined, 'the title column links nothing');
  assert.deepEqual(tableCellSite(lines, 2, 20), { start: 17, partial: 'RIS', relation: 'mitigates' });
  assert.deepEqual(tableCellSite(lines, 2, 22), { start: 17, partial: 'RISK-', relation: 'mitigates' });
  assert.equal(tableCellSite(['| ID | Parent |', '|---|---|', '| REQ-1 | (SY |'], 2, 13), undefined, 'not after other punctuation');
  assert.equal(tableCellSite(lines, 1, 5), undefined, 'the delimiter row is no row');
  assert.equal(tableCellSite(lines, 0, 20), undefined, 'the header is no row');
  assert.deepEqual(tableCellSite(['| ID | Risk |', '|---|---|', '| REQ-1 | |'], 2, 10, { risk: 'attribute' }), undefined, 'configured columns count');
});

// Verifies: TL-095
test('completion knows every ID shape: joined, named and typed families, and IDs of any shape in a tag list', () => {
  const keywords = testConfig().keywords;
  const families = { prefixes: ['REQ', 'SDOC'], joinedPrefixes: ['REQ'], namedIds: ['FE_DEF'], namedPrefixes: ['SDOC-UG'], types: ['dsn'] };
  assert.deepEqual(completionSite('// see REQ0', keywords, families), { start: 7, partial: 'REQ0' });
  assert.equal(completionSite('// see MD5', keywords, families), undefined, 'MD is no family');
  assert.deepEqual(completionSite('// see FE_', keywords, families), { start: 7, partial: 'FE_' });
  assert.deepEqual(completionSite('// see FE', keywords, families), { start: 7, partial: 'FE' });
  assert.equal(completionSite('// see FEDORA', keywords, families), undefined);
  assert.deepEqual(completionSite('// see SDOC_UG_O', keywords, families), { start: 7, partial: 'SDOC_UG_O' });
  assert.deepEqual(completionSite('// see dsn~parse', keywords, families), { start: 7, partial: 'dsn~parse' });
  assert.equal(completionSite('// see req~parse', keywords, families), undefined, 'req is no type of this project');
  assert.deepEqual(completionSite('// [impl->', keywords, families), { start: 10, partial: '', relation: 'implements' });
  assert.deepEqual(completionSite('// [impl->dsn~pa', keywords, families), { start: 10, partial: 'dsn~pa', relation: 'implements' });
  assert.deepEqual(completionSite('// Implements: REQ001, FE_DEF, dsn~a.b~2, ', keywords, families), { start: 42, partial: '', relation: 'implements' });
  assert.deepEqual(completionSite('// Implements: REQ-SYS-001, SD', keywords, families), { start: 28, partial: 'SD', relation: 'implements' });
});

test('completion ranks open gaps first: unimplemented in code, unverified in tests, unmitigated risks', () => {
  const ids = (ranked: ReturnType<typeof rankItems>) => ranked.map((r) => r.item.id);
  const code = rankItems(view, { isTest: false });
  assert.deepEqual(ids(code).slice(0, 2), ['REQ-002', 'REQ-001']);
  assert.equal(code[0]!.gap, 'not implemented');
  assert.ok(!ids(code).includes('REQ-004'), 'inactive items are not offered');
  const inTests = rankItems(snapshotView([item('REQ-1', { file: SRS }), item('REQ-2', { file: SRS })], [ref('REQ-1', 'verifies', 'test/a.c'), ref('REQ-2', 'implements')]), { isTest: true });
  assert.deepEqual(inTests.map((r) => [r.item.id, r.gap]), [['REQ-2', 'not verified'], ['REQ-1', undefined]]);
  const mitigates = rankItems(view, { relation: 'mitigates', isTest: false });
  assert.deepEqual(ids(mitigates).slice(0, 2), ['RISK-002', 'RISK-001']);
  assert.deepEqual(ids(rankItems(view, { relation: 'parent', isTest: false })).slice(0, 2), ['SYS-001', 'REQ-001']);
  const natural = rankItems(snapshotView([item('REQ-10', { file: SRS }), item('REQ-9', { file: SRS })]), { isTest: false });
  assert.deepEqual(ids(natural), ['REQ-9', 'REQ-10']);
});

function snapshotView(list: Item[], refs: Reference[] = []): SnapshotLookup {
  return SnapshotLookup.of(snapshotOf(list, refs));
}

test('the requirements tree groups items by file, and "only gaps" keeps items with gaps', () => {
  const documents = requirementDocuments(view, false);
  // By the ID of their first item, not by path (TL-228).
  assert.deepEqual(documents.map((d) => d.file), [SRS, 'requirements/risks.yml', 'requirements/sys.md', 'requirements/tests.yml']);
  const gaps = requirementDocuments(view, true);
  assert.deepEqual(gaps.map((d) => [d.file, d.items.map((i) => i.id)]), [
    [SRS, ['REQ-002', 'REQ-004']],
    ['requirements/risks.yml', ['RISK-002']],
  ]);
  assert.ok(hasGap(view.item('REQ-002')!, view));
  assert.ok(!hasGap(view.item('REQ-001')!, view));
  assert.ok(hasGap(view.item('REQ-004')!, view), 'obsolete, but still implemented in src/old.c: a gap');
  const numbered = snapshotView([item('REQ-10', { file: 'r/a.md', line: 1 }), item('REQ-2', { file: 'r/b.md', line: 1 }), item('DES-1', { file: 'r/c.md', line: 1 })]);
  assert.deepEqual(requirementDocuments(numbered, false).map((d) => d.file), ['r/c.md', 'r/b.md', 'r/a.md']);
});

test('an item expands to its code, tests and links', () => {
  const entries = traceEntries(view.item('REQ-001')!, view);
  assert.deepEqual(entries.map((e) => `${e.label} | ${e.description ?? ''} | ${e.icon.id}`), [
    'src/dose.c:12 | implements · round_dose | code',
    'test/dose_test.c:5 | verifies | beaker',
    'Parent: SYS-001 | Title of SYS-001 | arrow-up',
    'Mitigates: RISK-001 | Title of RISK-001 | shield',
  ]);
  assert.deepEqual(traceEntries(view.item('RISK-001')!, view).map((e) => e.label), ['Mitigated by: REQ-001']);
  const broken = traceEntries(item('REQ-5', { links: [['parent', 'SYS-404']] }), view);
  assert.deepEqual(broken.map((e) => [e.label, e.description, e.location?.file]), [['Parent: SYS-404', 'not defined', 'requirements/reqs.md']]);
});

test('the gaps view groups findings by rule in rule order; the badge counts every gap; rows show titles', () => {
  const groups = gapGroups(snapshot.findings);
  assert.deepEqual(groups.map((g) => [g.rule, g.findings.length]), [
    ['unknown-id', 1], ['inactive-reference', 1], ['unmitigated-risk', 1], ['unimplemented', 1],
  ]);
  assert.equal(groups[0]!.title, 'Unknown ID');
  assert.deepEqual(badgeCount(snapshot.findings), { count: 4, tooltip: '2 errors, 2 warnings, 0 info' });
  assert.deepEqual(badgeCount([...snapshot.findings, { ...snapshot.findings[0]!, severity: 'info' }]), { count: 5, tooltip: '2 errors, 2 warnings, 1 info' });
  assert.deepEqual(snapshot.findings.map((f) => gapRow(f, view)), [
    { label: 'RISK-002 — Title of RISK-002', description: 'requirements/risks.yml:9' },
    { label: 'REQ-002 — Title of REQ-002', description: `${SRS}:10` },
    { label: 'REQ-004 — Title of REQ-004', description: 'src/old.c:7' },
    { label: 'REQ-099', description: 'src/typo.c:3' },
  ]);
});

test('the status bar shows floored percentages over all projects', () => {
  const { text, tooltip } = statusText([snapshot.summary]);
  assert.equal(snapshot.summary.requirements, 3);
  assert.equal(text, '$(checklist) 66% impl · 100% verif');
  assert.match(tooltip, /3 active requirements\n2 implemented \(66%\), 3 verified \(100%\)\n1 of 2 risks mitigated/);
  assert.equal(statusText([snapshot.summary]).command, 'tracelens.showGaps');
});

// Verifies: TL-076
test('with no item the status bar says "No requirements" (no percentage) and a click opens tracelens.json', () => {
  const empty = snapshotOf([], []);
  const status = statusText([empty.summary]);
  assert.equal(status.text, '$(warning) No requirements');
  assert.equal(status.command, 'tracelens.openConfig');
  assert.doesNotMatch(`${status.text}\n${status.tooltip}`, /%/);
  assert.match(status.tooltip, /^Tracelens found no requirements: the Gaps view says where it looked\.\n0 errors, 0 warnings\nClick to open or create tracelens\.json/);
  assert.equal(statusText([]).text, '$(warning) No requirements');
  // Items, but none an active requirement: still no percentage.
  const systemOnly = snapshotOf([item('SYS-9', { kind: 'system' })], []);
  assert.equal(statusText([systemOnly.summary]).text, '$(checklist) No active requirements');
  assert.doesNotMatch(statusText([systemOnly.summary]).tooltip, /%/);
  assert.equal(statusText([systemOnly.summary, snapshot.summary]).text, '$(checklist) 66% impl · 100% verif');
});

// Verifies: TL-076
test('the status bar counts the projects Tracelens was pointed at, else all of them; the welcome content shows over no items', () => {
  const empty = snapshotOf([], []);
  const unrelated = { summary: empty.summary, requirementFiles: [] };
  assert.deepEqual(statusSummaries([unrelated, snapshot]), [snapshot.summary]);
  assert.deepEqual(statusSummaries([unrelated, { ...unrelated, configFile: 'tracelens.json' }]), [empty.summary]);
  assert.deepEqual(statusSummaries([unrelated]), [empty.summary]);
  assert.equal(hasNoItems(empty), true);
  assert.equal(hasNoItems(snapshot), false);
});

test('a snapshot exports as the CLI report', () => {
  const report = toJsonReport(checkResultOf('/ws', snapshot), '.');
  assert.equal(report.root, '.');
  assert.equal(report.findings.length, snapshot.findings.length);
  assert.equal(report.summary.requirementFiles, 4);
  assert.equal(report.summary.codeFiles, 5);
});

test("a view shows a node per folder when there are several, else the one folder's children", () => {
  const level = (entries: string[]) => topLevel(entries, (entry) => `folder ${entry}`, (entry) => [`${entry}/a`, `${entry}/b`]);
  assert.deepEqual(level([]), []);
  assert.deepEqual(level(['x']), ['x/a', 'x/b']);
  assert.deepEqual(level(['x', 'y']), ['folder x', 'folder y']);
});
