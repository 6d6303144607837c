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
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { childNeed } from '../model/needs';
import { isId } from '../model/ids';
import { compareLocations, type FileProblem, type Item, type ItemKind, type ItemLink, type Need } from '../model/types';
import { isLandingPage } from '../rules/sourceChecks';
import { interpretAttributes, type RawAttribute } from './attributes';
import { isDoorstopConfig, isNullNode, readDoorstopConfig, textOf, type DoorstopContext, type DoorstopDocument } from './doorstopDocuments';
import { isYamlFile } from './fileTypes';
import { splitFrontMatter } from './frontMatter';
import { joinTrimmed, lastNonBlankLine, splitLines, stripBom } from './sourceText';
import type { ReadResult, ReaderContext, RequirementReader } from './types';
import { attributeFromPair, nodeStart, offsetInNode, pairKey, parseYamlSource, scalarText, type YamlSource } from './yamlSource';

const FORMAT = 'doorstop';

/** Doorstop's own item attributes: kept as written, never given another meaning. */
const STANDARD_KEYS = new Set(['active', 'derived', 'normative', 'level', 'header', 'text', 'links', 'ref', 'references', 'reviewed']);

/** Reads Doorstop items (files of a Doorstop document in its item format) and `.doorstop.yml` files. */
export const doorstopReader: RequirementReader = {
  name: FORMAT,
  canRead: (file, _text, ctx) => isDoorstopConfig(file) || (ctx?.doorstop !== undefined && isItemFile(file, ctx.doorstop.document)),
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
  if (isDoorstopConfig(ctx.file)) return { items: [], problems: readDoorstopConfig(text, ctx.file).problems };
  if (!ctx.doorstop) return { items: [], problems: [] };
  return readDoorstopItem(text, ctx, ctx.doorstop);
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
  const tail = document.sep === '' ? '[0-9]+' : '(?:[0-9]+|[A-Za-z0-9]+)';
  return new RegExp(`^${escapeRegExp(document.prefix)}${escapeRegExp(document.sep)}${tail}$`, 'i').test(uid);
}

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

/** Doorstop's `to_bool`: strings `yes`, `true`, `enabled` and `1` are true, other strings false. */
function toBool(node: unknown): boolean {
  if (!isScalar(node)) return node !== null && node !== undefined;
  const value = node.value;
  if (typeof value === 'string') return ['yes', 'true', 'enabled', '1'].includes(value.trim().toLowerCase());
  return Boolean(value);
}

/** The item mapping of a file and where its body text starts, by the document's item format. */
interface ItemSource {
  readonly source: YamlSource;
  readonly mapping: YAMLMap | undefined;
  /** For a Markdown item: the header and text from the body. */
  readonly body?: { readonly header?: string; readonly text: string };
  readonly hasErrors: boolean;
}

function parseItem(text: string, file: string, markdown: boolean, problems: FileProblem[]): ItemSource {
  if (!markdown) {
    const source = parseYamlSource(text, file);
    problems.push(...source.problems);
    const root = source.documents[0]?.contents as Node | null | undefined;
    const hasErrors = source.problems.length > 0;
    if (root !== null && root !== undefined && !isMap(root) && !hasErrors) {
      problems.push({ file, ...source.position(nodeStart(root) ?? 0), message: 'A Doorstop item must be a mapping of attributes (active, links, text…).' });
    }
    return { source, mapping: isMap(root) ? root : undefined, hasErrors };
  }
  const lines = splitLines(text);
  const frontMatter = splitFrontMatter(text);
  const source = parseYamlSource(frontMatter?.yaml ?? '', file, frontMatter?.yamlStartLine ?? 1);
  problems.push(...source.problems);
  const root = source.documents[0]?.contents as Node | null | undefined;
  if (root !== null && root !== undefined && !isMap(root) && source.problems.length === 0) {
    problems.push({ file, ...source.position(nodeStart(root) ?? 0), message: 'The front matter of a Doorstop item must be a mapping of attributes (active, links…).' });
  }
  // Doorstop's reading of the body: a first non-blank line `# Header` is the header, the rest the text.
  let index = frontMatter ? frontMatter.bodyStartLine - 1 : 0;
  while (index < lines.length && lines[index]!.trim() === '') index++;
  const h1 = /^#\s+(.*)$/.exec(lines[index]?.trim() ?? '');
  const header = h1 ? h1[1]!.trim() : undefined;
  const body = joinTrimmed(lines.slice(h1 ? index + 1 : index));
  return { source, mapping: isMap(root) ? root : undefined, body: { ...(header !== undefined ? { header } : {}), text: body }, hasErrors: source.problems.length > 0 };
}

