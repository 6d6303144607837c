// Verifies: TL-011, TL-012, TL-006
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_KEYWORDS, DEFAULT_PREFIXES } from '../../src/core/config/types';
import { idRegexFor } from '../../src/core/model/ids';
import { lineStarts, positionAt } from '../../src/core/model/positions';
import { findTags, prescan, type TagOptions } from '../../src/core/scan/tags';
import type { CommentSpan } from '../../src/parsing/commentSpan';

const options: TagOptions = {
  idPattern: idRegexFor(Object.keys(DEFAULT_PREFIXES))!,
  keywords: DEFAULT_KEYWORDS,
  defaultRelation: 'implements',
};

/** The whole text as one comment, which is what most of these cases need. */
function tagsIn(text: string, overrides: Partial<TagOptions> = {}): Array<[string, string]> {
  const span: CommentSpan = { start: 0, end: text.length, kind: 'comment' };
  return findTags(text, [span], { ...options, ...overrides }).map((tag) => [tag.id, tag.relation]);
}

describe('findTags relations', () => {
  it('reads each keyword with or without @ and a trailing colon, in any case', () => {
    assert.deepEqual(tagsIn('// Implements: REQ-1'), [['REQ-1', 'implements']]);
    assert.deepEqual(tagsIn('// @verifies REQ-2'), [['REQ-2', 'verifies']]);
    assert.deepEqual(tagsIn('// impl REQ-4'), [['REQ-4', 'implements']]);
    assert.deepEqual(tagsIn('// Satisfies REQ-5'), [['REQ-5', 'implements']]);
    assert.deepEqual(tagsIn('// MITIGATES: RISK-6'), [['RISK-6', 'mitigates']]);
    assert.deepEqual(tagsIn('// @Tests: REQ-7'), [['REQ-7', 'verifies']]);
  });

  it('applies one keyword to every ID after it on the line', () => {
    assert.deepEqual(tagsIn('// Verifies: REQ-2, RISK-3'), [['REQ-2', 'verifies'], ['RISK-3', 'verifies']]);
  });

  it('lets the last keyword before an ID win when several are mixed on one line', () => {
    assert.deepEqual(tagsIn('// Implements: REQ-1; verifies REQ-2'), [['REQ-1', 'implements'], ['REQ-2', 'verifies']]);
    assert.deepEqual(tagsIn('// mitigates RISK-1 and implements REQ-9, then @verifies TEST-3'), [
      ['RISK-1', 'mitigates'], ['REQ-9', 'implements'], ['TEST-3', 'verifies'],
    ]);
  });

  it('uses the default relation when no keyword precedes the ID on its line', () => {
    assert.deepEqual(tagsIn('// see REQ-1'), [['REQ-1', 'implements']]);
    assert.deepEqual(tagsIn('// see REQ-1', { defaultRelation: 'verifies' }), [['REQ-1', 'verifies']]);
    // A keyword after the ID does not reach back.
    assert.deepEqual(tagsIn('// REQ-1 verifies nothing'), [['REQ-1', 'implements']]);
  });

  it('does not carry a keyword over to the next line of a block comment', () => {
    assert.deepEqual(tagsIn('/* Verifies: REQ-1\n * REQ-2 */'), [['REQ-1', 'verifies'], ['REQ-2', 'implements']]);
    assert.deepEqual(tagsIn('/* Verifies: REQ-1\r\n * REQ-2 */'), [['REQ-1', 'verifies'], ['REQ-2', 'implements']]);
  });

  it('matches keywords as whole words only', () => {
    assert.deepEqual(tagsIn('// reimplements REQ-1'), [['REQ-1', 'implements']]);
    assert.deepEqual(tagsIn('// verifiesX REQ-1'), [['REQ-1', 'implements']]);
    assert.deepEqual(tagsIn('// re-verifies REQ-1'), [['REQ-1', 'implements']]);
    assert.deepEqual(tagsIn('// contests REQ-1'), [['REQ-1', 'implements']]);
  });

  it('reads keywords from the configured table, not a fixed list', () => {
    const keywords = { covers: 'verifies' } as const;
    assert.deepEqual(tagsIn('// Covers: REQ-1; implements REQ-2', { keywords }), [['REQ-1', 'verifies'], ['REQ-2', 'verifies']]);
  });

  it('ignores a keyword from the code before the comment on the same line', () => {
    const text = 'verifies(x); // REQ-1';
    const span: CommentSpan = { start: text.indexOf('//'), end: text.length, kind: 'comment' };
    assert.equal(findTags(text, [span], options)[0]!.relation, 'implements');
  });
});

