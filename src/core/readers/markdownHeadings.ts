// Implements: TL-003
/**
 * Markdown files with one item per heading: a heading whose text starts with an ID
 * (`## REQ-001: Title`, `REQ-001 — Title`, `**REQ-001** Title`) opens an item, and one that starts
 * with a list of IDs (`H-04 / H-05: Title`) opens one item per ID. An attribute list may follow
 * directly (`- class: C` items or a paragraph of `key: value` lines); the item's text runs to the
 * next heading of the same or a higher level. Headings are found with markdown-it, so `#` lines in
 * code blocks, HTML blocks and front matter are never items. The same parse finds the file's
 * tables, whose rows are items too (markdownTables.ts), and tells the OpenFastTrace item reader
 * which lines are headings and which are code (openFastTrace.ts): OFT specifications are ordinary
 * Markdown documents, which may hold ID headings and tables as well.
 */

import MarkdownIt from 'markdown-it';
import { idShape, isId } from '../model/ids';
import { compareLocations, type FileProblem, type Item } from '../model/types';
import { interpretAttributes, knownKey, readsAsProse, splitInline, type RawAttribute } from './attributes';
import { isMarkdownFile } from './fileTypes';
import { maskFrontMatter, splitFrontMatter } from './frontMatter';
import { readTable, type TableBlock } from './markdownTables';
import { readOftItems } from './openFastTrace';
import type { ReadResult, ReaderContext, RequirementReader } from './types';
import { indexOfId, joinTrimmed, lastNonBlankLine, splitLines, stripBom } from './sourceText';
import { parseYamlSource } from './yamlSource';

const FORMAT = 'markdown-headings';
// Block structure is all the reader needs (headings, lists, paragraphs with their line maps):
// inline parsing would double the cost on large requirement files for nothing.
const markdown = new MarkdownIt({ html: true }).disable(['inline', 'linkify', 'replacements', 'smartquotes', 'text_join'], true);

type Token = MarkdownIt.Token;

/** Where `markdown.parse`'s env carries the reader's token sink (see the `tracelens_drain` rule). */
const SINK = 'tracelensTokenSink';

/**
 * Hands the tokens of the finished top-level blocks to the reader before each new top-level block
 * starts, and empties the list. The rule never matches, so parsing is unchanged; and no block rule
 * reads the tokens of earlier blocks (only a list reads its own). The reader then never holds
 * tens of thousands of tokens at once, which made a large file's parse mostly garbage collection.
 */
markdown.block.ruler.before('table', 'tracelens_drain', (state, _startLine, _endLine, silent) => {
  const sink = (state.env as Record<string, unknown> | undefined)?.[SINK] as ((tokens: Token[]) => void) | undefined;
  if (!silent && state.level === 0 && sink && state.tokens.length > 0) {
    sink(state.tokens);
    state.tokens.length = 0;
  }
  return false;
});

/** Where `markdown.parse`'s env carries the map of 0-based table lines to where their row starts. */
const ROW_STARTS = 'tracelensRowStarts';

/**
 * Records, for lines that may be a table, the column where the row's text starts: after
 * block-quote markers and indentation, which markdown-it knows (`bMarks`, `tShift`) but does not
 * keep in its tokens. Runs before the table rule at each block start and never matches; it only
 * looks further when the line holds a `|` and the next line starts like a delimiter row.
 */
markdown.block.ruler.before('table', 'tracelens_row_starts', (state, startLine, endLine, silent) => {
  const starts = (state.env as Record<string, unknown> | undefined)?.[ROW_STARTS] as Map<number, number> | undefined;
  if (silent || !starts || startLine + 1 >= endLine) return false;
  const next = state.src.charCodeAt(state.bMarks[startLine + 1]! + state.tShift[startLine + 1]!);
  if (next !== 0x7c && next !== 0x2d && next !== 0x3a) return false;
  if (!state.src.slice(state.bMarks[startLine]!, state.eMarks[startLine]).includes('|')) return false;
  for (let line = startLine; line < endLine && !state.isEmpty(line); line++) {
    const begin = state.bMarks[line]! + state.tShift[line]!;
    starts.set(line, begin - (state.src.lastIndexOf('\n', begin - 1) + 1));
  }
  return false;
});

/** Reads Markdown files with one item per ID heading, and one per row of their ID tables. */
export const markdownHeadingReader: RequirementReader = {
  name: FORMAT,
  canRead: (file) => isMarkdownFile(file),
  read: readMarkdownHeadings,
};

