// Implements: TL-128
/**
 * A reader for the part of TOML (https://toml.io/en/v1.0.0) that ubproject.toml's `[needs]` tables
 * use: comments, `[table]` and `[[array.of.tables]]` headers, bare, quoted and dotted keys, basic,
 * literal and multi-line strings, arrays over several lines and inline tables. Numbers, booleans
 * and dates are kept as their text, which is all the readers need of them.
 *
 * A stopgap until a TOML library joins the dependencies (`smol-toml` 1.9.1 is the candidate): it
 * reads valid TOML of these shapes, and reports the first syntax error it meets with its line
 * and column. It never evaluates anything.
 */

/** A TOML table as plain data; scalars other than strings are their source text. */
export type TomlValue = string | TomlValue[] | TomlTable;
export interface TomlTable {
  [key: string]: TomlValue;
}

/** A syntax error, 1-based. */
export class TomlSyntaxError extends Error {
  constructor(message: string, readonly line: number, readonly column: number) {
    super(message);
  }
}

/** The 1-based line each table of the result starts on (its header, or the inline table's brace). */
export type TableLines = WeakMap<object, number>;

const BARE_KEY = /[A-Za-z0-9_-]/;

/** Parses `text`; throws {@link TomlSyntaxError} at the first error. */
export function parseToml(text: string): { table: TomlTable; lines: TableLines } {
  return new TomlParser(text).parse();
}

class TomlParser {
  private pos = 0;
  private readonly lines: TableLines = new WeakMap();

  constructor(private readonly text: string) {}

  parse(): { table: TomlTable; lines: TableLines } {
    const root: TomlTable = {};
    this.lines.set(root, 1);
    let current = root;
    for (;;) {
      this.skipBlankAndComments();
      if (this.pos >= this.text.length) return { table: root, lines: this.lines };
      const line = this.lineAt(this.pos);
      if (this.text.startsWith('[[', this.pos)) {
        this.pos += 2;
        const path = this.keyPath(']]');
        const parent = this.tableAt(root, path.slice(0, -1));
        const last = path[path.length - 1]!;
        const list = parent[last] ?? (parent[last] = []);
        if (!Array.isArray(list)) this.fail(`"${path.join('.')}" is not an array of tables`);
        current = {};
        this.lines.set(current, line);
        list.push(current);
      } else if (this.text[this.pos] === '[') {
        this.pos++;
        const path = this.keyPath(']');
        current = this.tableAt(root, path);
        this.lines.set(current, line);
      } else {
        this.keyValue(current);
      }
      this.endOfLine();
    }
  }

  /** The table at `path` below `root`, created when missing; the last element of an array of tables. */
  private tableAt(root: TomlTable, path: readonly string[]): TomlTable {
    let table = root;
    for (const key of path) {
      let next = table[key];
      if (next === undefined) {
        next = {};
        this.lines.set(next, this.lineAt(this.pos));
        table[key] = next;
      }
      if (Array.isArray(next)) next = next[next.length - 1] as TomlValue;
      if (typeof next !== 'object' || next === null || Array.isArray(next)) this.fail(`"${key}" is not a table`);
      table = next as TomlTable;
    }
    return table;
  }

  /** A dotted key up to `close` (a header's brackets), consumed with it. */
  private keyPath(close: string): string[] {
    const path = this.dottedKey();
    this.skipSpaces();
    if (!this.text.startsWith(close, this.pos)) this.fail(`expected "${close}"`);
    this.pos += close.length;
    return path;
  }

  private dottedKey(): string[] {
    const path: string[] = [];
    for (;;) {
      this.skipSpaces();
      path.push(this.simpleKey());
      this.skipSpaces();
      if (this.text[this.pos] !== '.') return path;
      this.pos++;
    }
  }

  private simpleKey(): string {
    const c = this.text[this.pos];
    if (c === '"' || c === "'") return this.singleLineString(c);
    const start = this.pos;
    while (this.pos < this.text.length && BARE_KEY.test(this.text[this.pos]!)) this.pos++;
    if (this.pos === start) this.fail('expected a key');
    return this.text.slice(start, this.pos);
  }

  /** `key = value` into `table`; a dotted key makes the tables it names. */
  private keyValue(table: TomlTable): void {
    const path = this.dottedKey();
    if (this.text[this.pos] !== '=') this.fail('expected "=" after a key');
    this.pos++;
    this.skipSpaces();
    const target = this.tableAt(table, path.slice(0, -1));
    const key = path[path.length - 1]!;
    if (Object.prototype.hasOwnProperty.call(target, key)) this.fail(`"${path.join('.')}" is defined twice`);
    target[key] = this.value();
  }

