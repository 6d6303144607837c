// Implements: TL-007
/**
 * The common shape of requirement file readers, and the choice of reader for a file.
 * Readers are pure: text in, items and problems out. They never throw on bad input, because one
 * malformed file must not hide the items of every other file.
 */

import type { FileProblem, Item, ItemKind } from '../model/types';
import { markdownFrontMatterReader } from './markdownFrontMatter';
import { markdownHeadingReader } from './markdownHeadings';
import { yamlReader } from './yaml';

export { isMarkdownFile, isYamlFile } from './fileTypes';

/** What a reader needs to know besides the text. */
export interface ReaderContext {
  /** POSIX path relative to the root, copied into every item, link and problem. */
  readonly file: string;
  /** Prefix → kind, supplied by the engine from the configuration. */
  readonly kindOf: (id: string) => ItemKind;
}

/** Items found in one file, in file order, and problems that make the file (partly) unreadable. */
export interface ReadResult {
  readonly items: Item[];
  readonly problems: FileProblem[];
}

/** One requirement file format. */
export interface RequirementReader {
  /** Stable name, copied into {@link Item.format}. */
  readonly name: string;
  /** Whether this reader handles the file (by its name, and for Markdown by its front matter). */
  canRead(file: string, text: string): boolean;
  read(text: string, ctx: ReaderContext): ReadResult;
}

/** Readers in order of preference: front matter items win over headings in the same Markdown file. */
export const READERS: readonly RequirementReader[] = [markdownFrontMatterReader, markdownHeadingReader, yamlReader];

/** The reader for a file, or undefined when no reader handles its extension. */
export function readerFor(file: string, text: string): RequirementReader | undefined {
  return READERS.find((reader) => reader.canRead(file, text));
}

/**
 * Reads one requirement file with the reader that fits it: `.md`/`.markdown` with front matter
 * naming an `id` (or `itemId`) is one item; other Markdown files hold one item per ID heading;
 * `.yml`/`.yaml` files are YAML items. Other extensions yield nothing (callers should not pass
 * them). Never throws.
 */
export function readRequirementFile(text: string, ctx: ReaderContext): ReadResult {
  const reader = readerFor(ctx.file, text);
  if (!reader) return { items: [], problems: [] };
  try {
    return reader.read(text, ctx);
  } catch (error) {
    // A reader bug must surface as a finding on this file rather than abort the whole check.
    return { items: [], problems: [{ file: ctx.file, line: 1, column: 1, message: `Cannot read file: ${(error as Error).message}` }] };
  }
}
