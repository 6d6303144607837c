// Verifies: TL-046, TL-084, TL-124, TL-129
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readRequirementFile } from '../../src/core/readers';
import {
  chooseStubTarget, commonPrefix, headingLevelAt, nearestNeighbour, nextFreeId, planStub, requirementsFolderOf, STUB_TEXT, STUB_TITLE, stubRefusal,
} from '../../src/core/authoring/requirementStubs';
import type { Item, ItemKind } from '../../src/core/model/types';
import { testConfig } from '../helpers/model';

const kindOf = (id: string): ItemKind => (id.startsWith('RISK') ? 'risk' : 'requirement');
const read = (file: string, text: string): Item[] => readRequirementFile(text, { file, kindOf }).items;
const apply = (text: string, plan: { offset: number; text: string }): string => text.slice(0, plan.offset) + plan.text + text.slice(plan.offset);

const MARKDOWN = `# Software requirements

## Dose

### REQ-001: Bolus limit
- class: C

Reject big boluses.

### REQ-010: Hard limits
- class: B

Constants in ROM.

## Alarms

### REQ-020: Alarm tone
- class: C

Beep.
`;

test('requirementsFolderOf strips the glob part', () => {
  assert.equal(requirementsFolderOf('requirements/**/*.{md,markdown,yml,yaml}'), 'requirements');
  assert.equal(requirementsFolderOf('docs/reqs/*.md'), 'docs/reqs');
  assert.equal(requirementsFolderOf('**/*.md'), '');
  assert.equal(requirementsFolderOf('specs/srs.md'), 'specs');
});

test('the nearest same-prefix item is the neighbour, the lower one on a tie', () => {
  const items = read('requirements/srs.md', MARKDOWN);
  assert.equal(nearestNeighbour('REQ-012', items)?.id, 'REQ-010');
  assert.equal(nearestNeighbour('REQ-015', items)?.id, 'REQ-010');
  assert.equal(nearestNeighbour('REQ-019', items)?.id, 'REQ-020');
  assert.equal(nearestNeighbour('SYS-001', items), undefined);
});

