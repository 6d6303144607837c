/**
 * The common shape of requirement file readers. Readers are pure: text in, items and problems out.
 * They never throw on bad input, because one malformed file must not hide the items of every other
 * file. Readers import this module, never the registry (index.ts) that imports them.
 */
import type { ReqifSettings, TableField } from '../config/types';
import type { FileProblem, Item, ItemKind } from '../model/types';

/** What a reader needs to know besides the text. */
export interface ReaderContext {
  /** POSIX path relative to the root, copied into every item, link and problem. */
  readonly file: string;
  /** Prefix → kind, supplied by the engine from the configuration. */
  readonly kindOf: (id: string) => ItemKind;
  /** Markdown table header names (normalised) → field, from the configuration, over the built-in names. */
  readonly tableColumns?: Readonly<Record<string, TableField>>;
  /**
   * Whether a joined (`REQ001`) or named (`FE_DEF`) ID opens an item where nothing but its shape
   * says it is an ID, such as a Markdown heading; without it such IDs do so only in ID fields.
   */
  readonly isBareId?: (id: string) => boolean;
  /** The config's `reqif` settings, for the ReqIF reader. */
  readonly reqif?: ReqifSettings;
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
  /**
   * Reads the file from its bytes, for formats that are not text (a `.reqifz` archive). A reader
   * with it is chosen by the file's name alone and always given the bytes when they are at hand.
   */
  readBytes?(bytes: Uint8Array, ctx: ReaderContext): ReadResult;
}
