/**
 * The common shape of requirement file readers. Readers are pure: text in, items and problems out.
 * They never throw on bad input, because one malformed file must not hide the items of every other
 * file. Readers import this module, never the registry (index.ts) that imports them.
 */
import type { ReqifSettings, TableField } from '../config/types';
import type { FileProblem, Item, ItemKind, Relation, SkippedFile } from '../model/types';
import type { DoorstopContext } from './doorstopDocuments';
import type { NeedExtend, NeedImport } from './needDirectives';

/** What a reader needs to know besides the text. */
export interface ReaderContext {
  /** POSIX path relative to the root, copied into every item, link and problem. */
  readonly file: string;
  /** Prefix → kind, supplied by the engine from the configuration. */
  readonly kindOf: (id: string) => ItemKind;
  /**
   * The kind a configured prefix gives the ID, or undefined when none does (where `kindOf` says
   * `requirement`): for readers that report items whose kind nothing says. Absent: none is known.
   */
  readonly prefixKind?: (id: string) => ItemKind | undefined;
  /** Markdown table header names (normalised) → field, from the configuration, over the built-in names. */
  readonly tableColumns?: Readonly<Record<string, TableField>>;
  /**
   * Whether a joined (`REQ001`) or named (`FE_DEF`) ID opens an item where nothing but its shape
   * says it is an ID, such as a Markdown heading; without it such IDs do so only in ID fields.
   */
  readonly isBareId?: (id: string) => boolean;
  /**
   * OpenFastTrace artifact types of coverage tags → relation, from the configuration: what a
   * `Needs:` of that type asks for. Absent: the built-in types.
   */
  readonly artifactTypes?: Readonly<Record<string, Relation>>;
  /** sphinx-needs type kinds and link types, from the configuration and ubproject.toml. */
  readonly needs?: NeedSettings;
  /**
   * The Doorstop document the file lies in, with its child documents, when the project has
   * `.doorstop.yml` files among its requirement files (see readers/doorstopDocuments.ts).
   */
  readonly doorstop?: DoorstopContext;
  /** The config's `reqif` settings, for the ReqIF reader. */
  readonly reqif?: ReqifSettings;
}

/** sphinx-needs settings the readers need (see sphinxNeedTypes.ts): plain data, so that it goes into cache keys. */
export interface NeedSettings {
  /** Type (directive name, lower case) → kind, for types whose kind is known. */
  readonly typeKinds: Readonly<Record<string, ItemKind>>;
  /** Option names of declared link types (lower case), besides `links` and `parent_needs`. */
  readonly linkOptions: readonly string[];
  /** The types ubproject.toml declares (directive names, lower case, sorted); absent when it declares none. */
  readonly types?: readonly string[];
}

/** Items found in one file, in file order, and problems that make the file (partly) unreadable. */
export interface ReadResult {
  readonly items: Item[];
  readonly problems: FileProblem[];
  /** sphinx-needs `needextend` directives of the file: applied to the whole project's needs (needExtend.ts). */
  readonly needExtends?: NeedExtend[];
  /** sphinx-needs `needimport` directives of the file: resolved against other files (needImport.ts). */
  readonly needImports?: NeedImport[];
  /** The files this file's needimports read, once resolved: their own reads are dropped (needImport.ts). */
  readonly imported?: string[];
  /** Why the file was deliberately not read (a document Doorstop skips); reported as a skipped file. */
  readonly skipped?: Omit<SkippedFile, 'file'>;
  /** The files a StrictDoc document includes, in file order; absent when it includes none. */
  readonly includes?: readonly SdocInclude[];
}

/** A StrictDoc `[DOCUMENT_FROM_FILE]` (or older `[FRAGMENT_FROM_FILE]`) of the file read, at its `FILE` value. */
export interface SdocInclude {
  readonly line: number;
  readonly column: number;
  readonly directive: 'DOCUMENT_FROM_FILE' | 'FRAGMENT_FROM_FILE';
  /** The `FILE` value as written. */
  readonly written: string;
  /** The included file, POSIX relative to the root; absent when the path leaves the project. */
  readonly target?: string;
}

/** One requirement file format. */
export interface RequirementReader {
  /** Stable name, copied into {@link Item.format}. */
  readonly name: string;
  /**
   * Whether this reader handles the file (by its name, for Markdown by its front matter, for
   * Doorstop by the document the context places it in).
   */
  canRead(file: string, text: string, ctx?: ReaderContext): boolean;
  read(text: string, ctx: ReaderContext): ReadResult;
  /**
   * Reads the file from its bytes, for formats that are not text (a `.reqifz` archive). A reader
   * with it is chosen by the file's name alone and always given the bytes when they are at hand.
   */
  readBytes?(bytes: Uint8Array, ctx: ReaderContext): ReadResult;
}
