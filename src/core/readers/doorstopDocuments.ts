// Implements: TL-115, TL-116
/**
 * Doorstop documents: a folder with a `.doorstop.yml` (`settings: prefix, sep, digits, parent,
 * itemformat`; optional `attributes: defaults, reviewed, publish`) holds one item per file, named
 * by its UID (`REQ001.yml`). A document whose `parent` names another's prefix is its child. The
 * settings are read here once per project, so that each item file can be read alone with its
 * document's settings and child documents (see {@link DoorstopContext}).
 */
import { isMap, isScalar, type Node, type YAMLMap } from 'yaml';
import { compareLocations, type FileProblem } from '../model/types';
import { DOORSTOP_CONFIG, DOORSTOP_SKIP, DOORSTOP_SKIP_ALL, isDoorstopConfig } from './fileTypes';
import { stripBom } from './sourceText';

export { DOORSTOP_CONFIG, isDoorstopConfig };
import { findPair, nodeStart, pairKey, parseYamlSource, scalarText } from './yamlSource';

/** Doorstop's separators between prefix and number (settings.SEP_CHARS), and none. */
const SEPARATORS = ['', '-', '_', '.'];

/** Keys Doorstop accepts under `settings` and under `attributes`; others make Doorstop refuse the document. */
const SETTING_KEYS = ['prefix', 'sep', 'digits', 'parent', 'itemformat'];
const ATTRIBUTE_KEYS = ['defaults', 'reviewed', 'publish'];

/** One Doorstop document's settings: plain data, so that it can key a cache. */
export interface DoorstopDocument {
  /** The `.doorstop.yml`, POSIX relative to the root. */
  readonly file: string;
  /** The document folder, POSIX relative to the root ('' for the root). */
  readonly folder: string;
  readonly prefix: string;
  /** Between prefix and number: '' (Doorstop's default), `-`, `_` or `.`. */
  readonly sep: string;
  /** Digits of new UIDs (Doorstop's default 3); existing UIDs may have any number. */
  readonly digits: number;
  /** The parent document's prefix; absent for a root document. */
  readonly parent?: string;
  /** How items are stored: `yaml` (`REQ001.yml`, the default) or `markdown` (`REQ001.md`, front matter and body). */
  readonly itemformat: 'yaml' | 'markdown';
  /** `attributes.defaults`: values of extended attributes for items that do not state them, as text. */
  readonly defaults?: Readonly<Record<string, string>>;
}

/** What an item file needs to know of the Doorstop tree: its document and that document's children. */
export interface DoorstopContext {
  readonly document: DoorstopDocument;
  /** Documents whose `parent` is this document's prefix, sorted by prefix. */
  readonly children: readonly DoorstopDocument[];
  /**
   * The marker that makes Doorstop skip the document (its folder's `.doorstop.skip`, or a
   * `.doorstop.skip-all` in its folder or above), POSIX relative to the root; absent when it is read.
   */
  readonly skippedBy?: string;
  /** The marker that makes Doorstop skip this (read) document's parent document: a tree Doorstop refuses. */
  readonly parentSkippedBy?: string;
}

/** A `.doorstop.yml` read: the document (undefined when it has no usable prefix) and its problems. */
export interface DoorstopConfigRead {
  readonly document?: DoorstopDocument;
  readonly problems: FileProblem[];
  /** Where `parent` is written (its value), when it is. */
  readonly parentAt?: { readonly line: number; readonly column: number };
}

function folderOf(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash < 0 ? '' : file.slice(0, slash);
}

/**
 * Reads a `.doorstop.yml`. A missing or empty `prefix`, a separator Doorstop does not allow,
 * digits that are no number, an unknown item format and keys Doorstop rejects are problems at
 * their position; the document is still returned when it has a prefix.
 */
