// Verifies: TL-170, TL-172, TL-173, TL-174
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { readSoupRegister } from '../../src/core/soup/register';
import { soupDay, soupModel } from '../../src/core/soup/project';
import { soupFindings } from '../../src/core/soup/rules';
import { defaultConfig, parseConfig } from '../../src/core/config/parse';
import type { TracelensConfig } from '../../src/core/config/types';
import type { Finding } from '../../src/core/model/types';
import { MemoryFileSystem } from '../../src/core/files/memoryFileSystem';
import { checkProject } from '../../src/core/project/check';
import { listProjectFiles } from '../../src/core/files/projectFiles';
import { CommentParser } from '../../src/parsing/commentParser';
import { LocalScanService } from '../../src/core/scan/localScanService';

const lines = (...rows: string[]): string => `${rows.join('\n')}\n`;

function show(f: Finding): string {
  return `${f.file}:${f.line}:${f.column} ${f.severity} ${f.rule} [${f.id ?? ''}] ${f.message}`;
}

const COMPLETE = (name: string, version: string, extra: string[] = []): string[] => [
  `- name: ${name}`,
  `  version: ${version}`,
  '  manufacturer: Someone',
  '  purpose: Does a thing.',
  '  requirements: Node.js 20',
  '  anomalies:',
  '    url: https://example.com/issues',
  '    reviewed: 2026-06-01',
  '  risks: [RISK-1]',
  ...extra,
];

const MANIFEST = '{ "dependencies": { "react": "^18.3.1", "lodash": "^4.17.0" } }\n';
const LOCK = '{ "lockfileVersion": 3, "packages": { "node_modules/react": { "version": "18.3.1" }, "node_modules/lodash": { "version": "4.17.21" }, "node_modules/js-tokens": { "version": "4.0.0" } } }\n';

function findings(register: string | undefined, config: TracelensConfig = defaultConfig([]), files: Record<string, string> = { 'package.json': MANIFEST, 'package-lock.json': LOCK }, defined = ['RISK-1']): string[] {
  const texts = new Map(Object.entries(files));
  if (register !== undefined) texts.set('soup.yml', register);
  return soupFindings(soupModel(texts, config, '2026-12-01'), config, (id) => defined.includes(id)).map(show);
}

describe('the SOUP register', () => {
  it('keeps every entry and field with its position; numbers keep their text; risks as a list, one ID or IDs with commas', () => {
    const register = readSoupRegister(lines(
      '# SOUP',
      '- name: zlib',
      '  version: 1.10',
      '  anomalies: { url: "https://zlib.net", reviewed: 2026-01-05 }',
      '  risks: ["RISK-1", RISK-2]',
      '  class: b',
      '- name: "lz4"',
      '  risks: RISK-3, RISK-4',
    ), 'soup.yml');
    assert.deepEqual(register.problems, []);
    const [zlib, lz4] = register.entries;
    assert.deepEqual(zlib, {
      file: 'soup.yml', line: 2, column: 3, endLine: 6,
      name: { file: 'soup.yml', line: 2, column: 9, value: 'zlib' },
      version: { file: 'soup.yml', line: 3, column: 12, value: '1.10' },
      anomaliesUrl: { file: 'soup.yml', line: 4, column: 21, value: 'https://zlib.net' },
      anomaliesReviewed: { file: 'soup.yml', line: 4, column: 51, value: '2026-01-05' },
      risks: [{ file: 'soup.yml', line: 5, column: 12, id: 'RISK-1' }, { file: 'soup.yml', line: 5, column: 21, id: 'RISK-2' }],
      safetyClass: 'B',
    });
    assert.deepEqual(lz4!.name, { file: 'soup.yml', line: 7, column: 9, value: 'lz4' });
    assert.deepEqual(lz4!.risks, [{ file: 'soup.yml', line: 8, column: 10, id: 'RISK-3' }, { file: 'soup.yml', line: 8, column: 18, id: 'RISK-4' }]);
  });

  it('reports malformed YAML, a wrong shape, wrong field types and a name listed twice at their lines, and keeps the good entries', () => {
    const register = readSoupRegister(lines(
      '- name: a',
      '  version: [1, 2]',
      '  anomalies: yesterday',
      '  class: D',
      '- just text',
      '- name: A',
      '- name: b',
      '  purpose: "unterminated',
    ), 'soup.yml');
    assert.deepEqual(register.problems.map((p) => `${p.line}:${p.column} ${p.message}`), [
      '2:12 "version" must be text, not a list or a mapping.',
      '3:14 "anomalies" must be a mapping with the "url" of the known-anomalies list and the date it was "reviewed".',
      '4:10 "class" must be A, B or C.',
      '5:3 Each SOUP entry must be a mapping with name, version, manufacturer, purpose, requirements, anomalies and risks.',
      '6:9 "A" is listed twice in the SOUP register (first at line 1).',
      '9:1 YAML syntax error: Missing closing "quote',
    ]);
    assert.deepEqual(register.entries.map((e) => e.name?.value), ['a', 'A', 'b']);
    assert.deepEqual(readSoupRegister('soup:\n  - name: a\n', 'soup.yml').problems.map((p) => `${p.line}:${p.column} ${p.message}`), [
      '1:1 The SOUP register must be a YAML list with one entry per SOUP item (- name: …, version: …).',
    ]);
    assert.deepEqual(readSoupRegister('# nothing yet\n', 'soup.yml'), { file: 'soup.yml', entries: [], problems: [] });
  });
});

