// Verifies: TL-090, TL-091, TL-092, TL-093, TL-098
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseConfig } from '../../src/core/config/parse';
import { DEFAULT_KEYWORDS } from '../../src/core/config/types';
import { MemoryFileSystem } from '../../src/core/files/memoryFileSystem';
import { idNumbering, idPrefix, idRegexFor, idShape, inFamilies, kindPrefixes, type IdFamilies } from '../../src/core/model/ids';
import { checkProject, type CheckResult } from '../../src/core/project/check';
import { kindResolver } from '../../src/core/readers';
import { LocalScanService } from '../../src/core/scan/localScanService';
import { candidateNeedles, candidateOffsets, mayHoldCandidate } from '../../src/core/scan/prefilter';
import { referenceFamilies } from '../../src/core/scan/settings';
import { findTags } from '../../src/core/scan/tags';
import { CommentParser } from '../../src/parsing/commentParser';
import { prng } from '../helpers/prng';
import { item } from '../helpers/model';

describe('ID shapes', () => {
  it('reads each shape with its prefix, kind prefixes and numbering', () => {
    const cases: Array<[string, string | undefined, string, string[]]> = [
      ['REQ-001', 'numbered', 'REQ', ['REQ']],
      ['REQ_001', 'numbered', 'REQ', ['REQ']],
      ['REQ-SYS-001', 'numbered', 'REQ', ['REQ-SYS', 'REQ']],
      ['SDOC-SRS-18', 'numbered', 'SDOC', ['SDOC-SRS', 'SDOC']],
      ['REQ-INPUT-VAL-001', 'numbered', 'REQ', ['REQ-INPUT-VAL', 'REQ-INPUT', 'REQ']],
      ['SWR_UI_12B', 'numbered', 'SWR', ['SWR-UI', 'SWR']],
      ['REQ001', 'joined', 'REQ', ['REQ']],
      ['H264', 'joined', 'H', ['H']],
      ['A1B2', 'joined', 'A1B', ['A1B']],
      ['FE_DEF', 'named', 'FE', ['FE']],
      ['SDOC_UG_OPTIONS', 'named', 'SDOC', ['SDOC-UG', 'SDOC']],
      ['dsn~parse-config~2', 'typed', 'dsn', ['dsn']],
      ['req~login.v2_x-~10', 'typed', 'req', ['req']],
    ];
    for (const [id, shape, prefix, kinds] of cases) {
      assert.equal(idShape(id), shape, id);
      assert.equal(idPrefix(id), prefix, id);
      assert.deepEqual(kindPrefixes(id), kinds, id);
    }
    for (const bad of ['REQ', 'REQ-', 'REQ--1', '1REQ-1', 'req-1', 'Req-1', 'REQ-1x', 'REQ001A', 'dsn~~1', 'dsn~a~', 'dsn~a~b', 'DSN~a~1', 'dsn~.a~1', 'dsn~a b~1', 'FE__DEF', '']) {
      assert.equal(idShape(bad), undefined, bad);
    }
  });

  it('numbers numbered and joined IDs by their stem, never typed or named ones', () => {
    assert.deepEqual(idNumbering('REQ-SYS-001'), { stem: 'REQ-SYS', separator: '-', digits: '001' });
    assert.deepEqual(idNumbering('REQ001'), { stem: 'REQ', separator: '', digits: '001' });
    assert.deepEqual(idNumbering('SWR_12B'), { stem: 'SWR', separator: '_', digits: '12' });
    assert.equal(idNumbering('FE_DEF'), undefined);
    assert.equal(idNumbering('dsn~a~1'), undefined);
  });
});

