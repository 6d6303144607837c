// Verifies: TL-073, TL-074, TL-075
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../src/core/config/parse';
import { DEFAULT_PREFIXES, type TracelensConfig } from '../../src/core/config/types';
import { analyze } from '../../src/core/project/check';
import { kindResolver, readRequirementFile } from '../../src/core/readers';
import { itemCoverage } from '../../src/core/rules/coverage';
import { needsOf } from '../../src/core/rules/coverageModel';
import { parseNeed } from '../../src/core/model/needs';
import type { Finding, Item, Need, Reference } from '../../src/core/model/types';
import { item, ref, testConfig } from '../helpers/model';

const at = (f: Finding): string => `${f.file}:${f.line}:${f.column} ${f.rule} ${f.message}`;

function withNeeds(base: Item, needs: Need[]): Item {
  return { ...base, needs: needs.map((need, i) => ({ file: base.file, line: base.line + 1, column: 12 + i * 10, need })) };
}

describe('coverage in tracelens.json', () => {
  it('reads needs per kind and per prefix; bad keys, needs and child targets are problems at their position', () => {
    const text = [
      '{',
      '  "prefixes": { "DSN": "requirement" },',
      '  "coverage": {',
      '    "system": ["child:SRS"],',
      '    "SRS": ["child:DSN", "tests", "child:DSN"],',
      '    "design": ["impl"],',
      '    "XYZ": [],',
      '    "risk": "mitigation",',
      '    "requirement": ["impl", "child:FOO"]',
      '  }',
      '}',
    ].join('\n');
    const { config, problems } = parseConfig(text, 'tracelens.json');
    assert.deepEqual(problems.map((p) => `${p.line}:${p.column} ${p.message}`), [
      '5:26 Unknown need "tests" for "SRS": expected "impl", "test", "test-tag", "test-item", "mitigation" or "child:<kind or prefix>".',
      '6:5 "design" in "coverage" must be a kind ("requirement", "system", "risk", "test") or an ID prefix in capitals (like SRS).',
      '7:5 "XYZ" in "coverage" is no kind and no known prefix: add it to "prefixes" or use one of "requirement", "system", "risk", "test".',
      '8:13 The needs of "risk" must be an array, like ["impl", "test"] (or [] for none).',
      '9:29 "child:FOO" names "FOO", which is no kind and no known prefix (kinds: "requirement", "system", "risk", "test").',
    ]);
    assert.deepEqual(config.coverage, { system: ['child:SRS'], SRS: ['child:DSN'], requirement: ['impl'] });
  });

  it('checks prefixes named before "prefixes" declares them, whatever the order of keys', () => {
    const { config, problems } = parseConfig('{ "coverage": { "DSN": ["impl"] }, "prefixes": { "DSN": "requirement" } }', 'tracelens.json');
    assert.deepEqual(problems, []);
    assert.deepEqual(config.coverage, { DSN: ['impl'] });
  });

  it('without coverage the config has none, and items take the built-in needs of their kind', () => {
    const { config } = parseConfig('{}', 'tracelens.json');
    assert.equal(config.coverage, undefined);
    assert.deepEqual(needsOf(item('REQ-1'), config), { needs: ['impl', 'test'], source: 'default' });
    assert.deepEqual(needsOf(item('RISK-1', { kind: 'risk' }), config), { needs: ['mitigation'], source: 'default' });
    assert.deepEqual(needsOf(item('SYS-1', { kind: 'system' }), config), { needs: [], source: 'default' });
  });

  it('the longest matching prefix wins over a shorter one and over the kind; an item\'s own needs win over all', () => {
    const config = testConfig({ prefixes: { ...DEFAULT_PREFIXES, SDOC: 'requirement', 'SDOC-SRS': 'requirement' }, coverage: { requirement: ['test'], SDOC: ['impl'], 'SDOC-SRS': ['child:SRS'] } });
    assert.deepEqual(needsOf(item('SDOC-SRS-18'), config).needs, ['child:SRS']);
    assert.deepEqual(needsOf(item('SDOC-7'), config).needs, ['impl']);
    assert.deepEqual(needsOf(item('SDOCX-7'), config).needs, ['test']);
    assert.deepEqual(needsOf(item('REQ-7'), config), { needs: ['test'], source: 'config' });
    assert.deepEqual(needsOf(withNeeds(item('SDOC-8'), ['mitigation']), config), { needs: ['mitigation'], source: 'item' });
    assert.deepEqual(needsOf({ ...item('SDOC-9'), needs: [] }, config), { needs: [], source: 'item' });
  });

  it('parses need words case-insensitively; child targets are kinds (lower case) or prefixes (capitals)', () => {
    assert.equal(parseNeed(' IMPL '), 'impl');
    assert.equal(parseNeed('child: SDS'), 'child:SDS');
    assert.equal(parseNeed('child:Requirement'), 'child:requirement');
    assert.equal(parseNeed('children:SDS'), undefined);
    assert.equal(parseNeed('tests'), undefined);
  });
});