describe('the SOUP rules', () => {
  it('a complete, matching register gives no finding', () => {
    assert.deepEqual(findings(lines(...COMPLETE('react', '18.3.1'), ...COMPLETE('lodash', '4.17.21'))), []);
  });

  it('soup-unlisted at the dependency\'s name in the manifest, with the version in use', () => {
    assert.deepEqual(findings(lines(...COMPLETE('react', '18.3.1'))), [
      'package.json:1:42 error soup-unlisted [lodash] lodash 4.17.21 is a dependency with no entry in the SOUP register soup.yml',
    ]);
  });

  it('soup-unlisted for transitive dependencies only with soupTransitive; a listed transitive dependency is no orphan', () => {
    const register = lines(...COMPLETE('react', '18.3.1'), ...COMPLETE('lodash', '4.17.21'));
    assert.deepEqual(findings(register, parseConfig('{ "soupTransitive": true }', 'tracelens.json').config), [
      'package-lock.json:1:149 error soup-unlisted [js-tokens] js-tokens 4.0.0 is a transitive dependency with no entry in the SOUP register soup.yml',
    ]);
    assert.deepEqual(findings(lines(...COMPLETE('react', '18.3.1'), ...COMPLETE('lodash', '4.17.21'), ...COMPLETE('js-tokens', '4.0.0'))), []);
  });

  it('soup-version-mismatch at the entry\'s version, the manifest as related place; a range without a lock is a warning, no version an info', () => {
    const config = defaultConfig([]);
    const texts = new Map([['package.json', MANIFEST], ['package-lock.json', LOCK], ['soup.yml', lines(...COMPLETE('react', '18.2.0', ['  class: A']), ...COMPLETE('lodash', 'v4.17.21'))]]);
    const result = soupFindings(soupModel(texts, config, '2026-12-01'), config, () => true);
    assert.deepEqual(result.map(show), [
      'soup.yml:2:12 warning soup-version-mismatch [react] The SOUP register lists react 18.2.0, but package-lock.json resolves it (package.json:1) to 18.3.1',
    ]);
    assert.deepEqual(result[0]!.related, [{ file: 'package.json', line: 1, column: 22, message: 'react is declared here' }]);
    assert.equal(result[0]!.endColumn, 18);

    assert.deepEqual(findings(lines(...COMPLETE('react', '18.3.1'), ...COMPLETE('lodash', '4.17.21')), defaultConfig([]), { 'package.json': MANIFEST }), [
      'soup.yml:2:12 warning soup-version-mismatch [react] react is declared as ^18.3.1 at package.json:1 and no lock file says which version is installed: the register\'s 18.3.1 cannot be confirmed',
      'soup.yml:11:12 warning soup-version-mismatch [lodash] lodash is declared as ^4.17.0 at package.json:1 and no lock file says which version is installed: the register\'s 4.17.21 cannot be confirmed',
    ]);
    assert.deepEqual(findings(lines(...COMPLETE('pumplib', '1.2')), defaultConfig([]), { 'requirements.txt': '-e ./libs/pumplib\n' }), [
      'soup.yml:2:12 info soup-version-mismatch [pumplib] The version of pumplib at requirements.txt:1 cannot be checked against the register\'s 1.2: an editable install (./libs/pumplib): no version to check',
    ]);
  });

  it('compares Python names as pip does and go versions without their v', () => {
    assert.deepEqual(findings(lines(...COMPLETE('Ruamel_YAML', '0.18.6'), ...COMPLETE('github.com/spf13/cobra', '1.8.1')), defaultConfig([]), {
      'requirements.txt': 'ruamel.yaml==0.18.6\n', 'go.mod': 'module x\nrequire github.com/spf13/cobra v1.8.1\n',
    }), []);
  });

  it('soup-orphan at an entry no manifest names', () => {
    assert.deepEqual(findings(lines(...COMPLETE('react', '18.3.1'), ...COMPLETE('lodash', '4.17.21'), ...COMPLETE('chart.js', '4.4.1'))), [
      'soup.yml:19:9 warning soup-orphan [chart.js] chart.js is in the SOUP register, but no manifest, lock file or SBOM of the project names it',
    ]);
  });

  it('soup-incomplete lists the missing and TODO fields, at the class of the entry; a date that is none is said', () => {
    const register = lines(
      ...COMPLETE('react', '18.3.1'),
      '- name: lodash',
      '  version: 4.17.21',
      '  manufacturer: TODO',
      '  purpose: TBD — ask the UI team',
      '  anomalies: { reviewed: last spring }',
      '  class: A',
      '- version: 1.0',
    );
    assert.deepEqual(findings(register), [
      'soup.yml:10:9 warning soup-incomplete [lodash] lodash lacks manufacturer, purpose, requirements, anomalies.reviewed, risks ("anomalies.reviewed" must be a date, YYYY-MM-DD: "last spring")',
      'soup.yml:16:3 error soup-incomplete [] A SOUP entry lacks name, manufacturer, purpose, requirements, anomalies.reviewed, risks',
    ]);
  });

  it('soup-anomalies-stale after soupAnomalyReviewDays, judged on the model\'s day', () => {
    const register = lines(...COMPLETE('react', '18.3.1').map((l) => l.replace('2026-06-01', '2025-12-01')), ...COMPLETE('lodash', '4.17.21').map((l) => l.replace('2026-06-01', '2025-11-30')));
    assert.deepEqual(findings(register), [
      'soup.yml:17:15 warning soup-anomalies-stale [lodash] The known anomalies of lodash were last reviewed on 2025-11-30, 366 days before 2026-12-01 (more than 365)',
    ]);
    assert.deepEqual(findings(register, parseConfig('{ "soupAnomalyReviewDays": 366 }', 'tracelens.json').config), []);
  });

  it('risk IDs no item defines are unknown-id at their place in the register', () => {
    const register = lines(...COMPLETE('react', '18.3.1'), ...COMPLETE('lodash', '4.17.21').map((l) => l.replace('[RISK-1]', '[RISK-1, RISK-99]')));
    assert.deepEqual(findings(register), [
      'soup.yml:18:19 error unknown-id [RISK-99] RISK-99 (a risk lodash contributes to) is not defined in any requirement file',
    ]);
  });

  it('a register the config names but that is missing is a finding at the key; the config\'s rules override severities', () => {
    const { config } = parseConfig('{\n  "soup": "docs/soup.yml",\n  "rules": { "soup-unlisted": "warning" }\n}', 'tracelens.json');
    assert.deepEqual(findings(undefined, config), [
      'package.json:1:22 warning soup-unlisted [react] react 18.3.1 is a dependency with no entry in the SOUP register docs/soup.yml',
      'package.json:1:42 warning soup-unlisted [lodash] lodash 4.17.21 is a dependency with no entry in the SOUP register docs/soup.yml',
      'tracelens.json:2:3 warning soup-unlisted [docs/soup.yml] The SOUP register docs/soup.yml does not exist: the project\'s 2 direct dependencies are unlisted',
    ]);
  });

  it('judges on SOURCE_DATE_EPOCH when set, else today (UTC)', () => {
    assert.equal(soupDay({ SOURCE_DATE_EPOCH: '1796083200' }, 0), '2026-12-01');
    assert.equal(soupDay({}, Date.UTC(2027, 0, 2, 23, 59)), '2027-01-02');
    assert.equal(soupDay({ SOURCE_DATE_EPOCH: 'soon' }, Date.UTC(2027, 0, 2)), '2027-01-02');
  });
});