test('a stub goes after its neighbour at the neighbour heading level, and reads back as an item', () => {
  const items = read('requirements/srs.md', MARKDOWN);
  const target = chooseStubTarget('REQ-012', items, testConfig());
  assert.equal(target.file, 'requirements/srs.md');
  assert.equal(target.create, false);
  const plan = planStub(target, MARKDOWN, { id: 'REQ-012', kind: 'requirement', safetyClass: 'B' });
  const after = apply(MARKDOWN, plan);
  assert.match(after, /Constants in ROM\.\n\n### REQ-012: TODO title\n- class: B\n\nTODO: state what the software shall do\.\n\n## Alarms/);
  const reread = read('requirements/srs.md', after).find((item) => item.id === 'REQ-012')!;
  assert.equal(reread.line, plan.line);
  assert.equal(reread.safetyClass, 'B');
  assert.equal(reread.text, STUB_TEXT);
});

test('a lower number goes before its neighbour heading', () => {
  const items = read('requirements/srs.md', MARKDOWN);
  const plan = planStub(chooseStubTarget('REQ-018', items, testConfig()), MARKDOWN, { id: 'REQ-018', kind: 'requirement', title: 'Quiet hours' });
  const after = apply(MARKDOWN, plan);
  assert.match(after, /## Alarms\n\n### REQ-018: Quiet hours\n\nTODO: state what the software shall do\.\n\n### REQ-020/);
  assert.equal(read('f.md', after).find((item) => item.id === 'REQ-018')!.line, plan.line);
});

test('appending at the end of a file without a final line break', () => {
  const text = '## REQ-001: One\n\nText.';
  const items = read('r.md', text);
  const plan = planStub(chooseStubTarget('REQ-002', items, testConfig()), text, { id: 'REQ-002', kind: 'requirement' });
  const after = apply(text, plan);
  assert.equal(after, `## REQ-001: One\n\nText.\n\n## REQ-002: TODO title\n\n${STUB_TEXT}\n`);
  assert.equal(read('r.md', after)[1]!.line, plan.line);
});

test('CRLF files get CRLF stubs', () => {
  const text = '## REQ-001: One\r\n\r\nText.\r\n';
  const plan = planStub(chooseStubTarget('REQ-002', read('r.md', text), testConfig()), text, { id: 'REQ-002', kind: 'requirement' });
  assert.ok(!/[^\r]\n/.test(apply(text, plan)));
});

test('YAML neighbours get a YAML stub at their indentation', () => {
  const yaml = 'items:\n  - id: RISK-001\n    title: Over-delivery\n    text: Too much.\n\n  - id: RISK-003\n    title: Occlusion\n';
  const items = read('requirements/risks.yml', yaml);
  const target = chooseStubTarget('RISK-002', items, testConfig());
  assert.equal(target.format, 'yaml');
  const plan = planStub(target, yaml, { id: 'RISK-002', kind: 'risk', title: 'Stacked: boluses', safetyClass: 'C' });
  const after = apply(yaml, plan);
  assert.match(after, /text: Too much\.\n\n {2}- id: RISK-002\n {4}title: "Stacked: boluses"\n {4}class: C\n {4}text: "TODO: state what the software shall do\."\n\n {2}- id: RISK-003/);
  const reread = read('requirements/risks.yml', after);
  assert.deepEqual(reread.map((item) => item.id), ['RISK-001', 'RISK-002', 'RISK-003']);
  assert.equal(reread[1]!.line, plan.line);
  assert.equal(reread[1]!.title, 'Stacked: boluses');
});

test('front-matter neighbours get a new file beside them', () => {
  const text = '---\nid: REQ-020\ntitle: Alarm escalation\nclass: C\n---\n\nEscalate.\n';
  const items = read('requirements/alarms/REQ-020.md', text);
  const target = chooseStubTarget('REQ-021', items, testConfig());
  assert.deepEqual([target.file, target.create, target.format], ['requirements/alarms/REQ-021.md', true, 'markdown-front-matter']);
  const plan = planStub(target, undefined, { id: 'REQ-021', kind: 'requirement', safetyClass: 'C' });
  const reread = read(target.file, plan.text);
  assert.equal(reread[0]!.id, 'REQ-021');
  assert.equal(reread[0]!.line, plan.line);
});

// Verifies: TL-118
test('Doorstop neighbours get a new item file named by the UID, in their item format, that reads back as the item', () => {
  const document = { file: 'reqs/sw/.doorstop.yml', folder: 'reqs/sw', prefix: 'REQ', sep: '', digits: 3, itemformat: 'yaml' as const };
  const doorstop = { document, children: [] };
  const items = readRequirementFile('header: Format\ntext: |\n  Format it.\n', { file: 'reqs/sw/REQ004.yml', kindOf, doorstop }).items;
  const target = chooseStubTarget('REQ005', items, testConfig());
  assert.deepEqual([target.file, target.create, target.format], ['reqs/sw/REQ005.yml', true, 'doorstop']);
  const plan = planStub(target, undefined, { id: 'REQ005', kind: 'requirement', safetyClass: 'B' });
  assert.equal(plan.text, `active: true\nclass: B\nderived: false\nheader: |\n  ${STUB_TITLE}\nlevel: 1.0\nlinks: []\nnormative: true\nref: ''\nreviewed: null\ntext: |\n  ${STUB_TEXT}\n`);
  const reread = readRequirementFile(plan.text, { file: target.file, kindOf, doorstop });
  assert.deepEqual(reread.problems, []);
  assert.deepEqual(reread.items.map((i) => [i.id, i.line, i.title, i.text, i.safetyClass]), [['REQ005', plan.line, STUB_TITLE, STUB_TEXT, 'B']]);

  const markdown = { document: { ...document, itemformat: 'markdown' as const }, children: [] };
  const mdItems = readRequirementFile('---\nactive: true\n---\n\n# Format\n\nFormat it.\n', { file: 'reqs/sw/REQ004.md', kindOf, doorstop: markdown }).items;
  const mdTarget = chooseStubTarget('REQ005', mdItems, testConfig());
  assert.equal(mdTarget.file, 'reqs/sw/REQ005.md');
  const mdPlan = planStub(mdTarget, undefined, { id: 'REQ005', kind: 'requirement' });
  const mdReread = readRequirementFile(mdPlan.text, { file: mdTarget.file, kindOf, doorstop: markdown });
  assert.deepEqual([mdReread.problems, mdReread.items.map((i) => [i.id, i.title, i.text])], [[], [['REQ005', STUB_TITLE, STUB_TEXT]]]);
});

test('without a neighbour the busiest Markdown file gets the stub, else a new file in the requirements folder', () => {
  const items = read('requirements/srs.md', MARKDOWN);
  const target = chooseStubTarget('SWR-001', items, testConfig());
  assert.equal(target.file, 'requirements/srs.md');
  const plan = planStub(target, MARKDOWN, { id: 'SWR-001', kind: 'requirement' });
  assert.equal(headingLevelAt(apply(MARKDOWN, plan).split('\n'), plan.line), 3);
  assert.ok(apply(MARKDOWN, plan).endsWith(`Beep.\n\n### SWR-001: TODO title\n\n${STUB_TEXT}\n`));

  const fresh = chooseStubTarget('REQ-001', [], testConfig({ requirements: ['docs/requirements/**/*.md'] }));
  assert.deepEqual([fresh.file, fresh.create], ['docs/requirements/requirements.md', true]);
  const created = planStub(fresh, undefined, { id: 'REQ-001', kind: 'requirement', safetyClass: 'C' });
  assert.equal(read(fresh.file, created.text)[0]!.line, created.line);
});

test('nextFreeId continues the numbering and padding', () => {
  assert.equal(nextFreeId('REQ', ['REQ-001', 'REQ-020', 'SYS-100']), 'REQ-021');
  assert.equal(nextFreeId('SWR', ['SWR_7']), 'SWR_8');
  assert.equal(nextFreeId('TL', []), 'TL-001');
});

test('commonPrefix is the prefix most requirements use', () => {
  const items = read('r.md', '## REQ-1: a\n## REQ-2: b\n## SWR-1: c\n## RISK-1: d\n## RISK-2: e\n## RISK-3: f\n');
  assert.equal(commonPrefix(items), 'REQ');
  assert.equal(commonPrefix(items, 'risk'), 'RISK');
});

// Verifies: TL-084
const TABLES = `# Software requirements

| ID      | Title          | Safety Class | Status   | Parent |
|---------|----------------|:------------:|----------|--------|
| REQ-001 | Bolus limit    | C            | approved | SYS-1  |
| REQ-010 | Hard limits    | B            | draft    | SYS-1  |

> ID | Description | Mitigates
> ---|---|---
> RCM-1 | Stop on occlusion. | RISK-1

## REQ-030: A heading item

Text.
`;

test('a table neighbour gets a new row in its table, in its column layout, after it', () => {
  const items = read('requirements/srs.md', TABLES);
  const target = chooseStubTarget('REQ-012', items, testConfig());
  assert.deepEqual([target.file, target.create, target.format, target.neighbour?.id], ['requirements/srs.md', false, 'markdown-table', 'REQ-010']);
  const plan = planStub(target, TABLES, { id: 'REQ-012', kind: 'requirement', safetyClass: 'B' });
  assert.deepEqual([plan.offset, plan.line, plan.text], [TABLES.indexOf('\n> ID'), 7, '| REQ-012 | TODO title     | B            |          |        |\n']);
  const after = apply(TABLES, plan);
  const reread = read('requirements/srs.md', after).find((item) => item.id === 'REQ-012')!;
  assert.deepEqual([reread.format, reread.line, reread.column, reread.title, reread.safetyClass, reread.text], ['markdown-table', plan.line, 3, STUB_TITLE, 'B', '']);
  assert.deepEqual(read('requirements/srs.md', after).filter((item) => item.format === 'markdown-table').map((item) => item.id), ['REQ-001', 'REQ-010', 'REQ-012', 'RCM-1']);
});

test('a lower number goes before its table neighbour; pipes in a title are escaped; a wide value widens its cell', () => {
  const items = read('requirements/srs.md', TABLES);
  const plan = planStub(chooseStubTarget('REQ-008', items, testConfig()), TABLES, { id: 'REQ-008', kind: 'requirement', title: 'Rate | volume limits' });
  assert.deepEqual([plan.line, plan.text], [6, '| REQ-008 | Rate \\| volume limits |              |          |        |\n']);
  const reread = read('requirements/srs.md', apply(TABLES, plan)).find((item) => item.id === 'REQ-008')!;
  assert.deepEqual([reread.line, reread.title], [6, 'Rate | volume limits']);
});

test('a table without outer pipes, in a block quote and without a title column gets a row like its own', () => {
  const items = read('requirements/srs.md', TABLES);
  const target = chooseStubTarget('RCM-2', items, testConfig());
  assert.equal(target.neighbour?.id, 'RCM-1');
  const plan = planStub(target, TABLES, { id: 'RCM-2', kind: 'requirement', title: 'Alarm on occlusion' });
  assert.deepEqual([plan.line, plan.text], [11, '> RCM-2 | Alarm on occlusion | \n']);
  const reread = read('requirements/srs.md', apply(TABLES, plan)).find((item) => item.id === 'RCM-2')!;
  assert.deepEqual([reread.line, reread.column, reread.title, reread.text], [11, 3, '', 'Alarm on occlusion']);
});

test('without a neighbour, a file whose last item is a table row gets a row in that table', () => {
  const text = '## SYS-1: System\n\n| ID | Title |\n|---|---|\n| TC-1 | Bolus test |\n';
  const items = read('requirements/tests.md', text);
  const target = chooseStubTarget('SWR-001', items, testConfig());
  assert.deepEqual([target.format, target.last?.id], ['markdown-table', 'TC-1']);
  const plan = planStub(target, text, { id: 'SWR-001', kind: 'requirement' });
  assert.equal(apply(text, plan), `${text}| SWR-001 | TODO title |\n`);
});

test('a table that moved since the snapshot gets a heading stub instead', () => {
  const items = read('requirements/srs.md', TABLES);
  const target = chooseStubTarget('REQ-012', items, testConfig());
  const changed = TABLES.replace(/^\| REQ-010.*$/m, 'Prose now.');
  const plan = planStub(target, changed, { id: 'REQ-012', kind: 'requirement' });
  assert.match(plan.text, /^\n## REQ-012: TODO title\n/);
});

const OFT = `# Design

### Parse config
\`dsn~parse-config~1\`

Reads the file.

Needs: impl, utest

## Other chapter
`;

test('an OpenFastTrace neighbour gets an OpenFastTrace stub with its title level and its Needs', () => {
  const items = read('doc/design.md', OFT);
  const target = chooseStubTarget('dsn~write-config~1', items, testConfig());
  assert.deepEqual([target.file, target.create, target.format, target.neighbour?.id], ['doc/design.md', false, 'openfasttrace', 'dsn~parse-config~1']);
  const plan = planStub(target, OFT, { id: 'dsn~write-config~1', kind: 'requirement', title: 'Write config' });
  const after = apply(OFT, plan);
  assert.match(after, /Needs: impl, utest\n\n### Write config\n`dsn~write-config~1`\n\nTODO: state what the software shall do\.\n\nNeeds: impl, utest\n\n## Other chapter/);
  const reread = read('doc/design.md', after).find((item) => item.id === 'dsn~write-config~1')!;
  assert.deepEqual([reread.line, reread.title, reread.text, reread.needs!.map((n) => n.need)], [plan.line, 'Write config', STUB_TEXT, ['impl', 'test-tag']]);
});

test('an OpenFastTrace ID without a neighbour goes among OpenFastTrace items, untitled after an untitled one', () => {
  const text = '`req~a~1`\nNeeds: dsn\n';
  const items = [...read('doc/req.md', text), ...read('requirements/srs.md', MARKDOWN)];
  const target = chooseStubTarget('dsn~b~1', items, testConfig());
  assert.deepEqual([target.file, target.format, target.last?.id], ['doc/req.md', 'openfasttrace', 'req~a~1']);
  const plan = planStub(target, text, { id: 'dsn~b~1', kind: 'requirement' });
  assert.equal(apply(text, plan), `\`req~a~1\`\nNeeds: dsn\n\n\`dsn~b~1\`\n\n${STUB_TEXT}\n`, 'the needs of another type are not copied');
  assert.equal(plan.line, 4);
});

test('an OpenFastTrace ID in a project without OpenFastTrace items gets a new OpenFastTrace file', () => {
  const target = chooseStubTarget('dsn~b~1', read('requirements/srs.md', MARKDOWN), testConfig());
  assert.deepEqual([target.file, target.create, target.format], ['requirements/requirements.md', true, 'openfasttrace']);
  const plan = planStub(target, undefined, { id: 'dsn~b~1', kind: 'requirement' });
  const reread = read(plan.file, plan.text);
  assert.deepEqual(reread.map((item) => [item.id, item.line, item.title, item.format]), [['dsn~b~1', plan.line, STUB_TITLE, 'openfasttrace']]);
});

// Verifies: TL-113
test('a stub next to a StrictDoc item is a node of its type, with its fields, between blank lines', () => {
  const sdoc = [
    '[DOCUMENT]', 'TITLE: SRS', '', '[SECTION]', 'TITLE: Dose', '',
    '[REQUIREMENT]', 'UID: REQ-001', 'TITLE: Bolus limit', 'STATEMENT: Reject big boluses.', '',
    '[REQUIREMENT]', 'MID: 4f1c', 'UID: REQ-010', 'TITLE: Hard limits', 'STATEMENT: >>>', 'Constants in ROM.', '<<<', '',
    '[/SECTION]', '',
  ].join('\n');
  const items = read('docs/srs.sdoc', sdoc);
  const target = chooseStubTarget('REQ-002', items, testConfig());
  assert.deepEqual([target.file, target.format, target.neighbour?.id], ['docs/srs.sdoc', 'strictdoc', 'REQ-001']);
  const after = apply(sdoc, planStub(target, sdoc, { id: 'REQ-002', kind: 'requirement', title: 'Bolus rate', safetyClass: 'C' }));
  assert.equal(after, sdoc.replace('[REQUIREMENT]\nMID: 4f1c', `[REQUIREMENT]\nUID: REQ-002\nTITLE: Bolus rate\nSTATEMENT: ${STUB_TEXT}\n\n[REQUIREMENT]\nMID: 4f1c`));
  const reread = readRequirementFile(after, { file: 'docs/srs.sdoc', kindOf });
  assert.deepEqual(reread.problems, []);
  assert.deepEqual(reread.items.map((i) => [i.id, i.line]), [['REQ-001', 8], ['REQ-002', 13], ['REQ-010', 19]]);
  assert.equal(planStub(target, sdoc, { id: 'REQ-002', kind: 'requirement' }).line, 13);

  // Before a lower-numbered neighbour, of a custom type with no STATEMENT in its grammar.
  const custom = ['[DOCUMENT]', 'TITLE: Sys', '', '[SYSTEM_REQUIREMENT]', 'UID: SYS-5', 'TITLE: Alarm', ''].join('\n');
  const customItems = read('docs/sys.sdoc', custom);
  const plan = planStub(chooseStubTarget('SYS-4', customItems, testConfig()), custom, { id: 'SYS-4', kind: 'system' });
  assert.equal(apply(custom, plan), custom.replace('[SYSTEM_REQUIREMENT]\nUID: SYS-5', `[SYSTEM_REQUIREMENT]\nUID: SYS-4\nTITLE: ${STUB_TITLE}\n\n[SYSTEM_REQUIREMENT]\nUID: SYS-5`));
  assert.equal(plan.line, 5);
});

test('sphinx-needs neighbours get a need directive of their type and indentation, before or after their whole need', () => {
  const rst = 'Specs\n=====\n\n.. spec:: Parse\n    :id: SPEC_010\n    :links: REQ_001\n\n    Parse frames.\n\n.. spec:: Check\n    :id: SPEC_020\n';
  const items = read('docs/specs.rst', rst);
  const after = chooseStubTarget('SPEC_011', items, testConfig());
  assert.deepEqual([after.file, after.create, after.format, after.neighbour?.id], ['docs/specs.rst', false, 'sphinx-needs', 'SPEC_010']);
  const plan = planStub(after, rst, { id: 'SPEC_011', kind: 'requirement', title: 'Frame length', safetyClass: 'C' });
  const written = apply(rst, plan);
  assert.equal(written, rst.replace('Parse frames.\n\n', `Parse frames.\n\n.. spec:: Frame length\n    :id: SPEC_011\n\n    ${STUB_TEXT}\n\n`));
  const reread = read('docs/specs.rst', written);
  assert.deepEqual(reread.map((item) => [item.id, item.line, item.column]), [['SPEC_010', 5, 10], ['SPEC_011', 11, 10], ['SPEC_020', 16, 10]]);
  assert.equal(plan.line, 11);

  const before = planStub(chooseStubTarget('SPEC_005', items, testConfig()), rst, { id: 'SPEC_005', kind: 'requirement' });
  const first = read('docs/specs.rst', apply(rst, before));
  assert.deepEqual(first.map((item) => [item.id, item.line, item.title]), [['SPEC_005', 5, STUB_TITLE], ['SPEC_010', 10, 'Parse'], ['SPEC_020', 16, 'Check']]);
  assert.equal(before.line, 5);
});

test('needs read from a sphinx-needs export get no stub: the target says why', () => {
  const exported = JSON.stringify({ current_version: '1', versions: { 1: { needs: { REQ_001: { id: 'REQ_001', type: 'req' } } } } });
  const items = read('docs/needs.json', exported);
  const target = chooseStubTarget('REQ_002', items, testConfig());
  assert.deepEqual([target.format, target.file], ['sphinx-needs-json', 'docs/needs.json']);
  assert.match(target.readOnly ?? '', /^REQ_001, the nearest item to REQ_002, is read from docs\/needs\.json, a sphinx-needs export that Tracelens does not write/);
  assert.throws(() => planStub(target, exported, { id: 'REQ_002', kind: 'requirement' }), /does not write/);
});

// Verifies: TL-134
test('a new ID whose neighbours are ReqIF items is refused with the reason; another family falls back to Markdown', () => {
  const reqif = `<REQ-IF><CORE-CONTENT><REQ-IF-CONTENT>
<SPEC-TYPES><SPEC-OBJECT-TYPE IDENTIFIER="t"><SPEC-ATTRIBUTES><ATTRIBUTE-DEFINITION-STRING IDENTIFIER="id" LONG-NAME="ReqIF.ForeignID"/></SPEC-ATTRIBUTES></SPEC-OBJECT-TYPE></SPEC-TYPES>
<SPEC-OBJECTS>
<SPEC-OBJECT IDENTIFIER="a"><VALUES><ATTRIBUTE-VALUE-STRING THE-VALUE="SRS-10"><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>id</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING></VALUES></SPEC-OBJECT>
</SPEC-OBJECTS>
</REQ-IF-CONTENT></CORE-CONTENT></REQ-IF>
`;
  const items = [...read('specs/srs.reqif', reqif), ...read('requirements/srs.md', MARKDOWN)];
  assert.deepEqual(items.filter((item) => item.format === 'reqif').map((item) => item.id), ['SRS-10']);
  assert.equal(stubRefusal('SRS-011', items),
    'SRS-011 belongs beside SRS-10, which specs/srs.reqif holds as exported from a requirements tool (ReqIF): create SRS-011 in that tool and export again; Tracelens never edits an export.');
  assert.equal(stubRefusal('REQ-012', items), undefined);
  assert.equal(chooseStubTarget('REQ-012', items, testConfig()).file, 'requirements/srs.md');
  // Without a refusal check, a ReqIF neighbour is never a target: the stub goes to the Markdown file.
  assert.equal(chooseStubTarget('SRS-011', items, testConfig()).file, 'requirements/srs.md');
  assert.equal(requirementsFolderOf('specs/srs.reqif'), 'specs');
  assert.equal(requirementsFolderOf('exports/system.reqifz'), 'exports');
});
