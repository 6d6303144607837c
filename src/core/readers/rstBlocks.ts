// Implements: TL-125
/**
 * The block structure of reStructuredText, as far as finding directives needs it: explicit markup
 * blocks (`.. name:: argument` directives, comments, targets), their arguments, options and
 * content, and the literal blocks a paragraph ending in `::` introduces. Written from the docutils
 * specification (reStructuredText Markup Specification: indentation, explicit markup blocks,
 * directives, literal blocks); it reads structure only, never inline markup.
 *
 * Lines and columns here are 0-based; indentation widths count a tab to the next multiple of 8
 * columns, as docutils does, while columns stay UTF-16 offsets into the line.
 */

import { splitInline, type ValuePart } from './attributes';

/** One option of a directive (`:status: open`), value lines included. */
export interface RstOption {
  /** The option name as written, without its colons. */
  readonly name: string;
  /** 0-based line and column of the option's first colon. */
  readonly line: number;
  readonly column: number;
  /** The value, its lines joined with a space. */
  readonly value: string;
  /** Each value line's text and where it starts (0-based), for positions of the parts. */
  readonly lines: ReadonlyArray<{ readonly text: string; readonly line: number; readonly column: number }>;
}

/** A problem found in the structure, 0-based. */
export interface RstProblem {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** A directive: `.. name:: argument`, its options and its content. */
export interface RstDirective {
  readonly name: string;
  /** 0-based line of `.. name::` and column of its `..`. */
  readonly line: number;
  readonly column: number;
  /** The argument (a need's title): the text after `::` and its continuation lines, joined with spaces. */
  readonly argument: string;
  readonly options: readonly RstOption[];
  /** 0-based first content line (after the options and a blank line) and end of the block (exclusive). */
  readonly contentFrom: number;
  readonly end: number;
  /** The content, dedented, without leading and trailing blank lines. */
  readonly content: string;
  /** Problems of the directive's own structure: misaligned or duplicate options, a missing blank line. */
  readonly problems: readonly RstProblem[];
}

/**
 * Directives whose content is not reStructuredText (code, diagrams, raw output, tables of data):
 * a directive shown there is an example, never a directive.
 */
const LITERAL_DIRECTIVES = new Set([
  'code-block', 'code', 'sourcecode', 'literalinclude', 'highlight', 'parsed-literal', 'raw', 'math',
  'doctest', 'testcode', 'testsetup', 'testcleanup', 'testoutput', 'productionlist', 'csv-table',
  'uml', 'plantuml', 'needuml', 'needarch', 'graphviz', 'graph', 'digraph', 'mermaid',
  'ipython', 'jupyter-execute', 'code-cell', 'program-output', 'command-output', 'prompt',
]);

const DIRECTIVE = /^([ \t]*)\.\.[ \t]+([A-Za-z0-9](?:[A-Za-z0-9_.+:-]*[A-Za-z0-9])?)::(?=[ \t]|$)[ \t]*(.*)$/;
const EXPLICIT = /^[ \t]*\.\.(?:[ \t]|$)/;
const OPTION = /^:((?:\\:|[^:\s])(?:\\:|[^:])*?):(?=[ \t]|$)[ \t]*(.*)$/;

/** Whether a directive's content is read as reStructuredText (false for code, diagrams, raw text). */
export function parsesContent(name: string): boolean {
  return !LITERAL_DIRECTIVES.has(name.toLowerCase());
}

function isBlank(line: string | undefined): boolean {
  if (line === undefined) return true;
  // A loop rather than trim(): every line is tested, and trim() copies it.
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/** Indentation width, a tab advancing to the next multiple of 8 (docutils' tab stops). */
export function indentOf(line: string): number {
  let width = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === ' ') width++;
    else if (c === '\t') width += 8 - (width % 8);
    else return width;
  }
  return width;
}

/** The index in `line` of the first character past `width` columns of indentation (or of the first non-space). */
function offsetOfWidth(line: string, width: number): number {
  let w = 0;
  let i = 0;
  while (i < line.length && w < width && (line[i] === ' ' || line[i] === '\t')) {
    w = line[i] === '\t' ? w + 8 - (w % 8) : w + 1;
    i++;
  }
  return i;
}

/**
 * The end (exclusive) of the block that starts on line `start` at indentation `indent`: every
 * following line that is blank or indented deeper, without trailing blank lines.
 */
function blockEnd(lines: readonly string[], start: number, indent: number, to: number): number {
  let end = start + 1;
  while (end < to && (isBlank(lines[end]) || indentOf(lines[end]!) > indent)) end++;
  while (end > start + 1 && isBlank(lines[end - 1])) end--;
  return end;
}

/**
 * Walks the blocks of `lines[from, to)` and calls `visit` for every directive outside literal
 * blocks and comments, in file order. When `visit` returns true (and the directive's content is
 * reStructuredText), the walk goes on into the content, so directives nested in others are found.
 * `strayDirective` is told of a directive line that follows text without a blank line, which
 * docutils reads as text.
 */
