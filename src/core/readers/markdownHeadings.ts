// Implements: TL-003
/**
 * Markdown files with one item per heading: a heading whose text starts with an ID
 * (`## REQ-001: Title`, `REQ-001 — Title`, `**REQ-001** Title`) opens an item. An attribute list
 * may follow directly (`- class: C` items or a paragraph of `key: value` lines); the item's text
 * runs to the next heading of the same or a higher level. Headings are found with markdown-it, so
 * `#` lines in code blocks, HTML blocks and front matter are never items.
 */

import MarkdownIt from 'markdown-it';
import { idShape, isId } from '../model/ids';
import { compareLocations, type FileProblem, type Item } from '../model/types';
import { interpretAttributes, knownKey, splitInline, type RawAttribute } from './attributes';
import { isMarkdownFile } from './fileTypes';
import { maskFrontMatter, splitFrontMatter } from './frontMatter';
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

/** Reads Markdown files with one item per ID heading. */
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
  const headings = collectHeadings(maskFrontMatter(source, frontMatter));
  const items: Item[] = [];

  headings.forEach((heading, index) => {
    const parsed = parseHeadingText(heading.content);
    if (!parsed || !isHeadingId(parsed.id, ctx)) return;
    const sectionEnd = sectionEndLine(headings, index, lines.length);

    const idLine = lines[heading.startLine] ?? '';
    const idIndex = Math.max(0, indexOfId(idLine, parsed.id));
    const attributeBlock = findAttributeBlock(heading.next, lines);
    const textStart = attributeBlock ? attributeBlock.endLine : heading.endLine;
    const { kind, ...fields } = interpretAttributes(attributeBlock?.attributes ?? [], ctx.file, problems);
    const lastLine = lastNonBlankLine(lines, heading.startLine, sectionEnd, heading.startLine);

    items.push({
      file: ctx.file,
      line: heading.startLine + 1,
      column: idIndex + 1,
      endLine: lastLine + 1,
      endColumn: idIndex + 1 + parsed.id.length,
      id: parsed.id,
      kind: kind ?? ctx.kindOf(parsed.id),
      title: parsed.title,
      text: joinTrimmed(lines.slice(textStart, sectionEnd)),
      ...fields,
      format: FORMAT,
    });
  });
  return { items, problems: problems.sort(compareLocations) };
}

/** The 0-based line where a heading's section ends: the next heading of the same or a higher level. */
function sectionEndLine(headings: readonly Heading[], index: number, lineCount: number): number {
  const level = headings[index]!.level;
  for (let i = index + 1; i < headings.length; i++) {
    if (headings[i]!.level <= level) return headings[i]!.startLine;
  }
  return lineCount;
}

/**
 * The headings of a Markdown text, each with the block that follows it, read from the token
 * stream as the parser produces it: the tokens of each finished top-level block arrive at once
 * and are then dropped. Reference definitions are skipped, as markdown-it strips them from the
 * tokens it returns.
 */
function collectHeadings(text: string): Heading[] {
  const headings: Heading[] = [];
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
  take(markdown.parse(text, { [SINK]: take }));
  return headings;
}

/**
 * Splits heading text into ID and title, or undefined when it does not start with an ID.
 * Emphasis or code around the ID is dropped (`**REQ-001**`, `**REQ-001:** Title`, `` `REQ-001` ``);
 * the separator may be `:`, `-`, `–`, `—`, `|` or nothing.
 */
export function parseHeadingText(content: string): { id: string; title: string } | undefined {
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
  const rest = text.slice(word[0].length);
  if (rest !== '' && !/^[\s:|–—]/.test(rest)) return undefined;
  const title = rest.replace(/^\s*(?::|\||-+(?=\s|$)|[–—])?\s*/, '').replace(/\s+/g, ' ').trim();
  return { id: word[0], title };
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

/**
 * The attribute block right after a heading: a bullet list or a paragraph in which every line is
 * `key: value`. At least one key must be known (`class`, `status`, `parent`…), so that a prose
 * paragraph such as `Note: …` stays part of the text.
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
