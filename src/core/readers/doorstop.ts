// Implements: TL-115, TL-116
/**
 * Doorstop items: one file per item in a document folder, its UID the file name (`REQ001.yml`,
 * `LLT-002.yml`, `SRD_003.md`). YAML items are a mapping of attributes; Markdown items (the
 * document's `itemformat: markdown`) keep them in front matter, the first `# ` heading of the body
 * is the header and the rest the text. `links` name parent items (`- REQ001` or, once reviewed,
 * `- REQ001: <fingerprint>`); in a document of test items they are `verifies` links. `active: false`
 * makes an item inactive, `normative: false` makes it informational (it needs nothing). The
 * document's `.doorstop.yml` is read here too, for its problems only: it is configuration.
 */
import { childNeed } from '../model/needs';
import { isId } from '../model/ids';
import { compareLocations, type FileProblem, type Item, type ItemKind, type ItemLink, type Need } from '../model/types';
import { interpretAttributes, type ItemAttributes, type RawAttribute } from './attributes';
import { isDoorstopConfig, readDoorstopConfig, type DoorstopContext, type DoorstopDocument } from './doorstopDocuments';
import { readItemFields, type ItemField, type ItemFields } from './doorstopFields';
import { isDoorstopSkipFile, isLandingPage, isYamlFile } from './fileTypes';
import { splitFrontMatter } from './frontMatter';
import { firstLineOf, joinTrimmed, lastNonBlankLineOf, splitLines, stripBom } from './sourceText';
import type { ReadResult, ReaderContext, RequirementReader } from './types';

const FORMAT = 'doorstop';

/** Doorstop's own item attributes: kept as written, never given another meaning. */
const STANDARD_KEYS = new Set(['active', 'derived', 'normative', 'level', 'header', 'text', 'links', 'ref', 'references', 'reviewed']);

/** Reads Doorstop items (files of a Doorstop document in its item format), `.doorstop.yml` files and skip markers. */
export const doorstopReader: RequirementReader = {
  name: FORMAT,
  canRead: (file, _text, ctx) => isDoorstopConfig(file) || isDoorstopSkipFile(file) || (ctx?.doorstop !== undefined && isItemFile(file, ctx.doorstop.document)),
  read: readDoorstop,
};

/**
 * Whether a file of a document is in its item format: `.yml`/`.yaml` for YAML items, `.md` for
 * Markdown ones, except a folder's landing page (README.md), which Doorstop skips as no UID.
 */
export function isItemFile(file: string, document: DoorstopDocument): boolean {
  return document.itemformat === 'markdown' ? /\.md$/i.test(file) && !isLandingPage(file) : isYamlFile(file);
}

function readDoorstop(text: string, ctx: ReaderContext): ReadResult {
  // A marker says what is skipped (see DoorstopTree); it holds nothing itself.
  if (isDoorstopSkipFile(ctx.file)) return { items: [], problems: [] };
  if (ctx.doorstop?.skippedBy !== undefined) return skippedFile(ctx.doorstop);
  if (isDoorstopConfig(ctx.file)) return { items: [], problems: configProblems(text, ctx) };
  if (!ctx.doorstop) return { items: [], problems: [] };
  return readDoorstopItem(text, ctx, ctx.doorstop);
}

// Implements: TL-242
/**
 * A `.doorstop.yml`'s problems, and, when its parent document is skipped, that Doorstop refuses
 * the tree (its `parent` is not a document it builds): an error at the `parent` value, so that
 * the links into the skipped document, broken here, are explained where the cause is.
 */
function configProblems(text: string, ctx: ReaderContext): FileProblem[] {
  const read = readDoorstopConfig(text, ctx.file);
  const marker = ctx.doorstop?.parentSkippedBy;
  if (marker === undefined || !read.parentAt || !read.document?.parent) return read.problems;
  const message = `The parent document ${read.document.parent} is skipped by ${marker}: Doorstop refuses a tree in which a document's parent is skipped, and links to ${read.document.parent} items cannot be checked.`;
  return [...read.problems, { file: ctx.file, ...read.parentAt, message }].sort(compareLocations);
}