describe('SOUP in a project check', () => {
  it('runs only with a register or the soup key, lists manifests outside ignored and installed folders, and keeps the register out of requirements and code', async () => {
    const root = path.resolve('/soup-project');
    const files = {
      'requirements/risks.yml': 'items:\n  - id: RISK-1\n    title: Wrong dose\n',
      'ui/package.json': MANIFEST,
      'ui/node_modules/react/package.json': '{ "name": "react", "dependencies": { "loose-envify": "^1" } }\n',
      'build/package.json': '{ "dependencies": { "ignored": "1.0.0" } }\n',
      '.gitignore': 'build/\n',
    };
    const without = new MemoryFileSystem(root, files);
    const config = defaultConfig(['requirements']);
    const plain = await listProjectFiles(without, root, config, '2026-12-01');
    assert.deepEqual(plain.soupFiles, []);
    assert.equal(plain.soupAsOf, undefined);

    const fs = new MemoryFileSystem(root, { ...files, 'soup.yml': lines(...COMPLETE('react', '18.3.1')), 'requirements/soup.yml': '' });
    const listed = await listProjectFiles(fs, root, config, '2026-12-01');
    assert.deepEqual(listed.soupFiles, ['soup.yml', 'ui/package.json']);
    assert.equal(listed.soupAsOf, '2026-12-01');
    assert.ok(!listed.codeFiles.includes('soup.yml') && !listed.requirementFiles.includes('soup.yml'));

    const parser = await CommentParser.create();
    try {
      const result = await checkProject({ root, fs, scanner: new LocalScanService(parser, fs), prepared: { project: { root, config, problems: [], results: [], search: { patterns: [], configured: false, at: { file: 'tracelens.json', line: 1, column: 1 } } }, listed } });
      assert.deepEqual(result.findings.filter((f) => f.rule.startsWith('soup-')).map(show), [
        'soup.yml:2:12 warning soup-version-mismatch [react] react is declared as ^18.3.1 at ui/package.json:1 and no lock file says which version is installed: the register\'s 18.3.1 cannot be confirmed',
        'ui/package.json:1:42 error soup-unlisted [lodash] lodash is a dependency with no entry in the SOUP register soup.yml',
      ]);
      assert.deepEqual(result.summary.soup, { register: 'soup.yml', registerFound: true, entries: 1, manifests: 1, directDependencies: 2, transitiveDependencies: 0 });
      assert.equal(result.summary.byRule['soup-unlisted'], 1);
    } finally {
      parser.dispose();
    }
  });
});