/** A heading with 0-based line ranges, and the block right after it. */
interface Heading {
  readonly level: number;
  readonly startLine: number;
  /** Exclusive: the line after the heading (after the underline for setext headings). */
  readonly endLine: number;
  readonly content: string;
  /** The token after the heading's close (reference definitions aside), when there is one. */
  next?: BlockStart;
}

/** The type and line map of a block's opening token. */
interface BlockStart {
  readonly type: string;
  readonly map: [number, number] | null;
}

/** Reads every ID heading of a Markdown file as an item. */
export function readMarkdownHeadings(text: string, ctx: ReaderContext): ReadResult {
  const source = stripBom(text);
  const problems: FileProblem[] = [];
  const frontMatter = splitFrontMatter(source);
  if (frontMatter) {
    // Front matter without an item ID is still checked: broken YAML there is worth reporting.
    problems.push(...parseYamlSource(frontMatter.yaml, ctx.file, frontMatter.yamlStartLine).problems);
  }
  const lines = splitLines(source);
  const { headings, tables, rowStarts, opaque } = collectBlocks(maskFrontMatter(source, frontMatter));
  const items: Item[] = [];

  headings.forEach((heading, index) => {
    const parsed = parseHeadingText(heading.content);
    if (!parsed || !isHeadingId(parsed.ids[0]!, ctx)) return;
    const sectionEnd = sectionEndLine(headings, index, lines.length);

    const idLine = lines[heading.startLine] ?? '';
    const attributeBlock = findAttributeBlock(heading.next, lines);
    const textStart = attributeBlock ? attributeBlock.endLine : heading.endLine;
    const { kind, ...fields } = interpretAttributes(attributeBlock?.attributes ?? [], ctx.file, problems);
    const lastLine = lastNonBlankLine(lines, heading.startLine, sectionEnd, heading.startLine);
    const text = joinTrimmed(lines.slice(textStart, sectionEnd));

    let from = 0;
    for (const id of parsed.ids) {
      const found = indexOfId(idLine, id, from);
      const idIndex = found < 0 ? from : found;
      from = idIndex + id.length;
      if (id === parsed.ids[0] && parsed.problem) {
        problems.push({ file: ctx.file, line: heading.startLine + 1, column: idIndex + 1, message: parsed.problem });
      }
      items.push({
        file: ctx.file,
        line: heading.startLine + 1,
        column: idIndex + 1,
        endLine: lastLine + 1,
        endColumn: idIndex + 1 + id.length,
        id,
        kind: kind ?? ctx.kindOf(id),
        title: parsed.title,
        text,
        ...fields,
        format: FORMAT,
      });
    }
  });
  for (const table of tables) items.push(...readTable(table, lines, (line) => rowStarts.get(line) ?? 0, ctx, problems));
  // Every OFT ID holds a tilde: a file without one needs no look at its lines.
  if (source.includes('~')) {
    if (frontMatter) opaque.push([0, frontMatter.closingLine]);
    items.push(...readOftItems(lines, { headings, opaque }, ctx, problems));
  }
  return { items: items.sort(compareLocations), problems: problems.sort(compareLocations) };
}

/** The 0-based line where a heading's section ends: the next heading of the same or a higher level. */
function sectionEndLine(headings: readonly Heading[], index: number, lineCount: number): number {
  const level = headings[index]!.level;
  for (let i = index + 1; i < headings.length; i++) {
    if (headings[i]!.level <= level) return headings[i]!.startLine;
  }
  return lineCount;
}

/** The headings and tables of a Markdown text, and where the tables' rows start in their lines. */
interface Blocks {
  readonly headings: Heading[];
  readonly tables: TableBlock[];
  readonly rowStarts: ReadonlyMap<number, number>;
  /** 0-based line ranges of code and HTML blocks (end exclusive). */
  readonly opaque: Array<[number, number]>;
}

/**
 * The headings of a Markdown text, each with the block that follows it, and its tables, read
 * from the token stream as the parser produces it: the tokens of each finished top-level block
 * arrive at once and are then dropped. Reference definitions are skipped, as markdown-it strips
 * them from the tokens it returns.
 */
