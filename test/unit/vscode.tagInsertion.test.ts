// Verifies: TL-046
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isEmptyCommentLine, planTagInsertion, removeReference, type LineEdit } from '../../src/core/authoring/tagInsertion';

const KEYWORDS = ['implements', 'implement', 'impl', 'satisfies', 'verifies', 'verify', 'tests', 'validates', 'mitigates'];
const IMPLEMENTS = ['implements', 'implement', 'impl', 'satisfies'];

function applyEdit(lines: string[], edit: LineEdit | undefined): string {
  assert.ok(edit);
  const text = lines.join('\n');
  const offset = lines.slice(0, edit.line).reduce((sum, line) => sum + line.length + 1, 0) + edit.column;
  return text.slice(0, offset) + edit.insertText + text.slice(offset + edit.deleteCount);
}

function insert(lines: string[], definitionLine: number, id = 'REQ-7', lineComment = '//', keyword = 'Implements'): string {
  return applyEdit(lines, planTagInsertion({ lines, definitionLine, id, keyword, sameRelationKeywords: IMPLEMENTS, lineComment }));
}

test('a new tag comment goes above the definition at its indentation', () => {
  assert.equal(insert(['class Pump {', '  void start() {', '  }', '}'], 1), 'class Pump {\n  // Implements: REQ-7\n  void start() {\n  }\n}');
  assert.equal(insert(['def rate(x):', '    return x'], 0, 'REQ-7', '#'), '# Implements: REQ-7\ndef rate(x):\n    return x');
  assert.equal(insert(['void t(void) {}'], 0, 'REQ-7', '//', 'Verifies'), '// Verifies: REQ-7\nvoid t(void) {}');
});

test('an existing tag of the same relation above the definition is extended', () => {
  assert.equal(insert(['// Rounds the dose.', '// Satisfies: REQ-1, REQ-2', 'int round(void);'], 2), '// Rounds the dose.\n// Satisfies: REQ-1, REQ-2, REQ-7\nint round(void);');
  assert.equal(planTagInsertion({ lines: ['// Implements: REQ-7', 'f();'], definitionLine: 1, id: 'REQ-7', keyword: 'Implements', sameRelationKeywords: IMPLEMENTS, lineComment: '//' }), undefined);
});

test('a tag of another relation is left alone', () => {
  assert.equal(insert(['// Verifies: REQ-1', 'void t(void) {}'], 1), '// Verifies: REQ-1\n// Implements: REQ-7\nvoid t(void) {}');
});

test('given the first line of the comments attached above (from the parse), the tag goes above them or extends a tag in them', () => {
  const plan = (lines: string[], definitionLine: number, leadingLine: number) =>
    planTagInsertion({ lines, definitionLine, leadingLine, id: 'REQ-7', keyword: 'Implements', sameRelationKeywords: IMPLEMENTS, lineComment: '//' });
  const doc = ['  /**', '   * Rounds the dose.', '   */', '  int round(void);'];
  assert.deepEqual(plan(doc, 3, 0), { line: 0, column: 0, deleteCount: 0, insertText: '  // Implements: REQ-7\n' });
  const tagged = ['/**', ' * Implements: REQ-1', ' */', 'int round(void);'];
  assert.equal(applyEdit(tagged, plan(tagged, 3, 0)), '/**\n * Implements: REQ-1, REQ-7\n */\nint round(void);');
  const twice = ['// Implements: REQ-7', '// Satisfies: REQ-2', 'int round(void);'];
  assert.equal(plan(twice, 2, 0), undefined);
});

test('removing one ID of a list keeps the others', () => {
  const line = '// Implements: REQ-1, REQ-2, REQ-3';
  const at = (id: string) => [line.indexOf(id), line.indexOf(id) + id.length] as const;
  assert.equal(removeReference(line, ...at('REQ-1'), KEYWORDS), '// Implements: REQ-2, REQ-3');
  assert.equal(removeReference(line, ...at('REQ-2'), KEYWORDS), '// Implements: REQ-1, REQ-3');
  assert.equal(removeReference(line, ...at('REQ-3'), KEYWORDS), '// Implements: REQ-1, REQ-2');
  const and = '# Verifies REQ-1 and REQ-2';
  assert.equal(removeReference(and, and.indexOf('REQ-2'), and.length, KEYWORDS), '# Verifies REQ-1');
});

test('removing the only ID of a tag removes the tag, and the line when nothing else is left', () => {
  const remove = (line: string, id = 'REQ-1') => removeReference(line, line.indexOf(id), line.indexOf(id) + id.length, KEYWORDS);
  assert.equal(remove('    // Implements: REQ-1'), null);
  assert.equal(remove('# Verifies: REQ-1'), null);
  assert.equal(remove(' * @implements REQ-1'), null);
  assert.equal(remove('/* Implements: REQ-1 */'), null);
  assert.equal(remove('int x; // Implements: REQ-1'), 'int x;');
  assert.equal(remove('foo(); /* Implements: REQ-1 */'), 'foo();');
  assert.equal(remove('// Rounds the dose. Implements: REQ-1.'), '// Rounds the dose.');
  assert.equal(remove('// see REQ-1 for details'), '// see for details');
});

test('a word that merely ends in a keyword is not a keyword', () => {
  const line = '// reimplements: REQ-1';
  assert.equal(removeReference(line, line.indexOf('REQ-1'), line.length, KEYWORDS), '// reimplements:');
});

test('isEmptyCommentLine recognises comment punctuation only', () => {
  for (const line of ['//', '  # ', ' *', '/* */', '/** */', '', '///', ' */']) assert.ok(isEmptyCommentLine(line), line);
  for (const line of ['// x', 'int x;', '# TODO']) assert.ok(!isEmptyCommentLine(line), line);
});