describe('kinds by the longest prefix', () => {
  it('takes multi-segment and type prefixes from the config, "-" and "_" alike', () => {
    const text = '{\n  "prefixes": { "SDOC": "test", "SDOC-SSS": "system", "SDOC_SRS": "requirement", "dsn": "risk" }\n}';
    const { config, problems } = parseConfig(text, 'tracelens.json');
    assert.deepEqual(problems, []);
    const kindOf = kindResolver(config);
    assert.equal(kindOf('SDOC-SSS-3'), 'system');
    assert.equal(kindOf('SDOC_SSS_4'), 'system');
    assert.equal(kindOf('SDOC-SRS-18'), 'requirement');
    assert.equal(kindOf('SDOC-SSSX-1'), 'test', 'segments, not characters: SDOC-SSSX is no SDOC-SSS');
    assert.equal(kindOf('SDOC-18'), 'test');
    assert.equal(kindOf('dsn~parse-config~2'), 'risk');
    assert.equal(kindOf('req~login~1'), 'system', 'OpenFastTrace defaults');
    assert.equal(kindOf('feat~pump~1'), 'system');
    assert.equal(kindOf('SYS001'), 'system');
    assert.equal(kindOf('RISK_OVERDOSE'), 'risk');
    assert.equal(kindOf('NEW-SYS-1'), 'requirement', 'unknown prefixes are requirements');
    assert.deepEqual(config.declaredPrefixes, ['SDOC', 'SDOC-SSS', 'SDOC_SRS', 'dsn']);
  });

  it('reports a prefix that only differs by its separator with another kind, and bad named prefixes, at their position', () => {
    const text = '{\n  "prefixes": {\n    "REQ-SYS": "system",\n    "REQ_SYS": "requirement",\n    "SDOC_X": "test",\n    "SDOC-X": "test",\n    "REQ-": "test"\n  },\n  "namedIdPrefixes": ["FE", "fe", "SDOC_UG", 3]\n}';
    const { config, problems } = parseConfig(text, 'tracelens.json');
    assert.deepEqual(problems.map((p) => [p.line, p.column]), [[4, 5], [7, 5], [9, 29], [9, 46]]);
    assert.match(problems[0]!.message, /Prefix "REQ_SYS" is the same as "REQ-SYS" .* another kind/);
    assert.match(problems[1]!.message, /Prefix "REQ-" must be capital letters and digits/);
    assert.match(problems[2]!.message, /"fe" in "namedIdPrefixes" must be a prefix/);
    assert.match(problems[3]!.message, /"namedIdPrefixes" must contain only strings/);
    assert.equal(kindResolver(config)('REQ_SYS_1'), 'system', 'the first of the two applies');
    assert.equal(kindResolver(config)('SDOC-X-1'), 'test', 'the same kind twice is no conflict');
    assert.deepEqual(config.namedIdPrefixes, ['FE', 'SDOC_UG']);
  });
});

describe('reference families', () => {
  it('come from items and links by shape, and from what the config declares', () => {
    const items = [
      item('REQ-SYS-001', { links: [['parent', 'SYS001']] }),
      item('REQ-APACHE-004'), item('FE_DEF'), item('dsn~parse-config~2'), item('H-04'),
    ];
    const { config } = parseConfig('{ "prefixes": { "SDOC-SRS": "requirement", "impl": "test" }, "namedIdPrefixes": ["SDOC-UG"] }', 'tracelens.json');
    const families = referenceFamilies(items, config);
    assert.deepEqual(families, {
      prefixes: ['H', 'REQ', 'SDOC', 'SYS'],
      joinedPrefixes: ['SYS'],
      namedPrefixes: ['SDOC-UG'],
      namedIds: ['FE_DEF'],
      types: ['dsn', 'impl'],
    });
    const yes = ['REQ-INPUT-VAL-001', 'REQ_9', 'SYS002', 'SYS-9', 'FE_DEF', 'SDOC_UG_OPTIONS', 'SDOC-SRS-18', 'H-5', 'dsn~other~1', 'impl~x~1'];
    const no = ['FE_ABC', 'FE-1', 'H264', 'REQ001', 'MD5', 'SDOC_XY_Z', 'req~login~1', 'UTF-8', 'Sdoc-1'];
    for (const id of yes) assert.ok(inFamilies(id, families), id);
    for (const id of no) assert.ok(!inFamilies(id, families), id);
  });
});

/** IDs found in `text` taken as one comment: id, relation, line, column. */
function tagsIn(text: string, families: IdFamilies): string[] {
  return findTags(text, [{ start: 0, end: text.length, kind: 'comment' }], {
    idPattern: idRegexFor(families)!, keywords: DEFAULT_KEYWORDS, defaultRelation: 'implements',
  }).map((tag) => `${tag.id} ${tag.relation} ${tag.line}:${tag.column}-${tag.endColumn}`);
}

