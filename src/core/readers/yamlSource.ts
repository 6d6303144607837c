// Implements: TL-006
/**
 * YAML parsing with exact positions, shared by the YAML reader and the front matter reader.
 * Offsets come from the `yaml` package's node ranges; a LineCounter turns them into lines and
 * columns, shifted by where the YAML starts in the file (front matter starts on line 2).
 */

import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { FileProblem } from '../model/types';
import { splitInline, type RawAttribute, type ValuePart } from './attributes';

/** A 1-based file position. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Parsed YAML documents, the syntax problems found, and offset → file position. */
export interface YamlSource {
  readonly text: string;
  readonly documents: readonly Document.Parsed[];
  readonly problems: FileProblem[];
  /** The file position of an offset into `text`. */
  position(offset: number): Position;
}

/**
 * Parses every YAML document in `text`. `firstLine` is the file line the text starts on.
 * Syntax errors become problems at their position; the documents keep whatever parsed, so
 * the valid parts of a damaged file can still be read.
 */
export function parseYamlSource(text: string, file: string, firstLine = 1): YamlSource {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  // An empty stream is returned as a single non-document value; it has no documents.
  const documents = Array.isArray(parsed) ? parsed : [];
  const position = (offset: number): Position => {
    const pos = lineCounter.linePos(Math.max(0, Math.min(offset, text.length)));
    return { line: pos.line + firstLine - 1, column: pos.col };
  };
  const problems: FileProblem[] = [];
  for (const document of documents) {
    for (const error of document.errors) {
      problems.push({ file, ...position(error.pos[0]), message: `YAML syntax error: ${errorSummary(error.message)}` });
    }
  }
  return { text, documents, problems, position };
}

/** The first line of a `yaml` error message, without its trailing position and excerpt. */
function errorSummary(message: string): string {
  const first = message.split('\n', 1)[0]!.replace(/ at line \d+, column \d+:?$/, '').trim();
  return first.endsWith('.') ? first : `${first}.`;
}

/** The key of a pair as a string, when it is a scalar. */
export function pairKey(pair: Pair): string | undefined {
  const key = pair.key;
  if (isScalar(key) && key.value !== null && key.value !== undefined) return String(key.value);
  return undefined;
}

/** The pair whose key is one of `names` (compared case-insensitively), first in the mapping wins. */
export function findPair(map: YAMLMap, names: readonly string[]): Pair | undefined {
  return map.items.find((pair) => {
    const key = pairKey(pair);
    return key !== undefined && names.includes(key.toLowerCase());
  });
}

/** The start of a node, or undefined when the node has no range (a missing value). */
export function nodeStart(node: unknown): number | undefined {
  return (node as Node | null)?.range?.[0];
}

/** Offset just past the last non-whitespace character of a node. */
export function nodeEnd(source: YamlSource, node: Node): number {
  let end = node.range?.[1] ?? 0;
  while (end > 0 && /\s/.test(source.text[end - 1]!)) end--;
  return end;
}

/** A scalar's value as text; undefined for collections. Null is the empty string. */
export function scalarText(node: unknown): string | undefined {
  if (node === null || node === undefined) return '';
  if (!isScalar(node)) return undefined;
  return node.value === null || node.value === undefined ? '' : String(node.value);
}

/**
 * Where `text` is written inside a scalar node: its offset in the source. Quotes, tags and block
 * indicators sit before the value, so the text is searched for in the node's source range.
 */
export function offsetInNode(source: YamlSource, node: Node, text: string, from?: number): number {
  const [start, end] = node.range ?? [0, 0];
  const index = text === '' ? -1 : source.text.slice(from ?? start, end).indexOf(text);
  return index >= 0 ? (from ?? start) + index : start;
}

/**
 * An attribute from a mapping pair: the value as text and as positioned parts. A list value gives
 * one part per element; a scalar is split on commas and whitespace (`SYS-1, SYS-2`).
 */
export function attributeFromPair(source: YamlSource, pair: Pair, key: string): RawAttribute {
  const value = pair.value as Node | null;
  const at = source.position(nodeStart(value) ?? nodeStart(pair.key) ?? 0);
  if (isSeq(value)) {
    const parts: ValuePart[] = [];
    const texts: string[] = [];
    for (const element of value.items) {
      const text = scalarText(element);
      if (text === undefined) {
        const json = JSON.stringify((element as Node).toJSON());
        texts.push(json);
        parts.push({ text: json, ...source.position(nodeStart(element) ?? 0) });
      } else if (text.trim() !== '') {
        // A list element is one value, whatever spaces it holds.
        texts.push(text);
        parts.push({ text: text.trim(), ...source.position(offsetInNode(source, element as Node, text.trim())) });
      }
    }
    return { key, value: texts.join(', '), ...at, parts };
  }
  const text = scalarText(value);
  if (text === undefined) {
    const json = JSON.stringify(isMap(value) ? value.toJSON() : value);
    return { key, value: json, ...at, parts: [{ text: json, ...at }] };
  }
  return { key, value: text, ...at, parts: value ? scalarParts(source, value, text) : [] };
}

/** A scalar split into parts, each located in the source (parts may sit on different lines). */
function scalarParts(source: YamlSource, node: Node, text: string): ValuePart[] {
  let cursor = node.range?.[0] ?? 0;
  return splitInline(text, 1, 1).map((part) => {
    const offset = offsetInNode(source, node, part.text, cursor);
    cursor = offset + part.text.length;
    return { text: part.text, ...source.position(offset) };
  });
}
