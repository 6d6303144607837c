// Verifies: TL-001, TL-002, TL-103
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { defaultConfig, findDefaultRequirementFolder, parseConfig, REQUIREMENT_FILES_GLOB, requirementGlob, RULE_IDS } from '../../src/core/config/parse';
import { DEFAULT_INACTIVE_STATUSES, DEFAULT_KEYWORDS, DEFAULT_MAX_FILE_SIZE, DEFAULT_PREFIXES, DEFAULT_TEST_GLOBS } from '../../src/core/config/types';
import { initFiles } from '../../src/core/config/starterFiles';
import { readRequirementFile } from '../../src/core/readers';
import type { Item } from '../../src/core/model/types';
import { LANGUAGES } from '../../src/parsing/languages';

const SCHEMA_PATH = path.join(__dirname, '..', '..', 'schemas', 'tracelens.schema.json');
const FILE = 'tracelens.json';

/** 1-based line and column of the first `needle` in `text`. */
function positionOf(text: string, needle: string): [number, number] {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `"${needle}" in text`);
  const before = text.slice(0, offset).split('\n');
  return [before.length, before[before.length - 1]!.length + 1];
}

/** Parses and returns the single problem's position and message. */
function onlyProblem(text: string): [number, number, string] {
  const { problems } = parseConfig(text, FILE);
  assert.equal(problems.length, 1, JSON.stringify(problems));
  assert.equal(problems[0]!.file, FILE);
  return [problems[0]!.line, problems[0]!.column, problems[0]!.message];
}

describe('defaultConfig', () => {
  it('turns folders into globs of Markdown and YAML files and uses the built-in defaults', () => {
    const config = defaultConfig(['requirements']);
    assert.deepEqual(config.requirements, [`requirements/${REQUIREMENT_FILES_GLOB}`]);
    assert.deepEqual(config.exclude, []);
    assert.deepEqual(config.testFiles, DEFAULT_TEST_GLOBS);
    assert.deepEqual(config.prefixes, DEFAULT_PREFIXES);
    assert.deepEqual(config.keywords, DEFAULT_KEYWORDS);
    assert.deepEqual(config.inactiveStatuses, DEFAULT_INACTIVE_STATUSES);
    assert.equal(config.defaultClass, 'C');
    assert.deepEqual(config.rules, {});
    assert.equal(config.maxFileSize, DEFAULT_MAX_FILE_SIZE);
    assert.equal(config.useGitignore, true);
    assert.equal(config.declaredPrefixes, undefined);
    assert.deepEqual(defaultConfig([]).requirements, []);
  });

  it('is frozen', () => {
    const config = defaultConfig(['reqs']);
    assert.ok(Object.isFrozen(config) && Object.isFrozen(config.requirements) && Object.isFrozen(config.prefixes));
  });
});

describe('requirementGlob', () => {
  it('expands folders and keeps files and globs', () => {
    assert.equal(requirementGlob('reqs'), `reqs/${REQUIREMENT_FILES_GLOB}`);
    assert.equal(requirementGlob('./docs/requirements/'), `docs/requirements/${REQUIREMENT_FILES_GLOB}`);
    assert.equal(requirementGlob('docs\\srs'), `docs/srs/${REQUIREMENT_FILES_GLOB}`);
    assert.equal(requirementGlob('.'), REQUIREMENT_FILES_GLOB);
    assert.equal(REQUIREMENT_FILES_GLOB, '**/{*.{md,markdown,yml,yaml,sdoc,sfra,ssec,rst,reqif,reqifz},needs.json}');
    assert.equal(requirementGlob('exports/srs.reqifz'), 'exports/srs.reqifz');
    assert.equal(requirementGlob('docs/srs.md'), 'docs/srs.md');
    assert.equal(requirementGlob('risks/*.yaml'), 'risks/*.yaml');
    assert.equal(requirementGlob('docs/**/REQ-*.md'), 'docs/**/REQ-*.md');
  });
});

describe('findDefaultRequirementFolder', () => {
  it('returns the first existing default folder, asking with root-joined paths', async () => {
    const asked: string[] = [];
    const existing = new Set(['/p/reqs', '/p/docs/requirements']);
    const found = await findDefaultRequirementFolder('/p/', async (p) => {
      asked.push(p);
      return existing.has(p);
    });
    assert.equal(found, 'reqs');
    assert.deepEqual(asked, ['/p/requirements', '/p/reqs']);
  });

  it('returns undefined when none exists', async () => {
    assert.equal(await findDefaultRequirementFolder('/p', async () => false), undefined);
  });
});

