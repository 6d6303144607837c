// Implements: TL-007
/**
 * The registry of requirement file readers: which reader reads a file, and reading a project's
 * requirement files. A new format is a reader module beside this one, added to {@link READERS}.
 */
import type { TracelensConfig } from '../config/types';
import { contentHash } from '../cache/contentHash';
import { absoluteFromPosix, type FileSystem } from '../files/fileSystem';
import { idPrefix, idShape, kindPrefixes, normalPrefix } from '../model/ids';
import { compareLocations, type FileProblem, type Item, type ItemKind, type SkippedFile } from '../model/types';
import { doorstopReader } from './doorstop';
import { doorstopTree, isDoorstopConfig, type DoorstopContext, type DoorstopTree } from './doorstopDocuments';
import { isDoorstopSkipFile } from './fileTypes';
import { strictdocIncludeProblems } from './strictdocIncludes';
import { markdownFrontMatterReader } from './markdownFrontMatter';
import { markdownHeadingReader } from './markdownHeadings';
import { mystNeedsReader } from './mystNeeds';
import { needsJsonReader } from './needsJson';
import { resolveNeedImports } from './needImport';
import { placeNeedsJsonItems } from './needsJsonSources';
import { combineRequirementReads } from './needsProject';
import { needSettings } from './sphinxNeedTypes';
import { sphinxNeedsReader } from './sphinxNeeds';
import { reqifReader } from './reqif';
import type { ReadResult, ReaderContext, RequirementReader } from './types';
import { strictdocReader } from './strictdoc';
import { yamlReader } from './yaml';

export type { ReadResult, ReaderContext, RequirementReader } from './types';

export { isMarkdownFile, isYamlFile } from './fileTypes';

/**
 * Readers in order of preference: Doorstop wins for the files of a Doorstop document (and the
 * `.doorstop.yml` files), a Markdown file holding sphinx-needs needs in MyST is read for them (and
 * its Markdown items are reported, not read: mystNeeds.ts), front matter items win over headings
 * in the same Markdown file.
 */
export const READERS: readonly RequirementReader[] = [doorstopReader, mystNeedsReader, markdownFrontMatterReader, markdownHeadingReader, yamlReader, strictdocReader, sphinxNeedsReader, needsJsonReader, reqifReader];

/** The reader for a file, or undefined when no reader handles its extension. */
export function readerFor(file: string, text: string, ctx?: ReaderContext): RequirementReader | undefined {
  return READERS.find((reader) => reader.canRead(file, text, ctx));
}

/**
 * Reads one requirement file with the reader that fits it: `.md`/`.markdown` holding MyST need
 * directives is a sphinx-needs document; with front matter naming an `id` (or `itemId`) is one item; other Markdown files hold one item per ID heading;
 * `.yml`/`.yaml` files are YAML items; `.sdoc` files are StrictDoc documents; `.rst` files hold
 * sphinx-needs needs, and a `needs.json` is a sphinx-needs export. Other extensions yield nothing
 * (callers should not pass them). Never throws.
 */
export function readRequirementFile(text: string, ctx: ReaderContext): ReadResult {
  const reader = readerFor(ctx.file, text, ctx);
  if (!reader) return { items: [], problems: [] };
  return guarded(ctx.file, () => reader.read(text, ctx));
}

// Implements: TL-132
/**
 * Reads one requirement file from its bytes: a reader of a format that is not text (a `.reqifz`
 * archive) gets the bytes, every other reader the UTF-8 text. Never throws.
 */
export function readRequirementBytes(bytes: Uint8Array, ctx: ReaderContext): ReadResult {
  const binary = READERS.find((reader) => reader.readBytes !== undefined && reader.canRead(ctx.file, ''));
  if (!binary) return readRequirementFile(decoder.decode(bytes), ctx);
  return guarded(ctx.file, () => binary.readBytes!(bytes, ctx));
}

