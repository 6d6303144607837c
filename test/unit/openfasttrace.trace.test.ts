// Verifies: TL-121, TL-122, TL-123
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as path from 'node:path';
import { parseConfig } from '../../src/core/config/parse';
import { DEFAULT_ARTIFACT_TYPES, DEFAULT_KEYWORDS } from '../../src/core/config/types';
import { MemoryFileSystem } from '../../src/core/files/memoryFileSystem';
import { idRegexFor } from '../../src/core/model/ids';
import { currentRevision, revisionParts, revisionTable } from '../../src/core/model/revisions';
import { checkProject, type CheckResult } from '../../src/core/project/check';
import { ruleDescriptor } from '../../src/core/rules/descriptors';
import { LocalScanService } from '../../src/core/scan/localScanService';
import { findTags } from '../../src/core/scan/tags';
import { CommentParser } from '../../src/parsing/commentParser';

describe('OpenFastTrace coverage tags', () => {
  const idPattern = idRegexFor({ prefixes: [], types: ['dsn', 'req'] })!;
  const tags = (text: string, artifactTypes = DEFAULT_ARTIFACT_TYPES) =>
    findTags(text, [{ start: 0, end: text.length, kind: 'comment' }], { idPattern, keywords: DEFAULT_KEYWORDS, defaultRelation: 'implements', artifactTypes })
      .map((tag) => `${tag.id} ${tag.relation} ${tag.line}:${tag.column}`);

  it('take the relation of their artifact type, whatever the file', () => {
    assert.deepEqual(tags('// [utest->dsn~a~1] [itest -> dsn~b~2]\n// [impl~named~1->dsn~c~1] [stest~~3 ->req~d~1]'), [
      'dsn~a~1 verifies 1:12', 'dsn~b~2 verifies 1:31', 'dsn~c~1 implements 2:19', 'req~d~1 verifies 2:40',
    ]);
  });

  it('follow configured types, and fall back to keywords for types without a relation', () => {
    assert.deepEqual(tags('// [ftest->dsn~a~1] [uman->req~b~1] verifies dsn~c~1', { ...DEFAULT_ARTIFACT_TYPES, ftest: 'verifies' }), [
      'dsn~a~1 verifies 1:12', 'req~b~1 implements 1:28', 'dsn~c~1 verifies 1:46',
    ]);
  });

  it('are read from tracelens.json, merged over the built-in types, with problems at their node', () => {
    const { config, problems } = parseConfig('{\n  "artifactTypes": { "ftest": "verifies", "Bad": "verifies", "impl": "covers" }\n}', 'tracelens.json');
    assert.deepEqual(config.artifactTypes, { ...DEFAULT_ARTIFACT_TYPES, ftest: 'verifies' });
    assert.deepEqual(problems.map((p) => [p.line, p.column, p.message]), [
      [2, 43, 'Artifact type "Bad" must be lower-case letters, as OpenFastTrace types are written (like utest).'],
      [2, 70, 'The relation of artifact type "impl" must be one of "implements", "verifies", "mitigates".'],
    ]);
    assert.equal(parseConfig('{}', 'tracelens.json').config.artifactTypes, undefined, 'absent unless configured');
  });
});

describe('OpenFastTrace revisions', () => {
  it('split typed IDs and find the defined revision of another one', () => {
    assert.deepEqual(revisionParts('dsn~parse.config~12'), { base: 'dsn~parse.config', revision: 12 });
    assert.equal(revisionParts('REQ-001'), undefined);
    const table = revisionTable(['dsn~a~1', 'dsn~a~3', 'dsn~a~2', 'req~b~1', 'REQ-001']);
    assert.deepEqual([...table], [['dsn~a', 'dsn~a~3'], ['req~b', 'req~b~1']]);
    assert.equal(currentRevision('dsn~a~1', table), 'dsn~a~3', 'an older revision');
    assert.equal(currentRevision('req~b~4', table), 'req~b~1', 'a newer revision');
    assert.equal(currentRevision('dsn~a~3', table), undefined, 'the defined one');
    assert.equal(currentRevision('dsn~c~1', table), undefined, 'no revision defined');
    assert.equal(currentRevision('REQ-002', table), undefined);
  });

  it('have a rule of their own: outdated-link, a warning', () => {
    assert.equal(ruleDescriptor('outdated-link').defaultSeverity, 'warning');
  });
});