describe('parseConfig: merging', () => {
  it('an empty object or empty file gives the defaults, with no requirements (zero config applies)', () => {
    for (const text of ['{}', '', '  // nothing\n']) {
      const { config, problems } = parseConfig(text, FILE);
      assert.deepEqual(problems, [], text);
      assert.deepEqual(config, defaultConfig([]), text);
    }
  });

  it('applies every key, with comments and trailing commas', () => {
    const text = `{
      // requirement folders and globs
      "$schema": "./schema.json",
      "requirements": ["reqs", "risks/*.yaml", "./docs/srs.md",],
      "exclude": ["build/**"],
      "testFiles": ["checks/**"],
      "additionalTestFiles": ["**/*_check.c"],
      "prefixes": { "DSN": "requirement", "REQ": "system" },
      "keywords": { "Covers": "verifies" },
      "inactiveStatuses": ["Superseded"],
      "nonTestVerification": ["Review"],
      "defaultClass": "B",
      "rules": { "unverified": "warning", "unknown-id": "off" },
      "maxFileSize": 1000,
      "gitignore": false, /* trailing comment */
    }`;
    const { config, problems } = parseConfig(text, FILE);
    assert.deepEqual(problems, []);
    assert.deepEqual(config.requirements, [`reqs/${REQUIREMENT_FILES_GLOB}`, 'risks/*.yaml', 'docs/srs.md']);
    assert.deepEqual(config.exclude, ['build/**']);
    assert.deepEqual(config.testFiles, ['checks/**', '**/*_check.c']);
    assert.equal(config.prefixes.DSN, 'requirement');
    assert.equal(config.prefixes.REQ, 'system', 'a user prefix overrides a default');
    assert.equal(config.prefixes.RISK, 'risk', 'defaults are kept');
    assert.deepEqual(config.declaredPrefixes, ['DSN', 'REQ'], 'only the prefixes the user names are declared');
    assert.equal(config.keywords.covers, 'verifies');
    assert.equal(config.keywords.implements, 'implements');
    assert.deepEqual(config.inactiveStatuses, ['superseded']);
    assert.deepEqual(config.nonTestVerification, ['review']);
    assert.equal(config.defaultClass, 'B');
    assert.deepEqual(config.rules, { unverified: 'warning', 'unknown-id': 'off' });
    assert.equal(config.maxFileSize, 1000);
    assert.equal(config.useGitignore, false);
  });

  // Verifies: TL-141
  it('reads testResults globs with their positions and testResultProperties; bad entries are problems', () => {
    const parsed = parseConfig('{\n  "testResults": ["build/**/*.xml", "../x.xml", 3],\n  "testResultProperties": ["verifies", "verifies"]\n}', FILE);
    assert.deepEqual(parsed.config.testResults, ['build/**/*.xml']);
    assert.deepEqual(parsed.resultEntries, [{ glob: 'build/**/*.xml', at: { file: FILE, line: 2, column: 19 } }]);
    assert.deepEqual(parsed.config.testResultProperties, ['verifies']);
    assert.deepEqual(parsed.problems.map((p) => `${p.line}:${p.column}`), ['2:37', '2:49']);
    assert.equal(parseConfig('{}', FILE).config.testResults, undefined, 'absent: nothing about results is judged');
  });

  it('adds additionalTestFiles to the default test globs, whatever the key order', () => {
    const { config } = parseConfig('{ "additionalTestFiles": ["qa/**"] }', FILE);
    assert.deepEqual(config.testFiles, [...DEFAULT_TEST_GLOBS, 'qa/**']);
    const reordered = parseConfig('{ "additionalTestFiles": ["qa/**"], "testFiles": ["t/**"] }', FILE).config;
    assert.deepEqual(reordered.testFiles, ['t/**', 'qa/**']);
  });

  it('knows exactly the rule IDs of the rules', () => {
    assert.deepEqual([...RULE_IDS].sort(), [
      'broken-link', 'duplicate-id', 'inactive-reference', 'invalid-file', 'no-items', 'no-requirements', 'outdated-link', 'results-missing',
      'soup-anomalies-stale', 'soup-incomplete', 'soup-orphan', 'soup-unlisted', 'soup-version-mismatch', 'suspect-link', 'uncovered',
      'unimplemented', 'unknown-id', 'unmitigated-risk', 'unreviewed-link', 'unverified', 'verification-failed', 'verification-not-run',
    ]);
  });

  // Verifies: TL-172
  it('reads the SOUP settings with the position of "soup", and reports bad values at theirs', () => {
    const { config, problems } = parseConfig('{\n  "soup": "./docs\\\\soup.yml",\n  "soupTransitive": true,\n  "soupAnomalyReviewDays": 90\n}', FILE);
    assert.deepEqual(problems, []);
    assert.equal(config.soup, 'docs/soup.yml');
    assert.deepEqual(config.soupAt, { file: FILE, line: 2, column: 3 });
    assert.equal(config.soupTransitive, true);
    assert.equal(config.soupAnomalyReviewDays, 90);
    const bad = parseConfig('{ "soup": "../soup.yml",\n "soupAnomalyReviewDays": -1 }', FILE);
    assert.deepEqual(bad.problems.map((p) => [p.line, p.column, p.message]), [
      [1, 11, '"soup" must be relative to the project root and inside it.'],
      [2, 27, '"soupAnomalyReviewDays" must be a positive whole number of days.'],
    ]);
    assert.equal(bad.config.soup, undefined);
    assert.equal(defaultConfig([]).soup, undefined);
  });
});

