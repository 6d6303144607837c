// Implements: TL-116, TL-119
/**
 * The attributes of a Doorstop item, read by the `yaml` package or, for the plain layout Doorstop
 * itself writes, by a fast path that gives exactly the same result. A project keeps one file per
 * item, and parsing 10,000 small files with a full YAML parser costs more than a second; the fast
 * path accepts only lines it fully understands (`key: plain or quoted scalar`, `key: |` block
 * text, lists of scalars or one-line mappings, `[]`) and leaves every other file to the `yaml`
 * package. A test checks that both give the same items on every layout the fast path takes.
 */
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { FileProblem } from '../model/types';
import { splitInline, type RawAttribute, type ValuePart } from './attributes';
import { isNullNode, textOf } from './doorstopDocuments';
import { attributeFromPair, nodeStart, offsetInNode, pairKey, parseYamlSource, scalarText, type Position, type YamlSource } from './yamlSource';

/** One link as written: its target (undefined when it is no scalar), fingerprint and where the target is. */
export interface LinkEntry {
  readonly target?: string;
  readonly fingerprint?: string;
  readonly at: Position;
  /** What to show of an element that is no UID. */
  readonly shown: string;
}

/** One top-level attribute of an item. */
export interface ItemField {
  readonly key: string;
  /** The attribute for interpretation (see attributes.ts); absent for `links`, `header` and `text`. */
  readonly raw?: RawAttribute;
  /** The value as text when it is a scalar (null is ''); undefined for a list or mapping. */
  readonly text: string | undefined;
  /** Doorstop's `to_bool` of the value (`active`, `normative`). */
  readonly truthy: boolean;
  /** For `links`: the elements, `'not-a-list'` (with where the value is), or none for an empty value. */
  readonly links?: readonly LinkEntry[] | { readonly notList: Position };
}

/** An item's attributes and the syntax problems of its YAML. */
export interface ItemFields {
  readonly fields: readonly ItemField[];
  readonly problems: FileProblem[];
  /** Whether the YAML has syntax errors: the values near them are guesses. */
  readonly hasErrors: boolean;
  /** Whether the YAML (when it is not empty) is no mapping. */
  readonly notMapping?: Position;
}

/** Keys whose value is kept as written rather than as attributes of their own. */
const OWN_KEYS = new Set(['links', 'header', 'text']);

const TRUE_WORDS = new Set(['yes', 'true', 'enabled', '1']);

/** Doorstop's `to_bool` over a typed scalar value: strings `yes`, `true`, `enabled` and `1` are true. */
function toBool(value: unknown): boolean {
  if (typeof value === 'string') return TRUE_WORDS.has(value.trim().toLowerCase());
  return Boolean(value);
}

/** Reads the attributes of an item's YAML (`firstLine`: the file line it starts on), by the fast path when it can. */
export function readItemFields(yaml: string, file: string, firstLine = 1): ItemFields {
  return fastItemFields(yaml, firstLine) ?? yamlItemFields(yaml, file, firstLine);
}

// ---------------------------------------------------------------------------------------------
// The `yaml` package.

/** Reads the attributes with the `yaml` package: any YAML. */
export function yamlItemFields(yaml: string, file: string, firstLine = 1): ItemFields {
  const source = parseYamlSource(yaml, file, firstLine);
  const root = source.documents[0]?.contents as Node | null | undefined;
  const hasErrors = source.problems.length > 0;
  const notMapping = root !== null && root !== undefined && !isMap(root) && !hasErrors ? source.position(nodeStart(root) ?? 0) : undefined;
  const pairs = isMap(root) ? (root as YAMLMap).items : [];
  const fields: ItemField[] = [];
  for (const pair of pairs) {
    const key = pairKey(pair);
    if (key === undefined) continue;
    fields.push({
      key,
      ...(OWN_KEYS.has(key) ? {} : { raw: rawAttribute(source, pair, key) }),
      text: scalarText(pair.value),
      truthy: isScalar(pair.value) ? toBool(pair.value.value) : pair.value !== null && pair.value !== undefined,
      ...(key === 'links' ? linksOf(source, pair) : {}),
    });
  }
  return { fields, problems: source.problems, hasErrors, ...(notMapping ? { notMapping } : {}) };
}

