// Verifies: TL-090, TL-094
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../src/core/config/parse';
import { readerContext, readRequirementFile, type ReaderContext } from '../../src/core/readers';

const { config } = parseConfig('{ "prefixes": { "LLT": "requirement" }, "namedIdPrefixes": ["FE"] }', 'tracelens.json');
const read = (file: string, text: string, ctx: ReaderContext = readerContext(config, file)) => readRequirementFile(text, ctx);
const at = (file: string, text: string, ctx?: ReaderContext) =>
  read(file, text, ctx).items.map((item) => `${item.id} ${item.kind} ${item.line}:${item.column}-${item.endColumn} ${item.title}`);

describe('Markdown headings with every ID shape', () => {
  const text = [
    '# Spec',
    '## REQ-SYS-001: Multi-segment',
    '## SDOC-SRS-18 Software',
    '## REQ001: Joined with a default prefix',
    '## LLT012 - Joined with a configured prefix',
    '## SHA256 support',
    '## FE_DEF: Named in a declared family',
    '## API_KEYS',
    '### **dsn~parse-config~2**: Typed',
    '## req~login.v2~1',
    '## dsn~bad name~1',
    '',
  ].join('\n');

  it('opens items for numbered and typed IDs, joined and named ones only as configured', () => {
    assert.deepEqual(at('r.md', text), [
      'REQ-SYS-001 requirement 2:4-15 Multi-segment',
      'SDOC-SRS-18 requirement 3:4-15 Software',
      'REQ001 requirement 4:4-10 Joined with a default prefix',
      'LLT012 requirement 5:4-10 Joined with a configured prefix',
      'FE_DEF requirement 7:4-10 Named in a declared family',
      'dsn~parse-config~2 requirement 9:7-25 Typed',
      'req~login.v2~1 system 10:4-18 ',
    ]);
  });

  it('without the configuration only numbered and typed IDs open items', () => {
    const bare: ReaderContext = { file: 'r.md', kindOf: () => 'requirement' };
    assert.deepEqual(at('r.md', text, bare).map((line) => line.split(' ')[0]), ['REQ-SYS-001', 'SDOC-SRS-18', 'dsn~parse-config~2', 'req~login.v2~1']);
  });
});

describe('ID fields and links take every shape', () => {
  it('reads YAML items and links of every shape at their positions', () => {
    const text = 'items:\n  - id: REQ001\n    parent: SYS001, FE_DEF\n  - id: API_KEYS\n    verifies: [dsn~a~1, REQ-SYS-9]\n  - id: req~login~1\n  - id: MD 5\n';
    const result = read('r.yml', text);
    assert.deepEqual(result.items.map((i) => `${i.id} ${i.line}:${i.column}`), ['REQ001 2:9', 'API_KEYS 4:9', 'req~login~1 6:9']);
    assert.deepEqual(result.items.flatMap((i) => i.links.map((l) => `${l.kind} ${l.target} ${l.line}:${l.column}`)), [
      'parent SYS001 3:13', 'parent FE_DEF 3:21', 'verifies dsn~a~1 5:16', 'verifies REQ-SYS-9 5:25',
    ]);
    assert.deepEqual(result.problems.map((p) => `${p.line}:${p.column} ${p.message}`), ['7:9 "MD 5" is not a valid ID (expected something like REQ-001).']);
  });

  it('reads a front matter item with a joined ID', () => {
    const items = read('REQ007.md', '---\nid: REQ007\nparent: LLT001\n---\n# Seven\n').items;
    assert.deepEqual(items.map((i) => `${i.id} ${i.line}:${i.column} ${i.title} ${i.links.map((l) => l.target).join(',')}`), ['REQ007 2:5 Seven LLT001']);
  });

  it('still reports a link value that is no ID, in a Markdown attribute list', () => {
    const result = read('r.md', '## REQ-1: One\n- parent: to be defined, SDOC_UG_X\n');
    assert.deepEqual(result.items[0]!.links.map((l) => `${l.target} ${l.line}:${l.column}`), ['SDOC_UG_X 2:26']);
    assert.deepEqual(result.problems.map((p) => `${p.line}:${p.column}`), ['2:11']);
  });
});
