// Implements: TL-260
/**
 * The directives of MyST Markdown, as far as finding sphinx-needs needs takes: a code fence
 * (```` ``` ```` or `~~~`) or colon fence (`:::`, MyST's `colon_fence` extension) whose info is
 * `{name} argument` is a directive; any other fence is code, and what it shows is an example. Its
 * options are the `:key: value` lines that open its body, or a block between `---` lines in MyST's
 * restricted YAML (`key: value`, quoted, `|` and `>` values, `#` comments); a blank line may part
 * them from the content. The content of a directive whose content is Markdown (a need, an
 * admonition) is parsed again, so that directives nested in it are found; a nested fence must be
 * longer than the one around it. Written from the MyST-Parser documentation (Roles and
 * Directives, colon fences) and CommonMark's fenced code blocks; markdown-it finds the fences, so
 * lists, block quotes and indented code are exact.
 *
 * Directives come out in the shape of reStructuredText's (rstBlocks.ts), so that a need is read the
 * same way from either syntax. Lines and columns are 0-based; a column is a UTF-16 offset into
 * the file's line.
 */

import MarkdownIt from 'markdown-it';
import { parsesContent, type RstDirective, type RstOption, type RstProblem } from './rstBlocks';

// Block structure only: inline markup never holds a directive.
const markdown = new MarkdownIt({ html: true }).disable(['inline', 'linkify', 'replacements', 'smartquotes', 'text_join'], true);

type StateBlock = Parameters<Parameters<typeof markdown.block.ruler.before>[2]>[0];
const COLON = 0x3a;

/**
 * A colon fence, as CommonMark's fenced code block with `:` for the marker: at least three
 * colons, closed by a line of at least as many colons and nothing else, or by the end of the
 * container it is in.
 */
function colonFence(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  let pos = state.bMarks[startLine]! + state.tShift[startLine]!;
  const max = state.eMarks[startLine]!;
  const start = pos;
  while (pos < max && state.src.charCodeAt(pos) === COLON) pos++;
  const length = pos - start;
  if (length < 3) return false;
  if (silent) return true;
  let next = startLine;
  let closed = false;
  while (++next < endLine) {
    const from = state.bMarks[next]! + state.tShift[next]!;
    const to = state.eMarks[next]!;
    // A line indented less than the container ends it (a fence in a list item).
    if (from < to && state.sCount[next]! < state.blkIndent) break;
    if (state.src.charCodeAt(from) !== COLON || state.sCount[next]! - state.blkIndent >= 4) continue;
    let end = from;
    while (end < to && state.src.charCodeAt(end) === COLON) end++;
    if (end - from < length || state.skipSpaces(end) < to) continue;
    closed = true;
    break;
  }
  state.line = next + (closed ? 1 : 0);
  const token = state.push('colon_fence', 'code', 0);
  token.info = state.src.slice(pos, max);
  token.content = state.getLines(startLine + 1, next, state.sCount[startLine]!, true);
  token.markup = ':'.repeat(length);
  token.map = [startLine, state.line];
  return true;
}

markdown.block.ruler.before('fence', 'myst_colon_fence', colonFence, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });

/** `{name} argument`: MyST's directive info string. */
const DIRECTIVE_INFO = /^\{([A-Za-z0-9][A-Za-z0-9_.+:-]*)\}(?:[ \t]+(.*))?$/;
/** `:name: value`, as in reStructuredText. */
const OPTION = /^:((?:\\:|[^:\s])(?:\\:|[^:])*?):(?=[ \t]|$)[ \t]*(.*)$/;
/** `key: value` of the YAML block: a plain or quoted key, a colon and a space (or the line's end). */
const YAML_KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"](?:[^:#]|:(?![ \t]|$))*?)[ \t]*:(?=[ \t]|$)[ \t]*(.*)$/;