describe('findTags IDs and positions', () => {
  it('finds only IDs with a configured prefix', () => {
    assert.deepEqual(tagsIn('// UTF-8 text, SHA-256 hash, ISO-13485 process, REQ-12'), [['REQ-12', 'implements']]);
    const withIso = { ...options, idPattern: idRegexFor([...Object.keys(DEFAULT_PREFIXES), 'ISO'])! };
    assert.deepEqual(tagsIn('// ISO-13485', withIso), [['ISO-13485', 'implements']]);
  });

  it('respects ID boundaries', () => {
    assert.deepEqual(tagsIn('// XREQ-1 REQ-1x REQ-2_ (REQ-3) REQ-4.'), [['REQ-3', 'implements'], ['REQ-4', 'implements']]);
  });

  it('positions each ID on its own line inside a multi-line comment, with an exclusive end column', () => {
    const text = 'int x;\n/* Header\n *   Implements: REQ-012\n */\n';
    const span: CommentSpan = { start: 7, end: text.length - 1, kind: 'comment', symbol: 'main' };
    assert.deepEqual(findTags(text, [span], options), [
      { id: 'REQ-012', relation: 'implements', line: 3, column: 18, endColumn: 25, symbol: 'main' },
    ]);
  });

  it('counts columns in UTF-16 code units', () => {
    const text = '// é€😀 REQ-1';
    const [tag] = findTags(text, [{ start: 0, end: text.length, kind: 'comment' }], options);
    assert.equal(tag!.column, text.indexOf('REQ-1') + 1);
    assert.equal(tag!.column, 9);
  });

  it('only reads inside the spans', () => {
    const text = 'call("REQ-1"); // REQ-2\n"REQ-3"';
    const spans: CommentSpan[] = [{ start: text.indexOf('//'), end: text.indexOf('\n'), kind: 'comment' }];
    assert.deepEqual(findTags(text, spans, options).map((tag) => tag.id), ['REQ-2']);
  });

  it('omits symbol when the span has none and reports it when present', () => {
    const text = '# REQ-1\n# REQ-2';
    const tags = findTags(text, [
      { start: 0, end: 7, kind: 'comment' },
      { start: 8, end: 15, kind: 'docstring', symbol: 'Pump.run' },
    ], options);
    assert.equal('symbol' in tags[0]!, false);
    assert.equal(tags[1]!.symbol, 'Pump.run');
    assert.equal(tags[1]!.line, 2);
  });

  it('leaves the shared regex reusable (lastIndex reset)', () => {
    const text = '// REQ-1 REQ-2';
    const spans: CommentSpan[] = [{ start: 0, end: text.length, kind: 'comment' }];
    assert.equal(findTags(text, spans, options).length, 2);
    assert.equal(options.idPattern.lastIndex, 0);
    assert.equal(findTags(text, spans, options).length, 2);
  });
});

describe('lineStarts and positionAt', () => {
  it('breaks lines at \\n, \\r\\n and a lone \\r', () => {
    assert.deepEqual(lineStarts('a\nbc\r\nd\re'), [0, 2, 6, 8]);
    assert.deepEqual(lineStarts(''), [0]);
    assert.deepEqual(lineStarts('x\n'), [0, 2]);
  });

  it('converts offsets to 1-based line and column', () => {
    const text = 'ab\ncd\r\nef';
    const starts = lineStarts(text);
    assert.deepEqual(positionAt(starts, 0), { line: 1, column: 1 });
    assert.deepEqual(positionAt(starts, 2), { line: 1, column: 3 });
    assert.deepEqual(positionAt(starts, 3), { line: 2, column: 1 });
    assert.deepEqual(positionAt(starts, text.indexOf('f')), { line: 3, column: 2 });
  });

  it('agrees with a naive count on a long text', () => {
    const text = Array.from({ length: 500 }, (_, i) => 'x'.repeat(i % 7)).join('\n');
    const starts = lineStarts(text);
    for (let offset = 0; offset < text.length; offset += 13) {
      const before = text.slice(0, offset);
      const line = before.split('\n').length;
      const column = offset - (before.lastIndexOf('\n') + 1) + 1;
      assert.deepEqual(positionAt(starts, offset), { line, column });
    }
  });
});

describe('prescan', () => {
  it('is true only when a candidate ID is present, and resets lastIndex', () => {
    const pattern = options.idPattern;
    assert.equal(prescan('int main() { return 0; } // REQ-7', pattern), true);
    assert.equal(pattern.lastIndex, 0);
    assert.equal(prescan('UTF-8 SHA-256 ISO-13485', pattern), false);
    assert.equal(prescan('', pattern), false);
    // Repeated calls give the same answer (a stale lastIndex would skip the early match).
    assert.equal(prescan('REQ-1', pattern), true);
    assert.equal(prescan('REQ-1', pattern), true);
  });
});