describe('parseConfig: problems at their node, bad values fall back', () => {
  it('syntax error: position of the error, the rest still applies', () => {
    const text = '{\n  "defaultClass": "B"\n  "gitignore": false\n}';
    const { config, problems } = parseConfig(text, FILE);
    assert.deepEqual(problems.map((p) => [p.line, p.column, p.message]), [[3, 3, 'JSON syntax error: Comma expected.']]);
    assert.equal(config.defaultClass, 'B');
    assert.equal(config.useGitignore, false);
  });

  it('unterminated object: reported at the end', () => {
    const [line, column, message] = onlyProblem('{\n  "gitignore": true\n');
    assert.deepEqual([line, column], [3, 1]);
    assert.match(message, /Close brace expected/);
  });

  it('a root that is not an object', () => {
    const { config, problems } = parseConfig('\n  ["reqs"]', FILE);
    assert.deepEqual(problems.map((p) => [p.line, p.column]), [[2, 3]]);
    assert.deepEqual(config, defaultConfig([]));
  });

  it('unknown key: at the key, with a suggestion for a case slip', () => {
    const text = '{\n  "requirements": ["reqs"],\n  "Exclude": ["x"]\n}';
    const [line, column, message] = onlyProblem(text);
    assert.deepEqual([line, column], positionOf(text, '"Exclude"'));
    assert.equal(message, 'Unknown key "Exclude". Did you mean "exclude"?');
    assert.deepEqual(parseConfig(text, FILE).config.exclude, []);
    assert.deepEqual(parseConfig(text, FILE).config.requirements, [`reqs/${REQUIREMENT_FILES_GLOB}`]);
  });

  it('wrong type: at the value, default kept', () => {
    const cases: [string, string, string][] = [
      ['{ "requirements": "reqs" }', '"reqs"', 'requirements'],
      ['{ "exclude": {} }', '{}', 'exclude'],
      ['{ "prefixes": ["REQ"] }', '["REQ"]', 'prefixes'],
      ['{ "maxFileSize": "2MB" }', '"2MB"', 'maxFileSize'],
      ['{ "maxFileSize": 1.5 }', '1.5', 'maxFileSize'],
      ['{ "maxFileSize": 0 }', '0', 'maxFileSize'],
      ['{ "gitignore": "yes" }', '"yes"', 'gitignore'],
      ['{ "rules": true }', 'true', 'rules'],
      ['{ "inactiveStatuses": "obsolete" }', '"obsolete"', 'inactiveStatuses'],
    ];
    for (const [text, node, key] of cases) {
      const [line, column, message] = onlyProblem(text);
      assert.deepEqual([line, column], positionOf(text, node), text);
      assert.match(message, new RegExp(`"${key}" must`), text);
      assert.deepEqual(parseConfig(text, FILE).config, defaultConfig([]), text);
    }
  });

  it('a wrong element of a list is reported and dropped; the others stay', () => {
    const text = '{ "exclude": ["a/**", 3, "", "b/**"] }';
    const { config, problems } = parseConfig(text, FILE);
    assert.deepEqual(problems.map((p) => [p.line, p.column]), [positionOf(text, '3'), positionOf(text, '""')]);
    assert.deepEqual(config.exclude, ['a/**', 'b/**']);
  });

  it('globs outside the root or negated are reported', () => {
    const text = '{ "requirements": ["../shared", "/abs", "!drafts/**", "ok"] }';
    const { config, problems } = parseConfig(text, FILE);
    assert.deepEqual(problems.map((p) => [p.line, p.column]), [positionOf(text, '"../shared"'), positionOf(text, '"/abs"'), positionOf(text, '"!drafts')]);
    assert.deepEqual(config.requirements, [`ok/${REQUIREMENT_FILES_GLOB}`]);
  });

  it('unknown rule: at the key; bad severity: at the value; good rules still apply', () => {
    const text = '{\n  "rules": {\n    "unverifed": "warning",\n    "unimplemented": "warn",\n    "duplicate-id": "info"\n  }\n}';
    const { config, problems } = parseConfig(text, FILE);
    assert.deepEqual(problems.map((p) => [p.line, p.column]), [positionOf(text, '"unverifed"'), positionOf(text, '"warn"')]);
    assert.match(problems[0]!.message, /Unknown rule "unverifed"/);
    assert.match(problems[1]!.message, /severity of rule "unimplemented" must be one of "error", "warning", "info", "off"/);
    assert.deepEqual(config.rules, { 'duplicate-id': 'info' });
  });

  it('bad class: at the value, default C kept', () => {
    const text = '{\n  "defaultClass": "D"\n}';
    const [line, column, message] = onlyProblem(text);
    assert.deepEqual([line, column], [2, 19]);
    assert.match(message, /"defaultClass" must be one of "A", "B", "C"/);
    assert.equal(parseConfig(text, FILE).config.defaultClass, 'C');
    assert.equal(onlyProblem('{ "defaultClass": "b" }')[1], 19);
  });

  it('bad prefix key or kind, bad keyword relation: at the offending node', () => {
    const text = '{ "prefixes": { "Req": "requirement", "DSN": "design", "UT": "test" }, "keywords": { "covers": "tests" } }';
    const { config, problems } = parseConfig(text, FILE);
    assert.deepEqual(problems.map((p) => [p.line, p.column]), [positionOf(text, '"Req"'), positionOf(text, '"design"'), positionOf(text, '"tests"')]);
    assert.equal(config.prefixes.UT, 'test');
    assert.equal(config.prefixes.DSN, undefined);
    assert.deepEqual(config.declaredPrefixes, ['UT']);
    assert.equal(config.keywords.covers, undefined);
  });

  // Verifies: TL-082
  it('tableColumns: header names normalised; a bad field at its value, an empty name at its key; the rest applies', () => {
    const text = '{\n  "tableColumns": {\n    "Req-Nr.": "id",\n    "Beschreibung": "text",\n    "Risk": "links",\n    "--": "title"\n  }\n}';
    const { config, problems } = parseConfig(text, FILE);
    assert.deepEqual(problems.map((p) => [p.line, p.column, p.message]), [
      [5, 13, 'The field of table column "Risk" must be one of "id", "title", "text", "class", "status", "kind", "parent", "mitigates", "verifies", "verification", "category", "attribute".'],
      [6, 5, 'Table column "--" must name a header with letters or digits.'],
    ]);
    assert.deepEqual(config.tableColumns, { 'req nr': 'id', beschreibung: 'text' });
    assert.ok(Object.isFrozen(config.tableColumns));
    assert.equal(parseConfig('{ "tableColumns": {} }', FILE).config.tableColumns, undefined);
    assert.deepEqual(onlyProblem('{ "tableColumns": ["ID"] }').slice(0, 2), [1, 19]);
  });

  it('a duplicate key is reported at the second key; the last one wins', () => {
    const text = '{ "defaultClass": "A", "defaultClass": "B" }';
    const [line, column] = onlyProblem(text);
    assert.deepEqual([line, column], [1, 24]);
    assert.equal(parseConfig(text, FILE).config.defaultClass, 'B');
  });

  it('counts CRLF line breaks once', () => {
    const text = '{\r\n  "gitignore": 1\r\n}';
    assert.deepEqual(onlyProblem(text).slice(0, 2), [2, 16]);
  });
});

