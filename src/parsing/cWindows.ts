// Implements: TL-014, TL-015
/**
 * Parse windows for C and C++: the few top-level items around candidate IDs, so that a scan parses
 * them instead of the whole file. A small lexer walks the text once and finds where a top-level
 * item may begin (a line start at brace and parenthesis depth 0, outside comments, literals and
 * directives, right after a `;`, a function body's `}` or the file start) and where one ends. When
 * the text is not plain enough for that (braces that only balance across `#if` branches, a `}`
 * with no `{`), it says so and the caller parses the way it did before.
 */

/** A half-open range of UTF-16 offsets. */
export interface Window {
  readonly start: number;
  readonly end: number;
}

/** One `#if`… `#endif` group: where its first directive's line starts and its last one ends. */
interface ConditionalGroup {
  readonly open: number;
  close: number;
  /** Whether the lexer was between top-level items just after the `#endif`. */
  boundaryAfter: boolean;
}

/** A conditional directive (`#if`, `#elif`, `#else`, `#endif`…): its extent and its group. */
interface ConditionalDirective {
  readonly start: number;
  readonly end: number;
  readonly group: number;
}

/** What the lexer learnt about a text, for {@link windowsFor}. */
export interface CLexicon {
  /** How far the text was read. */
  readonly length: number;
  /** Whether that is the whole text, so a window may end at its end. */
  readonly complete: boolean;
  /** Why windows cannot be trusted in this text, or undefined when they can. */
  readonly unsound?: string;
  /** Sorted line starts where a new top-level item may begin. */
  readonly restarts: readonly number[];
  /** Sorted offsets just past a top-level item: after a `;` or a function body's `}` at depth 0. */
  readonly boundaries: readonly number[];
  /** Comments, literals and directives as sorted, disjoint `[start, end)` pairs, flattened. */
  readonly units: readonly number[];
  readonly groups: readonly ConditionalGroup[];
  /** Sorted by start. */
  readonly directives: readonly ConditionalDirective[];
  /** The directives' starts, for searching. */
  readonly directiveStarts: readonly number[];
}

const NL = 10;
const CR = 13;
const SLASH = 47;
const STAR = 42;
const BACKSLASH = 92;
const QUOTE = 34;
const APOSTROPHE = 39;
const HASH = 35;

function isIdentifierChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 12 || code === 11;
}

/** Offset past a line break at `i` (`\n`, `\r\n` or a lone `\r`), or `i` when there is none. */
function pastLineBreak(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code === NL) return i + 1;
  if (code === CR) return text.charCodeAt(i + 1) === NL ? i + 2 : i + 1;
  return i;
}

/** Offset past a backslash-newline at `i`, or `i` when there is none. */
function pastSplice(text: string, i: number): number {
  if (text.charCodeAt(i) !== BACKSLASH) return i;
  const next = pastLineBreak(text, i + 1);
  return next === i + 1 ? i : next;
}

/** End of a `//` comment starting at `i`: its line's end, spliced lines included. */
function lineCommentEnd(text: string, i: number, limit: number): number {
  for (let at = i + 2; at < limit; at++) {
    const code = text.charCodeAt(at);
    if (code === BACKSLASH) {
      const next = pastSplice(text, at);
      if (next !== at) at = next - 1;
    } else if (code === NL || code === CR) {
      return at;
    }
  }
  return limit;
}

/** End of a block comment starting at `i`; `limit` when it is not closed. */
function blockCommentEnd(text: string, i: number, limit: number): number {
  const close = text.indexOf('*/', i + 2);
  return close < 0 || close + 2 > limit ? limit : close + 2;
}

/** End of a quoted literal whose opening quote is at `i`: past the closing quote, or at the line's end. */
function quotedEnd(text: string, i: number, limit: number): number {
  const quote = text.charCodeAt(i);
  for (let at = i + 1; at < limit; at++) {
    const code = text.charCodeAt(at);
    if (code === BACKSLASH) {
      const next = pastSplice(text, at);
      at = next !== at ? next - 1 : at + 1;
    } else if (code === quote) {
      return at + 1;
    } else if (code === NL || code === CR) {
      return at;
    }
  }
  return limit;
}

