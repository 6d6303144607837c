// Implements: TL-003
/**
 * Markdown files with one item per heading: a heading whose text starts with an ID
 * (`## REQ-001: Title`, `REQ-001 — Title`, `**REQ-001** Title`) opens an item. An attribute list
 * may follow directly (`- class: C` items or a paragraph of `key: value` lines); the item's text
 * runs to the next heading of the same or a higher level. Headings are found with markdown-it, so
 * `#` lines in code blocks, HTML blocks and front matter are never items.
 */

import MarkdownIt from 'markdown-it';
import { isId } from '../ids';
import { compareLocations, type FileProblem, type Item } from '../model';
import { interpretAttributes, knownKey, splitInline, type RawAttribute } from './attributes';
import { isMarkdownFile } from './fileTypes';
import { maskFrontMatter, splitFrontMatter } from './frontMatter';
import type { ReadResult, ReaderContext, RequirementReader } from './reader';
import { indexOfId, joinTrimmed, lastNonBlankLine, splitLines, stripBom } from './sourceText';
import { parseYamlSource } from './yamlSource';

const FORMAT = 'markdown-headings';
// Block structure is all the reader needs (headings, lists, paragraphs with their line maps):
// inline parsing would double the cost on large requirement files for nothing.
const markdown = new MarkdownIt({ html: true }).disable(['inline', 'linkify', 'replacements', 'smartquotes', 'text_join'], true);

type Token = MarkdownIt.Token;

/** Reads Markdown files with one item per ID heading. */
export const markdownHeadingReader: RequirementReader = {
  name: FORMAT,
  canRead: (file) => isMarkdownFile(file),
  read: readMarkdownHeadings,
};

/** A heading in the token stream, with 0-based line ranges. */
interface Heading {
  readonly level: number;
  readonly startLine: number;
  /** Exclusive: the line after the heading (after the underline for setext headings). */
  readonly endLine: number;
  readonly content: string;
  /** Index of the heading_close token. */
  readonly closeIndex: number;
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
  const tokens = markdown.parse(maskFrontMatter(source, frontMatter), {});
  const headings = collectHeadings(tokens);
  const items: Item[] = [];

  headings.forEach((heading, index) => {
    const parsed = parseHeadingText(heading.content);
    if (!parsed) return;
    const sectionEnd = sectionEndLine(headings, index, lines.length);

    const idLine = lines[heading.startLine] ?? '';
    const idIndex = Math.max(0, indexOfId(idLine, parsed.id));
    const attributeBlock = findAttributeBlock(tokens, heading.closeIndex, lines);
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

function collectHeadings(tokens: readonly Token[]): Heading[] {
  const headings: Heading[] = [];
  tokens.forEach((token, index) => {
    if (token.type !== 'heading_open' || !token.map) return;
    let closeIndex = index + 1;
    while (closeIndex < tokens.length && tokens[closeIndex]!.type !== 'heading_close') closeIndex++;
    headings.push({
      level: Number(token.tag.slice(1)),
      startLine: token.map[0],
      endLine: token.map[1],
      content: tokens[index + 1]?.content ?? '',
      closeIndex,
    });
  });
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
  const word = /^[A-Za-z0-9_-]+/.exec(text);
  if (!word || !isId(word[0])) return undefined;
  const rest = text.slice(word[0].length);
  if (rest !== '' && !/^[\s:|–—]/.test(rest)) return undefined;
  const title = rest.replace(/^\s*(?::|\||-+(?=\s|$)|[–—])?\s*/, '').replace(/\s+/g, ' ').trim();
  return { id: word[0], title };
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
function findAttributeBlock(tokens: readonly Token[], headingClose: number, lines: readonly string[]): AttributeBlock | undefined {
  const block = tokens[headingClose + 1];
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
