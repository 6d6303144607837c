// Implements: TL-171
/**
 * Where keys and strings are in a TOML file. smol-toml (which reads the values) gives no positions,
 * so this scanner walks the text once, TOML-aware: table headers (`[a."b.c"]`, `[[package]]`),
 * dotted and quoted keys, basic, literal and multi-line strings, arrays and inline tables over
 * several lines, comments. It records each key of a table (not the keys inside inline tables) with
 * the string literals directly in its value (`dependencies = ["a>=1", "b"]`). It never judges the
 * file: smol-toml does, and a file it rejects is not located at all.
 */
import { lineStarts, positionAt } from '../../model/positions';

/** A string literal of a key's value, at the position of its first character inside the quotes. */
export interface TomlString {
  readonly value: string;
  readonly line: number;
  readonly column: number;
}

/** One key of a table, where it is written. */
export interface TomlKeyLocation {
  /** The table header's key path (`['tool', 'poetry', 'dependencies']`), [] before the first header. */
  readonly table: readonly string[];
  /** For an array-of-tables header (`[[package]]`), which element this key belongs to (0-based); else -1. */
  readonly element: number;
  /** The key's path as written (`serde.workspace` → `['serde', 'workspace']`). */
  readonly key: readonly string[];
  /** Position of the key's first segment; `endColumn` is just past it. */
  readonly line: number;
  readonly column: number;
  readonly endColumn: number;
  /** Strings directly in the value: the value itself, or the elements of an array. */
  readonly strings: readonly TomlString[];
}

/** A table header, at the position of its last segment (`[dependencies.serde]` → `serde`). */
export interface TomlHeaderLocation {
  readonly table: readonly string[];
  readonly line: number;
  readonly column: number;
  readonly endColumn: number;
}

/** The keys and headers of a TOML text, in file order. */
export interface TomlLocations {
  readonly keys: readonly TomlKeyLocation[];
  readonly headers: readonly TomlHeaderLocation[];
}

const BARE_KEY = /[A-Za-z0-9_-]/;