/** Whether a file is read from its bytes (see {@link RequirementReader.readBytes}), never from an editor's text. */
export function readsBytes(file: string): boolean {
  return READERS.some((reader) => reader.readBytes !== undefined && reader.canRead(file, ''));
}

function guarded(file: string, read: () => ReadResult): ReadResult {
  try {
    return read();
  } catch (error) {
    // A reader bug must surface as a finding on this file rather than abort the whole check.
    return { items: [], problems: [{ file, line: 1, column: 1, message: `Cannot read file: ${(error as Error).message}` }] };
  }
}

const decoder = new TextDecoder('utf-8');

// Implements: TL-093
/**
 * Maps an ID to its kind through the configured prefixes, the longest matching prefix first
 * (`SDOC-SSS-3` is a system requirement when `SDOC-SSS` says so, whatever `SDOC` says); `-` and
 * `_` are one separator. Unknown prefixes are requirements.
 */
export function kindResolver(config: TracelensConfig): (id: string) => ItemKind {
  const prefixKind = prefixKindResolver(config);
  return (id) => prefixKind(id) ?? 'requirement';
}

/** The kind the configured prefixes give an ID (as {@link kindResolver}), or undefined when no prefix of it is configured. */
export function prefixKindResolver(config: TracelensConfig): (id: string) => ItemKind | undefined {
  const kinds = new Map<string, ItemKind>();
  for (const [prefix, kind] of Object.entries(config.prefixes)) kinds.set(normalPrefix(prefix), kind);
  return (id) => {
    for (const prefix of kindPrefixes(id)) {
      const kind = kinds.get(prefix);
      if (kind) return kind;
    }
    return undefined;
  };
}

// Implements: TL-094
/**
 * Whether an ID whose shape prose shares stands for an item where only its shape says so (a
 * Markdown heading): a joined ID (`REQ001`) when its prefix is configured (defaults included), a
 * named ID (`FE_DEF`) when `namedIdPrefixes` declares its family. `## SHA256 support` and
 * `## API_KEYS` stay headings; numbered and typed IDs are always IDs.
 */
export function bareIdFilter(config: TracelensConfig): (id: string) => boolean {
  const named = (config.namedIdPrefixes ?? []).map(normalPrefix);
  return (id) => {
    switch (idShape(id)) {
      case 'joined': return Object.prototype.hasOwnProperty.call(config.prefixes, idPrefix(id));
      case 'named': return named.some((prefix) => normalPrefix(id).startsWith(`${prefix}-`));
      case undefined: return false;
      default: return true;
    }
  };
}

/**
 * What the readers need from the configuration (and, for a file of a Doorstop document, from the
 * project's Doorstop tree) to read `file`.
 */
export function readerContext(config: TracelensConfig, file: string, tree?: DoorstopTree): ReaderContext {
  const doorstop = tree?.contextOf(file);
  return {
    file, kindOf: kindResolver(config), prefixKind: prefixKindResolver(config), isBareId: bareIdFilter(config), needs: needSettings(config),
    ...(config.tableColumns ? { tableColumns: config.tableColumns } : {}),
    ...(config.artifactTypes ? { artifactTypes: config.artifactTypes } : {}),
    ...(config.reqif ? { reqif: config.reqif } : {}),
    ...(doorstop ? { doorstop } : {}),
  };
}

/** What else than a file's text and the configuration decides its items: its Doorstop document and that document's children. */
export function contextKey(ctx: ReaderContext): string {
  if (!ctx.doorstop) return '';
  let key = contextKeys.get(ctx.doorstop);
  if (key === undefined) contextKeys.set(ctx.doorstop, key = JSON.stringify(ctx.doorstop));
  return key;
}

/** The key of each Doorstop context, written once: a tree gives all files of a document the same context. */
const contextKeys = new WeakMap<DoorstopContext, string>();