function collectBlocks(text: string): Blocks {
  const headings: Heading[] = [];
  const tables: TableBlock[] = [];
  const rowStarts = new Map<number, number>();
  const opaque: Array<[number, number]> = [];
  // Headings still waiting for the token after their close, which may come with the next block.
  let waiting: Heading[] = [];
  const take = (tokens: readonly Token[]): void => {
    for (let index = 0; index < tokens.length; index++) {
      const token = tokens[index]!;
      if (token.type === 'reference_definition') continue;
      if (waiting.length > 0) {
        for (const heading of waiting) heading.next = { type: token.type, map: token.map };
        waiting = [];
      }
      if ((token.type === 'fence' || token.type === 'code_block' || token.type === 'html_block') && token.map) {
        opaque.push([token.map[0], token.map[1]]);
        continue;
      }
      if (token.type === 'table_open') {
        index = collectTable(tokens, index, tables);
        continue;
      }
      if (token.type !== 'heading_open' || !token.map) continue;
      let closeIndex = index + 1;
      while (closeIndex < tokens.length && tokens[closeIndex]!.type !== 'heading_close') closeIndex++;
      const heading: Heading = {
        level: Number(token.tag.slice(1)),
        startLine: token.map[0],
        endLine: token.map[1],
        content: tokens[index + 1]?.content ?? '',
      };
      headings.push(heading);
      // A heading_close always follows in the same block; the token after it is looked for from there.
      waiting.push(heading);
      index = closeIndex;
    }
  };
  take(markdown.parse(text, { [SINK]: take, [ROW_STARTS]: rowStarts }));
  return { headings, tables, rowStarts, opaque };
}

/**
 * Adds the table that opens at `tokens[open]` (its header row and body rows, by line) and returns
 * the index of its closing token. A table always arrives whole: it is one block.
 */
function collectTable(tokens: readonly Token[], open: number, tables: TableBlock[]): number {
  const rows: number[] = [];
  let index = open + 1;
  for (; index < tokens.length && tokens[index]!.type !== 'table_close'; index++) {
    const token = tokens[index]!;
    if (token.type === 'tr_open' && token.map) rows.push(token.map[0]);
  }
  if (rows.length > 0) tables.push({ headerLine: rows[0]!, rowLines: rows.slice(1) });
  return index;
}

/** What a heading says: the IDs it starts with, its title, and what is wrong with its ID list. */
export interface HeadingText {
  /** One ID, or several for `H-04 / H-05: Title` and `A, B: Title`; in written order, without repeats. */
  readonly ids: readonly string[];
  readonly title: string;
  /** Set when a `/`, `,` or `&` after an ID is followed by something other than an ID. */
  readonly problem?: string;
}

// Implements: TL-085
/** Separators between an ID and its title: `:`, `|`, dashes, and their full-width forms. */
const TITLE_SEPARATOR = /^\s*(?::|：|\||｜|-+(?=\s|$)|[–—ー－―])?\s*/;

/**
 * Splits heading text into IDs and title, or undefined when it does not start with an ID.
 * Emphasis or code around the ID is dropped (`**REQ-001**`, `**REQ-001:** Title`, `` `REQ-001` ``);
 * more IDs may follow after `/`, `,` or `&` (`H-04 / H-05: Title`); the title separator may be
 * `:`, `-`, `–`, `—`, `|`, a full-width `：`, `｜`, `－` or `ー`, or nothing.
 */
export function parseHeadingText(content: string): HeadingText | undefined {
  let text = content.trim();
  const open = /^(\*\*|__|\*|`)/.exec(text);
  if (open) {
    const marker = open[1]!;
    const close = text.indexOf(marker, marker.length);
    if (close < 0) return undefined;
    text = text.slice(marker.length, close) + text.slice(close + marker.length);
  }
  const word = /^[a-z]+~[A-Za-z0-9._-]+~[0-9]+/.exec(text) ?? /^[A-Za-z0-9_-]+/.exec(text);
  if (!word || !isId(word[0])) return undefined;
  const ids = [word[0]];
  let rest = text.slice(word[0].length);
  let problem: string | undefined;
  // More IDs after `/`, `,` or `&`, each perhaps in emphasis or code like the first.
  for (let separator = /^\s*([/,&])\s*/.exec(rest); separator; separator = /^\s*([/,&])\s*/.exec(rest)) {
    const after = rest.slice(separator[0].length);
    const next = /^(\*\*|__|\*|`)?([A-Za-z0-9_-]+)\1?/.exec(after);
    if (!next || !isId(next[2]!)) {
      problem = `"${separator[1]}" after ${ids[ids.length - 1]} is not followed by an ID: write one ID per heading, or IDs separated by "/", "," or "&" before the title.`;
      rest = ` ${after}`;
      break;
    }
    if (!ids.includes(next[2]!)) ids.push(next[2]!);
    rest = after.slice(next[0].length);
  }
  if (rest !== '' && !/^[\s:|–—：｜ー－―]/.test(rest)) return undefined;
  const title = rest.replace(TITLE_SEPARATOR, '').replace(/\s+/g, ' ').trim();
  return problem === undefined ? { ids, title } : { ids, title, problem };
}

