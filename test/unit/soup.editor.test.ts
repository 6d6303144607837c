// Verifies: TL-176, TL-177, TL-178
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { planSoupEntry } from '../../src/core/authoring/soupEntry';
import { readSoupRegister } from '../../src/core/soup/register';
import { soupModel } from '../../src/core/soup/project';
import { soupFindings } from '../../src/core/soup/rules';
import { dependencyAt, soupHoverMarkdown } from '../../src/core/soup/hover';
import { defaultConfig } from '../../src/core/config/parse';
import { CommentParser } from '../../src/parsing/commentParser';
import { LocalScanService } from '../../src/core/scan/localScanService';
import { ProjectIndex } from '../../src/core/project/projectIndex';
import { MemoryFileSystem } from '../../src/core/files/memoryFileSystem';

/** The register after applying a plan, read back. */
function applied(existing: string | undefined, name: string, version: string | undefined): { text: string; line: number } {
  const plan = planSoupEntry(existing, name, version);
  assert.ok(!('refusal' in plan), JSON.stringify(plan));
  const base = existing ?? '';
  return { text: base.slice(0, plan.offset) + plan.text + base.slice(plan.offset), line: plan.line };
}

describe('the "Add to the SOUP register" edit', () => {
  it('creates a register with one TODO entry that soup-incomplete still asks about', () => {
    const { text, line } = applied(undefined, '@types/node', '20.14.9');
    assert.equal(text, [
      '# SOUP register (IEC 62304 8.1.2): one entry per item of software of unknown provenance.',
      '- name: "@types/node"',
      '  version: 20.14.9',
      '  manufacturer: TODO',
      '  purpose: TODO',
      '  requirements: TODO',
      '  anomalies:',
      '    url: TODO',
      '    reviewed: TODO',
      '  risks: TODO',
      '',
    ].join('\n'));
    assert.equal(line, 2);
    const register = readSoupRegister(text, 'soup.yml');
    assert.deepEqual(register.problems, []);
    assert.equal(register.entries[0]!.name!.value, '@types/node');
    assert.equal(register.entries[0]!.risks, undefined, 'risks: TODO is not answered');
    const model = soupModel(new Map([['soup.yml', text], ['package.json', '{ "dependencies": { "@types/node": "20.14.9" } }\n']]), defaultConfig([]), '2026-12-01');
    assert.deepEqual(soupFindings(model, defaultConfig([]), () => true).map((f) => `${f.rule} ${f.message}`), [
      'soup-incomplete @types/node lacks manufacturer, purpose, requirements, anomalies.reviewed, risks',
    ]);
  });

  it('appends in the register\'s style: indentation, blank lines between entries, CRLF, a missing final newline', () => {
    const indented = 'soup_list_comment: no\n';
    assert.deepEqual(planSoupEntry(indented, 'x', '1'), { refusal: 'The SOUP register is not a YAML block list of entries (- name: …): add the entry by hand.' });
    assert.ok('refusal' in planSoupEntry('[]\n', 'x', '1'), 'a flow list is refused');

    const compact = '  -   name: a\n      version: 1\n  -   name: b\n      version: 2';
    const one = applied(compact, 'c', undefined);
    assert.equal(one.text, `${compact}\n  -   name: c\n      version: TODO\n      manufacturer: TODO\n      purpose: TODO\n      requirements: TODO\n      anomalies:\n        url: TODO\n        reviewed: TODO\n      risks: TODO\n`);
    assert.equal(one.line, 5);
    assert.deepEqual(readSoupRegister(one.text, 'soup.yml').entries.map((e) => e.name?.value), ['a', 'b', 'c']);

    const spaced = '# register\r\n- name: a\r\n  version: 1\r\n\r\n- name: b\r\n  version: 2\r\n';
    const two = applied(spaced, 'lodash', '4.17.21');
    assert.ok(two.text.startsWith(`${spaced}\r\n- name: lodash\r\n  version: 4.17.21\r\n`), JSON.stringify(two.text));
    assert.equal(two.line, 8);
    assert.ok(!/[^\r]\n/.test(two.text), 'CRLF throughout');
  });
});