/** Reads one item file of a Doorstop document. */
export function readDoorstopItem(text: string, ctx: ReaderContext, context: DoorstopContext): ReadResult {
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
  const parsed = parseItem(source, file, document.itemformat === 'markdown', problems);
  // Values next to a syntax error are the parser's guesses: the syntax error is the problem to show.
  const attributeProblems: FileProblem[] = [];
  const pairs = parsed.mapping?.items ?? [];
  const pair = (key: string): Pair | undefined => pairs.find((p) => pairKey(p) === key);

  const raw: RawAttribute[] = [];
  for (const entry of pairs) {
    const key = pairKey(entry);
    // The header and text are the item's title and statement; links are read below.
    if (key === undefined || key === 'links' || key === 'text' || key === 'header') continue;
    if (key === 'level' && isScalar(entry.value)) {
      // `level: 1.10` is the level 1.10 as written, not the float 1.1.
      const at = parsed.source.position(nodeStart(entry.value) ?? 0);
      raw.push({ key, value: entry.value.source ?? String(entry.value.value), ...at, parts: [], meaning: null });
    } else if (key === 'references' && isSeq(entry.value)) {
      const at = parsed.source.position(nodeStart(entry.value) ?? 0);
      raw.push({ key, value: referencesText(entry.value.items), ...at, parts: [], meaning: null });
    } else {
      raw.push({ ...attributeFromPair(parsed.source, entry, key), ...(STANDARD_KEYS.has(key) ? { meaning: null } : {}) });
    }
  }
  const { kind, needs, status, ...fields } = interpretAttributes(raw, file, attributeProblems);
  // The document's defaults fill in extended attributes the item does not state; their values
  // were judged where they are written, in the .doorstop.yml.
  const defaults = defaultAttributes(document, new Set(raw.map((attribute) => attribute.key)));
  const fromDefaults = interpretAttributes(defaults, file, []);
  const itemKind = kind ?? fromDefaults.kind ?? ctx.kindOf(uid);

  const linksPair = pair('links');
  const links = linksPair ? readLinks(parsed.source, linksPair, itemKind === 'test' ? 'verifies' : 'parent', file, attributeProblems) : [];
  if (!parsed.hasErrors) problems.push(...attributeProblems);

  const active = pair('active') ? toBool(pair('active')!.value) : true;
  const normative = pair('normative') ? toBool(pair('normative')!.value) : true;
  // An informational item needs nothing, whatever the document's defaults say; its own `needs:` still wins.
  const itemNeeds = needs ?? (normative ? fromDefaults.needs : []);
  const treeNeeds = documentNeeds(context, itemKind, ctx.kindOf);
  const itemStatus = active ? status ?? fromDefaults.status : 'inactive';
  const header = parsed.body?.header ?? scalarText(pair('header')?.value)?.replace(/\s+/g, ' ').trim() ?? '';
  const statement = parsed.body ? parsed.body.text : (scalarText(pair('text')?.value) ?? '').trim();
  // A heading (an informational item without header) is titled by its text's first line, as Doorstop publishes it.
  const title = header !== '' || normative ? header : (statement.split('\n', 1)[0] ?? '').replace(/^#+\s*/, '').trim();

  const lines = splitLines(source);
  const firstLine = lines[0] ?? '';
  const item: Item = {
    file,
    line: 1,
    column: 1,
    endLine: lastNonBlankLine(lines, 0, lines.length, 0) + 1,
    // The UID is the file name: the item's range is its file's first line.
    endColumn: Math.max(2, firstLine.trimEnd().length + 1),
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
    attributes: { ...fromDefaults.attributes, ...fields.attributes },
    format: FORMAT,
  };
  return { items: [item], problems: problems.sort(compareLocations) };
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

/** `references` as text: the paths, joined with `, ` (`type` and `keyword` stay in the file). */
function referencesText(elements: readonly unknown[]): string {
  return elements.map((element) => {
    if (isMap(element)) {
      const path = element.items.find((p) => pairKey(p) === 'path');
      if (path) return scalarText(path.value) ?? textOf(path.value as Node);
    }
    return scalarText(element) ?? textOf(element as Node);
  }).join(', ');
}

/**
 * The links of an item: `- REQ001`, `- REQ001: <fingerprint>` (a fingerprint of null or none is
 * not reviewed yet) and Doorstop's older `- REQ001:<fingerprint>`. Each at its UID.
 */
function readLinks(source: YamlSource, pair: Pair, kind: ItemLink['kind'], file: string, problems: FileProblem[]): ItemLink[] {
  const value = pair.value;
  if (isNullNode(value)) return [];
  if (!isSeq(value)) {
    problems.push({ file, ...source.position(nodeStart(value) ?? nodeStart(pair.key) ?? 0), message: '`links` must be a list of parent UIDs (like `- REQ001`).' });
    return [];
  }
  const links: ItemLink[] = [];
  for (const element of value.items) {
    let targetNode: unknown = element;
    let fingerprintNode: unknown;
    if (isMap(element)) {
      const first = element.items[0];
      targetNode = first?.key;
      fingerprintNode = first?.value;
    }
    let target = scalarText(targetNode)?.trim();
    let fingerprint = isNullNode(fingerprintNode) ? undefined : scalarText(fingerprintNode)?.trim();
    if (target !== undefined && !isMap(element) && target.includes(':')) {
      const colon = target.lastIndexOf(':');
      fingerprint = target.slice(colon + 1).trim();
      target = target.slice(0, colon).trim();
    }
    const at = source.position(target && isScalar(targetNode) ? offsetInNode(source, targetNode as Node, target) : nodeStart(element) ?? 0);
    if (target === undefined || !isId(target)) {
      problems.push({ file, ...at, message: `"${target ?? textOf(element as Node)}" in links is not an item UID Tracelens can trace (expected something like REQ001).` });
      continue;
    }
    links.push({ file, ...at, kind, target, ...(fingerprint ? { attributes: { fingerprint } } : {}) });
  }
  return links;
}
