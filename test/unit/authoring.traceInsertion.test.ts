// Verifies: TL-216
/**
 * Trace to Requirement's planner on Tracelens's own parse: the tag goes above the innermost
 * function, method or class around the cursor (above its doc comment, decorators or attributes),
 * in the language's comment style at the unit's indentation; outside every unit, at the line.
 */
import { before, after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CommentParser } from '../../src/parsing/commentParser';
import { languageById } from '../../src/parsing/languages';
import { planTraceInsertion } from '../../src/core/authoring/tagInsertion';

const IMPLEMENTS = ['implements', 'implement', 'impl', 'satisfies'];

let parser: CommentParser;
before(async () => { parser = await CommentParser.create(); });
after(() => parser.dispose());

/**
 * `source` with the tag for REQ-7 placed as Trace to Requirement would with the cursor on the
 * line holding `‸` (the marker removed); the unit's name, or undefined outside every unit.
 */
async function trace(language: string, source: string, id = 'REQ-7'): Promise<{ text: string; unit: string | undefined }> {
  const lines = source.split('\n');
  const line = lines.findIndex((text) => text.includes('‸'));
  assert.ok(line >= 0, 'the source marks the cursor with ‸');
  lines[line] = lines[line]!.replace('‸', '');
  const text = lines.join('\n');
  await parser.loadLanguage(language);
  const units = parser.codeUnits(language, text);
  const { unit, edit } = planTraceInsertion({
    lines, units, line, id, keyword: 'Implements', sameRelationKeywords: IMPLEMENTS, lineComment: languageById(language)!.lineComment,
  });
  if (!edit) return { text, unit: unit?.name };
  const offset = lines.slice(0, edit.line).reduce((sum, current) => sum + current.length + 1, 0) + edit.column;
  return { text: text.slice(0, offset) + edit.insertText + text.slice(offset + edit.deleteCount), unit: unit?.name };
}