/** End of a C++ raw string `R"delim( … )delim"` whose quote is at `i`, or undefined when malformed. */
function rawStringEnd(text: string, i: number, limit: number): number | undefined {
  const open = text.indexOf('(', i + 1);
  if (open < 0 || open - i - 1 > 16) return undefined;
  const delimiter = text.slice(i + 1, open);
  if (/[\s\\()"]/.test(delimiter)) return undefined;
  const close = text.indexOf(`)${delimiter}"`, open + 1);
  const end = close < 0 ? limit : close + delimiter.length + 2;
  return Math.min(end, limit);
}

/**
 * End of a preprocessor directive starting at line start `i`: its logical line's end;
 * `tricky` when it holds a block comment that spans lines or is followed by more of the directive. tree-sitter
 * ends a directive's argument at `/*` (even inside quotes), so there it reads such a directive
 * otherwise than C does, and the lexer would not know where tree-sitter resumes.
 */
function directiveEnd(text: string, i: number, limit: number): { end: number; tricky: boolean } {
  let at = i;
  let tricky = false;
  while (at < limit) {
    const code = text.charCodeAt(at);
    if (code === NL || code === CR) break;
    if (code === BACKSLASH) {
      const next = pastSplice(text, at);
      at = next !== at ? next : at + 1;
    } else if (code === SLASH && text.charCodeAt(at + 1) === STAR) {
      const end = blockCommentEnd(text, at, limit);
      if (/[\n\r]/.test(text.slice(at, end))) tricky = true;
      at = end;
      while (at < limit && isBlank(text.charCodeAt(at))) at++;
      if (at < limit && text.charCodeAt(at) !== NL && text.charCodeAt(at) !== CR) tricky = true;
    } else {
      at++;
    }
  }
  return { end: at, tricky };
}

/** The directive's name (`if`, `define`…) after the `#` at `hash`. */
function directiveName(text: string, hash: number, end: number): string {
  let at = hash + 1;
  while (at < end && (isBlank(text.charCodeAt(at)) || pastSplice(text, at) !== at)) at = Math.max(at + 1, pastSplice(text, at));
  const from = at;
  while (at < end && isIdentifierChar(text.charCodeAt(at))) at++;
  return text.slice(from, at);
}

const OPENS = new Set(['if', 'ifdef', 'ifndef']);
const BRANCHES = new Set(['elif', 'else', 'elifdef', 'elifndef']);

/** A conditional group still open, with the lexer's state at its `#if`. */
interface OpenGroup {
  readonly index: number;
  readonly braces: number;
  readonly parens: number;
  /** Whether the `#if` stood between top-level items: only then may an item begin inside. */
  readonly clean: boolean;
  readonly boundary: boolean;
  /** Whether every branch so far ended between top-level items. */
  branchesEndAtBoundary: boolean;
}

/**
 * Lexes `text[0, limit)` as C (or C++ with `cpp`: raw strings). Exact about comments (`//` with
 * spliced lines, block comments), string and character literals (escapes, prefixes, raw strings),
 * directives (a line whose first non-blank is `#`, with spliced lines and comments) and the depth
 * of `{}` and `()`.
 */
export function lexC(text: string, limit: number, cpp: boolean): CLexicon {
  const restarts: number[] = [];
  const boundaries: number[] = [];
  const units: number[] = [];
  const groups: ConditionalGroup[] = [];
  const directives: ConditionalDirective[] = [];
  const open: OpenGroup[] = [];
  let unclean = 0;
  let braces = 0;
  let parens = 0;
  let boundary = true;
  let bodyOpen = false;
  let lastSignificant = 0;
  let lineStart = true;
  let unsound: string | undefined;
  const fail = (why: string, at: number): void => {
    unsound ??= `${why} at offset ${at}`;
  };
  const unit = (start: number, end: number): void => {
    units.push(start, end);
  };

  let i = 0;
  while (i < limit && unsound === undefined) {
    if (lineStart) {
      lineStart = false;
      if (boundary && braces === 0 && parens === 0 && unclean === 0) restarts.push(i);
      let first = i;
      while (first < limit && isBlank(text.charCodeAt(first))) first++;
      if (text.charCodeAt(first) === HASH && first < limit) {
        const { end, tricky } = directiveEnd(text, first, limit);
        if (tricky) {
          fail('a directive with a comment tree-sitter may end it at', i);
          break;
        }
        unit(i, end);
        const name = directiveName(text, first, end);
        if (OPENS.has(name)) {
          const clean = boundary && braces === 0 && parens === 0;
          open.push({ index: groups.length, braces, parens, clean, boundary, branchesEndAtBoundary: true });
          if (!clean) unclean++;
          directives.push({ start: i, end, group: groups.length });
          groups.push({ open: i, close: -1, boundaryAfter: false });
        } else if (BRANCHES.has(name) || name === 'endif') {
          const group = open[open.length - 1];
          if (!group) {
            fail(`#${name} without #if`, i);
            break;
          }
          if (braces !== group.braces || parens !== group.parens) {
            fail(`braces or parentheses that balance only across #if branches (#${name})`, i);
            break;
          }
          group.branchesEndAtBoundary &&= boundary;
          directives.push({ start: i, end, group: group.index });
          if (name === 'endif') {
            open.pop();
            if (!group.clean) unclean--;
            boundary = group.branchesEndAtBoundary;
            groups[group.index]!.close = end;
            groups[group.index]!.boundaryAfter = boundary && braces === 0 && parens === 0;
          } else {
            // Each branch starts from the state at the `#if`.
            boundary = group.boundary;
          }
        }
        i = end;
        continue;
      }
    }
    const code = text.charCodeAt(i);
    if (code === NL || code === CR) {
      i = pastLineBreak(text, i);
      lineStart = true;
      continue;
    }
    if (isBlank(code)) {
      i++;
      continue;
    }
    if (code === BACKSLASH) {
      const next = pastSplice(text, i);
      // A spliced line continues the one before: it starts no item.
      if (next !== i) {
        i = next;
        continue;
      }
    }
    if (code === SLASH && text.charCodeAt(i + 1) === SLASH) {
      const end = lineCommentEnd(text, i, limit);
      unit(i, end);
      i = end;
      continue;
    }
    if (code === SLASH && text.charCodeAt(i + 1) === STAR) {
      const end = blockCommentEnd(text, i, limit);
      unit(i, end);
      i = end;
      continue;
    }
    boundary = false;
    if (code === QUOTE || code === APOSTROPHE) {
      const end = quotedEnd(text, i, limit);
      unit(i, end);
      i = end;
      lastSignificant = code;
      continue;
    }
    if (isDigit(code) || (code === 46 && isDigit(text.charCodeAt(i + 1)))) {
      // A number, digit separators (`1'000`) and exponent signs (`1e+5`, `0x1p-3`) included.
      let at = i + 1;
      while (at < limit) {
        const c = text.charCodeAt(at);
        if (isIdentifierChar(c) || c === 46) at++;
        else if (c === APOSTROPHE && isIdentifierChar(text.charCodeAt(at + 1))) at += 2;
        else if ((c === 43 || c === 45) && /[eEpP]/.test(text[at - 1]!) && !/^0[xX][0-9a-fA-F]*[eE]$/.test(text.slice(i, at))) at++;
        else break;
      }
      i = at;
      lastSignificant = 48;
      continue;
    }
    if (isIdentifierChar(code)) {
      let at = i + 1;
      while (at < limit && isIdentifierChar(text.charCodeAt(at))) at++;
      const quote = text.charCodeAt(at);
      if (cpp && quote === QUOTE && /^(?:u8|[uUL])?R$/.test(text.slice(i, at))) {
        const end = rawStringEnd(text, at, limit);
        if (end !== undefined) {
          unit(i, end);
          i = end;
          lastSignificant = QUOTE;
          continue;
        }
      }
      i = at;
      lastSignificant = 97;
      continue;
    }
    switch (code) {
      case 40: parens++; break;
      case 41:
        if (--parens < 0) fail('unbalanced )', i);
        break;
      case 123:
        if (braces === 0 && parens === 0) bodyOpen = lastSignificant === 41;
        braces++;
        break;
      case 125:
        if (--braces < 0) fail('unbalanced }', i);
        else if (braces === 0 && parens === 0 && bodyOpen) boundary = true;
        break;
      case 59:
        if (braces === 0 && parens === 0) boundary = true;
        break;
    }
    if (boundary) boundaries.push(i + 1);
    lastSignificant = code;
    i++;
  }
  const directiveStarts = directives.map((directive) => directive.start);
  return { length: limit, complete: limit >= text.length, unsound, restarts, boundaries, units, groups, directives, directiveStarts };
}

/** Index of the last element of sorted `values` that is `<= value`, or -1. */
function lastAtOrBefore(values: readonly number[], value: number, stride = 1): number {
  let low = 0;
  let high = values.length / stride;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (values[mid * stride]! <= value) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}

/** The first element of sorted `values` that is `> value`, or undefined. */
function firstAfter(values: readonly number[], value: number): number | undefined {
  const index = lastAtOrBefore(values, value) + 1;
  return index < values.length ? values[index] : undefined;
}

/** The comment, literal or directive holding `offset`, or the offset alone when it lies in code. */
function unitAt(lexicon: CLexicon, offset: number): Window {
  const { units } = lexicon;
  const index = lastAtOrBefore(units, offset, 2);
  if (index >= 0 && offset < units[index * 2 + 1]!) return { start: units[index * 2]!, end: units[index * 2 + 1]! };
  return { start: offset, end: offset + 1 };
}

/**
 * Widens `window` until every conditional group with a directive inside lies wholly inside, so
 * that the window's `#if`s, `#else`s and `#endif`s match. Undefined when a group is not closed in
 * the lexed text or no item boundary follows it.
 */
function withWholeGroups(lexicon: CLexicon, window: Window): Window | undefined {
  let { start, end } = window;
  for (let changed = true; changed; ) {
    changed = false;
    for (let index = lastAtOrBefore(lexicon.directiveStarts, start - 1) + 1; index < lexicon.directives.length; index++) {
      const directive = lexicon.directives[index]!;
      if (directive.start >= end) break;
      const group = lexicon.groups[directive.group]!;
      if (group.close < 0) return undefined;
      if (group.open < start) {
        const restart = lastAtOrBefore(lexicon.restarts, group.open);
        if (restart < 0) return undefined;
        start = lexicon.restarts[restart]!;
        changed = true;
      }
      if (group.close > end) {
        const next = group.boundaryAfter ? group.close : firstAfter(lexicon.boundaries, group.close);
        if (next === undefined) return undefined;
        end = next;
        changed = true;
      }
      if (changed) break;
    }
  }
  return { start, end };
}

/**
 * The windows to parse for candidate IDs at `offsets` (sorted or not), merged and in order: for
 * each, from the latest restart at or before the start of the comment, literal or directive that
 * holds it, to the end of the first top-level item that ends after that unit (the definition a
 * comment documents, or the whole function a comment sits in), widened to whole `#if` groups.
 * Undefined when the lexicon is unsound or a window cannot be placed within the lexed text.
 */
export function windowsFor(lexicon: CLexicon, offsets: readonly number[], why?: (reason: string) => void): Window[] | undefined {
  if (lexicon.unsound !== undefined) return undefined;
  const windows: Window[] = [];
  for (const offset of offsets) {
    if (offset < 0 || offset >= lexicon.length) continue;
    const unit = unitAt(lexicon, offset);
    const restart = lastAtOrBefore(lexicon.restarts, unit.start);
    const end = firstAfter(lexicon.boundaries, unit.end - 1) ?? (lexicon.complete ? lexicon.length : undefined);
    if (restart < 0 || end === undefined) {
      why?.(restart < 0 ? 'no restart before a candidate' : 'no item end after a candidate');
      return undefined;
    }
    const window = withWholeGroups(lexicon, { start: lexicon.restarts[restart]!, end });
    if (!window) {
      why?.('an #if group not closed where a window needs it');
      return undefined;
    }
    windows.push(window);
  }
  windows.sort((a, b) => a.start - b.start);
  const merged: Window[] = [];
  for (const window of windows) {
    const last = merged[merged.length - 1];
    if (last && window.start <= last.end) merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, window.end) };
    else merged.push(window);
  }
  return merged;
}