/**
 * Whether a heading's leading ID opens an item: numbered and typed IDs always; joined and named IDs
 * only as the context allows (see {@link ReaderContext.isBareId}), so `## SHA256 support` stays a
 * heading.
 */
function isHeadingId(id: string, ctx: ReaderContext): boolean {
  const shape = idShape(id);
  if (shape === 'numbered' || shape === 'typed') return true;
  return ctx.isBareId?.(id) ?? false;
}

interface AttributeBlock {
  readonly attributes: RawAttribute[];
  /** 0-based line after the block. */
  readonly endLine: number;
}

// Implements: TL-086
/**
 * The attribute block right after a heading: a bullet list or a paragraph in which every line is
 * `key: value`. At least one key must be known (`class`, `status`, `parent`…), so that a prose
 * paragraph such as `Note: …` stays part of the text, and no term value may read as prose (see
 * {@link readsAsProse}). Only this block: a `Status:` line further down is always text.
 */
function findAttributeBlock(block: BlockStart | undefined, lines: readonly string[]): AttributeBlock | undefined {
  if (!block?.map || (block.type !== 'bullet_list_open' && block.type !== 'paragraph_open')) return undefined;
  const listMarker = block.type === 'bullet_list_open';
  const [start, end] = block.map;
  const attributes: RawAttribute[] = [];
  for (let i = start; i < end; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    const attribute = parseAttributeLine(line, i + 1, listMarker);
    if (attribute) {
      attributes.push(attribute);
      continue;
    }
    // In a list, an indented line continues the previous value: `- parent: SYS-1,` then `  SYS-2`,
    // or nested items under `- parent:`. Dropping it would lose links without a word.
    const previous = attributes[attributes.length - 1];
    if (!listMarker || !previous || !/^\s/.test(line)) return undefined;
    attributes[attributes.length - 1] = continueAttribute(previous, line, i + 1);
  }
  if (!attributes.some((attribute) => knownKey(attribute.key) !== undefined)) return undefined;
  // `**Status:** Documented as delegated to the library. …` is prose that starts with a label.
  if (attributes.some((attribute) => readsAsProse(attribute.key, attribute.value))) return undefined;
  return { attributes, endLine: end };
}

/**
 * One `key: value` line: `- class: C`, `* **Class:** C`, `**Parent**: SYS-1` or `status: draft`.
 * `lineNumber` is 1-based. Keys are one word, or a known key of several (`Safety class`).
 */
function parseAttributeLine(line: string, lineNumber: number, listMarker: boolean): RawAttribute | undefined {
  const lead = (listMarker ? /^\s*[-*+][ \t]+/ : /^\s*/).exec(line);
  if (!lead) return undefined;
  let offset = lead[0].length;
  const rest = line.slice(offset);
  const keyMatch = /^(\*\*|__)([^*_:]+?)[ \t]*(?::[ \t]*\1|\1[ \t]*:)/.exec(rest) ?? /^()([A-Za-z][A-Za-z0-9 _-]*?)[ \t]*:/.exec(rest);
  if (!keyMatch) return undefined;
  const key = keyMatch[2]!.trim();
  if (/\s/.test(key) && knownKey(key) === undefined) return undefined;
  offset += keyMatch[0].length;
  const afterKey = line.slice(offset);
  // `https://…` is not a `https` attribute: a value is separated from its colon by space.
  if (afterKey !== '' && !/^\s/.test(afterKey)) return undefined;
  const valueStart = offset + (afterKey.length - afterKey.trimStart().length);
  const value = unwrapInline(line.slice(valueStart).trimEnd());
  const column = valueStart + value.offset + 1;
  return { key, value: value.text, line: lineNumber, column, parts: splitInline(value.text, lineNumber, column) };
}

/** The previous attribute with a continuation line's value (and its positioned parts) added. */
function continueAttribute(previous: RawAttribute, line: string, lineNumber: number): RawAttribute {
  const lead = /^\s*(?:[-*+][ \t]+)?/.exec(line)![0].length;
  const value = unwrapInline(line.slice(lead).trimEnd());
  const column = lead + value.offset + 1;
  return {
    ...previous,
    value: previous.value === '' ? value.text : `${previous.value} ${value.text}`,
    parts: [...previous.parts, ...splitInline(value.text, lineNumber, column)],
  };
}

/** A value without emphasis or code markers around it (`**C**`, `` `draft` ``), and how far it moved. */
function unwrapInline(value: string): { text: string; offset: number } {
  const match = /^(\*\*|__|`)(.+)\1$/.exec(value);
  return match ? { text: match[2]!, offset: match[1]!.length } : { text: value, offset: 0 };
}
