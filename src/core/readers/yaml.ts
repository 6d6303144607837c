// Implements: TL-005
/**
 * YAML requirement files: one item (a mapping with `id`), a list of items, or a mapping whose
 * `items:` (or `requirements:`) key holds the list. Several `---` documents may share a file.
 */

import { isMap, isSeq, type Node, type YAMLMap } from 'yaml';
import { isId } from '../model/ids';
import { compareLocations, type FileProblem, type Item } from '../model/types';
import { interpretAttributes, type RawAttribute } from './attributes';
import { isYamlFile } from './fileTypes';
import type { ReadResult, ReaderContext, RequirementReader } from './types';
import { stripBom } from './sourceText';
import { attributeFromPair, findPair, nodeEnd, nodeStart, offsetInNode, pairKey, parseYamlSource, scalarText, type YamlSource } from './yamlSource';

const FORMAT = 'yaml';

/** Keys that name the item itself rather than an attribute. */
export const ID_KEYS = ['id', 'itemid'] as const;
export const TITLE_KEYS = ['title', 'itemtitle'] as const;
export const TEXT_KEYS = ['text', 'description', 'statement'] as const;
const LIST_KEYS = ['items', 'requirements'] as const;

/** Reads `.yml` and `.yaml` requirement files. */
export const yamlReader: RequirementReader = {
  name: FORMAT,
  canRead: (file) => isYamlFile(file),
  read: readYamlItems,
};

/** Reads every item of a YAML requirement file; problems for syntax errors and malformed entries. */
export function readYamlItems(text: string, ctx: ReaderContext): ReadResult {
  const source = parseYamlSource(stripBom(text), ctx.file);
  const problems: FileProblem[] = [...source.problems];
  const items: Item[] = [];
  for (const document of source.documents) {
    const root = document.contents as Node | null;
    if (root === null || root === undefined) continue;
    // A damaged document's shape says little: its syntax errors are the problems worth showing.
    const shapeProblems = document.errors.length > 0 ? [] : problems;
    const errorOffsets = document.errors.map((error) => error.pos[0]);
    for (const entry of itemEntries(source, root, ctx.file, shapeProblems)) {
      const entryProblems: FileProblem[] = [];
      const item = readYamlEntry(source, entry, ctx, FORMAT, entryProblems);
      if (item) items.push(item);
      // Values next to a syntax error are guesses of the parser; the syntax error is the problem.
      if (!errorOffsets.some((offset) => contains(entry, offset))) problems.push(...entryProblems);
    }
  }
  return { items, problems: problems.sort(compareLocations) };
}

function contains(node: unknown, offset: number): boolean {
  const range = (node as Node | null)?.range;
  return range !== undefined && range !== null && offset >= range[0] && offset <= range[2];
}

/** The nodes that should each be one item, by the document's shape. */
function itemEntries(source: YamlSource, root: Node, file: string, problems: FileProblem[]): readonly unknown[] {
  const problemAt = (node: unknown, message: string): void => {
    problems.push({ file, ...source.position(nodeStart(node) ?? 0), message });
  };
  if (isSeq(root)) return root.items;
  // A document of another shape (text, a mapping of settings) holds no items; a file of nothing
  // but such documents is reported as `no-items`, as a Markdown file without items is.
  if (!isMap(root)) return [];
  if (findPair(root, ID_KEYS)) return [root];
  const list = findPair(root, LIST_KEYS);
  if (!list) return [];
  if (isSeq(list.value)) return list.value.items;
  if (list.value === null || scalarText(list.value) === '') return [];
  problemAt(list.value ?? list.key, `\`${pairKey(list)}\` must be a list of items.`);
  return [];
}

/**
 * One item from a mapping node. `format` names the reader in the item. Returns undefined (with a
 * problem) when the entry is not a mapping or has no valid ID.
 */
export function readYamlEntry(source: YamlSource, entry: unknown, ctx: ReaderContext, format: string, problems: FileProblem[]): Item | undefined {
  const file = ctx.file;
  if (!isMap(entry)) {
    problems.push({ file, ...source.position(nodeStart(entry) ?? 0), message: 'Expected an item: a mapping with `id`.' });
    return undefined;
  }
  const idPair = findPair(entry, ID_KEYS);
  if (!idPair) {
    problems.push({ file, ...source.position(nodeStart(entry) ?? 0), message: 'Item has no `id`.' });
    return undefined;
  }
  const idNode = idPair.value as Node | null;
  const id = (scalarText(idNode) ?? '').trim();
  if (!idNode || !isId(id)) {
    problems.push({
      file, ...source.position(nodeStart(idNode) ?? nodeStart(idPair.key) ?? 0),
      message: id === '' ? 'Item has an empty `id`.' : `"${id}" is not a valid ID (expected something like REQ-001).`,
    });
    return undefined;
  }
  const idOffset = offsetInNode(source, idNode, id);
  const at = source.position(idOffset);
  const end = source.position(nodeEnd(source, entry) - 1);

  const { kind, ...fields } = interpretAttributes(rawAttributes(source, entry), file, problems);
  return {
    file,
    line: at.line,
    column: at.column,
    endLine: Math.max(end.line, at.line),
    endColumn: at.column + id.length,
    id,
    kind: kind ?? ctx.kindOf(id),
    title: stringField(source, entry, TITLE_KEYS, file, problems),
    text: stringField(source, entry, TEXT_KEYS, file, problems),
    ...fields,
    format,
  };
}

/** Every pair except the ID, title and text, as raw attributes. */
function rawAttributes(source: YamlSource, map: YAMLMap): RawAttribute[] {
  const reserved = new Set<string>([...ID_KEYS, ...TITLE_KEYS, ...TEXT_KEYS]);
  const attributes: RawAttribute[] = [];
  for (const pair of map.items) {
    const key = pairKey(pair);
    if (key === undefined || reserved.has(key.toLowerCase())) continue;
    attributes.push(attributeFromPair(source, pair, key));
  }
  return attributes;
}

/** The first of `keys` holding text, trimmed; a collection there is a problem. */
function stringField(source: YamlSource, map: YAMLMap, keys: readonly string[], file: string, problems: FileProblem[]): string {
  const pair = findPair(map, keys);
  if (!pair) return '';
  const text = scalarText(pair.value);
  if (text === undefined) {
    problems.push({ file, ...source.position(nodeStart(pair.value) ?? 0), message: `\`${pairKey(pair)}\` must be text.` });
    return '';
  }
  return text.trim();
}