describe('schema and starter files', () => {
  const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv({ allErrors: true, strict: true });

  function stripped(content: string): unknown {
    const errors: ParseError[] = [];
    const value = parseJsonc(content, errors, { allowTrailingComma: true });
    assert.deepEqual(errors, []);
    return value;
  }

  it('is a valid draft-07 schema that documents every key the parser accepts', () => {
    const validate = ajv.compile(schema);
    assert.equal(typeof validate, 'function');
    const properties = schema.properties as Record<string, { description?: string }>;
    const keys = ['$schema', 'requirements', 'exclude', 'testFiles', 'additionalTestFiles', 'prefixes', 'namedIdPrefixes', 'keywords', 'artifactTypes',
      'inactiveStatuses', 'nonTestVerification', 'defaultClass', 'rules', 'maxFileSize', 'gitignore', 'tableColumns', 'coverage', 'languages', 'needTypes', 'reqif',
      'testResults', 'testResultProperties', 'soup', 'soupTransitive', 'soupAnomalyReviewDays', 'fingerprintAttributes', 'strictReview', 'requireReview'];
    assert.deepEqual(Object.keys(properties).sort(), [...keys].sort());
    for (const key of keys) assert.ok(properties[key]!.description, `${key} has a description`);
    const rules = (properties.rules as { properties: Record<string, unknown> }).properties;
    assert.deepEqual(Object.keys(rules).sort(), [...RULE_IDS].sort());
  });

  it('states the same defaults as the code', () => {
    const properties = schema.properties as Record<string, { default?: unknown }>;
    const defaults = defaultConfig([]);
    assert.deepEqual(properties.testFiles!.default, defaults.testFiles);
    assert.deepEqual(properties.inactiveStatuses!.default, defaults.inactiveStatuses);
    assert.deepEqual(properties.nonTestVerification!.default, defaults.nonTestVerification);
    assert.equal(properties.defaultClass!.default, defaults.defaultClass);
    assert.equal(properties.maxFileSize!.default, defaults.maxFileSize);
    assert.equal(properties.gitignore!.default, defaults.useGitignore);
    assert.deepEqual(properties.exclude!.default, defaults.exclude);
  });

  it('agrees with the parser on good and bad configs', () => {
    const validate = ajv.compile(schema);
    const good = { requirements: ['reqs'], prefixes: { DSN: 'requirement', 'SDOC-SRS': 'requirement', dsn: 'requirement' }, namedIdPrefixes: ['FE', 'SDOC_UG'], rules: { unverified: 'off' }, defaultClass: 'A', maxFileSize: 10, tableColumns: { 'Req-Nr.': 'id' },
      languages: { '.itest': 'bash', 'ci/**/*.conf': 'yaml', 'vendor/**': 'none' },
      reqif: { idAttribute: 'Object Identifier', numberPrefix: 'SRS-', relationTypes: { 'DOORS Links': 'parent', 'Link To': 'none' } },
      soup: 'docs/soup.yml', soupTransitive: true, soupAnomalyReviewDays: 180 };
    assert.equal(validate(good), true, JSON.stringify(validate.errors));
    assert.deepEqual(parseConfig(JSON.stringify(good), FILE).problems, []);
    const bads = [{ defaultClass: 'D' }, { rules: { nope: 'error' } }, { tableColumns: { Risk: 'links' } }, { rules: { unverified: 'warn' } }, { prefixes: { Req: 'requirement' } }, { prefixes: { 'REQ-': 'requirement' } }, { namedIdPrefixes: ['fe'] },
      { unknownKey: 1 }, { maxFileSize: 0 }, { requirements: ['!x'] }, { requirements: ['/abs'] }, { keywords: { covers: 'tests' } },
      { languages: { '.itest': 'sh' } }, { languages: { '!*.sh': 'bash' } }, { languages: { '../x/*.sh': 'bash' } }, { languages: [] },
      { reqif: { numberPrefix: 'srs-' } }, { reqif: { numberPrefix: 'SRS--' } }, { reqif: { relationTypes: { Satisfies: 'satisfies' } } }, { reqif: { idAttribute: '' } }, { reqif: { prefix: 'SRS-' } }, { reqif: [] },
      { soup: '' }, { soup: '../soup.yml' }, { soup: '/soup.yml' }, { soup: 'docs/*.yml' }, { soup: 'docs/' }, { soup: 1 }, { soupTransitive: 'yes' }, { soupAnomalyReviewDays: 0 }, { soupAnomalyReviewDays: 1.5 }];
    for (const bad of bads) {
      assert.equal(validate(bad), false, JSON.stringify(bad));
      assert.ok(parseConfig(JSON.stringify(bad), FILE).problems.length > 0, JSON.stringify(bad));
    }
  });

  // Verifies: TL-215
  it('the starter tracelens.json is commented, names no schema it was not given, validates and parses without problems', () => {
    const starter = initFiles().find((f) => f.path === 'tracelens.json');
    assert.ok(starter);
    assert.match(starter.content, /^\s*\/\/ /m);
    assert.doesNotMatch(starter.content, /https?:/);
    const value = stripped(starter.content) as Record<string, unknown>;
    assert.equal('$schema' in value, false);
    const validate = ajv.compile(schema);
    assert.equal(validate(value), true, JSON.stringify(validate.errors));
    const { config, problems } = parseConfig(starter.content, 'tracelens.json');
    assert.deepEqual(problems, []);
    assert.deepEqual(config.requirements, [`requirements/${REQUIREMENT_FILES_GLOB}`]);
    const given = initFiles({ schema: './node_modules/tracelens/schemas/tracelens.schema.json' })[0]!.content;
    assert.equal((stripped(given) as Record<string, unknown>).$schema, './node_modules/tracelens/schemas/tracelens.schema.json');
    assert.equal(given.split('\n')[2], '  "$schema": "./node_modules/tracelens/schemas/tracelens.schema.json",');
  });

  it('the starter requirements file reads without problems: two requirements, a system requirement and a risk', () => {
    const template = initFiles().find((f) => f.path === 'requirements/requirements.md');
    assert.ok(template);
    const { config } = parseConfig(initFiles()[0]!.content, 'tracelens.json');
    const { items, problems } = readRequirementFile(template.content, {
      file: template.path,
      kindOf: (id) => config.prefixes[id.split('-')[0]!] ?? 'requirement',
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(items.map((i) => [i.id, i.kind]).sort(), [['REQ-001', 'requirement'], ['REQ-002', 'requirement'], ['RISK-001', 'risk'], ['SYS-001', 'system']]);
    assert.ok(items.every((i) => i.safetyClass !== undefined && i.title !== '' && i.text !== ''));
    const req = items.find((i) => i.id === 'REQ-001')!;
    assert.deepEqual(req.links.map((l) => [l.kind, l.target]), [['parent', 'SYS-001'], ['mitigates', 'RISK-001']]);
  });

  // Verifies: TL-083
  it('the table-style starter holds the same items as table rows, with the same attributes', () => {
    const headings = readRequirementFile(initFiles()[1]!.content, { file: 'requirements/requirements.md', kindOf: (id) => (id.startsWith('SYS') ? 'system' : id.startsWith('RISK') ? 'risk' : 'requirement') });
    const tables = initFiles({ style: 'table' })[1]!;
    assert.equal(tables.path, 'requirements/requirements.md');
    const { items, problems } = readRequirementFile(tables.content, { file: tables.path, kindOf: (id) => (id.startsWith('SYS') ? 'system' : id.startsWith('RISK') ? 'risk' : 'requirement') });
    assert.deepEqual(problems, []);
    assert.ok(items.every((i) => i.format === 'markdown-table'));
    const summary = (list: readonly Item[]) => list.map((i) => [i.id, i.kind, i.title, i.text, i.safetyClass, i.status, i.verification, i.links.map((l) => [l.kind, l.target])])
      .sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1));
    assert.deepEqual(summary(items), summary(headings.items).map((row) => [...row.slice(0, 3), String(row[3]).replace(/\n/g, ' '), ...row.slice(4)]));
    assert.equal(initFiles({ style: 'table' })[0]!.content, initFiles()[0]!.content);
  });
});

