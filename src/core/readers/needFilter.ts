// Implements: TL-247
/**
 * sphinx-needs filter strings (`:filter:` of needimport, the argument of needextend), as far as
 * they can be evaluated exactly without Python: comparisons of need fields with literals and
 * lists (`==`, `!=`, `in`, `not in`, `is None`, `is not None`), joined by `and`, `or`, `not` and
 * parentheses, and `c.this_doc()`. sphinx-needs evaluates the string as a Python expression over the
 * need's fields; this module follows Python's meaning of each of those operators (`in` is
 * membership in a list and substring in a string; `and`/`or` give one of their operands; the whole
 * must give True or False). Anything else (function calls, `search()`, `<`, arithmetic, fields whose
 * value is not known) is {@link NeedFilterUnknown}: the caller reports it, never guesses.
 */

/** A field value as the filter sees it: what a need's JSON or options hold. */
export type FieldValue = string | number | boolean | null | readonly string[];

/**
 * A field declared in the project but not set on this need: sphinx-needs gives it a default
 * (`None` or `""`, depending on its version and schema) that Tracelens cannot tell apart, so only
 * what holds for both is evaluated.
 */
export const UNSET: unique symbol = Symbol('unset');

/** The fields of one need. */
export interface NeedFields {
  /** The value of a field, UNSET for a declared field the need has no value for, undefined for a name no need has. */
  field(name: string): FieldValue | typeof UNSET | undefined;
  /** Whether the need is in the document the filter is written in (`c.this_doc()`); undefined when that is unknown. */
  readonly inThisDoc?: boolean;
}

/** A filter that cannot be evaluated exactly, with why. */
export class NeedFilterUnknown extends Error {}

type Node =
  | { readonly t: 'value'; readonly v: FieldValue }
  | { readonly t: 'name'; readonly n: string }
  | { readonly t: 'list'; readonly items: readonly Node[] }
  | { readonly t: 'thisDoc' }
  | { readonly t: 'not'; readonly e: Node }
  | { readonly t: 'and' | 'or'; readonly l: Node; readonly r: Node }
  | { readonly t: 'cmp'; readonly op: '==' | '!=' | 'in' | 'not in' | 'is' | 'is not'; readonly l: Node; readonly r: Node };

/** A parsed filter, or why it cannot be evaluated exactly. */
export type ParsedFilter = { readonly ok: true; readonly node: Node } | { readonly ok: false; readonly reason: string };

const TOKEN = /\s*(?:("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(-?\d+(?:\.\d+)?)(?![\w.])|([A-Za-z_][A-Za-z0-9_]*)|(==|!=|[()[\],.]))/y;

/** Parses a filter string; a construct outside the supported subset gives `ok: false` with the reason. */
export function parseNeedFilter(text: string): ParsedFilter {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (!match) {
      if (text.slice(at).trim() === '') break;
      return { ok: false, reason: `"${text.slice(at).trim().slice(0, 20)}" is beyond what Tracelens evaluates exactly` };
    }
    tokens.push(match[0].trim());
  }
  if (tokens.length === 0) return { ok: false, reason: 'the filter is empty' };
  try {
    const parser = new Parser(tokens);
    const node = parser.expression();
    if (!parser.done()) throw new NeedFilterUnknown(`"${parser.peek()}" is beyond what Tracelens evaluates exactly`);
    return { ok: true, node };
  } catch (error) {
    if (error instanceof NeedFilterUnknown) return { ok: false, reason: error.message };
    throw error;
  }
}

/** Recursive descent over Python's precedence: `or` < `and` < `not` < comparisons. */
class Parser {
  private i = 0;
  constructor(private readonly tokens: readonly string[]) {}

  done(): boolean {
    return this.i >= this.tokens.length;
  }

  peek(): string | undefined {
    return this.tokens[this.i];
  }

  private take(expected?: string): string {
    const token = this.tokens[this.i];
    if (token === undefined) throw new NeedFilterUnknown('the filter ends too early');
    if (expected !== undefined && token !== expected) throw new NeedFilterUnknown(`expected "${expected}", found "${token}"`);
    this.i++;
    return token;
  }

  expression(): Node {
    let node = this.conjunction();
    while (this.peek() === 'or') {
      this.take();
      node = { t: 'or', l: node, r: this.conjunction() };
    }
    return node;
  }

  private conjunction(): Node {
    let node = this.negation();
    while (this.peek() === 'and') {
      this.take();
      node = { t: 'and', l: node, r: this.negation() };
    }
    return node;
  }

  private negation(): Node {
    if (this.peek() === 'not') {
      this.take();
      return { t: 'not', e: this.negation() };
    }
    return this.comparison();
  }

  private comparison(): Node {
    const left = this.primary();
    const op = this.operator();
    if (op === undefined) return left;
    const node: Node = { t: 'cmp', op, l: left, r: this.primary() };
    // Python chains `a == b == c` into `a == b and b == c`: rare in filters, so not evaluated.
    if (this.operator() !== undefined) throw new NeedFilterUnknown('chained comparisons are beyond what Tracelens evaluates exactly');
    return node;
  }

  /** The comparison operator at the cursor (consumed), or undefined. */
  private operator(): '==' | '!=' | 'in' | 'not in' | 'is' | 'is not' | undefined {
    const token = this.peek();
    if (token === '==' || token === '!=' || token === 'in') {
      this.take();
      return token;
    }
    if (token === 'not' && this.tokens[this.i + 1] === 'in') {
      this.i += 2;
      return 'not in';
    }
    if (token === 'is') {
      this.take();
      if (this.peek() === 'not') {
        this.take();
        return 'is not';
      }
      return 'is';
    }
    return undefined;
  }

  private primary(): Node {
    const token = this.take();
    if (token === '(') {
      const node = this.expression();
      this.take(')');
      return node;
    }
    if (token === '[') {
      const items: Node[] = [];
      while (this.peek() !== ']') {
        items.push(this.primary());
        if (this.peek() !== ',') break;
        this.take();
      }
      this.take(']');
      return { t: 'list', items };
    }
    if (token[0] === '"' || token[0] === "'") return { t: 'value', v: unquote(token) };
    if (/^-?\d/.test(token)) return { t: 'value', v: Number(token) };
    if (token === 'True' || token === 'False') return { t: 'value', v: token === 'True' };
    if (token === 'None') return { t: 'value', v: null };
    if (token === 'c' && this.peek() === '.') {
      this.take('.');
      this.take('this_doc');
      this.take('(');
      this.take(')');
      return { t: 'thisDoc' };
    }
    if (/^[A-Za-z_]/.test(token) && !KEYWORDS.has(token) && this.peek() !== '(' && this.peek() !== '.' && this.peek() !== '[') return { t: 'name', n: token };
    throw new NeedFilterUnknown(`"${token}${this.peek() === '(' ? '(…)' : ''}" is beyond what Tracelens evaluates exactly`);
  }
}

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'is', 'if', 'else', 'for', 'lambda']);