// Implements: TL-240
/**
 * A file of a document Doorstop skips (its `.doorstop.yml` or an item file): not read, as Doorstop
 * does not read it, and reported as skipped with the marker that says so.
 */
function skippedFile(context: DoorstopContext): ReadResult {
  const { document, skippedBy } = context;
  const name = document.prefix === '' ? `in ${document.folder === '' ? 'the root folder' : document.folder}` : document.prefix;
  return { items: [], problems: [], skipped: { reason: 'doorstop-skip', detail: `Doorstop document ${name} is skipped by ${skippedBy}` } };
}

/** The file name without folder and extension: the item's UID. */
function uidOf(file: string): { uid: string; extension: string } {
  const name = file.slice(file.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return { uid: name.slice(0, dot), extension: name.slice(dot) };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Whether a UID fits its document: the prefix (any case, as Doorstop compares it), the separator,
 * then a number, or with a separator a name (Doorstop's named UIDs, `REQ-LOGIN`).
 */
function fitsDocument(uid: string, document: DoorstopDocument): boolean {
  let pattern = uidPatterns.get(document);
  if (!pattern) {
    const tail = document.sep === '' ? '[0-9]+' : '(?:[0-9]+|[A-Za-z0-9]+)';
    pattern = new RegExp(`^${escapeRegExp(document.prefix)}${escapeRegExp(document.sep)}${tail}$`, 'i');
    uidPatterns.set(document, pattern);
  }
  return pattern.test(uid);
}

/** The UID pattern of each document, built once: a document holds thousands of items. */
const uidPatterns = new WeakMap<DoorstopDocument, RegExp>();

/** The name of a document's next item: `REQ001.yml`. */
function exampleName(document: DoorstopDocument, extension: string): string {
  return `${document.prefix}${document.sep}${'1'.padStart(document.digits, '0')}${extension}`;
}

/** The kind of a document's items, by its prefix (as the kind of any ID). */
function documentKind(document: DoorstopDocument, kindOf: (id: string) => ItemKind): ItemKind {
  return kindOf(`${document.prefix}${document.sep}${'1'.padStart(Math.max(1, document.digits), '0')}`);
}

// Implements: TL-117
/**
 * What the tree asks of an item of a document: with child documents of requirements (not tests),
 * `child:` any of them (Doorstop's own check: a link from at least one child document), and `test`
 * as well when a test document is a child too; otherwise `impl` and `test`. Items of test documents
 * keep their kind's needs (none), as any test item.
 */
export function documentNeeds(context: DoorstopContext, kind: ItemKind, kindOf: (id: string) => ItemKind): Need[] | undefined {
  if (kind === 'test') return undefined;
  const decomposing = context.children.filter((child) => documentKind(child, kindOf) !== 'test');
  const testing = context.children.length > decomposing.length;
  if (decomposing.length === 0) return ['impl', 'test'];
  const child = childNeed(decomposing.map((document) => document.prefix));
  return testing ? [child, 'test'] : [child];
}

/** The attributes of an item file and, for a Markdown item, the header and text of its body. */
interface ParsedItem extends ItemFields {
  readonly body?: { readonly header?: string; readonly text: string };
}

function parseItem(text: string, file: string, markdown: boolean, fields: typeof readItemFields): ParsedItem {
  if (!markdown) return fields(text, file);
  const lines = splitLines(text);
  const frontMatter = splitFrontMatter(text);
  const parsed = fields(frontMatter?.yaml ?? '', file, frontMatter?.yamlStartLine ?? 1);
  // Doorstop's reading of the body: a first non-blank line `# Header` is the header, the rest the text.
  let index = frontMatter ? frontMatter.bodyStartLine - 1 : 0;
  while (index < lines.length && lines[index]!.trim() === '') index++;
  const h1 = /^#\s+(.*)$/.exec(lines[index]?.trim() ?? '');
  const body = joinTrimmed(lines.slice(h1 ? index + 1 : index));
  return { ...parsed, body: { ...(h1 ? { header: h1[1]!.trim() } : {}), text: body } };
}

/**
 * Reads one item file of a Doorstop document. `readFields` reads its attributes (the tests compare the
 * fast path with the `yaml` package through it).
 */
export function readDoorstopItem(text: string, ctx: ReaderContext, context: DoorstopContext, readFields: typeof readItemFields = readItemFields): ReadResult {
  const file = ctx.file;
  const { document } = context;
  const problems: FileProblem[] = [];
  const { uid, extension } = uidOf(file);
  const fits = fitsDocument(uid, document);
  if (!fits) {
    problems.push({
      file, line: 1, column: 1,
      message: `${uid}${extension} is in Doorstop document ${document.prefix} (${document.file}) but does not fit its UIDs: expected a name like ${exampleName(document, extension)} (prefix "${document.prefix}", separator "${document.sep}").`,
    });
  }
  if (!isId(uid)) {
    if (fits) {
      problems.push({
        file, line: 1, column: 1,
        message: `The UID ${uid} (the file name) is no ID Tracelens can trace: expected capitals and digits, with "-", "_" or nothing between prefix and number (like REQ001, REQ-001, SRD_003).`,
      });
    }
    return { items: [], problems };
  }

  const source = stripBom(text);
  const parsed = parseItem(source, file, document.itemformat === 'markdown', readFields);
  problems.push(...parsed.problems);
  if (parsed.notMapping) problems.push({ file, ...parsed.notMapping, message: 'A Doorstop item must be a mapping of attributes (active, links, text…).' });
  // Values next to a syntax error are the parser's guesses: the syntax error is the problem to show.
  const attributeProblems: FileProblem[] = [];
  // The first field of each key, as a lookup would find it.
  const byKey = new Map<string, ItemField>();
  const raw: RawAttribute[] = [];
  const stated = new Set<string>();
  for (const parsedField of parsed.fields) {
    const { key, raw: attribute } = parsedField;
    if (!byKey.has(key)) byKey.set(key, parsedField);
    if (!attribute) continue;
    // Doorstop's own attributes keep no other meaning (written out: a spread here is slow).
    raw.push(STANDARD_KEYS.has(key) ? { key: attribute.key, value: attribute.value, line: attribute.line, column: attribute.column, parts: attribute.parts, meaning: null } : attribute);
    stated.add(attribute.key);
  }
  const field = (key: string): ItemField | undefined => byKey.get(key);
  const fields = interpretAttributes(raw, file, attributeProblems);
  const { kind, needs, status } = fields;
  const fromDefaults = defaultsFor(document, stated, file);
  const itemKind = kind ?? fromDefaults.kind ?? ctx.kindOf(uid);

  const links = readLinks(field('links'), itemKind === 'test' ? 'verifies' : 'parent', file, attributeProblems);
  if (!parsed.hasErrors) problems.push(...attributeProblems);

  const active = field('active')?.truthy ?? true;
  const normative = field('normative')?.truthy ?? true;
  // An informational item needs nothing, whatever the document's defaults say; its own `needs:` still wins.
  const itemNeeds = needs ?? (normative ? fromDefaults.needs : []);
  const treeNeeds = documentNeeds(context, itemKind, ctx.kindOf);
  const itemStatus = active ? status ?? fromDefaults.status : 'inactive';
  const header = parsed.body?.header ?? field('header')?.text?.replace(/\s+/g, ' ').trim() ?? '';
  const statement = parsed.body ? parsed.body.text : (field('text')?.text ?? '').trim();
  // A heading (an informational item without header) is titled by its text's first line, as Doorstop publishes it.
  const title = header !== '' || normative ? header : (statement.split('\n', 1)[0] ?? '').replace(/^#+\s*/, '').trim();

  const item: Item = {
    file,
    line: 1,
    column: 1,
    endLine: lastNonBlankLineOf(source) + 1,
    // The UID is the file name: the item's range is its file's first line.
    endColumn: Math.max(2, firstLineOf(source).trimEnd().length + 1),
    id: uid,
    kind: itemKind,
    title,
    text: statement,
    ...(fields.safetyClass ?? fromDefaults.safetyClass ? { safetyClass: fields.safetyClass ?? fromDefaults.safetyClass } : {}),
    ...(itemStatus !== undefined ? { status: itemStatus } : {}),
    ...(fields.verification ?? fromDefaults.verification ? { verification: fields.verification ?? fromDefaults.verification } : {}),
    ...(fields.category ?? fromDefaults.category ? { category: fields.category ?? fromDefaults.category } : {}),
    links: [...links, ...fields.links],
    ...(itemNeeds !== undefined ? { needs: itemNeeds } : {}),
    ...(treeNeeds !== undefined ? { documentNeeds: treeNeeds } : {}),
    attributes: withDefaults(fromDefaults.attributes, fields.attributes),
    format: FORMAT,
  };
  return { items: [item], problems: problems.sort(compareLocations) };
}

/**
 * `{ ...defaults, ...own }`, without the spreads, which are slow over records of varying keys.
 * The item's own record is fresh: with no defaults left to add it is used as it is.
 */
function withDefaults(defaults: Readonly<Record<string, string>>, own: Record<string, string>): Record<string, string> {
  const keys = Object.keys(defaults);
  if (keys.length === 0) return own;
  const merged: Record<string, string> = {};
  for (const key of keys) merged[key] = defaults[key]!;
  for (const key of Object.keys(own)) merged[key] = own[key]!;
  return merged;
}

/** What the document's defaults decide, by the default keys an item leaves to them, for each document. */
const interpretedDefaults = new WeakMap<DoorstopDocument, Map<string, ItemAttributes>>();

/**
 * What the document's defaults decide for an item that states `stated`: they fill in extended
 * attributes the item does not state; their values were judged where they are written, in the
 * .doorstop.yml. Interpreted once per document and set of keys left to them (a document holds
 * thousands of items), with the needs placed in `file`.
 */
function defaultsFor(document: DoorstopDocument, stated: ReadonlySet<string>, file: string): ItemAttributes {
  let byKeys = interpretedDefaults.get(document);
  if (!byKeys) interpretedDefaults.set(document, byKeys = new Map());
  const keys = Object.keys(document.defaults ?? {}).filter((key) => !stated.has(key)).join('\n');
  let interpreted = byKeys.get(keys);
  if (!interpreted) byKeys.set(keys, interpreted = interpretAttributes(defaultAttributes(document, stated), '', []));
  return interpreted.needs ? { ...interpreted, needs: interpreted.needs.map((need) => ({ ...need, file })) } : interpreted;
}

/** The document's default extended attributes the item lacks, placed at the file's start. */
function defaultAttributes(document: DoorstopDocument, stated: ReadonlySet<string>): RawAttribute[] {
  const defaults: RawAttribute[] = [];
  for (const [key, value] of Object.entries(document.defaults ?? {})) {
    if (stated.has(key) || STANDARD_KEYS.has(key)) continue;
    defaults.push({ key, value, line: 1, column: 1, parts: value.split(/,\s*/).filter((part) => part !== '').map((part) => ({ text: part, line: 1, column: 1 })) });
  }
  return defaults;
}

/** The links of an item, each at its UID: problems for a value that is no list and elements that are no UID. */
function readLinks(field: ItemField | undefined, kind: ItemLink['kind'], file: string, problems: FileProblem[]): ItemLink[] {
  const entries = field?.links;
  if (entries === undefined) return [];
  if ('notList' in entries) {
    problems.push({ file, ...entries.notList, message: '`links` must be a list of parent UIDs (like `- REQ001`).' });
    return [];
  }
  const links: ItemLink[] = [];
  for (const entry of entries) {
    let target = entry.target;
    let fingerprint = entry.fingerprint;
    // Doorstop's older form `- REQ001:<fingerprint>`: one scalar.
    if (target !== undefined && fingerprint === undefined && target.includes(':')) {
      const colon = target.lastIndexOf(':');
      fingerprint = target.slice(colon + 1).trim() || undefined;
      target = target.slice(0, colon).trim();
    }
    if (target === undefined || !isId(target)) {
      problems.push({ file, ...entry.at, message: `"${target ?? entry.shown}" in links is not an item UID Tracelens can trace (expected something like REQ001).` });
      continue;
    }
    links.push({ file, ...entry.at, kind, target, ...(fingerprint ? { attributes: { fingerprint } } : {}) });
  }
  return links;
}
