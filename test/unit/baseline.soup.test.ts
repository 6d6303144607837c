// Verifies: TL-195
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { CommentParser } from '../../src/parsing/commentParser';
import { compareBaselines, type BaselineContext } from '../../src/core/baseline/compare';
import { compareSoup } from '../../src/core/baseline/soupChanges';
import { defaultConfig } from '../../src/core/config/parse';
import { MemoryFileSystem } from '../../src/core/files/memoryFileSystem';
import { checkProject } from '../../src/core/project/check';
import { LocalScanService } from '../../src/core/scan/localScanService';
import { soupModel } from '../../src/core/soup/project';
import { formatDiffJson } from '../../src/core/reports/diffJson';
import { formatDiffMarkdown } from '../../src/core/reports/diffMarkdown';
import { formatDiffText } from '../../src/core/reports/diffText';

const entry = (name: string, version: string, reviewed = '2026-06-01'): string => [
  `- name: ${name}`, `  version: ${version}`, '  manufacturer: Someone', '  purpose: Does a thing.', '  requirements: Node.js 20',
  '  anomalies:', '    url: https://example.com/issues', `    reviewed: ${reviewed}`, '  risks: [RISK-1]',
].join('\n');
const manifest = (deps: Record<string, string>): string => `${JSON.stringify({ name: 'ui', dependencies: deps })}\n`;
const lock = (deps: Record<string, string>): string => `${JSON.stringify({ lockfileVersion: 3, packages: Object.fromEntries(Object.entries(deps).map(([n, v]) => [`node_modules/${n}`, { version: v }])) })}\n`;

const BEFORE = {
  'soup.yml': `${entry('react', '18.2.0')}\n${entry('chart.js', '4.4.1')}\n`,
  'package.json': manifest({ react: '^18.2.0', 'chart.js': '^4.4.1' }),
  'package-lock.json': lock({ react: '18.2.0', 'chart.js': '4.4.1' }),
};
const AFTER = {
  // chart.js removed; react updated (and its review date); lodash added. Entries reordered: a move is no change.
  'soup.yml': `${entry('lodash', '4.17.21')}\n${entry('react', '18.3.1', '2026-11-20')}\n`,
  'package.json': manifest({ react: '^18.3.1', lodash: '^4.17.21' }),
  'package-lock.json': lock({ react: '18.3.1', lodash: '4.17.21' }),
};

test('SOUP changes: register entries and dependencies in use added, removed and changed, by name, moves ignored', () => {
  const config = defaultConfig([]);
  const model = (files: Record<string, string>) => soupModel(new Map(Object.entries(files)), config, '2026-12-01');
  assert.deepEqual(compareSoup(model(BEFORE), model(AFTER)), {
    entries: {
      added: [{ name: 'lodash', version: '4.17.21' }],
      removed: [{ name: 'chart.js', version: '4.4.1' }],
      changed: [
        { name: 'react', field: 'anomalies.reviewed', before: '2026-06-01', after: '2026-11-20' },
        { name: 'react', field: 'version', before: '18.2.0', after: '18.3.1' },
      ],
    },
    dependencies: {
      added: [{ name: 'lodash', version: '4.17.21' }],
      removed: [{ name: 'chart.js', version: '4.4.1' }],
      changed: [{ name: 'react', field: 'version', before: '18.2.0', after: '18.3.1' }],
    },
  });
  const same = compareSoup(model(BEFORE), model(BEFORE))!;
  assert.deepEqual(same, { entries: { added: [], removed: [], changed: [] }, dependencies: { added: [], removed: [], changed: [] } });
  assert.equal(compareSoup(undefined, undefined), undefined, 'no SOUP on either side: no section');
});

let parser: CommentParser;
before(async () => {
  parser = await CommentParser.create();
});
after(() => parser.dispose());

test('a baseline diff of two checks carries the SOUP section into text, Markdown and JSON', async () => {
  const root = path.resolve('/repo/pump');
  const reqs = { 'reqs.md': '## REQ-1: Dose\n- verification: inspection\n\n## RISK-1: Overdose\n- kind: risk\n- needs: none\n', 'main.c': '// Implements: REQ-1\nint dose;\n' };
  const check = (files: Record<string, string>) => {
    const fs = new MemoryFileSystem(root, { ...reqs, ...files });
    return checkProject({ root, fs, scanner: new LocalScanService(parser, fs) });
  };
  const diff = compareBaselines(await check(BEFORE), await check(AFTER));
  assert.deepEqual(diff.soup?.entries.added, [{ name: 'lodash', version: '4.17.21' }]);
  const context: BaselineContext = { base: { revision: 'v1', commit: '0'.repeat(40) }, head: {}, displayRoot: '.', unread: [] };
  const text = formatDiffText(diff, context);
  assert.ok(text.includes([
    'SOUP: register entries 1 added, 1 removed, 2 changed; dependencies in use 1 added, 1 removed, 1 changed',
    '  + entry       lodash 4.17.21',
    '  - entry       chart.js 4.4.1',
    '  ~ entry       react  anomalies.reviewed: 2026-06-01 → 2026-11-20',
    '  ~ entry       react  version: 18.2.0 → 18.3.1',
    '  + dependency  lodash 4.17.21',
    '  - dependency  chart.js 4.4.1',
    '  ~ dependency  react  version: 18.2.0 → 18.3.1',
  ].join('\n')), text);
  const md = formatDiffMarkdown(diff, context);
  assert.ok(md.includes('### SOUP (7)'), md);
  assert.ok(md.includes('| register entry | react | version | 18.2.0 | 18.3.1 |'), md);
  assert.deepEqual(JSON.parse(formatDiffJson(diff, context)).soup.dependencies.changed, [{ name: 'react', field: 'version', before: '18.2.0', after: '18.3.1' }]);
  // Without SOUP on either side the reports have no SOUP section.
  const plain = compareBaselines(await check({}), await check({}));
  assert.equal(plain.soup, undefined);
  assert.ok(!formatDiffText(plain, context).includes('SOUP'));
});