describe('parseConfig: languages', () => {
  it('maps extensions and globs to languages in the order written, or to none', () => {
    const text = '{\n  "languages": {\n    ".itest": "bash",\n    "ci/**/*.conf": "yaml",\n    "./tools\\\\gen/**": "none"\n  }\n}';
    const { config, problems } = parseConfig(text, FILE);
    assert.deepEqual(problems, []);
    assert.deepEqual(config.languages, [
      { glob: '**/*.itest', language: 'bash' },
      { glob: 'ci/**/*.conf', language: 'yaml' },
      { glob: 'tools/gen/**', language: 'none' },
    ]);
    assert.ok(Object.isFrozen(config.languages) && Object.isFrozen(config.languages![0]));
    assert.equal(defaultConfig([]).languages, undefined);
  });

  it('reports an unknown language at its value and a bad glob at its key; the other entries stay', () => {
    const text = '{\n  "languages": {\n    ".itest": "sh",\n    "!*.sh": "bash",\n    "/abs/*.x": "bash",\n    "../up/*.x": "yaml",\n    "": "bash",\n    "*.ok": "toml"\n  }\n}';
    const { config, problems } = parseConfig(text, FILE);
    assert.deepEqual(problems.map((p) => [p.line, p.column]), [[3, 15], [4, 5], [5, 5], [6, 5], [7, 5]]);
    assert.match(problems[0]!.message, /^The language of "\.itest" must be one of "c", .*"dockerfile".*, or "none" for no code file\.$/);
    assert.match(problems[1]!.message, /negated globs are not supported/);
    assert.match(problems[2]!.message, /must be relative to the project root/);
    assert.match(problems[4]!.message, /must be a glob or an extension/);
    assert.deepEqual(config.languages, [{ glob: '*.ok', language: 'toml' }]);
  });

  it('the schema names exactly the supported languages, and none', () => {
    const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as { properties: { languages: { additionalProperties: { enum: string[] } } } };
    assert.deepEqual([...schema.properties.languages.additionalProperties.enum].sort(), [...LANGUAGES.map((spec) => spec.id), 'none'].sort());
  });

  it('reports a value that is not an object', () => {
    const [line, column, message] = onlyProblem('{ "languages": ["bash"] }');
    assert.deepEqual([line, column, message], [1, 16, '"languages" must be an object.']);
  });
});