describe('Trace to Requirement: where the tag goes', () => {
  it('C: inside a nested if of power.c, above the function, not in the block', async () => {
    const source = readFileSync(path.join(__dirname, '..', '..', 'examples', 'infusion-pump', 'firmware', 'src', 'power.c'), 'utf8');
    const lines = source.split('\n');
    assert.equal(lines[19], '            alarm_raise(ALARM_LOW_BATTERY);');
    lines[19] = `‸${lines[19]}`;
    const { text, unit } = await trace('c', lines.join('\n'), 'REQ-009');
    assert.equal(unit, 'power_check');
    assert.deepEqual(text.split('\n').slice(14, 18), ['', '// Implements: REQ-009', 'void power_check(uint16_t battery_mV)', '{']);
  });

  it('C: above the doc comment; an existing tag of the relation there is extended; outside any function, at the line', async () => {
    assert.equal((await trace('c', '#include "x.h"\n\n/**\n * Checks.\n */\nstatic int check(void)\n{\n    return ‸1;\n}\n')).text,
      '#include "x.h"\n\n// Implements: REQ-7\n/**\n * Checks.\n */\nstatic int check(void)\n{\n    return 1;\n}\n');
    assert.equal((await trace('c', '// Implements: REQ-1\n/* Checks. */\nint check(void) { return ‸1; }\n')).text,
      '// Implements: REQ-1, REQ-7\n/* Checks. */\nint check(void) { return 1; }\n');
    assert.equal((await trace('c', '// Implements: REQ-7\nint check(void) { return ‸1; }\n')).text, '// Implements: REQ-7\nint check(void) { return 1; }\n');
    const outside = await trace('c', '#include "x.h"\n‸static int s_count;\n');
    assert.deepEqual(outside, { text: '#include "x.h"\n// Implements: REQ-7\nstatic int s_count;\n', unit: undefined });
  });

  it('C++: a method of a class template in a namespace, and the template itself', async () => {
    const source = [
      'namespace pump {', '/// Rate limiter.', 'template <typename T>', 'class Limiter {', ' public:', '  // Clamps the rate.',
      '  T clamp(T rate) const {', '    return rate;', '  }', '};', '}',
    ];
    const method = await trace('cpp', source.map((line, i) => (i === 7 ? `‸${line}` : line)).join('\n'));
    assert.equal(method.unit, 'Limiter.clamp');
    assert.deepEqual(method.text.split('\n').slice(4, 8), [' public:', '  // Implements: REQ-7', '  // Clamps the rate.', '  T clamp(T rate) const {']);
    const type = await trace('cpp', source.map((line, i) => (i === 3 ? `‸${line}` : line)).join('\n'));
    assert.equal(type.unit, 'Limiter');
    assert.deepEqual(type.text.split('\n').slice(0, 4), ['namespace pump {', '// Implements: REQ-7', '/// Rate limiter.', 'template <typename T>']);
  });

  it('Python: above the comment and decorators of a method, above a function with a docstring; a module line stays', async () => {
    const source = [
      'import functools', '', '', 'class Pump:', '    """A pump."""', '', '    # Rate handling.', '    @functools.cache',
      '    @staticmethod', '    def rate(x):', '        """Returns the rate."""', '        return x * 2', '', '', 'def stop():', '    """Stops."""', '    pass', '',
    ];
    const at = (row: number) => source.map((line, i) => (i === row ? line.replace(/^(\s*)/, '$1‸') : line)).join('\n');
    const method = await trace('python', at(11));
    assert.equal(method.unit, 'Pump.rate');
    assert.deepEqual(method.text.split('\n').slice(5, 9), ['', '    # Implements: REQ-7', '    # Rate handling.', '    @functools.cache']);
    const docstring = await trace('python', at(15));
    assert.equal(docstring.unit, 'stop');
    assert.deepEqual(docstring.text.split('\n').slice(13, 16), ['', '# Implements: REQ-7', 'def stop():']);
    const module = await trace('python', at(0));
    assert.deepEqual(module, { text: `# Implements: REQ-7\n${source.join('\n')}`, unit: undefined });
  });

  it('TypeScript: an exported function, an arrow function in an exported const, a decorated class method', async () => {
    const source = [
      "import { run } from './run';", '', '/** Doubles. */', 'export function double(n: number): number {', '  return n * 2;', '}', '',
      'export const triple = (n: number): number => {', '  return n * 3;', '};', '', 'export class Pump {', '  /** Starts. */', '  @logged',
      '  start(): void {', '    run();', '  }', '}', '',
    ];
    const at = (row: number) => source.map((line, i) => (i === row ? line.replace(/^(\s*)/, '$1‸') : line)).join('\n');
    const fn = await trace('typescript', at(4));
    assert.equal(fn.unit, 'double');
    assert.deepEqual(fn.text.split('\n').slice(1, 4), ['', '// Implements: REQ-7', '/** Doubles. */']);
    const arrow = await trace('typescript', at(8));
    assert.equal(arrow.unit, 'triple');
    assert.deepEqual(arrow.text.split('\n').slice(6, 9), ['', '// Implements: REQ-7', 'export const triple = (n: number): number => {']);
    const method = await trace('typescript', at(15));
    assert.equal(method.unit, 'Pump.start');
    assert.deepEqual(method.text.split('\n').slice(11, 15), ['export class Pump {', '  // Implements: REQ-7', '  /** Starts. */', '  @logged']);
  });

  it('Java: above the Javadoc of an annotated method', async () => {
    const source = 'package p;\n\n/** Pump. */\npublic class Pump {\n    /**\n     * Starts.\n     */\n    @Override\n    public void start() {\n        ‸run();\n    }\n}\n';
    const { text, unit } = await trace('java', source);
    assert.equal(unit, 'Pump.start');
    assert.deepEqual(text.split('\n').slice(3, 6), ['public class Pump {', '    // Implements: REQ-7', '    /**']);
  });

  it('Go: above the doc comment of a method', async () => {
    const { text, unit } = await trace('go', 'package pump\n\n// Rate returns the rate.\nfunc (p *Pump) Rate() int {\n\t‸return p.rate\n}\n');
    assert.equal(unit, 'Pump.Rate');
    assert.equal(text, 'package pump\n\n// Implements: REQ-7\n// Rate returns the rate.\nfunc (p *Pump) Rate() int {\n\treturn p.rate\n}\n');
  });

  it('Rust: above doc comments and attributes; a tag in the doc comment is extended', async () => {
    const source = '/// Starts the pump.\n#[inline]\n#[must_use]\npub fn start() -> bool {\n    ‸true\n}\n\nimpl Pump {\n    /// Implements: REQ-1\n    pub fn stop(&self) {}\n}\n';
    const fn = await trace('rust', source);
    assert.equal(fn.unit, 'start');
    assert.equal(fn.text.split('\n').slice(0, 2).join('\n'), '// Implements: REQ-7\n/// Starts the pump.');
    const method = await trace('rust', source.replace('‸', '').replace('pub fn stop', '‸pub fn stop'));
    assert.equal(method.unit, 'Pump.stop');
    assert.equal(method.text.split('\n')[8], '    /// Implements: REQ-1, REQ-7');
  });

  it('C#: above the XML doc comment of a method with attributes', async () => {
    const source = 'namespace Pumps\n{\n    /// <summary>Pump.</summary>\n    public class Pump\n    {\n        /// <summary>Starts.</summary>\n        [Obsolete]\n        public void Start()\n        {\n            ‸Run();\n        }\n    }\n}\n';
    const { text, unit } = await trace('csharp', source);
    assert.equal(unit, 'Pump.Start');
    assert.deepEqual(text.split('\n').slice(4, 7), ['    {', '        // Implements: REQ-7', '        /// <summary>Starts.</summary>']);
  });
});