describe('IDs in comments', () => {
  it('finds every shape of the families at its exact position', () => {
    const families: IdFamilies = { prefixes: ['REQ', 'SDOC'], joinedPrefixes: ['REQ'], namedIds: ['FE_DEF'], namedPrefixes: ['SDOC-UG'], types: ['dsn'] };
    const text = '// Implements: REQ-SYS-001, REQ001;\n// verifies SDOC-SRS-18 and FE_DEF, SDOC_UG_OPTIONS\n// [impl->dsn~parse-config~2] [utest->dsn~a.b~1]\n// REQ-INPUT-VAL-001';
    assert.deepEqual(tagsIn(text, families), [
      'REQ-SYS-001 implements 1:16-27', 'REQ001 implements 1:29-35',
      'SDOC-SRS-18 verifies 2:13-24', 'FE_DEF verifies 2:29-35', 'SDOC_UG_OPTIONS verifies 2:37-52',
      'dsn~parse-config~2 implements 3:11-29', 'dsn~a.b~1 implements 3:39-48',
      'REQ-INPUT-VAL-001 implements 4:4-21',
    ]);
  });

  it('keeps prose prose: only families the project uses make a word a reference', () => {
    const prose = '// UTF-8, ISO-13485, SHA-256, CURB-65, C-U-R-B-65, MD5, SHA1, X86, UTF8, H264, MAX_SIZE, FE_ABC, a~b~1, REQ001x, REQ-1-2x';
    assert.deepEqual(tagsIn(prose, { prefixes: ['REQ', 'SYS', 'H'], namedIds: ['FE_DEF'], types: ['dsn'] }), []);
    assert.deepEqual(tagsIn('// H264 and H-5', { prefixes: ['H'] }), ['H-5 implements 1:13-16'], 'H-04 items make no H264');
    assert.deepEqual(tagsIn('// FE_DEF_X FE_DEF-2 FE_DEF', { prefixes: [], namedIds: ['FE_DEF'] }), ['FE_DEF implements 1:22-28']);
    assert.deepEqual(tagsIn('// FE-DEF-2 FE_DEF', { prefixes: ['FE'], namedPrefixes: ['FE'] }), ['FE-DEF-2 implements 1:4-12', 'FE_DEF implements 1:13-19']);
  });

  it('reads OpenFastTrace arrows with the keyword before them, and hyphenated words still as no keyword', () => {
    assert.deepEqual(tagsIn('// [impl->dsn~a~1] re-implements dsn~b~2', { prefixes: [], types: ['dsn'] }), [
      'dsn~a~1 implements 1:11-18', 'dsn~b~2 implements 1:34-41',
    ]);
    const tests = findTags('// Verifies: REQ-1 [impl->REQ-2]', [{ start: 0, end: 32, kind: 'comment' }], {
      idPattern: idRegexFor(['REQ'])!, keywords: DEFAULT_KEYWORDS, defaultRelation: 'verifies',
    });
    assert.deepEqual(tests.map((t) => t.relation), ['verifies', 'implements']);
  });
});

describe('the byte filter and candidate offsets', () => {
  it('keep every candidate of every shape, on random texts (a property test)', () => {
    const random = prng(90);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const pieces = ['REQ', 'REQ-', 'REQ_SYS-', 'RE', 'SDOC', 'SDOC_UG_', '_UG', 'FE_DEF', 'FE', 'DEF', 'dsn~a~', 'dsn', 'req~b.c~', 'H', 'H-', '-', '_', '~', '.', '0', '12', 'x', 'X', ' ', '\n', '->', '[', 'é'];
    const familySets: IdFamilies[] = [
      { prefixes: ['REQ'] },
      { prefixes: ['REQ', 'H'], joinedPrefixes: ['REQ', 'H'] },
      { prefixes: [], namedIds: ['FE_DEF', 'SDOC_UG_X'] },
      { prefixes: ['SDOC'], namedPrefixes: ['SDOC-UG', 'FE'] },
      { prefixes: [], types: ['dsn', 'req'] },
      { prefixes: ['REQ', 'SDOC', 'H'], joinedPrefixes: ['REQ'], namedPrefixes: ['SDOC_UG'], namedIds: ['FE_DEF'], types: ['dsn'] },
    ];
    let matches = 0;
    for (const families of familySets) {
      const pattern = idRegexFor(families)!;
      const needles = candidateNeedles(families);
      for (let round = 0; round < 4000; round++) {
        const text = Array.from({ length: 1 + Math.floor(random() * 14) }, () => pick(pieces)).join('');
        const found = [...text.matchAll(pattern)];
        if (found.length === 0) continue;
        matches += found.length;
        assert.ok(mayHoldCandidate(Buffer.from(text, 'utf8'), needles), JSON.stringify([families, text]));
        const offsets = candidateOffsets(text, needles);
        for (const match of found) assert.ok(offsets.includes(match.index), JSON.stringify([families, text, match.index]));
      }
    }
    assert.ok(matches > 1000, `the random texts hold IDs (${matches})`);
  });

  it('reject what cannot start an ID of the families', () => {
    const needles = candidateNeedles({ prefixes: ['REQ'], joinedPrefixes: ['H'], types: ['dsn'] });
    for (const text of ['REQ001', 'H-1', 'Hx', 'dsn-1', 'xdsn~a~1', 'REQ~1', 'H_1']) assert.ok(!mayHoldCandidate(Buffer.from(text), needles), text);
    for (const text of ['REQ-1', 'H2', '[impl->dsn~a~1]']) assert.ok(mayHoldCandidate(Buffer.from(text), needles), text);
  });
});