/** Every key of every table, and every table header, of a TOML text, in file order. */
export function locateToml(text: string): TomlLocations {
  const starts = lineStarts(text);
  const keys: TomlKeyLocation[] = [];
  const headers: TomlHeaderLocation[] = [];
  let i = 0;
  let table: string[] = [];
  let element = -1;
  const elements = new Map<string, number>();

  const skipSpace = (newlines: boolean): void => {
    for (;;) {
      const c = text[i];
      if (c === ' ' || c === '\t' || (newlines && (c === '\n' || c === '\r'))) i++;
      else if (c === '#') while (i < text.length && text[i] !== '\n') i++;
      else return;
    }
  };

  /** A key path: bare or quoted segments joined by dots, with the first segment's span. */
  const keyPath = (): { path: string[]; start: number; end: number; lastStart: number; lastEnd: number } => {
    const path: string[] = [];
    let start = -1;
    let end = -1;
    let lastStart = -1;
    let lastEnd = -1;
    for (;;) {
      skipSpace(false);
      const from = i;
      let segment: string;
      // A quoted segment's span is inside its quotes: that is where the name is.
      const quoted = text[i] === '"' || text[i] === "'";
      if (quoted) segment = stringAt().value;
      else {
        while (i < text.length && BARE_KEY.test(text[i]!)) i++;
        segment = text.slice(from, i);
      }
      const [spanStart, spanEnd] = quoted ? [from + 1, from + 1 + segment.length] : [from, i];
      if (start < 0) {
        start = spanStart;
        end = spanEnd;
      }
      lastStart = spanStart;
      lastEnd = spanEnd;
      path.push(segment);
      skipSpace(false);
      if (text[i] !== '.' || i === from) return { path, start, end, lastStart, lastEnd };
      i++;
    }
  };

  /** The string starting at `i` (any of the four kinds), leaving `i` after it. */
  const stringAt = (): { value: string; start: number } => {
    const quote = text[i]!;
    const multi = text.startsWith(quote.repeat(3), i);
    i += multi ? 3 : 1;
    // A newline right after the opening delimiter of a multi-line string is not part of it.
    if (multi && text[i] === '\r') i++;
    if (multi && text[i] === '\n') i++;
    const start = i;
    let value = '';
    while (i < text.length) {
      if (multi ? text.startsWith(quote.repeat(3), i) : text[i] === quote) {
        i += multi ? 3 : 1;
        // A multi-line string may end in up to two more quotes of its kind.
        while (multi && text[i] === quote) {
          value += quote;
          i++;
        }
        return { value, start };
      }
      if (!multi && text[i] === '\n') return { value, start };
      if (quote === '"' && text[i] === '\\') {
        value += unescape(text[i + 1] ?? '', text.slice(i + 2, i + 10));
        i += escapeLength(text[i + 1] ?? '');
        continue;
      }
      value += text[i];
      i++;
    }
    return { value, start };
  };

  /**
   * Skips the elements of an array or inline table up to `close` (past it), each read by `element`;
   * stops at the end of the text. An element that reads nothing is skipped a character at a time.
   */
  const skipElements = (close: string, element: () => void): void => {
    i++;
    for (;;) {
      skipSpace(true);
      if (i >= text.length) return;
      if (text[i] === close) {
        i++;
        return;
      }
      if (text[i] === ',') {
        i++;
        continue;
      }
      const before = i;
      element();
      if (i === before) i++;
    }
  };

  /** Skips a value; strings at the top of it (or of its array) go into `strings`. */
  const value = (strings: TomlString[] | undefined): void => {
    skipSpace(false);
    const c = text[i];
    if (c === '"' || c === "'") {
      const { value: v, start } = stringAt();
      strings?.push({ value: v, ...positionAt(starts, start) });
    } else if (c === '[') {
      skipElements(']', () => value(text[i] === '"' || text[i] === "'" ? strings : undefined));
    } else if (c === '{') {
      skipElements('}', () => {
        keyPath();
        if (text[i] === '=') i++;
        value(undefined);
      });
    } else {
      while (i < text.length && !/[,\]}\n\r#]/.test(text[i]!)) i++;
    }
  };

  while (i < text.length) {
    skipSpace(true);
    if (i >= text.length) break;
    if (text[i] === '[') {
      const array = text[i + 1] === '[';
      i += array ? 2 : 1;
      const header = keyPath();
      table = header.path;
      i += array ? 2 : 1;
      const at = positionAt(starts, header.lastStart);
      headers.push({ table, line: at.line, column: at.column, endColumn: at.column + (header.lastEnd - header.lastStart) });
      if (array) {
        const name = table.join('\u0000');
        element = (elements.get(name) ?? -1) + 1;
        elements.set(name, element);
      } else {
        element = -1;
      }
      continue;
    }
    const before = i;
    const key = keyPath();
    if (text[i] !== '=') {
      // Not a key line (the file is not valid TOML): go on at the next line.
      while (i < text.length && text[i] !== '\n') i++;
      if (i === before) i++;
      continue;
    }
    i++;
    const strings: TomlString[] = [];
    value(strings);
    const at = positionAt(starts, key.start);
    keys.push({ table, element, key: key.path, line: at.line, column: at.column, endColumn: at.column + (key.end - key.start), strings });
  }
  return { keys, headers };
}

function escapeLength(c: string): number {
  return c === 'u' ? 6 : c === 'U' ? 10 : 2;
}

function unescape(c: string, rest: string): string {
  switch (c) {
    case 'n': return '\n';
    case 't': return '\t';
    case 'r': return '\r';
    case 'b': return '\b';
    case 'f': return '\f';
    case 'u': return String.fromCodePoint(Number.parseInt(rest.slice(0, 4), 16) || 0xfffd);
    case 'U': return String.fromCodePoint(Number.parseInt(rest.slice(0, 8), 16) || 0xfffd);
    default: return c;
  }
}

/** The keys of one table (exact header path), optionally of one array element. */
export function keysOfTable(keys: readonly TomlKeyLocation[], table: readonly string[], element?: number): TomlKeyLocation[] {
  return keys.filter((k) => k.table.length === table.length && k.table.every((s, n) => s === table[n]) && (element === undefined || k.element === element));
}