function rawAttribute(source: YamlSource, pair: Pair, key: string): RawAttribute {
  const value = pair.value as Node | null;
  if (key === 'level' && isScalar(value)) {
    // `level: 1.10` is the level 1.10 as written, not the float 1.1.
    return { key, value: value.source ?? String(value.value), ...source.position(nodeStart(value) ?? 0), parts: [] };
  }
  if (key === 'references' && isSeq(value)) {
    return { key, value: referencesText(value.items), ...source.position(nodeStart(value) ?? 0), parts: [] };
  }
  return attributeFromPair(source, pair, key);
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

function linksOf(source: YamlSource, pair: Pair): Pick<ItemField, 'links'> {
  const value = pair.value;
  if (isNullNode(value)) return {};
  if (!isSeq(value)) return { links: { notList: source.position(nodeStart(value) ?? nodeStart(pair.key) ?? 0) } };
  return {
    links: value.items.map((element): LinkEntry => {
      let targetNode: unknown = element;
      let fingerprintNode: unknown;
      if (isMap(element)) {
        const first = element.items[0];
        targetNode = first?.key;
        fingerprintNode = first?.value;
      }
      const target = scalarText(targetNode)?.trim();
      const fingerprint = isNullNode(fingerprintNode) ? undefined : scalarText(fingerprintNode)?.trim();
      const at = source.position(target && isScalar(targetNode) ? offsetInNode(source, targetNode as Node, target) : nodeStart(element) ?? 0);
      return { ...(target !== undefined ? { target } : {}), ...(fingerprint ? { fingerprint } : {}), at, shown: target ?? textOf(element as Node) };
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// The fast path: the plain layout Doorstop writes, or undefined for anything else.

/** A scalar as the fast path read it: its typed value (YAML 1.2 core schema), its text and where the text starts. */
interface FastScalar {
  readonly value: string | number | boolean | null;
  /** The value as written without quotes (a scalar's `source`). */
  readonly source: string;
  /** 0-based column of the value's text (after an opening quote). */
  readonly textColumn: number;
  /** 0-based column of the scalar (its opening quote). */
  readonly column: number;
}

const KEY_LINE = /^([A-Za-z][A-Za-z0-9_-]*):(?:( +)(.*))?$/;
const PLAIN = /^(?:[A-Za-z0-9_./=+(]|-(?=[0-9.]))[^#]*$/;
const INT = /^[-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

/** A one-line scalar the fast path understands (`column`: where `text` starts), else undefined. */
function fastScalar(text: string, column: number): FastScalar | undefined {
  if (text.startsWith("'")) {
    // Without `''` escapes inside: then the text is the source between the quotes.
    const quoted = /^'([^']*)'$/.exec(text);
    return quoted ? { value: quoted[1]!, source: quoted[1]!, textColumn: column + 1, column } : undefined;
  }
  if (text.startsWith('"')) {
    const quoted = /^"([^"\\]*)"$/.exec(text);
    return quoted ? { value: quoted[1]!, source: quoted[1]!, textColumn: column + 1, column } : undefined;
  }
  // A plain scalar without anything YAML could read otherwise: no `: `, ` #`, trailing `:` or spaces.
  if (!PLAIN.test(text) || text.includes(': ') || text.endsWith(':') || /\s$/.test(text) || /[{}[\]`]/.test(text)) return undefined;
  let value: string | number | boolean | null = text;
  if (/^(?:null|Null|NULL|~)$/.test(text)) value = null;
  else if (/^(?:true|True|TRUE)$/.test(text)) value = true;
  else if (/^(?:false|False|FALSE)$/.test(text)) value = false;
  else if (INT.test(text) || FLOAT.test(text)) value = Number(text);
  else if (/^[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)$/.test(text) || /^0[ox]/.test(text)) return undefined;
  return { value, source: text, textColumn: column, column };
}

function scalarString(scalar: FastScalar): string {
  return scalar.value === null ? '' : String(scalar.value);
}

/** The attributes of the plain layout, or undefined when any line is beyond it (the `yaml` package reads those). */
export function fastItemFields(yaml: string, firstLine = 1): ItemFields | undefined {
  if (yaml.includes('\r') || yaml.includes('\t')) return undefined;
  const lines = yaml.split('\n');
  const at = (index: number, column: number): Position => ({ line: firstLine + index, column: column + 1 });
  const fields: ItemField[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index]!;
    if (line === '') {
      index++;
      continue;
    }
    const match = KEY_LINE.exec(line);
    if (!match) return undefined;
    const key = match[1]!;
    // A key twice is a YAML error: the `yaml` package reports it.
    if (fields.some((field) => field.key === key)) return undefined;
    const rest = match[3] ?? '';
    const valueColumn = key.length + 1 + (match[2]?.length ?? 0);
    index++;
    if (rest === '|' || rest === '|-') {
      // Block text: the lines indented under the key (blank lines inside are kept).
      if (!OWN_KEYS.has(key)) return undefined;
      const start = index;
      while (index < lines.length && (lines[index] === '' || lines[index]!.startsWith(' '))) index++;
      const text = blockText(lines, start, index, rest === '|');
      if (text === undefined) return undefined;
      fields.push({ key, text, truthy: toBool(text) });
      continue;
    }
    if (rest !== '') {
      if (rest === '[]') {
        fields.push({ key, text: undefined, truthy: true, ...(key === 'links' ? { links: [] } : OWN_KEYS.has(key) ? {} : { raw: { key, value: '', ...at(index - 1, valueColumn), parts: [] } }) });
        continue;
      }
      const scalar = fastScalar(rest, valueColumn);
      if (!scalar) return undefined;
      fields.push(scalarField(key, scalar, at(index - 1, scalar.column), at(index - 1, scalar.textColumn)));
      continue;
    }
    // Nothing after the colon: a list below it, or an empty value.
    const start = index;
    while (index < lines.length && (lines[index]!.startsWith('- ') || lines[index]!.startsWith('  '))) index++;
    if (start === index) {
      fields.push({ key, text: '', truthy: false, ...(OWN_KEYS.has(key) ? {} : { raw: { key, value: '', ...at(start - 1, line.length), parts: [] } }) });
      continue;
    }
    const list = fastList(lines, start, index, key, at);
    if (!list) return undefined;
    fields.push(list);
  }
  return { fields, problems: [], hasErrors: false };
}

/**
 * The text of a block scalar on `lines[start..end)`: each line without the first line's indent,
 * trailing blank lines dropped, with a final line break when `keep` (`|`, not `|-`); undefined when
 * a line is indented less or looks like a comment. One pass, no arrays: every item has two blocks.
 */
function blockText(lines: readonly string[], start: number, end: number, keep: boolean): string | undefined {
  let indent = 0;
  let text = '';
  let last = start - 1;
  for (let index = start; index < end; index++) {
    const line = lines[index]!;
    if (line === '') continue;
    const first = line.search(/\S/);
    if (last < start) {
      indent = first;
      if (indent <= 0) return undefined;
    }
    if (first < indent || line.charCodeAt(first) === 0x23 /* # */) return undefined;
    // The blank lines before this line (since the block's start or its last text line), then this line.
    text += last < start ? '\n'.repeat(index - start) : '\n'.repeat(index - last);
    text += line.slice(indent);
    last = index;
  }
  return last < start ? '' : keep ? `${text}\n` : text;
}

function scalarField(key: string, scalar: FastScalar, valueAt: Position, textAt: Position): ItemField {
  const text = scalarString(scalar);
  const truthy = toBool(scalar.value);
  // Object literals rather than spreads: this runs for every attribute of thousands of items.
  if (key === 'links') return scalar.value === null ? { key, text, truthy } : { key, text, truthy, links: { notList: valueAt } };
  if (OWN_KEYS.has(key)) return { key, text, truthy };
  const { line, column } = valueAt;
  if (key === 'level') return { key, text, truthy, raw: { key, value: scalar.source, line, column, parts: [] } };
  return { key, text, truthy, raw: { key, value: text, line, column, parts: scalarParts(text, textAt) } };
}

/** One word that splitInline leaves whole: nothing to split at, no markup to unwrap. */
const SINGLE_WORD = /^[A-Za-z0-9][A-Za-z0-9-]*$/;

/** The parts of a one-line scalar, as `scalarParts` of yamlSource.ts locates them. */
function scalarParts(text: string, textAt: Position): ValuePart[] {
  if (text === '') return [];
  // Most values (`true`, `B`, `approved`) are one word: one part, where the text starts.
  if (SINGLE_WORD.test(text)) return [{ text, line: textAt.line, column: textAt.column }];
  let cursor = 0;
  return splitInline(text, 1, 1).map((part) => {
    const offset = text.indexOf(part.text, cursor);
    cursor = offset + part.text.length;
    return { text: part.text, line: textAt.line, column: textAt.column + offset };
  });
}

/** A block list (`- a` / `- UID: fingerprint` / `- path: x` with `  type: file` below), else undefined. */
function fastList(lines: readonly string[], start: number, end: number, key: string, at: (index: number, column: number) => Position): ItemField | undefined {
  const dash = lines[start]!.search(/\S/);
  if (lines[start]!.slice(dash, dash + 2) !== '- ') return undefined;
  const elements: Array<{ index: number; pairs: Array<{ key: FastScalar; value: FastScalar | undefined }>; scalar?: FastScalar }> = [];
  for (let index = start; index < end; index++) {
    const line = lines[index]!;
    if (line.startsWith(`${' '.repeat(dash)}- `)) {
      const body = line.slice(dash + 2);
      const column = dash + 2;
      const pair = /^([^'"\s][^:]*?):(?: +(.*))?$/.exec(body);
      if (pair) {
        const name = fastScalar(pair[1]!, column);
        const value = pair[2] === undefined ? undefined : fastScalar(pair[2], column + body.indexOf(pair[2], pair[1]!.length + 1));
        if (!name || (pair[2] !== undefined && !value)) return undefined;
        elements.push({ index, pairs: [{ key: name, value }] });
      } else {
        const scalar = fastScalar(body, column);
        if (!scalar) return undefined;
        elements.push({ index, pairs: [], scalar });
      }
    } else if (line.startsWith(' '.repeat(dash + 2)) && line[dash + 2] !== ' ' && elements.length > 0 && elements[elements.length - 1]!.pairs.length > 0) {
      const body = line.slice(dash + 2);
      const pair = /^([A-Za-z][A-Za-z0-9_-]*):(?: +(.*))?$/.exec(body);
      if (!pair) return undefined;
      const value = pair[2] === undefined ? undefined : fastScalar(pair[2], dash + 2 + body.indexOf(pair[2], pair[1]!.length + 1));
      if (pair[2] !== undefined && !value) return undefined;
      elements[elements.length - 1]!.pairs.push({ key: { value: pair[1]!, source: pair[1]!, textColumn: dash + 2, column: dash + 2 }, value });
    } else {
      return undefined;
    }
  }
  const listAt = at(start, dash);
  if (key === 'links') {
    const links: LinkEntry[] = [];
    for (const element of elements) {
      // A link is a UID, or a mapping of one UID to its fingerprint.
      if (element.pairs.length > 1) return undefined;
      const target = element.scalar ?? element.pairs[0]!.key;
      const fingerprint = element.pairs[0]?.value;
      const targetText = scalarString(target).trim();
      const fingerprintText = fingerprint && fingerprint.value !== null ? scalarString(fingerprint).trim() : undefined;
      links.push({
        target: targetText, ...(fingerprintText ? { fingerprint: fingerprintText } : {}),
        at: at(element.index, targetText === '' ? dash + 2 : target.textColumn), shown: targetText,
      });
    }
    return { key, text: undefined, truthy: true, links };
  }
  if (key === 'references') {
    const paths = elements.map((element) => {
      if (element.scalar) return scalarString(element.scalar);
      const path = element.pairs.find((p) => p.key.value === 'path');
      return path ? (path.value ? scalarString(path.value) : '') : JSON.stringify(Object.fromEntries(element.pairs.map((p) => [p.key.source, p.value?.value ?? null])));
    });
    return { key, text: undefined, truthy: true, raw: { key, value: paths.join(', '), ...listAt, parts: [] } };
  }
  // Any other list: of scalars only, as attributeFromPair reads them.
  if (OWN_KEYS.has(key) || elements.some((element) => !element.scalar)) return undefined;
  const texts: string[] = [];
  const parts: ValuePart[] = [];
  for (const element of elements) {
    const text = scalarString(element.scalar!);
    if (text.trim() === '') continue;
    texts.push(text);
    parts.push({ text: text.trim(), ...at(element.index, element.scalar!.textColumn) });
  }
  return { key, text: undefined, truthy: true, raw: { key, value: texts.join(', '), ...listAt, parts } };
}