  private value(): TomlValue {
    const c = this.text[this.pos];
    if (c === '"' || c === "'") {
      const triple = this.text.startsWith(c.repeat(3), this.pos);
      return triple ? this.multiLineString(c) : this.singleLineString(c);
    }
    if (c === '[') return this.array();
    if (c === '{') return this.inlineTable();
    const start = this.pos;
    while (this.pos < this.text.length && !/[,\]}\r\n#]/.test(this.text[this.pos]!)) this.pos++;
    const raw = this.text.slice(start, this.pos).trim();
    if (raw === '') this.fail('expected a value');
    return raw;
  }

  private array(): TomlValue[] {
    this.pos++;
    const values: TomlValue[] = [];
    for (;;) {
      this.skipBlankAndComments();
      if (this.text[this.pos] === ']') {
        this.pos++;
        return values;
      }
      values.push(this.value());
      this.skipBlankAndComments();
      if (this.text[this.pos] === ',') this.pos++;
      else if (this.text[this.pos] !== ']') this.fail('expected "," or "]" in an array');
    }
  }

  private inlineTable(): TomlTable {
    const table: TomlTable = {};
    this.lines.set(table, this.lineAt(this.pos));
    this.pos++;
    for (;;) {
      this.skipBlankAndComments();
      if (this.text[this.pos] === '}') {
        this.pos++;
        return table;
      }
      this.keyValue(table);
      this.skipBlankAndComments();
      if (this.text[this.pos] === ',') this.pos++;
      else if (this.text[this.pos] !== '}') this.fail('expected "," or "}" in an inline table');
    }
  }

  private singleLineString(quote: string): string {
    this.pos++;
    let out = '';
    while (this.pos < this.text.length) {
      const c = this.text[this.pos]!;
      if (c === quote) {
        this.pos++;
        return out;
      }
      if (c === '\n' || c === '\r') break;
      if (c === '\\' && quote === '"') {
        out += this.escape();
        continue;
      }
      out += c;
      this.pos++;
    }
    return this.fail('unterminated string');
  }

  private multiLineString(quote: string): string {
    const close = quote.repeat(3);
    this.pos += 3;
    // A line break right after the opening quotes is not part of the string.
    if (this.text.startsWith('\r\n', this.pos)) this.pos += 2;
    else if (this.text[this.pos] === '\n') this.pos++;
    let out = '';
    while (this.pos < this.text.length) {
      if (this.text.startsWith(close, this.pos)) {
        this.pos += 3;
        return out;
      }
      const c = this.text[this.pos]!;
      if (c === '\\' && quote === '"') {
        out += this.escape();
        continue;
      }
      out += c;
      this.pos++;
    }
    return this.fail('unterminated multi-line string');
  }

  private escape(): string {
    const next = this.text[this.pos + 1];
    const simple: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' };
    if (next !== undefined && simple[next] !== undefined) {
      this.pos += 2;
      return simple[next]!;
    }
    const hex = next === 'u' ? 4 : next === 'U' ? 8 : 0;
    const digits = this.text.slice(this.pos + 2, this.pos + 2 + hex);
    if (hex > 0 && /^[0-9A-Fa-f]+$/.test(digits) && digits.length === hex) {
      this.pos += 2 + hex;
      return String.fromCodePoint(parseInt(digits, 16));
    }
    // A backslash ending a line in a multi-line string trims the whitespace after it.
    const trimmed = /^\\[ \t]*\r?\n\s*/.exec(this.text.slice(this.pos));
    if (trimmed) {
      this.pos += trimmed[0].length;
      return '';
    }
    return this.fail('invalid escape in a string');
  }

  private skipSpaces(): void {
    while (this.text[this.pos] === ' ' || this.text[this.pos] === '\t') this.pos++;
  }

  private skipBlankAndComments(): void {
    for (;;) {
      const c = this.text[this.pos];
      if (c === ' ' || c === '\t' || c === '\r' || c === '\n') this.pos++;
      else if (c === '#') while (this.pos < this.text.length && this.text[this.pos] !== '\n') this.pos++;
      else return;
    }
  }

  /** After a header or key/value: only spaces and a comment until the line ends. */
  private endOfLine(): void {
    this.skipSpaces();
    if (this.text[this.pos] === '#') while (this.pos < this.text.length && this.text[this.pos] !== '\n') this.pos++;
    if (this.pos < this.text.length && this.text[this.pos] !== '\n' && this.text[this.pos] !== '\r') this.fail('expected the end of the line');
  }

  private lineAt(offset: number): number {
    let line = 1;
    for (let i = 0; i < offset; i++) if (this.text[i] === '\n') line++;
    return line;
  }

  private fail(message: string): never {
    const line = this.lineAt(this.pos);
    const column = this.pos - (this.text.lastIndexOf('\n', this.pos - 1) + 1) + 1;
    throw new TomlSyntaxError(message, line, column);
  }
}
