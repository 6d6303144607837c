// Verifies: TL-062
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CommentParser, type TextChange } from '../../src/parsing/commentParser';
import { LANGUAGES, languageForPath } from '../../src/parsing/languages';
import { changedRange } from '../../src/parsing/spanReuse';
import { applyChange, editFor, pointAt } from '../../src/parsing/textChanges';
import { prng as random } from '../helpers/prng';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'languages');

/** Snippets that open and close comments and strings, add lines and non-ASCII text. */
const SNIPPETS = [
  'x', ' ', '\n', '\r\n', ';', '{', '}', '(', ')', '"', "'", '`', '#', '//', '/*', '*/', '"""',
  '// Implements: REQ-1\n', '/* REQ-2 */', '# REQ-3\n', 'é€', '😀', 'def f():\n    ', 'fn g() {}\n',
  'int h(void) { return 0; }\n', 'class K {\n', '  /// doc\n', '=begin\n', '=end\n', '<div>{/* c */}</div>',
];

/** An offset that does not split a surrogate pair (editors never do). */
function safeOffset(text: string, offset: number): number {
  const code = text.charCodeAt(offset - 1);
  return code >= 0xd800 && code <= 0xdbff ? offset - 1 : offset;
}

function randomChange(text: string, next: () => number): TextChange {
  const start = safeOffset(text, Math.floor(next() * (text.length + 1)));
  const roll = next();
  const deleteCount = roll < 0.4 ? 0 : safeOffset(text, Math.min(text.length, start + Math.floor(next() * 12))) - start;
  const insertText = roll > 0.8 ? '' : SNIPPETS[Math.floor(next() * SNIPPETS.length)]!;
  return { start, deleteCount, insertText };
}

let parser: CommentParser;

before(async () => {
  parser = await CommentParser.create();
  for (const spec of LANGUAGES) await parser.loadLanguage(spec.id);
});
after(() => parser.dispose());

describe('text changes to tree-sitter edits', () => {
  it('computes rows and UTF-16 columns, counting rows at \\n only', () => {
    const text = 'é€😀\r\nab\ncd';
    assert.deepEqual(pointAt(text, 0), { row: 0, column: 0 });
    assert.deepEqual(pointAt(text, 4), { row: 0, column: 4 });
    assert.deepEqual(pointAt(text, 6), { row: 1, column: 0 });
    assert.deepEqual(pointAt(text, text.length), { row: 2, column: 2 });
  });

  it('describes deleted and inserted lines', () => {
    const text = 'ab\ncdef\ngh';
    assert.deepEqual(editFor(text, { start: 4, deleteCount: 6, insertText: 'X\nYZ😀' }), {
      startIndex: 4, oldEndIndex: 10, newEndIndex: 10,
      startPosition: { row: 1, column: 1 },
      oldEndPosition: { row: 2, column: 2 },
      newEndPosition: { row: 2, column: 4 },
    });
    assert.deepEqual(editFor(text, { start: 1, deleteCount: 0, insertText: 'é' }).newEndPosition, { row: 0, column: 2 });
  });

  it('applies changes and refuses ones outside the text', () => {
    assert.equal(applyChange('hello', { start: 1, deleteCount: 3, insertText: 'EL' }), 'hELo');
    assert.throws(() => applyChange('abc', { start: 2, deleteCount: 5, insertText: '' }), RangeError);
  });

  it('maps a sequence of changes to one range in the final text', () => {
    // Second change is relative to the text left by the first, as in VS Code.
    const changes: TextChange[] = [
      { start: 10, deleteCount: 2, insertText: 'abcd' },
      { start: 2, deleteCount: 0, insertText: 'xy' },
    ];
    assert.deepEqual(changedRange(changes), { start: 2, end: 16 });
    assert.equal(changedRange([]), undefined);
  });
});