/** A line of a directive's body: its text (the container's prefix removed) and where it is in the file. */
interface BodyLine {
  readonly text: string;
  readonly line: number;
  readonly column: number;
}

/** A MyST directive: a directive with the fence it is written with. */
export interface MystDirective extends RstDirective {
  /** The fence's marker (```` ``` ````, `~~~~`, `:::`…), for a new need written beside it. */
  readonly fence: string;
}

/**
 * Calls `visit` for every directive of the MyST `source` outside code fences, in file order; when
 * `visit` returns true and the directive's content is Markdown, the walk goes on into its content.
 * `lines` are the file's lines, for columns; `offset` is the file line of the source's first line.
 */
export function walkMystDirectives(source: string, lines: readonly string[], visit: (directive: MystDirective) => boolean, offset = 0): void {
  for (const token of markdown.parse(source, {})) {
    if ((token.type !== 'fence' && token.type !== 'colon_fence') || !token.map) continue;
    const match = DIRECTIVE_INFO.exec(token.info.trim());
    if (!match) continue;
    const first = offset + token.map[0];
    // markdown-it ends each line of the content with a line break (but the file's last); the
    // closing fence is not in it.
    const content = token.content.endsWith('\n') ? token.content.slice(0, -1) : token.content;
    const body = token.content === '' ? [] : content.split('\n').map((text, index) => at(lines, text, first + 1 + index));
    const closed = token.map[1] - token.map[0] - 1 > body.length;
    const { directive, inner } = mystDirective(match[1]!, (match[2] ?? '').trim(), token.markup, lines, first, offset + token.map[1], body, closed);
    if (visit(directive) && parsesContent(directive.name) && inner.length > 0) {
      walkMystDirectives(inner.map((line) => line.text).join('\n'), lines, visit, inner[0]!.line);
    }
  }
}

/** A body line with its place in the file: a line of a fence is the end of the file's line. */
function at(lines: readonly string[], text: string, line: number): BodyLine {
  const original = lines[line] ?? '';
  if (original.endsWith(text)) return { text, line, column: original.length - text.length };
  // A tab that markdown-it expanded: place the text where its first character is.
  const trimmed = text.trimStart();
  const found = trimmed === '' ? -1 : original.lastIndexOf(trimmed);
  return { text, line, column: Math.max(0, found) };
}

/** The directive of a fence from its body lines, and the lines of its content (for directives nested in it). */
function mystDirective(
  name: string, argument: string, fence: string, lines: readonly string[], line: number, blockEnd: number, content: readonly BodyLine[], closed: boolean,
): { directive: MystDirective; inner: readonly BodyLine[] } {
  const problems: RstProblem[] = [];
  const label = `\`{${name}}\``;
  const column = Math.max(0, (lines[line] ?? '').indexOf(fence));
  if (!closed) {
    const marker = fence[0] === ':' ? 'colons' : fence[0] === '~' ? 'tildes' : 'backticks';
    problems.push({ line, column, message: `${label} is never closed (no line of ${fence.length} or more ${marker}): MyST reads the rest of the ${blockEnd >= lines.length ? 'file' : 'list or quote around it'} as its content.` });
  }
  const { options, from } = readOptions(content, label, problems);
  let contentFrom = from;
  // MyST drops one blank line between the options and the content.
  if (contentFrom < content.length && content[contentFrom]!.text.trim() === '') contentFrom++;
  if (options.length === 0) hiddenOptions(content, label, name, problems);
  const inner = content.slice(contentFrom);
  const text = inner.map((bodyLine) => bodyLine.text.trimEnd());
  while (text.length > 0 && text[0] === '') text.shift();
  while (text.length > 0 && text[text.length - 1] === '') text.pop();
  return {
    directive: { name, line, column, argument, options, contentFrom: inner[0]?.line ?? blockEnd, end: blockEnd, content: text.join('\n'), problems, fence },
    inner,
  };
}