export function readDoorstopConfig(text: string, file: string): DoorstopConfigRead {
  const source = parseYamlSource(stripBom(text), file);
  const problems: FileProblem[] = [...source.problems];
  const at = (node: unknown, fallback = 0): { line: number; column: number } => source.position(nodeStart(node) ?? fallback);
  const problem = (node: unknown, message: string): void => {
    problems.push({ file, ...at(node), message });
  };
  const root = source.documents[0]?.contents as Node | null | undefined;
  if (source.documents[0]?.errors.length) return { problems: problems.sort(compareLocations) };
  if (!isMap(root)) {
    problems.push({ file, line: 1, column: 1, message: 'A Doorstop document configuration must be a mapping with `settings:` (prefix, sep, digits).' });
    return { problems };
  }
  const settingsPair = findPair(root, ['settings']);
  const settings = settingsPair?.value;
  if (!isMap(settings)) {
    problem(settingsPair?.key ?? root, 'A Doorstop document configuration needs `settings:` with at least a `prefix`.');
    return { problems: problems.sort(compareLocations) };
  }
  for (const pair of settings.items) {
    const key = pairKey(pair);
    if (key !== undefined && !SETTING_KEYS.includes(key)) problem(pair.key, `Unknown Doorstop document setting "${key}": expected ${SETTING_KEYS.join(', ')}.`);
  }
  const value = (key: string): { text: string | undefined; node: unknown; pair: unknown } => {
    const pair = settings.items.find((p) => pairKey(p) === key);
    return { text: pair ? scalarText(pair.value)?.trim() : undefined, node: pair?.value ?? pair?.key, pair };
  };

  const prefix = value('prefix');
  // Doorstop keeps the first word of a prefix (`Prefix.load_prefix`).
  const prefixText = prefix.text?.split(' ', 1)[0] ?? '';
  if (prefixText === '') problem(prefix.pair ? prefix.node : settingsPair!.key, 'A Doorstop document needs a `prefix` in `settings` (like `prefix: REQ`).');

  const sep = value('sep');
  let sepText = sep.text ?? '';
  if (!SEPARATORS.includes(sepText)) {
    problem(sep.node, `Doorstop's separator \`sep\` must be empty, "-", "_" or ".", not "${sepText}".`);
    sepText = '';
  }
  const digits = value('digits');
  let digitsValue = 3;
  if (digits.pair) {
    if (digits.text !== undefined && /^[0-9]+$/.test(digits.text)) digitsValue = Number(digits.text);
    else problem(digits.node, `Doorstop's \`digits\` must be a whole number, not "${digits.text ?? ''}".`);
  }
  const parent = value('parent');
  const parentText = parent.text?.split(' ', 1)[0] ?? '';
  const itemformat = value('itemformat');
  let format: 'yaml' | 'markdown' = 'yaml';
  if (itemformat.text === 'markdown') format = 'markdown';
  else if (itemformat.pair && itemformat.text !== 'yaml') problem(itemformat.node, `Doorstop's \`itemformat\` must be "yaml" or "markdown", not "${itemformat.text ?? ''}".`);

  const defaults = readAttributes(root, problem);
  if (prefixText === '') return { problems: problems.sort(compareLocations) };
  return {
    ...(parentText !== '' ? { parentAt: at(parent.node) } : {}),
    document: {
      file, folder: folderOf(file), prefix: prefixText, sep: sepText, digits: digitsValue,
      ...(parentText !== '' ? { parent: parentText } : {}),
      itemformat: format,
      ...(defaults ? { defaults } : {}),
    },
    problems: problems.sort(compareLocations),
  };
}

/** `attributes:`: the extended attribute defaults as text (lists joined with `, `), and unknown keys as problems. */
function readAttributes(root: YAMLMap, problem: (node: unknown, message: string) => void): Record<string, string> | undefined {
  const attributes = findPair(root, ['attributes'])?.value;
  if (!isMap(attributes)) return undefined;
  let defaults: Record<string, string> | undefined;
  for (const pair of attributes.items) {
    const key = pairKey(pair);
    if (key === undefined) continue;
    if (!ATTRIBUTE_KEYS.includes(key)) {
      problem(pair.key, `Unknown Doorstop attributes entry "${key}": expected ${ATTRIBUTE_KEYS.join(', ')}.`);
    } else if (key === 'defaults' && isMap(pair.value)) {
      defaults = {};
      for (const entry of pair.value.items) {
        const name = pairKey(entry);
        if (name === undefined) continue;
        const text = scalarText(entry.value);
        defaults[name] = text ?? textOf(entry.value as Node);
      }
    }
  }
  return defaults;
}

/** A collection as an attribute's text: a list of scalars joined with `, `, anything else as JSON. */
export function textOf(node: Node | null | undefined): string {
  const value = node?.toJSON() as unknown;
  if (Array.isArray(value) && value.every((element) => element === null || typeof element !== 'object')) return value.map(String).join(', ');
  return JSON.stringify(value ?? null);
}

// Implements: TL-240
/**
 * The marker that makes Doorstop skip a document in `folder`, among the `markers` given: the
 * folder's own `.doorstop.skip` (that document only: documents in folders below are still read),
 * else the nearest `.doorstop.skip-all` in the folder or above it (Doorstop's builder does not
 * walk into such a folder, so no document in or below it is read).
 */
export function skipMarkerOf(folder: string, markers: ReadonlySet<string>): string | undefined {
  const own = folder === '' ? DOORSTOP_SKIP : `${folder}/${DOORSTOP_SKIP}`;
  if (markers.has(own)) return own;
  for (let at = folder; ; at = folderOf(at)) {
    const all = at === '' ? DOORSTOP_SKIP_ALL : `${at}/${DOORSTOP_SKIP_ALL}`;
    if (markers.has(all)) return all;
    if (at === '') return undefined;
  }
}