/** A Python string literal's value (the usual backslash escapes). */
function unquote(token: string): string {
  return token.slice(1, -1).replace(/\\(.)/g, (_all, c: string) => ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[c] ?? c);
}

type Value = FieldValue | typeof UNSET;

/**
 * Whether a need passes a parsed filter; throws {@link NeedFilterUnknown} when its result depends
 * on what Tracelens cannot know, or when it gives no True or False (sphinx-needs rejects that too).
 */
export function evaluateNeedFilter(node: Node, need: NeedFields): boolean {
  const result = evaluate(node, need);
  if (typeof result !== 'boolean') throw new NeedFilterUnknown('the filter does not give True or False (sphinx-needs rejects it)');
  return result;
}

function evaluate(node: Node, need: NeedFields): Value {
  switch (node.t) {
    case 'value': return node.v;
    case 'name': {
      const value = need.field(node.n);
      if (value === undefined) throw new NeedFilterUnknown(`no need has a field "${node.n}"`);
      return value;
    }
    case 'list': return node.items.map((item) => {
      const value = evaluate(item, need);
      if (typeof value !== 'string') throw new NeedFilterUnknown('a list of anything but strings is beyond what Tracelens evaluates exactly');
      return value;
    });
    case 'thisDoc':
      if (need.inThisDoc === undefined) throw new NeedFilterUnknown('c.this_doc() has no document here');
      return need.inThisDoc;
    case 'not': return !truthy(evaluate(node.e, need));
    case 'and': {
      const left = evaluate(node.l, need);
      return truthy(left) ? evaluate(node.r, need) : left;
    }
    case 'or': {
      const left = evaluate(node.l, need);
      return truthy(left) ? left : evaluate(node.r, need);
    }
    case 'cmp': return compare(node.op, evaluate(node.l, need), evaluate(node.r, need));
  }
}

/** Python truthiness; an unset field is None or "", both false. */
function truthy(value: Value): boolean {
  if (value === UNSET || value === null) return false;
  if (Array.isArray(value)) return value.length > 0;
  return Boolean(value);
}

function compare(op: '==' | '!=' | 'in' | 'not in' | 'is' | 'is not', left: Value, right: Value): boolean {
  switch (op) {
    case '==': return equal(left, right);
    case '!=': return !equal(left, right);
    case 'in': return contains(right, left);
    case 'not in': return !contains(right, left);
    case 'is':
    case 'is not': {
      if (right !== null) throw new NeedFilterUnknown('`is` with anything but None is beyond what Tracelens evaluates exactly');
      if (left === UNSET) throw new NeedFilterUnknown('the field is not set on this need: sphinx-needs gives it None or "" by its version');
      return (left === null) === (op === 'is');
    }
  }
}

function equal(left: Value, right: Value): boolean {
  if (left === UNSET || right === UNSET) {
    const other = left === UNSET ? right : left;
    // None and "" are both unequal to everything else, so only a comparison with them is unknown.
    if (other === null || other === '' || other === UNSET) throw new NeedFilterUnknown('the field is not set on this need: sphinx-needs gives it None or "" by its version');
    return false;
  }
  if (Array.isArray(left) || Array.isArray(right)) {
    return Array.isArray(left) && Array.isArray(right) && left.length === right.length && left.every((v, i) => v === right[i]);
  }
  // Python: 1 == True, and 1 == 1.0; strings never equal numbers.
  if (typeof left === 'boolean' || typeof right === 'boolean') {
    if (typeof left === 'string' || typeof right === 'string' || left === null || right === null) return false;
    return Number(left) === Number(right);
  }
  return left === right;
}

/** `needle in haystack`: membership in a list, substring in a string; anything else raises in Python. */
function contains(haystack: Value, needle: Value): boolean {
  if (haystack === UNSET) throw new NeedFilterUnknown('the field is not set on this need: sphinx-needs gives it None or "" by its version');
  if (Array.isArray(haystack)) {
    if (needle === UNSET) {
      if (haystack.includes('')) throw new NeedFilterUnknown('the field is not set on this need: sphinx-needs gives it None or "" by its version');
      return false;
    }
    return haystack.some((element) => equal(element, needle));
  }
  if (typeof haystack === 'string') {
    if (typeof needle !== 'string') throw new NeedFilterUnknown('`in` a string needs a string on its left (Python raises otherwise)');
    return haystack.includes(needle);
  }
  throw new NeedFilterUnknown('`in` needs a list or a string on its right (Python raises otherwise)');
}