/**
 * A body that opens with blank lines and then `:id:`: MyST reads an option block only from the
 * body's first line, so these lines are content and the need has no ID.
 */
function hiddenOptions(content: readonly BodyLine[], label: string, name: string, problems: RstProblem[]): void {
  if (!parsesContent(name) || content.length === 0 || content[0]!.text.trim() !== '') return;
  const first = content.find((bodyLine) => bodyLine.text.trim() !== '');
  if (!first || !/^[ \t]*:id:(?:[ \t]|$)/.test(first.text)) return;
  const column = first.column + first.text.length - first.text.trimStart().length;
  problems.push({ line: first.line, column, message: `\`:id:\` follows a blank line in ${label}: MyST reads options only right after the fence line, so this is content and the need has no ID.` });
}

/** The options at the top of a directive's body and the index of the first line after them. */
function readOptions(body: readonly BodyLine[], label: string, problems: RstProblem[]): { options: RstOption[]; from: number } {
  if (body.length === 0) return { options: [], from: 0 };
  if (body[0]!.text.startsWith('---')) return readYamlOptions(body, label, problems);
  if (!body[0]!.text.trimStart().startsWith(':')) return { options: [], from: 0 };
  const options: OptionDraft[] = [];
  let i = 0;
  for (; i < body.length; i++) {
    const bodyLine = body[i]!;
    const trimmed = bodyLine.text.trimStart();
    // A line of colons and `{` opens a nested colon fence: the options end there.
    if (!trimmed.startsWith(':') || /^:+\{/.test(trimmed)) break;
    const column = bodyLine.column + bodyLine.text.length - trimmed.length;
    const option = OPTION.exec(trimmed);
    const last = options[options.length - 1];
    if (option) {
      const valueColumn = column + trimmed.length - option[2]!.length;
      options.push({ name: option[1]!.replace(/\\:/g, ':'), line: bodyLine.line, column, lines: option[2]!.trim() === '' ? [] : [{ text: option[2]!.trimEnd(), line: bodyLine.line, column: valueColumn }] });
    } else if (last && /^:[ \t]/.test(trimmed) && trimmed.slice(1).trim() !== '') {
      // `:` and an indented text continue the value above (MyST drops the colon and reads YAML).
      const rest = trimmed.slice(1);
      last.lines.push({ text: rest.trim(), line: bodyLine.line, column: column + 1 + rest.length - rest.trimStart().length });
    } else {
      problems.push({ line: bodyLine.line, column, message: `\`${trimmed.trimEnd()}\` in the options of ${label} is not an option (\`:name: value\`): MyST stops with an error on the directive.` });
    }
  }
  return { options: finished(options, label, problems), from: i };
}

/** An option being read: its value lines grow. */
interface OptionDraft {
  name: string;
  line: number;
  column: number;
  lines: Array<{ text: string; line: number; column: number }>;
}

/** The options of a `---` block in MyST's restricted YAML. */
function readYamlOptions(body: readonly BodyLine[], label: string, problems: RstProblem[]): { options: RstOption[]; from: number } {
  let close = 1;
  while (close < body.length && !/^-{3,}/.test(body[close]!.text)) close++;
  const block = body.slice(1, close);
  // MyST removes the block's common indentation first.
  const indent = Math.min(...block.filter((b) => b.text.trim() !== '').map((b) => b.text.length - b.text.trimStart().length), Infinity);
  const options: OptionDraft[] = [];
  let blockScalar = false;
  for (const bodyLine of block) {
    const raw = bodyLine.text.slice(indent === Infinity ? 0 : indent);
    const column = bodyLine.column + bodyLine.text.length - raw.length;
    const trimmed = raw.trim();
    const last = options[options.length - 1];
    if (trimmed === '' || (trimmed.startsWith('#') && !blockScalar)) continue;
    if (/^[ \t]/.test(raw)) {
      if (!last) {
        problems.push({ line: bodyLine.line, column, message: `Indented text before any option of ${label}: MyST stops with an error on the directive.` });
        continue;
      }
      const text = blockScalar ? trimmed : withoutComment(trimmed);
      if (text !== '') last.lines.push({ text, line: bodyLine.line, column: column + raw.length - raw.trimStart().length });
      continue;
    }
    const key = YAML_KEY.exec(raw);
    if (!key) {
      problems.push({ line: bodyLine.line, column, message: `\`${trimmed}\` in the options of ${label} is not \`key: value\`: MyST stops with an error on the directive.` });
      continue;
    }
    const name = unquoted(key[1]!);
    const rest = key[2]!;
    const valueColumn = column + raw.length - rest.length;
    blockScalar = /^[|>][-+0-9]*[ \t]*(?:#.*)?$/.test(rest);
    const draft: OptionDraft = { name, line: bodyLine.line, column, lines: [] };
    if (!blockScalar && rest.trim() !== '') {
      if (rest.startsWith('"') || rest.startsWith("'")) {
        const quoted = quotedScalar(rest);
        if (quoted === undefined) problems.push({ line: bodyLine.line, column: valueColumn, message: `The quoted value of \`${name}\` in ${label} does not end on its line: Tracelens does not read it.` });
        else draft.lines.push({ text: quoted, line: bodyLine.line, column: valueColumn + 1 });
      } else {
        const text = withoutComment(rest);
        if (text !== '') draft.lines.push({ text, line: bodyLine.line, column: valueColumn });
      }
    }
    options.push(draft);
  }
  return { options: finished(options, label, problems), from: Math.min(close + 1, body.length) };
}

/** A plain value without its `#` comment (a `#` after a space). */
function withoutComment(text: string): string {
  const hash = text.search(/(?:^|[ \t])#/);
  return (hash < 0 ? text : text.slice(0, hash)).trimEnd();
}

/** A key without its quotes. */
function unquoted(key: string): string {
  if (key.startsWith("'")) return key.slice(1, -1).replace(/''/g, "'");
  if (key.startsWith('"')) return key.slice(1, -1).replace(/\\(.)/g, '$1');
  return key;
}

/** The text of a value quoted on one line, or undefined when its quote does not close there. */
function quotedScalar(rest: string): string | undefined {
  const quote = rest[0]!;
  let out = '';
  for (let i = 1; i < rest.length; i++) {
    const c = rest[i]!;
    if (quote === "'" && c === "'" && rest[i + 1] === "'") {
      out += "'";
      i++;
    } else if (quote === '"' && c === '\\' && i + 1 < rest.length) {
      out += rest[++i];
    } else if (c === quote) {
      return out;
    } else {
      out += c;
    }
  }
  return undefined;
}

/**
 * The options as read, the last of a name kept (as MyST does, where docutils would stop), and a problem for a value written as a YAML list, which MyST passes on as
 * the text `[A, B]`.
 */
function finished(drafts: readonly OptionDraft[], label: string, problems: RstProblem[]): RstOption[] {
  const last = new Map(drafts.map((draft) => [draft.name, draft]));
  const options: RstOption[] = [];
  for (const draft of drafts) {
    if (last.get(draft.name) !== draft) {
      problems.push({ line: draft.line, column: draft.column, message: `Duplicate option \`${draft.name}\` in ${label}: MyST reads the last one.` });
      continue;
    }
    const value = draft.lines.map((l) => l.text).join(' ').trim();
    if (value.startsWith('[') && !value.startsWith('[[') && value.endsWith(']')) {
      const first = draft.lines[0]!;
      problems.push({ line: first.line, column: first.column, message: `\`${draft.name}\` of ${label} is written as a list: MyST passes options as text, so sphinx-needs reads "${value}"; write the values separated by commas, without brackets.` });
    }
    options.push({ name: draft.name, line: draft.line, column: draft.column, value, lines: draft.lines });
  }
  return options;
}
