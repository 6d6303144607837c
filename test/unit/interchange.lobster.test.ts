// Verifies: TL-160
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Ajv from 'ajv';
import { CommentParser } from '../../src/parsing/commentParser';
import type { CheckResult } from '../../src/core/project/check';
import { toLobsterFiles } from '../../src/core/reports/interchange/lobster';
import { lobsterStatus, type TestOutcome, type VerifyingTest } from '../../src/core/reports/interchange/testOutcomes';
import { checkInterchangeProject } from '../helpers/interchangeProject';
import { item, ref } from '../helpers/model';

/**
 * The LOBSTER schemas as documentation/schemas.md of bmw-software-engineering/lobster describes
 * them (written here from that page; LOBSTER ships no schema file): the common envelope, file
 * references, the common item fields of version 3, and what each of the three trace schemas adds.
 */
const fileRef = {
  type: 'object', additionalProperties: false, required: ['kind', 'file', 'line', 'column'],
  properties: {
    kind: { const: 'file' }, file: { type: 'string', minLength: 1 },
    line: { type: ['integer', 'null'], minimum: 1 }, column: { type: ['integer', 'null'], minimum: 1 },
  },
};
const tracingTag = { type: 'string', pattern: '^[a-z]+ [^@]+$' };
const commonItem = {
  tag: tracingTag, location: fileRef, name: { type: 'string' },
  refs: { type: 'array', items: tracingTag },
  just_up: { type: 'array', items: { type: 'string' } },
  just_down: { type: 'array', items: { type: 'string' } },
  just_global: { type: 'array', items: { type: 'string' } },
};
const required = ['tag', 'location', 'name', 'refs', 'just_up', 'just_down', 'just_global'];
const entry = (extra: Record<string, unknown>) => ({
  type: 'object', additionalProperties: false, required: [...required, ...Object.keys(extra)], properties: { ...commonItem, ...extra },
});
const envelope = (schema: string, version: number, data: unknown) => ({
  type: 'object', additionalProperties: false, required: ['data', 'generator', 'schema', 'version'],
  properties: { data: { type: 'array', items: data }, generator: { type: 'string' }, schema: { const: schema }, version: { const: version } },
});
const SCHEMAS = {
  'lobster-req-trace': envelope('lobster-req-trace', 4, entry({
    framework: { type: 'string' }, kind: { type: 'string' }, text: { type: ['string', 'null'] }, status: { type: ['string', 'null'] },
  })),
  'lobster-imp-trace': envelope('lobster-imp-trace', 3, entry({ language: { type: 'string' }, kind: { type: 'string' } })),
  'lobster-act-trace': envelope('lobster-act-trace', 3, entry({
    framework: { type: 'string' }, kind: { type: 'string' }, status: { enum: ['ok', 'fail', 'not run', null] },
  })),
};
const ajv = new Ajv({ allErrors: true });
const validators = Object.fromEntries(Object.entries(SCHEMAS).map(([name, schema]) => [name, ajv.compile(schema)]));

/** Each file validated against its schema; the schema name of each file. */
function validate(files: ReadonlyMap<string, string>): Record<string, string> {
  const schemas: Record<string, string> = {};
  for (const [file, text] of files) {
    const json = JSON.parse(text) as { schema: keyof typeof SCHEMAS };
    const valid = validators[json.schema]!;
    assert.ok(valid(json), `${file}: ${ajv.errorsText(valid.errors)}`);
    schemas[file] = json.schema;
  }
  return schemas;
}

const data = (files: ReadonlyMap<string, string>, file: string) => (JSON.parse(files.get(file)!) as { data: Array<Record<string, unknown>> }).data;
/** An entry's tag, location, refs and status in one line, for compact expectations. */
const brief = (e: Record<string, unknown>): string => {
  const at = e['location'] as { file: string; line: number; column: number };
  return `${e['tag']} @${at.file}:${at.line}:${at.column} [${(e['refs'] as string[]).join(', ')}]${'status' in e ? ` ${JSON.stringify(e['status'])}` : ''}`;
};

let parser: CommentParser;
before(async () => { parser = await CommentParser.create(); });
after(() => parser.dispose());