describe('needs per item', () => {
  const kindOf = kindResolver(testConfig());

  it('reads `needs` from a Markdown attribute list, with each need at its position and unknown ones as problems', () => {
    const text = '# Software requirements\n\n## SRS-1: Dose limits\n- needs: impl, test-item, child:SDS, bogus\n\nText.\n';
    const { items, problems } = readRequirementFile(text, { file: 'reqs/srs.md', kindOf });
    assert.deepEqual(items[0]!.needs, [
      { file: 'reqs/srs.md', line: 4, column: 10, need: 'impl' },
      { file: 'reqs/srs.md', line: 4, column: 16, need: 'test-item' },
      { file: 'reqs/srs.md', line: 4, column: 27, need: 'child:SDS' },
    ]);
    assert.deepEqual(problems.map((p) => `${p.line}:${p.column} ${p.message}`), [
      '4:38 Unknown need "bogus" in needs: expected impl, test, test-tag, test-item, mitigation, child:<kind or prefix> or none.',
    ]);
  });

  it('reads `needs` from YAML lists and front matter the same way; `none` needs nothing; no `needs` leaves it to the config', () => {
    const yaml = readRequirementFile('- id: SRS-2\n  needs: [child:SDS, impl]\n- id: SRS-3\n  needs: none\n- id: SRS-4\n', { file: 'r.yml', kindOf });
    assert.deepEqual(yaml.problems, []);
    assert.deepEqual(yaml.items.map((i) => i.needs?.map((n) => `${n.line}:${n.column} ${n.need}`)), [['2:11 child:SDS', '2:22 impl'], [], undefined]);
    const front = readRequirementFile('---\nid: SRS-5\nneeds:\n  - test\n---\nText.\n', { file: 'srs-5.md', kindOf });
    assert.deepEqual(front.items[0]!.needs, [{ file: 'srs-5.md', line: 4, column: 5, need: 'test' }]);
  });

  it('a child need naming an unknown kind or prefix is an invalid-file finding at the need; the item is judged on the rest', () => {
    const base = item('REQ-1', { file: 'reqs/a.md', line: 3 });
    const req = { ...base, needs: [{ file: 'reqs/a.md', line: 4, column: 10, need: 'child:FOO' as Need }, { file: 'reqs/a.md', line: 4, column: 21, need: 'impl' as Need }] };
    const { findings } = analyze({ items: [req], references: [], problems: [] }, testConfig());
    assert.deepEqual(findings.map(at), [
      'reqs/a.md:3:4 unimplemented REQ-1 (class C) needs impl; missing impl',
      'reqs/a.md:4:10 invalid-file REQ-1 needs "child:FOO", but "FOO" is no kind (requirement, system, risk, test) and no prefix of tracelens.json',
    ]);
    assert.deepEqual([findings[1]!.endLine, findings[1]!.endColumn], [4, 19]);
  });
});