describe('the SOUP hover', () => {
  const files = new Map([
    ['package.json', '{ "dependencies": { "react": "^18.3.1", "lodash": "4.17.21" } }\n'],
    ['package-lock.json', '{ "lockfileVersion": 3, "packages": { "node_modules/react": { "version": "18.3.1" } } }\n'],
    ['soup.yml', '- name: react\n  version: 18.3.1\n  manufacturer: Meta\n  anomalies: { url: "https://github.com/facebook/react/issues", reviewed: 2026-10-14 }\n  risks: [RISK-5]\n  class: B\n'],
  ]);
  const model = soupModel(files, defaultConfig([]), '2026-12-01');

  it('finds the dependency under the cursor only on its name', () => {
    assert.equal(dependencyAt(model, 'package.json', 1, 22)?.name, 'react');
    assert.equal(dependencyAt(model, 'package.json', 1, 27)?.name, 'react');
    assert.equal(dependencyAt(model, 'package.json', 1, 30), undefined);
    assert.equal(dependencyAt(model, 'soup.yml', 1, 9), undefined);
  });

  it('shows the entry with the version in use, or says there is none', () => {
    assert.equal(soupHoverMarkdown(model, dependencyAt(model, 'package.json', 1, 22)!), [
      '**react** · SOUP dependency · in use: 18.3.1 (package-lock.json)',
      '',
      'Entry in soup.yml:1 (class B)',
      '',
      '- version: 18.3.1',
      '- manufacturer: Meta',
      '- purpose: *missing*',
      '- requirements: *missing*',
      '- known anomalies: https://github.com/facebook/react/issues, reviewed 2026-10-14',
      '- risks: RISK-5',
    ].join('\n'));
    assert.equal(soupHoverMarkdown(model, dependencyAt(model, 'package.json', 1, 42)!),
      '**lodash** · SOUP dependency · in use: 4.17.21 (pinned)\n\nNo entry in the SOUP register soup.yml.');
  });
});

describe('SOUP in the live project index', () => {
  let parser: CommentParser;
  before(async () => { parser = await CommentParser.create(); });
  after(() => parser.dispose());

  it('reports SOUP findings, knows the register and manifests as SOUP files, and follows their changes on disk', async () => {
    const root = path.resolve('/soup-live');
    const fs = new MemoryFileSystem(root, {
      'requirements/reqs.md': '## REQ-1: One\n- verification: inspection\n',
      'src/main.c': '// Implements: REQ-1\n',
      'package.json': '{ "dependencies": { "react": "18.3.1" } }\n',
      'soup.yml': '- name: react\n  version: 18.2.0\n',
    });
    const index = new ProjectIndex(root, fs, parser, new LocalScanService(parser, fs));
    try {
      await index.load();
      const soupRules = (): string[] => index.snapshot().findings.filter((f) => f.rule.startsWith('soup-')).map((f) => `${f.file}:${f.line}:${f.column} ${f.rule} ${f.id}`);
      assert.deepEqual([index.roleOf('soup.yml'), index.roleOf('package.json'), index.roleOf('go.mod'), index.roleOf('src/main.c')], ['soup', 'soup', 'soup', 'code']);
      assert.deepEqual(index.snapshot().soupFiles, ['package.json', 'soup.yml']);
      assert.deepEqual(index.snapshot().codeFiles, ['src/main.c']);
      assert.deepEqual(soupRules(), ['soup.yml:1:9 soup-incomplete react', 'soup.yml:2:12 soup-version-mismatch react']);

      fs.write('soup.yml', '- name: react\n  version: 18.3.1\n');
      await index.fileChangedOnDisk('soup.yml');
      assert.deepEqual(soupRules(), ['soup.yml:1:9 soup-incomplete react']);

      fs.write('go.mod', 'module x\n\nrequire github.com/spf13/cobra v1.8.1\n');
      await index.fileChangedOnDisk('go.mod');
      assert.deepEqual(soupRules(), ['go.mod:3:9 soup-unlisted github.com/spf13/cobra', 'soup.yml:1:9 soup-incomplete react']);
      assert.equal(index.snapshot().summary.soup?.manifests, 2);

      fs.delete('go.mod');
      await index.fileDeleted('go.mod');
      assert.deepEqual(soupRules(), ['soup.yml:1:9 soup-incomplete react']);
    } finally {
      index.dispose();
    }
  });
});