// Verifies: TL-131, TL-134
describe('parseConfig: reqif', () => {
  it('reads the ID attribute, the number prefix and relation types (lower-cased names), frozen', () => {
    const text = '{ "reqif": { "idAttribute": " Object Identifier ", "numberPrefix": "SRS-", "relationTypes": { "DOORS Links": "parent", "Link To": "none" } } }';
    const { config, problems } = parseConfig(text, FILE);
    assert.deepEqual(problems, []);
    assert.deepEqual(config.reqif, { idAttribute: 'Object Identifier', numberPrefix: 'SRS-', relationTypes: { 'doors links': 'parent', 'link to': 'none' } });
    assert.ok(Object.isFrozen(config.reqif));
    assert.equal(defaultConfig([]).reqif, undefined);
  });

  it('reports each bad value at its node and keeps the others', () => {
    const text = '{\n  "reqif": {\n    "numberPrefix": "srs-",\n    "relationTypes": { "Satisfies": "satisfies", "Refines": "parent" },\n    "prefix": "X",\n    "idAttribute": 3\n  }\n}';
    const { config, problems } = parseConfig(text, FILE);
    assert.deepEqual(problems.map((p) => [p.line, p.column, p.message.slice(0, 40)]), [
      [3, 21, '"numberPrefix" must be capital letters a'],
      [4, 37, 'The meaning of relation type "Satisfies"'],
      [5, 5, 'Unknown key "prefix" in "reqif": known k'],
      [6, 20, '"idAttribute" must name an attribute (it'],
    ]);
    assert.deepEqual(config.reqif, { relationTypes: { refines: 'parent' } });
    assert.deepEqual(onlyProblem('{ "reqif": true }'), [1, 12, '"reqif" must be an object.']);
  });

  // Verifies: TL-251
  it('reads object types by lower-cased name, reporting a meaning that is no kind (nor "heading") and an empty name', () => {
    const text = '{\n  "reqif": {\n    "objectTypes": { "Safety  Goal": "system", "Note": "heading", "Hazard": "hazard", " ": "risk" }\n  }\n}';
    const { config, problems } = parseConfig(text, FILE);
    assert.deepEqual(problems.map((p) => [p.line, p.column, p.message]), [
      [3, 77, 'The meaning of object type "Hazard" must be one of "requirement", "system", "risk", "test", "heading".'],
      [3, 87, 'A key of "objectTypes" must name an object type.'],
    ]);
    assert.deepEqual(config.reqif, { objectTypes: { 'safety goal': 'system', note: 'heading' } });
    assert.deepEqual(onlyProblem('{ "reqif": { "objectTypes": [] } }'), [1, 29, '"objectTypes" must be an object: object type name → meaning.']);
  });
});