describe('a project with IDs as teams write them', () => {
  let parser: CommentParser;
  let result: CheckResult;
  before(async () => {
    parser = await CommentParser.create();
    const files: Record<string, string> = {
      'tracelens.json': '{ "prefixes": { "SDOC-SSS": "system", "SDOC-SRS": "requirement" } }\n',
      'requirements/srs.md': '# SRS\n\n## REQ-SYS-001: System input\n\n## REQ-APACHE-004: Apache logs\n\n## SDOC-SSS-3: System need\n\n## SDOC-SRS-18: Software need\n- parent: SDOC-SSS-3\n',
      'requirements/more.yml': 'items:\n  - id: REQ001\n    title: Joined\n  - id: FE_DEF\n    title: Named\n  - id: dsn~parse-config~2\n    title: Typed\n',
      'src/main.c': [
        '/* Implements: REQ-SYS-001, REQ-APACHE-004, SDOC-SRS-18 */',
        'int a(void) { return 0; }',
        '// Implements: REQ001, FE_DEF [impl->dsn~parse-config~2]',
        'int b(void) { return 1; }',
        '// Implements: REQ-INPUT-VAL-001 and FE_ABC, REQ002',
        '// UTF-8, ISO-13485, SHA-256, CURB-65, C-U-R-B-65, MD5, SHA1, X86, H264',
        'const char *s = "REQ-SYS-001 REQ001 FE_DEF dsn~parse-config~2";',
        '',
      ].join('\n'),
    };
    const fs = new MemoryFileSystem(path.resolve('/ids'), files);
    result = await checkProject({ root: fs.root, fs, scanner: new LocalScanService(parser, fs) });
  });
  after(() => parser.dispose());

  it('reads items of every shape with kinds by the longest prefix', () => {
    assert.deepEqual(result.items.map((i) => `${i.id} ${i.kind} ${i.file}:${i.line}:${i.column}`), [
      'REQ001 requirement requirements/more.yml:2:9',
      'FE_DEF requirement requirements/more.yml:4:9',
      'dsn~parse-config~2 requirement requirements/more.yml:6:9',
      'REQ-SYS-001 requirement requirements/srs.md:3:4',
      'REQ-APACHE-004 requirement requirements/srs.md:5:4',
      'SDOC-SSS-3 system requirements/srs.md:7:4',
      'SDOC-SRS-18 requirement requirements/srs.md:9:4',
    ]);
  });

  it('finds references of every shape in comments only, and unknown IDs of a used family', () => {
    assert.deepEqual(result.references.map((r) => `${r.id} ${r.relation} ${r.line}:${r.column}`), [
      'REQ-SYS-001 implements 1:16', 'REQ-APACHE-004 implements 1:29', 'SDOC-SRS-18 implements 1:45',
      'REQ001 implements 3:16', 'FE_DEF implements 3:24', 'dsn~parse-config~2 implements 3:38',
      'REQ-INPUT-VAL-001 implements 5:16', 'REQ002 implements 5:46',
    ]);
    assert.deepEqual(result.findings.filter((f) => f.rule === 'unknown-id').map((f) => `${f.id} ${f.file}:${f.line}:${f.column}`), [
      'REQ-INPUT-VAL-001 src/main.c:5:16', 'REQ002 src/main.c:5:46',
    ]);
  });
});
