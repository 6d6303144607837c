// Verifies: TL-003, TL-008
// The heading reader takes Markdown tokens block by block as the parser produces them (so that a
// large file never holds them all); these cases cross those block boundaries.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readMarkdownHeadings } from '../../src/core/readers/markdownHeadings';
import { firstLineOf, lastNonBlankLine, lastNonBlankLineOf, splitLines } from '../../src/core/readers/sourceText';
import { splitFrontMatter } from '../../src/core/readers/frontMatter';

const ctx = { file: 'r.md', kindOf: () => 'requirement' as const };

/** id, class, status, line, endLine and text of each item. */
function summary(text: string): unknown[] {
  return readMarkdownHeadings(text, ctx).items.map((i) => [i.id, i.safetyClass ?? null, i.status ?? null, i.line, i.endLine, i.text]);
}

describe('heading reader across top-level blocks', () => {
  it('finds the attribute block in the next top-level block, past reference definitions', () => {
    assert.deepEqual(summary('## REQ-1\n[r]: http://x\n- class: C\n'), [['REQ-1', 'C', null, 1, 3, '']]);
    assert.deepEqual(summary('## REQ-1\n[a]: /a\n\n[b]: /b\n\nclass: A\n'), [['REQ-1', 'A', null, 1, 6, '']]);
    assert.deepEqual(summary('## REQ-1\n\n- class: B'), [['REQ-1', 'B', null, 1, 3, '']]);
    assert.deepEqual(summary('REQ-1 setext\n===\n- class: B'), [['REQ-1', 'B', null, 1, 3, '']]);
  });

  it('keeps nested headings, headings at the end and headings followed by headings apart', () => {
    assert.deepEqual(summary('> ## REQ-1\n> - class: A'), [['REQ-1', null, null, 1, 2, '> - class: A']]);
    assert.deepEqual(summary('text\n\n## REQ-1'), [['REQ-1', null, null, 3, 3, '']]);
    assert.deepEqual(summary('## REQ-1\n## REQ-2\n- class: C'), [['REQ-1', null, null, 1, 1, ''], ['REQ-2', 'C', null, 2, 3, '']]);
    assert.deepEqual(summary('- ## REQ-1\n  - class: A\n- ## REQ-2\n\n  status: draft\n'), [['REQ-1', 'A', null, 1, 2, ''], ['REQ-2', null, 'draft', 3, 5, '']]);
  });

  it('reads thousands of items with their attributes, and the same again after a file of other blocks', () => {
    const classes = ['A', 'B', 'C'];
    const body = Array.from({ length: 3000 }, (_, i) => `## REQ-${i + 1}: Title\n\n- class: ${classes[i % 3]}\n- status: s${i}\n\nText ${i}.\n`).join('\n');
    for (const text of [body, `# Title\n\n> quote\n\n\`\`\`\n## REQ-0 in code\n\`\`\`\n\n${body}`]) {
      const items = readMarkdownHeadings(text, ctx).items;
      assert.equal(items.length, 3000);
      items.forEach((item, i) => {
        assert.equal(item.id, `REQ-${i + 1}`);
        assert.equal(item.safetyClass, classes[i % 3]);
        assert.equal(item.status, `s${i}`);
        assert.equal(item.text, `Text ${i}.`);
      });
    }
  });
});

describe('line splitting', () => {
  it('splits at LF, CRLF and lone CR alike', () => {
    assert.deepEqual(splitLines('a\nb\r\nc\rd'), ['a', 'b', 'c', 'd']);
    assert.deepEqual(splitLines('a\nb\n'), ['a', 'b', '']);
    assert.deepEqual(splitLines(''), ['']);
  });

  it('finds the first line and the last non-blank line without splitting, as over the split lines', () => {
    const texts = ['', 'a', 'a\n', ' \n\t\n', 'a\nb\r\nc\rd', 'a\r\n\r\n  \r\n', 'a\rb\r\r', 'x\n\u2028\n', '\u2028\ny \n\u00a0', 'a\n\nb  \n \n'];
    for (const text of texts) {
      const lines = splitLines(text);
      assert.equal(lastNonBlankLineOf(text), lastNonBlankLine(lines, 0, lines.length, 0), JSON.stringify(text));
      assert.equal(firstLineOf(text), lines[0], JSON.stringify(text));
    }
    assert.equal(lastNonBlankLineOf('a\r\nb\rc\n\n'), 2);
    assert.equal(firstLineOf('head  \r\nrest'), 'head  ');
  });

  it('finds front matter only behind a first line of ---, whatever the line breaks', () => {
    assert.equal(splitFrontMatter('# no\n---\nx: 1\n---\n'), undefined);
    assert.equal(splitFrontMatter('---'), undefined);
    assert.equal(splitFrontMatter('--- \r\nid: A\r\n---\r\nbody')?.yaml, 'id: A');
    assert.equal(splitFrontMatter('---\rid: B\r...\rbody')?.body, 'body');
  });
});