export function walkDirectives(
  lines: readonly string[], visit: (directive: RstDirective) => boolean,
  strayDirective?: (line: number, match: { name: string; column: number }) => void, from = 0, to = lines.length,
): void {
  let i = from;
  while (i < to) {
    const line = lines[i]!;
    if (isBlank(line)) {
      i++;
      continue;
    }
    const indent = indentOf(line);
    if (EXPLICIT.test(line)) {
      // `..` alone, followed by a blank line, is an empty comment that holds nothing.
      const end = line.trim() === '..' && isBlank(lines[i + 1]) ? i + 1 : blockEnd(lines, i, indent, to);
      const match = DIRECTIVE.exec(line);
      if (match) {
        const directive = parseDirective(lines, i, end, match);
        if (visit(directive) && parsesContent(directive.name)) walkDirectives(lines, visit, strayDirective, directive.contentFrom, end);
      }
      // Comments, targets, footnotes and substitution definitions are skipped whole.
      i = end;
      continue;
    }
    // A paragraph runs to the next blank line; a directive line inside it is text.
    let j = i;
    while (j < to && !isBlank(lines[j])) {
      if (j > i && strayDirective && lines[j]!.includes('..')) {
        const stray = DIRECTIVE.exec(lines[j]!);
        if (stray) strayDirective(j, { name: stray[2]!, column: stray[1]!.length });
      }
      j++;
    }
    if (/::[ \t]*$/.test(lines[j - 1]!)) {
      // A paragraph ending in `::` introduces a literal block: the next, deeper indented lines.
      let k = j;
      while (k < to && isBlank(lines[k])) k++;
      if (k < to && indentOf(lines[k]!) > indent) j = blockEnd(lines, k, indent, to);
    }
    i = j;
  }
}

/** Parses the directive whose block is `lines[start, end)`, `match` being its first line's match. */
function parseDirective(lines: readonly string[], start: number, end: number, match: RegExpExecArray): RstDirective {
  const name = match[2]!;
  const column = match[1]!.length;
  const problems: RstProblem[] = [];
  const argumentParts = match[3]!.trim() === '' ? [] : [match[3]!.trim()];
  const options: RstOption[] = [];
  let optionIndent: number | undefined;
  // A duplicate option is `discard`ed, its value lines with it.
  let current: { name: string; line: number; column: number; lines: Array<{ text: string; line: number; column: number }>; discard?: boolean } | undefined;
  const seen = new Set<string>();
  const flush = (): void => {
    if (!current || current.discard) return;
    const value = current.lines.map((l) => l.text).join(' ').trim();
    options.push({ name: current.name, line: current.line, column: current.column, value, lines: current.lines });
    current = undefined;
  };
  let i = start + 1;
  for (; i < end && !isBlank(lines[i]); i++) {
    const line = lines[i]!;
    const indent = indentOf(line);
    const offset = offsetOfWidth(line, indent);
    const option = OPTION.exec(line.slice(offset));
    if (optionIndent === undefined) {
      if (!option) {
        argumentParts.push(line.trim());
        continue;
      }
      optionIndent = indent;
    }
    if (option) {
      if (indent !== optionIndent) {
        // Read anyway, so that the need keeps its ID, but said: Sphinx would not build it like this.
        problems.push({
          line: i, column: offset,
          message: `Option \`:${option[1]}:\` of \`.. ${name}::\` is not aligned with the options above it: Sphinx does not read it as an option (${indent > optionIndent ? 'it continues the value above' : 'broken indentation'}).`,
        });
      }
      flush();
      const optionName = option[1]!.replace(/\\:/g, ':');
      const discard = seen.has(optionName.toLowerCase());
      if (discard) problems.push({ line: i, column: offset, message: `Duplicate option \`:${optionName}:\` in \`.. ${name}::\`: Sphinx stops with an error; the first one is read.` });
      seen.add(optionName.toLowerCase());
      const valueColumn = offset + line.slice(offset).length - option[2]!.length;
      current = { name: optionName, line: i, column: offset, lines: option[2]!.trim() === '' ? [] : [{ text: option[2]!.trimEnd(), line: i, column: valueColumn }], discard };
    } else if (indent > optionIndent && current) {
      current.lines.push({ text: line.slice(offset).trimEnd(), line: i, column: offset });
    } else {
      problems.push({ line: i, column: offset, message: `\`.. ${name}::\` needs a blank line between its options and its content.` });
      break;
    }
  }
  flush();
  let contentFrom = i;
  while (contentFrom < end && isBlank(lines[contentFrom])) contentFrom++;
  return {
    name, line: start, column, argument: argumentParts.join(' '), options,
    contentFrom, end, content: dedented(lines, contentFrom, end), problems,
  };
}

/** Lines `[from, to)` without their common indentation, joined with LF, blank lines at either end dropped. */
function dedented(lines: readonly string[], from: number, to: number): string {
  let min = Infinity;
  for (let i = from; i < to; i++) if (!isBlank(lines[i])) min = Math.min(min, indentOf(lines[i]!));
  if (min === Infinity) return '';
  const out: string[] = [];
  for (let i = from; i < to; i++) {
    const line = lines[i]!;
    out.push(isBlank(line) ? '' : line.slice(offsetOfWidth(line, min)).trimEnd());
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}

/**
 * The parts of an option's value, each at its 1-based position: IDs split at commas, semicolons
 * and whitespace (sphinx-needs' separators). A link condition (`REQ_1[status=="open"]`) and a
 * need part suffix (`REQ_1.2`) are not part of the target, so they are blanked before splitting.
 */
export function optionParts(option: RstOption, links: boolean): ValuePart[] {
  const parts: ValuePart[] = [];
  for (const { text, line, column } of option.lines) {
    const cleaned = links ? blankLinkDecorations(text) : text;
    parts.push(...splitInline(cleaned, line + 1, column + 1));
  }
  return parts;
}

/** `REQ_1[cond]` → `REQ_1      `, `REQ_1.part` → `REQ_1     `: the same length, so columns stay right. */
export function blankLinkDecorations(text: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '[') depth++;
    out += depth > 0 ? ' ' : c;
    if (c === ']' && depth > 0) depth--;
  }
  return out.replace(/([A-Za-z0-9_-])\.([A-Za-z0-9_]+)(?=[\s,;]|$)/g, (_all, last: string, part: string) => `${last} ${' '.repeat(part.length)}`);
}