describe('coverage evaluation', () => {
  // system → software requirement → detailed design: parents are covered by their children.
  const config: TracelensConfig = testConfig({ coverage: { system: ['child:SRS'], SRS: ['child:SDS'], SDS: ['impl', 'test'] } });
  const F = 'reqs/h.md';
  const items = [
    item('SYS-1', { kind: 'system', file: F, line: 1 }),
    item('SYS-2', { kind: 'system', file: F, line: 5 }),
    item('SRS-1', { file: F, line: 10, links: [['parent', 'SYS-1']] }),
    item('SRS-2', { file: F, line: 20, class: 'B', links: [['parent', 'SYS-1']] }),
    item('SDS-1', { file: F, line: 30, links: [['parent', 'SRS-1']] }),
    item('SDS-2', { file: F, line: 40, status: 'obsolete', links: [['parent', 'SRS-2']] }),
  ];
  const references: Reference[] = [ref('SDS-1', 'implements', 'src/a.c', 3)];

  it('a hierarchy is covered through children: findings say what is needed and what is missing, with the uncovered rule', () => {
    const { findings, summary, index } = analyze({ items, references, problems: [] }, config);
    assert.deepEqual(findings.map(at), [
      'reqs/h.md:5:4 uncovered SYS-2 (class C) needs child:SRS; missing child:SRS (no active SRS item names SYS-2 as its parent)',
      'reqs/h.md:20:4 uncovered SRS-2 (class B) needs child:SDS; missing child:SDS (no active SDS item names SRS-2 as its parent)',
      'reqs/h.md:30:4 unverified SDS-1 (class C) needs impl and test; missing test',
    ]);
    assert.deepEqual(findings.map((f) => f.severity), ['error', 'warning', 'error']);
    assert.deepEqual(items.map((i) => `${i.id} ${itemCoverage(i, index, config).state}`), [
      'SYS-1 complete', 'SYS-2 none', 'SRS-1 complete', 'SRS-2 none', 'SDS-1 partial', 'SDS-2 inactive',
    ]);
    // SRS-1 (covered by SDS-1) counts as implemented and verified; SRS-2 as neither; SDS-1 implemented only.
    assert.deepEqual([summary.requirements, summary.implemented, summary.verified, summary.implementedPercent, summary.verifiedPercent], [3, 2, 1, 66.7, 33.3]);
  });

  it('hazard → risk control → requirement: a control covered by requirements needs no code of its own', () => {
    const recipe = testConfig({ coverage: { RCM: ['child:requirement'] } });
    const model = {
      items: [
        item('HAZ-1', { kind: 'risk', file: F, line: 1 }),
        item('RCM-1', { file: F, line: 5, links: [['mitigates', 'HAZ-1']] }),
        item('RCM-2', { file: F, line: 9, links: [['mitigates', 'HAZ-1']] }),
        item('REQ-1', { file: F, line: 13, links: [['parent', 'RCM-1']] }),
      ],
      references: [ref('REQ-1', 'implements'), ref('REQ-1', 'verifies', 'test/a.c')],
      problems: [],
    };
    assert.deepEqual(analyze(model, recipe).findings.map(at), [
      'reqs/h.md:9:4 uncovered RCM-2 (class C) needs child:requirement; missing child:requirement (no active requirement item names RCM-2 as its parent)',
    ]);
  });

  it('test, test-tag and test-item: which verification counts; a non-test method meets all three', () => {
    const model = (needs: Need[], verification?: string) => ({
      items: [
        withNeeds(item('REQ-1', { file: F, line: 1, ...(verification ? { verification } : {}) }), needs),
        item('TC-1', { kind: 'test', file: F, line: 50, links: [['verifies', 'REQ-1']] }),
      ],
      references: [ref('REQ-1', 'implements')],
      problems: [],
    });
    const rules = (needs: Need[], verification?: string) => analyze(model(needs, verification), testConfig()).findings.map((f) => f.message);
    assert.deepEqual(rules(['impl', 'test']), []);
    assert.deepEqual(rules(['impl', 'test-item']), []);
    assert.deepEqual(rules(['impl', 'test-tag']), ['REQ-1 (class C) needs impl and test-tag; missing test-tag']);
    assert.deepEqual(rules(['test-tag'], 'inspection'), []);
    assert.deepEqual(rules(['impl', 'mitigation', 'test-tag']), [
      'REQ-1 (class C) needs impl, mitigation and test-tag; missing mitigation',
      'REQ-1 (class C) needs impl, mitigation and test-tag; missing test-tag',
    ]);
  });

  it('the built-in needs keep the flat project\'s findings and messages exactly', () => {
    const flat = analyze({ items: [item('REQ-1', { file: F, line: 1 }), item('RISK-1', { kind: 'risk', file: F, line: 5 })], references: [], problems: [] }, testConfig());
    assert.deepEqual(flat.findings.map(at), [
      'reqs/h.md:1:4 unimplemented REQ-1 (class C) is not implemented: no code comment implements it',
      'reqs/h.md:1:4 unverified REQ-1 (class C) is not verified: no test verifies it',
      'reqs/h.md:5:4 unmitigated-risk RISK-1 is not mitigated: no item lists it under "mitigates"',
    ]);
  });

  it('evaluates a 3,000-item hierarchy in linear time', () => {
    const many: Item[] = [];
    for (let i = 0; i < 1000; i++) {
      many.push(item(`SYS-${i}`, { kind: 'system', file: F, line: i * 3 + 1 }));
      many.push(item(`SRS-${i}`, { file: F, line: i * 3 + 2, links: [['parent', `SYS-${i}`]] }));
      many.push(item(`SDS-${i}`, { file: F, line: i * 3 + 3, links: [['parent', `SRS-${i}`]] }));
    }
    const started = performance.now();
    const { findings } = analyze({ items: many, references: [], problems: [] }, config);
    const elapsed = performance.now() - started;
    assert.equal(findings.filter((f) => f.rule === 'unimplemented').length, 1000);
    assert.equal(findings.filter((f) => f.rule === 'uncovered').length, 0);
    assert.ok(elapsed < 1000, `took ${elapsed.toFixed(0)} ms`);
  });
});