describe('LOBSTER trace files', () => {
  let result: CheckResult;
  before(async () => { result = await checkInterchangeProject(parser); });

  it('writes one requirements file per kind, the code and the tests, each valid against its documented schema', () => {
    assert.deepEqual(result.findings, []);
    const files = toLobsterFiles(result);
    assert.deepEqual(validate(files), {
      'requirements.lobster': 'lobster-req-trace', 'risks.lobster': 'lobster-req-trace', 'system-requirements.lobster': 'lobster-req-trace',
      'code.lobster': 'lobster-imp-trace', 'tests.lobster': 'lobster-act-trace',
    });
    assert.deepEqual(data(files, 'requirements.lobster'), [
      {
        tag: 'req REQ-001', location: { kind: 'file', file: 'requirements/software.md', line: 3, column: 4 }, name: 'Bolus limit',
        refs: ['req HAZ-001', 'req SYS-001'], just_up: [], just_down: [], just_global: [],
        framework: 'markdown-headings', kind: 'Requirement', text: 'Reject a bolus above the maximum.', status: 'approved',
      },
      {
        tag: 'req REQ-002', location: { kind: 'file', file: 'requirements/software.md', line: 11, column: 4 }, name: 'Rate limit',
        refs: ['req SYS-001'], just_up: [], just_down: [], just_global: [],
        framework: 'markdown-headings', kind: 'Requirement', text: 'Reject a rate above the maximum.', status: null,
      },
    ]);
    assert.deepEqual(data(files, 'system-requirements.lobster').map(brief), ['req SYS-001 @requirements/system.md:3:4 [] null']);
    assert.deepEqual(data(files, 'risks.lobster').map((e) => [brief(e), e['kind'], e['framework'], e['text']]), [
      ['req HAZ-001 @requirements/risks.yml:2:9 [] null', 'Risk', 'yaml', null],
    ]);
  });

  it('writes the code file exactly: one implementation per symbol, at its tag', () => {
    const files = toLobsterFiles(result, { displayRoot: 'pump' });
    const entryText = (tag: string, line: number, name: string, ref: string) => [
      '    {', `      "tag": "${tag}",`, '      "location": {', '        "kind": "file",', '        "file": "pump/src/bolus.c",',
      `        "line": ${line},`, '        "column": 16', '      },', `      "name": "${name}",`, '      "refs": [', `        "${ref}"`, '      ],',
      '      "just_up": [],', '      "just_down": [],', '      "just_global": [],', '      "language": "c",', '      "kind": "Symbol"', '    }',
    ].join('\n');
    assert.equal(files.get('code.lobster'), [
      '{', '  "data": [',
      `${entryText('code src/bolus.c:check_bolus', 1, 'check_bolus', 'req REQ-001')},`,
      entryText('code src/bolus.c:check_rate', 6, 'check_rate', 'req REQ-002'),
      '  ],', '  "generator": "tracelens",', '  "schema": "lobster-imp-trace",', '  "version": 3', '}', '',
    ].join('\n'));
  });

  it('gives tests no status without results, and the status of their outcome with them', () => {
    assert.deepEqual(data(toLobsterFiles(result), 'tests.lobster').map(brief), [
      'req TC-001 @requirements/tests.yml:2:9 [req REQ-001] null',
      'test tests/test_bolus.py:test_bolus_limit @tests/test_bolus.py:2:17 [req REQ-001] null',
      'test tests/test_bolus.py:test_rate_limit @tests/test_bolus.py:6:17 [req REQ-002] null',
    ]);
    const outcomes: Record<string, TestOutcome> = { test_bolus_limit: 'passed', test_rate_limit: 'failed', 'TC-001': 'skipped' };
    const outcomeOf = (test: VerifyingTest): TestOutcome | undefined => outcomes['relation' in test ? test.symbol ?? '' : test.id];
    const files = toLobsterFiles(result, { outcomeOf });
    validate(files);
    assert.deepEqual(data(files, 'tests.lobster').map((e) => [e['tag'], e['status'], e['framework'], e['kind']]), [
      ['req TC-001', 'not run', 'yaml', 'Test'],
      ['test tests/test_bolus.py:test_bolus_limit', 'ok', 'python', 'Test'],
      ['test tests/test_bolus.py:test_rate_limit', 'fail', 'python', 'Test'],
    ]);
  });

  it('is the same text for the same check', () => {
    assert.deepEqual([...toLobsterFiles(result)], [...toLobsterFiles(result)]);
  });
});

describe('LOBSTER links and tags', () => {
  it('traces a child link from the child, leaves depends links out, and keeps a tag with @ one tag', () => {
    const items = [
      item('SYS-1', { kind: 'system', line: 1, links: [['child', 'REQ-1'], ['child', 'REQ-404']] }),
      item('REQ-1', { line: 10, links: [['depends', 'REQ-2']] }),
      item('REQ-2', { line: 20, links: [['parent', 'SYS-1'], ['parent', 'SYS-1']] }),
    ];
    const references = [ref('REQ-1', 'implements', 'web/node_modules/@acme/pump%.ts', 3), ref('REQ-2', 'mitigates', 'src/main.c', 7)];
    const files = toLobsterFiles({ items, references });
    validate(files);
    assert.deepEqual([...files.keys()], [
      'requirements.lobster', 'risks.lobster', 'system-requirements.lobster', 'code.lobster', 'tests.lobster',
    ]);
    assert.deepEqual(data(files, 'requirements.lobster').map(brief), [
      'req REQ-1 @requirements/reqs.md:10:4 [req SYS-1] null',
      'req REQ-2 @requirements/reqs.md:20:4 [req SYS-1] null',
    ]);
    // A code tag outside any symbol is a unit at its line; `@` and `%` are escaped in the tag only.
    assert.deepEqual(data(files, 'code.lobster').map((e) => [brief(e), e['name'], e['kind']]), [
      ['code src/main.c:7 @src/main.c:7:15 [req REQ-2]', 'src/main.c:7', 'File'],
      ['code web/node_modules/%40acme/pump%25.ts:3 @web/node_modules/@acme/pump%.ts:3:15 [req REQ-1]', 'web/node_modules/@acme/pump%.ts:3', 'File'],
    ]);
  });

  it('rates a test made of several tags by its worst outcome, and unknown when one has none', () => {
    const tags = [ref('REQ-1', 'verifies', 't.c', 1), ref('REQ-2', 'verifies', 't.c', 2)];
    const status = (a: TestOutcome | undefined, b: TestOutcome | undefined) => lobsterStatus(tags, (t) => (t === tags[0] ? a : b));
    assert.deepEqual(
      [status('passed', 'passed'), status('passed', 'error'), status('skipped', 'passed'), status('missing', 'failed'), status('passed', undefined), status(undefined, undefined)],
      ['ok', 'fail', 'not run', 'fail', null, null],
    );
  });
});