/**
 * The documents of a project and which document each item file belongs to: the nearest folder
 * above it with a `.doorstop.yml` (a folder with its own is another document, as in Doorstop).
 * A skipped document (see {@link skipMarkerOf}) still owns its folder's files, so that they are
 * never taken for items of the document above, but it is nobody's child document.
 */
export class DoorstopTree {
  private readonly byFolder = new Map<string, DoorstopDocument>();
  private readonly children = new Map<string, DoorstopDocument[]>();
  private readonly skips = new Map<DoorstopDocument, string>();
  /** Documents by prefix, lower-cased as Doorstop compares them. */
  private readonly byPrefix = new Map<string, DoorstopDocument>();

  /** `markers`: the paths of the Doorstop skip markers among the requirement files. */
  constructor(documents: Iterable<DoorstopDocument>, markers: Iterable<string> = []) {
    const sorted = [...documents].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    const markerSet = new Set(markers);
    for (const document of sorted) {
      this.byFolder.set(document.folder, document);
      if (!this.byPrefix.has(document.prefix.toLowerCase())) this.byPrefix.set(document.prefix.toLowerCase(), document);
      const marker = markerSet.size === 0 ? undefined : skipMarkerOf(document.folder, markerSet);
      if (marker !== undefined) this.skips.set(document, marker);
    }
    for (const document of sorted) {
      if (document.parent === undefined || this.skips.has(document)) continue;
      // Doorstop compares prefixes case-insensitively.
      const key = document.parent.toLowerCase();
      const list = this.children.get(key);
      if (list) list.push(document);
      else this.children.set(key, [document]);
    }
    for (const list of this.children.values()) list.sort((a, b) => (a.prefix < b.prefix ? -1 : a.prefix > b.prefix ? 1 : 0));
  }

  /** Whether the tree holds no document. */
  get empty(): boolean {
    return this.byFolder.size === 0;
  }

  /** The context of each document, built once: its thousands of item files share it (see contextKey). */
  private readonly contexts = new Map<DoorstopDocument, DoorstopContext>();

  private contextFor(document: DoorstopDocument): DoorstopContext {
    let context = this.contexts.get(document);
    if (!context) {
      const skippedBy = this.skips.get(document);
      const parentSkippedBy = skippedBy === undefined ? this.parentSkip(document) : undefined;
      context = {
        document, children: this.children.get(document.prefix.toLowerCase()) ?? [],
        ...(skippedBy !== undefined ? { skippedBy } : {}),
        ...(parentSkippedBy !== undefined ? { parentSkippedBy } : {}),
      };
      this.contexts.set(document, context);
    }
    return context;
  }

  /** The marker that skips a document's parent document, if it has one and it is skipped. */
  private parentSkip(document: DoorstopDocument): string | undefined {
    const parent = document.parent === undefined ? undefined : this.byPrefix.get(document.parent.toLowerCase());
    return parent && this.skips.get(parent);
  }

  /**
   * The document a file belongs to, with its children; undefined outside every document and for
   * the `.doorstop.yml` of a document that is read (it is configuration, read alone). The
   * `.doorstop.yml` of a skipped document, or of one whose parent is skipped, has the context that
   * says so.
   */
  contextOf(file: string): DoorstopContext | undefined {
    if (this.byFolder.size === 0) return undefined;
    if (isDoorstopConfig(file)) {
      const document = this.byFolder.get(folderOf(file));
      return document && (this.skips.has(document) || this.parentSkip(document) !== undefined) ? this.contextFor(document) : undefined;
    }
    for (let folder = folderOf(file); ; folder = folderOf(folder)) {
      const document = this.byFolder.get(folder);
      if (document) return this.contextFor(document);
      if (folder === '') return undefined;
    }
  }
}

/** Whether a scalar node is a YAML null (`~`, `null` or nothing). */
export function isNullNode(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null);
}

/**
 * The tree of the `.doorstop.yml` files given (path and text) and of Doorstop's skip markers among
 * the requirement files. A file without a prefix adds no document, unless a marker skips it: then
 * it still owns its folder (with Doorstop's defaults), as Doorstop never reads it to complain.
 */
export function doorstopTree(configs: Iterable<readonly [string, string]>, markers: Iterable<string> = []): DoorstopTree {
  const markerSet = new Set(markers);
  const documents: DoorstopDocument[] = [];
  for (const [file, text] of configs) {
    const { document } = readDoorstopConfig(text, file);
    if (document) documents.push(document);
    else if (markerSet.size > 0 && skipMarkerOf(folderOf(file), markerSet) !== undefined) {
      documents.push({ file, folder: folderOf(file), prefix: '', sep: '', digits: 3, itemformat: 'yaml' });
    }
  }
  return new DoorstopTree(documents, markerSet);
}
