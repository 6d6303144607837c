// Implements: TL-004
/**
 * Markdown files that are one item each: YAML front matter names the item (`id`, or Ketryx's
 * `itemId`) and its attributes, the body is its text. Ketryx relation keys `itemHasParent` and
 * `itemTests` are read as `parent` and `verifies`, `itemType` as `kind`.
 */

import MarkdownIt from 'markdown-it';
import { isMap, type Node } from 'yaml';
import { compareLocations, type FileProblem } from '../model/types';
import { isMarkdownFile } from './fileTypes';
import { splitFrontMatter, type FrontMatter } from './frontMatter';
import type { ReadResult, ReaderContext, RequirementReader } from './types';
import { joinTrimmed, lastNonBlankLine, splitLines, stripBom } from './sourceText';
import { ID_KEYS, readYamlEntry, TITLE_KEYS } from './yaml';
import { findPair, parseYamlSource, type YamlSource } from './yamlSource';

const FORMAT = 'markdown-front-matter';
// Created on first use: most runs read no front matter item, and a full parser is costly to build.
let markdown: InstanceType<typeof MarkdownIt> | undefined;

/** Reads Markdown files whose front matter has an `id` or `itemId`. */
export const markdownFrontMatterReader: RequirementReader = {
  name: FORMAT,
  canRead: (file, text) => isMarkdownFile(file) && frontMatterItem(stripBom(text), file) !== undefined,
  read: readFrontMatterItem,
};

interface FrontMatterItem {
  readonly frontMatter: FrontMatter;
  readonly source: YamlSource;
  readonly mapping: unknown;
}

/** The front matter when it is a mapping that names an item. */
function frontMatterItem(text: string, file: string): FrontMatterItem | undefined {
  const frontMatter = splitFrontMatter(text);
  if (!frontMatter) return undefined;
  const source = parseYamlSource(frontMatter.yaml, file, frontMatter.yamlStartLine);
  const mapping = source.documents[0]?.contents as Node | null | undefined;
  if (!isMap(mapping) || !findPair(mapping, ID_KEYS)) return undefined;
  return { frontMatter, source, mapping };
}

/** Reads the one item of a front matter file; no items when the front matter names none. */
export function readFrontMatterItem(text: string, ctx: ReaderContext): ReadResult {
  const source = stripBom(text);
  const found = frontMatterItem(source, ctx.file);
  if (!found) return { items: [], problems: [] };
  const { frontMatter } = found;
  const problems: FileProblem[] = [...found.source.problems];
  const item = readYamlEntry(found.source, found.mapping, ctx, FORMAT, problems);
  if (!item) return { items: [], problems: problems.sort(compareLocations) };

  const lines = splitLines(source);
  const bodyStart = frontMatter.bodyStartLine - 1;
  let textStart = bodyStart;
  let title = item.title;
  if (!isMap(found.mapping) || !findPair(found.mapping, TITLE_KEYS)) {
    const heading = firstHeading(frontMatter.body);
    if (heading) {
      title = heading.title;
      // A title heading that opens the body is the title, not part of the statement.
      if (lastNonBlankLine(lines, bodyStart, bodyStart + heading.startLine, -1) < bodyStart) textStart = bodyStart + heading.endLine;
    }
  }
  const lastLine = lastNonBlankLine(lines, bodyStart, lines.length, frontMatter.closingLine - 1);
  return {
    items: [{
      ...item,
      title,
      text: joinTrimmed(lines.slice(textStart)) || item.text,
      endLine: lastLine + 1,
    }],
    problems: problems.sort(compareLocations),
  };
}

/** The body's first heading: its text and 0-based line range within the body. */
function firstHeading(body: string): { title: string; startLine: number; endLine: number } | undefined {
  markdown ??= new MarkdownIt({ html: true });
  const tokens = markdown.parse(body, {});
  const index = tokens.findIndex((token) => token.type === 'heading_open');
  if (index < 0) return undefined;
  const map = tokens[index]!.map ?? [0, 1];
  return { title: (tokens[index + 1]?.content ?? '').replace(/\s+/g, ' ').trim(), startLine: map[0], endLine: map[1] };
}