// A specification chain as OpenFastTrace projects write it: feat → req → dsn → impl, utest.
const SPEC = [
  '# Specification', //                1
  '', //                               2
  '## Features', //                    3
  '`feat~export~1`', //                4
  'Needs: req', //                     5
  '', //                               6
  '## Requirements', //                7
  '`req~csv-export~1`', //             8
  'Covers:', //                        9
  '* `feat~export~1`', //              10
  'Needs: dsn', //                     11
  '', //                               12
  '`req~pdf-export~1`', //             13
  'Covers:', //                        14
  '* `feat~export~1`', //              15
  'Needs: dsn, uman', //               16
  '', //                               17
  '## Design', //                      18
  '`dsn~csv-writer~2`', //             19
  'Covers:', //                        20
  '* `req~csv-export~1`', //           21
  'Needs: impl, utest', //             22
  '', //                               23
  '`dsn~pdf-writer~1`', //             24
  'Covers:', //                        25
  '* `req~pdf-export~2`', //           26
  'Depends:', //                       27
  '* `dsn~csv-writer~1`', //           28
  'Needs: impl', //                    29
  '',
].join('\n');

const WRITER = [
  '// [impl->dsn~csv-writer~2]', //     1
  'class CsvWriter {}', //              2
  '// [impl->dsn~pdf-writer~1]', //     3
  'class PdfWriter {}', //              4
  '',
].join('\n');

const WRITER_TEST = [
  '// [utest->dsn~csv-writer~1]', //    1
  'class CsvWriterTest {}', //          2
  '// [utest->dsn~gone~1]', //          3
  'class GoneTest {}', //               4
  '',
].join('\n');

describe('an OpenFastTrace project traced by Tracelens', () => {
  let parser: CommentParser;
  let result: CheckResult;
  before(async () => {
    parser = await CommentParser.create();
    const fs = new MemoryFileSystem(path.resolve('/oft-project'), {
      'tracelens.json': '{ "requirements": ["doc"] }\n',
      'doc/spec.md': SPEC,
      'src/main/java/Writer.java': WRITER,
      'src/test/java/WriterTest.java': WRITER_TEST,
    });
    result = await checkProject({ root: fs.root, fs, scanner: new LocalScanService(parser, fs) });
  });
  after(() => parser.dispose());

  const findings = () => result.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule} ${f.severity} ${f.message}`);

  it('reads the items with their kinds and the tags with their relations', () => {
    assert.deepEqual(result.items.map((i) => `${i.id} ${i.kind}`), [
      'feat~export~1 system', 'req~csv-export~1 system', 'req~pdf-export~1 system', 'dsn~csv-writer~2 requirement', 'dsn~pdf-writer~1 requirement',
    ]);
    assert.deepEqual(result.references.map((r) => `${r.file}:${r.line}:${r.column} ${r.id} ${r.relation}`), [
      'src/main/java/Writer.java:1:11 dsn~csv-writer~2 implements',
      'src/main/java/Writer.java:3:11 dsn~pdf-writer~1 implements',
      'src/test/java/WriterTest.java:1:12 dsn~csv-writer~1 verifies',
      'src/test/java/WriterTest.java:3:12 dsn~gone~1 verifies',
    ]);
  });

  it('judges coverage as OpenFastTrace does, and reports other revisions as outdated links', () => {
    assert.deepEqual(findings(), [
      'doc/spec.md:13:2 uncovered error req~pdf-export~1 (class C) needs child:dsn and child:uman; missing child:dsn (no active dsn item names req~pdf-export~1 as its parent) and child:uman (no active uman item names req~pdf-export~1 as its parent)',
      'doc/spec.md:19:2 unverified error dsn~csv-writer~2 (class C) needs impl and test-tag; missing test-tag',
      'doc/spec.md:26:4 outdated-link warning dsn~pdf-writer~1 has parent req~pdf-export~2, but the defined revision is req~pdf-export~1: check what changed and link to req~pdf-export~1',
      'doc/spec.md:28:4 outdated-link warning dsn~pdf-writer~1 depends on dsn~csv-writer~1, but the defined revision is dsn~csv-writer~2: check what changed and link to dsn~csv-writer~2',
      'src/test/java/WriterTest.java:1:12 outdated-link warning dsn~csv-writer~1 is outdated: the defined revision is dsn~csv-writer~2, so this verifies tag no longer covers it; check what changed and retarget the tag',
      'src/test/java/WriterTest.java:3:12 unknown-id error dsn~gone~1 is not defined in any requirement file',
    ]);
    const outdated = result.findings.find((f) => f.rule === 'outdated-link' && f.file.endsWith('.java'))!;
    assert.deepEqual([outdated.id, outdated.endColumn, outdated.related], ['dsn~csv-writer~1', 28, [{ file: 'doc/spec.md', line: 19, column: 2, message: 'dsn~csv-writer~2 is defined here' }]]);
  });

  it('counts what is complete: the feature through its requirement, the design items by their needs', () => {
    const summary = result.summary;
    assert.deepEqual([summary.items, summary.requirements, summary.implemented, summary.verified], [5, 2, 2, 1]);
  });
});