describe('incremental documents', () => {
  // Fixed seeds: on badly broken text, tree-sitter's own error recovery can (rarely) place a node
  // differently after an incremental parse than after a fresh one, whatever the span logic does.
  for (const file of fs.readdirSync(FIXTURES).sort()) {
    const languageId = languageForPath(file)!.id;
    it(`${file}: spans after random edits equal a fresh parse`, () => {
      const next = random(0x5eed + file.length * 7919);
      let text = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
      const document = parser.openDocument(languageId, text);
      try {
        assert.deepEqual(document.commentSpans(), parser.commentSpans(languageId, text));
        for (let step = 0; step < 120; step++) {
          // Mostly one change per update, sometimes several (multi-cursor), each relative to the last.
          const count = next() < 0.85 ? 1 : 2 + Math.floor(next() * 2);
          const changes: TextChange[] = [];
          for (let i = 0; i < count; i++) {
            const change = randomChange(text, next);
            changes.push(change);
            text = applyChange(text, change);
          }
          document.update(text, changes);
          // Skip reading spans now and then, so that updates also chain without them.
          if (next() < 0.2) continue;
          assert.deepEqual(document.commentSpans(), parser.commentSpans(languageId, text), `${file} step ${step}: ${JSON.stringify(changes)}`);
        }
        assert.deepEqual(document.commentSpans(), parser.commentSpans(languageId, text));
      } finally {
        document.dispose();
      }
    });
  }

  /** Applies `edits` (search → replacement, in order) to an open document and compares with a fresh parse. */
  function assertIncremental(languageId: string, text: string, edits: Array<[string, string]>): void {
    const document = parser.openDocument(languageId, text);
    try {
      document.commentSpans();
      for (const [search, replacement] of edits) {
        const start = text.indexOf(search);
        assert.ok(start >= 0, search);
        const change = { start, deleteCount: search.length, insertText: replacement };
        const before = parser.commentSpans(languageId, text);
        text = applyChange(text, change);
        document.update(text, [change]);
        const fresh = parser.commentSpans(languageId, text);
        assert.notDeepEqual(fresh, before, 'the edit should change the spans, or the case proves nothing');
        assert.deepEqual(document.commentSpans(), fresh, `${search} → ${replacement}`);
      }
    } finally {
      document.dispose();
    }
  }

  it('re-reads a docstring that a change before it makes (or unmakes)', () => {
    assertIncremental('python', 'x = 1\n# note\n"""Doc REQ-1."""\n', [['x = 1', '# x = 1'], ['# x = 1', 'x = 1']]);
    assertIncremental('python', 'def f():\n    y = 2\n    # note\n    """Doc."""\n', [['y = 2', '# y = 2']]);
  });

  it('re-reads comments named by a definition that a change renames', () => {
    // The comment sits before the body (a wrapper) and names its first statement's definition.
    assertIncremental('python', 'def f():\n    # REQ-1\n    @dec\n    def g():\n        pass\n    return g\n', [['def g', 'def renamed']]);
    assertIncremental('c', '// REQ-1\nint alpha(void) { return 0; }\n', [['alpha', 'beta']]);
    assertIncremental('java', 'class A {\n  void m() {\n    // REQ-1\n  }\n}\n', [['class A', 'class B'], ['void m', 'void n']]);
  });

  it('re-reads comments whose attachment a new line or statement changes', () => {
    assertIncremental('c', 'int x;\n// REQ-1\nint f(void) { return 0; }\n', [
      ['// REQ-1\n', '// REQ-1\n\n'], ['// REQ-1\n\n', '// REQ-1\n'], ['int x;\n// REQ-1', 'int x; // REQ-1'],
    ]);
    assertIncremental('go', 'package p\n\nfunc f() {\n\tx := 1 // REQ-1\n}\n', [['x := 1 ', '']]);
  });

  it('re-parses from scratch when the changes do not lead to the new text', () => {
    const before = 'int f(void) { return 0; }\n';
    const after = '// REQ-1\nint g(void) { return 0; }\n';
    const document = parser.openDocument('c', before);
    try {
      document.commentSpans();
      document.update(after, [{ start: 0, deleteCount: 0, insertText: 'x' }]);
      assert.deepEqual(document.commentSpans(), parser.commentSpans('c', after));
      document.update('y', [{ start: 99, deleteCount: 1, insertText: '' }]);
      assert.deepEqual(document.commentSpans(), []);
    } finally {
      document.dispose();
    }
  });

  it('keeps UTF-16 offsets through edits before non-ASCII comments', () => {
    let text = 'int a; // é€😀 REQ-1\nint b; /* 😀 */\n';
    const document = parser.openDocument('c', text);
    try {
      const change = { start: 0, deleteCount: 0, insertText: '/* ü😀 */ ' };
      text = applyChange(text, change);
      document.update(text, [change]);
      assert.deepEqual(document.commentSpans().map((span) => text.slice(span.start, span.end)), ['/* ü😀 */', '// é€😀 REQ-1', '/* 😀 */']);
    } finally {
      document.dispose();
    }
  });

  it('frees documents on dispose, and all of them when the parser is disposed', async () => {
    const document = parser.openDocument('go', 'package p // x\n');
    document.dispose();
    document.dispose();
    assert.throws(() => document.commentSpans(), /disposed/);
    const own = await CommentParser.create();
    await own.loadLanguage('go');
    const open = own.openDocument('go', 'package p // x\n');
    assert.equal(open.languageId, 'go');
    own.dispose();
    assert.throws(() => open.update('package q\n', []), /disposed/);
    assert.throws(() => own.openDocument('go', ''), /disposed/);
  });
});