// Verifies: TL-117
describe('needs of a child of any target, and needs from the document', () => {
  const F = 'reqs/any.md';

  it('parses child:A|B (and checks every target in tracelens.json) and is met by a child of any of them', () => {
    assert.equal(parseNeed('child: SDS | test'), 'child:SDS|test');
    const { problems } = parseConfig('{ "coverage": { "system": ["child:SRS|FOO"] } }', 'tracelens.json');
    assert.deepEqual(problems.map((p) => `${p.line}:${p.column} ${p.message}`), [
      '1:28 "child:SRS|FOO" names "FOO", which is no kind and no known prefix (kinds: "requirement", "system", "risk", "test").',
    ]);
    const config = testConfig({ coverage: { system: ['child:SRS|SDS'] } });
    const items = [
      item('SYS-1', { kind: 'system', file: F, line: 1 }),
      item('SYS-2', { kind: 'system', file: F, line: 5 }),
      item('SDS-1', { file: F, line: 10, links: [['parent', 'SYS-1']] }),
    ];
    const { findings } = analyze({ items, references: [ref('SDS-1', 'implements'), ref('SDS-1', 'verifies')], problems: [] }, config);
    assert.deepEqual(findings.map(at), [
      'reqs/any.md:5:4 uncovered SYS-2 (class C) needs child:SRS|SDS; missing child:SRS|SDS (no active SRS or SDS item names SYS-2 as its parent)',
    ]);
  });

  it('takes the document\'s needs after the item\'s and coverage by prefix, before coverage by kind', () => {
    const fromDocument: Item = { ...item('REQ001', { file: F, line: 20 }), documentNeeds: ['child:LLR'] };
    assert.deepEqual(needsOf(fromDocument, testConfig()), { needs: ['child:LLR'], source: 'document' });
    assert.deepEqual(needsOf(fromDocument, testConfig({ coverage: { requirement: ['impl'] } })), { needs: ['child:LLR'], source: 'document' });
    assert.deepEqual(needsOf(fromDocument, testConfig({ coverage: { REQ: ['impl'] } })), { needs: ['impl'], source: 'config' });
    assert.deepEqual(needsOf({ ...fromDocument, needs: [] }, testConfig()), { needs: [], source: 'item' });
  });

  it('does not count an item that says it needs nothing as a requirement in the summary', () => {
    const items = [withNeeds(item('REQ-1', { file: F, line: 30 }), []), item('REQ-2', { file: F, line: 35 })];
    const { summary } = analyze({ items, references: [ref('REQ-2', 'implements')], problems: [] }, testConfig());
    assert.deepEqual([summary.requirements, summary.implemented, summary.implementedPercent], [1, 1, 100]);
  });
});