/** Requirement files read, with their items and problems, and those deliberately not read. */
export interface RequirementSet {
  readonly items: Item[];
  readonly problems: FileProblem[];
  /** Files sphinx-needs needimports read (sorted), which the requirement globs may not list. */
  readonly imported: readonly string[];
  /** Files not read, and why (the files of a document Doorstop skips), sorted by file. */
  readonly skipped: SkippedFile[];
}

/** The skipped files among read results, sorted by file. */
export function skippedRequirementFiles(results: Iterable<readonly [string, ReadResult]>): SkippedFile[] {
  const skipped: SkippedFile[] = [];
  for (const [file, result] of results) if (result.skipped) skipped.push({ file, ...result.skipped });
  return skipped.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** Remembers parsed requirement files by content, so unchanged files are not parsed again. */
export interface RequirementCache {
  getRequirements(file: string, hash: string, configKey: string): ReadResult | undefined;
  setRequirements(file: string, hash: string, configKey: string, result: ReadResult): void;
}

// Implements: TL-116
/**
 * Reads requirement files. One malformed file never hides the others: its problems are returned.
 * The `.doorstop.yml` files among them are read first: they say which files are Doorstop items and
 * how (prefix, separator, item format, child documents).
 */
export async function readRequirements(fs: FileSystem, root: string, files: readonly string[], config: TracelensConfig, cache?: RequirementCache): Promise<RequirementSet> {
  const base = readerContext(config, '');
  // What else than the text decides the items: the prefix → kind table, the named families, the
  // table column names, the sphinx-needs types and link types, and (when configured) the artifact
  // types OpenFastTrace needs map onto; for a Doorstop item, its document (see contextKey).
  const key: unknown[] = [config.prefixes, config.namedIdPrefixes ?? [], config.tableColumns ?? {}, base.needs];
  if (config.artifactTypes) key.push(config.artifactTypes);
  // The ReqIF settings only when set, so that other keys stay as they were.
  if (config.reqif) key.push({ reqif: config.reqif });
  const configKey = JSON.stringify(key);
  const read = (file: string): Promise<Uint8Array | Error> => fs.readFile(absoluteFromPosix(root, file)).catch((error: Error) => error);
  const configs = new Map<string, Uint8Array | Error>();
  await Promise.all(files.filter(isDoorstopConfig).map(async (file) => configs.set(file, await read(file))));
  // Implements: TL-240
  const tree = doorstopTree([...configs].flatMap(([file, bytes]) => (bytes instanceof Error ? [] : [[file, decoder.decode(bytes)] as const])), files.filter(isDoorstopSkipFile));
  const results = await Promise.all(files.map(async (file) => {
    const bytes = configs.get(file) ?? await read(file);
    if (bytes instanceof Error) return { items: [], problems: [{ file, line: 1, column: 1, message: `cannot read file: ${bytes.message}` }] };
    const doorstop = tree.contextOf(file);
    const context: ReaderContext = { ...base, file, ...(doorstop ? { doorstop } : {}) };
    const fileKey = doorstop ? `${configKey}${contextKey(context)}` : configKey;
    const hash = cache ? contentHash(bytes) : '';
    let result = cache?.getRequirements(file, hash, fileKey);
    if (!result) {
      result = readRequirementBytes(bytes, context);
      cache?.setRequirements(file, hash, fileKey, result);
    }
    // Where a needs.json need is written, and what a needimport brings in, depend on other files,
    // so they are never cached.
    return resolveNeedImports(fs, root, await placeNeedsJsonItems(fs, root, file, result), context);
  }));
  const byFile = files.map((file, index) => [file, results[index]!] as const);
  const combined = combineRequirementReads(byFile, base.needs);
  return {
    items: combined.items,
    // Implements: TL-241
    problems: [...combined.problems, ...strictdocIncludeProblems(byFile)].sort(compareLocations),
    imported: [...new Set(results.flatMap((r) => r.imported ?? []))].sort(),
    skipped: skippedRequirementFiles(byFile),
  };
}
