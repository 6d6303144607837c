// Implements: TL-101
/**
 * The comments of a CMake file, found exactly as CMake's own lexer finds them (cmake-language(7),
 * and its flex source cmListFileLexer.in.l). No npm package ships a CMake tree-sitter grammar, so
 * this reproduces the lexer's decisions that matter for comments:
 *
 * - `#` outside a quoted or bracket argument always starts a comment: no unquoted argument can hold
 *   one (`a#b` is the argument `a` and the comment `#b`), while an escaped `\#` is a character.
 * - `#[[ … ]]` and `#[==[ … ]==]` are bracket comments, closed by the first `]` with the same number
 *   of `=` and a `]`; any other `#` runs to the end of its line.
 * - `"…"` is a quoted argument up to the first unescaped `"`, over lines: never a comment inside.
 * - `[[ … ]]` and `[=[ … ]=]` are bracket arguments, but only where an argument starts: inside an
 *   unquoted argument (`a[[b`) `[` is an ordinary character.
 * - What starts a token follows the lexer too: CMake's legacy unquoted arguments go on through
 *   `$(VAR)` and through a quoted part that holds no `#`, `(`, `)` or line break (`-DA="b c"[[`).
 *
 * CMake reads `\r\n` as `\n`, so a line comment ends before either. An unterminated quoted argument
 * runs to the end of the file (CMake rejects the file), an unterminated bracket comment too.
 */
import type { CommentSpan } from '../commentSpan';

/** The legacy quoted part of an unquoted argument, without its quotes (`MAKEVAR`, `UNQUOTED` and ` \t[=` of the lexer). */
const LEGACY_QUOTED = /^(?:\$\([A-Za-z0-9_]*\)|[^\0\r\n()#"\\]|\\[^\0\n])*$/;

/** `$(VAR)`, which a legacy unquoted argument may hold, parentheses and all. */
const MAKE_VARIABLE = /\$\([A-Za-z0-9_]*\)/y;

/** The number of `=` of a bracket opening `[=*[` at `at`, or -1 when none starts there. */
function bracketLevel(text: string, at: number): number {
  if (text.charCodeAt(at) !== 0x5b) return -1;
  let i = at + 1;
  while (text.charCodeAt(i) === 0x3d) i++;
  return text.charCodeAt(i) === 0x5b ? i - at - 1 : -1;
}

/** The end (exclusive) of a bracket opened at `at` with `level` `=`; the text's end when it is never closed. */
function bracketEnd(text: string, at: number, level: number): number {
  const close = `]${'='.repeat(level)}]`;
  const found = text.indexOf(close, at + level + 2);
  return found < 0 ? text.length : found + close.length;
}

/** The end (exclusive) of a quoted argument whose `"` is at `at`; -1 when it is never closed. */
function quotedEnd(text: string, at: number): number {
  for (let i = at + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x5c) i++;
    else if (code === 0x22) return i + 1;
  }
  return -1;
}

/** Every comment of a CMake file, in document order (UTF-16 offsets). */
export function cmakeComments(text: string): CommentSpan[] {
  const spans: CommentSpan[] = [];
  // Whether the next character starts a token: only there does `[` open a bracket argument.
  let tokenStart = true;
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 0x23) {
      const level = bracketLevel(text, i + 1);
      let end: number;
      if (level >= 0) {
        end = bracketEnd(text, i + 1, level);
      } else {
        const newline = text.indexOf('\n', i);
        end = newline < 0 ? text.length : newline > i && text.charCodeAt(newline - 1) === 0x0d ? newline - 1 : newline;
      }
      spans.push({ start: i, end, kind: 'comment' });
      i = end;
      tokenStart = true;
    } else if (code === 0x22) {
      const end = quotedEnd(text, i);
      if (end < 0) break;
      // Inside an unquoted argument, a quoted part the legacy syntax allows continues the argument.
      const legacy: boolean = !tokenStart && LEGACY_QUOTED.test(text.slice(i + 1, end - 1));
      i = end;
      tokenStart = !legacy;
    } else if (code === 0x5b && tokenStart && bracketLevel(text, i) >= 0) {
      i = bracketEnd(text, i, bracketLevel(text, i));
      tokenStart = true;
    } else if (code === 0x5c) {
      // An escape is one character of an unquoted argument; `\` before a line break is a character of its own.
      i += text.charCodeAt(i + 1) === 0x0a || i + 1 >= text.length ? 1 : 2;
      tokenStart = false;
    } else if (code === 0x20 || code === 0x09 || code === 0x0d || code === 0x0a || code === 0x28 || code === 0x29 || code === 0) {
      i++;
      tokenStart = true;
    } else {
      MAKE_VARIABLE.lastIndex = i;
      i = code === 0x24 && MAKE_VARIABLE.test(text) ? MAKE_VARIABLE.lastIndex : i + 1;
      tokenStart = false;
    }
  }
  return spans;
}
