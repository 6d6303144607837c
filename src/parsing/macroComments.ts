/**
 * Comments inside C preprocessor text. The C and C++ grammars keep a directive's argument as one
 * opaque token (`#define RATE 5 // Implements REQ-1` yields a `preproc_arg` holding the comment),
 * so this small lexer finds the comments in it, skipping string and character literals.
 */

/** `[start, end)` offsets of the `//` and `/* … *\/` comments in `text` between `from` and `to`. */
export function macroComments(text: string, from: number, to: number): Array<[number, number]> {
  const comments: Array<[number, number]> = [];
  let i = from;
  while (i < to) {
    const code = text.charCodeAt(i);
    if (code === 34 /* " */ || code === 39 /* ' */) {
      i = skipQuoted(text, i + 1, to, code);
    } else if (code === 47 /* / */ && text.charCodeAt(i + 1) === 47 && i + 1 < to) {
      // A line comment runs to the end of the directive: continuation lines are spliced into it.
      comments.push([i, trimEnd(text, i, to)]);
      return comments;
    } else if (code === 47 && text.charCodeAt(i + 1) === 42 /* * */ && i + 1 < to) {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 || close + 2 > to ? to : close + 2;
      comments.push([i, end]);
      i = end;
    } else {
      i++;
    }
  }
  return comments;
}

/** Offset just past the closing quote, honouring backslash escapes; stops at the line's end. */
function skipQuoted(text: string, i: number, to: number, quote: number): number {
  while (i < to) {
    const code = text.charCodeAt(i);
    if (code === 92 /* \ */) i += 2;
    else if (code === quote) return i + 1;
    else if (code === 10) return i;
    else i++;
  }
  return to;
}

function trimEnd(text: string, from: number, to: number): number {
  let end = to;
  while (end > from && /\s/.test(text[end - 1]!)) end--;
  return end;
}