/** A C file of `lines` lines: doc-commented functions with inline and trailing comments and macros. */
function generatedC(lines: number): string {
  const out = ['#include <stdint.h>', '#define LIMIT 5 // Implements REQ-1', ''];
  for (let i = 0; out.length < lines; i++) {
    out.push(
      '/**', ` * Computes step ${i}.`, ` * Implements: REQ-${i + 2}`, ' */',
      `static int step_${i}(int a, int b)`, '{',
      `    int x = a + b; // Verifies: TEST-${i}`,
      `    if (x > ${i}) { x -= 1; } /* clamp */`,
      '    return x * "REQ-999"[0];', '}', '',
    );
  }
  return out.slice(0, lines).join('\n') + '\n';
}

describe('incremental speed on a 5,000-line C file', () => {
  it('measures single edits (printed, not asserted) and stays equal to a fresh parse', () => {
    const base = generatedC(5000);
    assert.equal(base.split('\n').length - 1, 5000);
    const document = parser.openDocument('c', base);
    try {
      document.commentSpans();
      for (let i = 0; i < 10; i++) parser.commentSpans('c', base); // let V8 tier the wasm up
      const next = random(42);
      const typed = ['x', ' ', '\n', '1', ';', '/', '*', '"'];
      const times: number[] = [];
      for (let step = 0; step < 200; step++) {
        const start = Math.floor(next() * base.length);
        const insertText = typed[step % typed.length]!;
        const edited = base.slice(0, start) + insertText + base.slice(start);
        let began = performance.now();
        document.update(edited, [{ start, deleteCount: 0, insertText }]);
        const spans = document.commentSpans();
        times.push(performance.now() - began);
        if (step % 25 === 0) assert.deepEqual(spans, parser.commentSpans('c', edited), `insert ${JSON.stringify(insertText)} at ${start}`);
        began = performance.now();
        document.update(base, [{ start, deleteCount: insertText.length, insertText: '' }]);
        document.commentSpans();
        times.push(performance.now() - began);
      }
      assert.deepEqual(document.commentSpans(), parser.commentSpans('c', base));
      times.sort((a, b) => a - b);
      const median = times[times.length >> 1]!;
      const p90 = times[Math.floor(times.length * 0.9)]!;
      console.log(`incremental update + commentSpans, 5,000-line C file: median ${median.toFixed(2)} ms, p90 ${p90.toFixed(2)} ms over ${times.length} edits`);
    } finally {
      document.dispose();
    }
  });
});
