// Implements: TL-126
/**
 * sphinx-needs `needs.json` exports (the `needs` builder, `needs_build_json`, files for
 * `needimport` and `needs_external_needs`): `versions[current_version].needs` maps each ID to a
 * need with `type`, `title`, `status`, `content` (older builds: `description`) and one array per
 * link type, whose `_back` twins (incoming links) are ignored. Link types are the fields the
 * version's `needs_schema` marks `"field_type": "links"`; without a schema, `links`,
 * `parent_needs`, the declared link types and every array with a `_back` twin.
 *
 * Items are placed at their key in the file; needsJsonSources.ts moves them to their `.rst`
 * source (`docname`, `lineno`) when the project holds it.
 */

import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { isId } from '../model/ids';
import { lineStarts, positionAt } from '../model/positions';
import { compareLocations, type FileProblem, type Item, type ItemLink } from '../model/types';
import { interpretAttributes, splitInline, type RawAttribute } from './attributes';
import { isNeedsJsonFile } from './fileTypes';
import { blankLinkDecorations } from './rstBlocks';
import { stripBom } from './sourceText';
import { isLinkOption, linkKind, needKind } from './sphinxNeedTypes';
import type { ReadResult, ReaderContext, RequirementReader } from './types';

export const NEEDS_JSON_FORMAT = 'sphinx-needs-json';

/** Reads sphinx-needs `needs.json` files (by that name only). */
export const needsJsonReader: RequirementReader = {
  name: NEEDS_JSON_FORMAT,
  canRead: (file) => isNeedsJsonFile(file),
  read: readNeedsJson,
};

/**
 * Fields sphinx-needs computes or uses for layout: not the need's own attributes. `docname`,
 * `doctype` and `lineno` are kept, as they say where the need is written.
 */
const COMPUTED_FIELDS = new Set([
  'id', 'type', 'title', 'content', 'description', 'full_title', 'type_name', 'type_prefix', 'type_color', 'type_style',
  'is_need', 'is_part', 'is_external', 'is_import', 'is_modified', 'external_url', 'external_css', 'id_complete', 'id_parent',
  'id_prefix', 'lineno_content', 'section_name', 'sections', 'signature', 'parts', 'parent_need', 'constraints',
  'constraints_passed', 'constraints_results', 'constraints_error', 'modifications', 'has_dead_links', 'has_forbidden_dead_links',
  'arch', 'layout', 'style', 'template', 'pre_template', 'post_template', 'pre_content', 'post_content', 'collapse', 'hide',
  'jinja_content', 'max_amount', 'max_content_lines', 'query', 'service', 'specific', 'url', 'avatar', 'user',
  'created_at', 'updated_at', 'closed_at', 'completion', 'duration', 'delete',
]);

/** A JSON node's properties: key text, key node, value node. */
function properties(node: JsonNode | undefined): Array<[string, JsonNode, JsonNode]> {
  const result: Array<[string, JsonNode, JsonNode]> = [];
  if (node?.type !== 'object') return result;
  for (const property of node.children ?? []) {
    const [key, value] = property.children ?? [];
    if (key && value && typeof key.value === 'string') result.push([key.value, key, value]);
  }
  return result;
}

function property(node: JsonNode | undefined, name: string): JsonNode | undefined {
  return properties(node).find(([key]) => key === name)?.[2];
}

function stringValue(node: JsonNode | undefined): string | undefined {
  return node?.type === 'string' ? (node.value as string) : undefined;
}

/** `CloseBraceExpected` → `close brace expected`. */
function describeParseError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/**
 * Reads the needs of the current version of a `needs.json` (or of `version`, for a needimport's
 * `:version:`); problems for what is not such a file.
 */
export function readNeedsJson(text: string, ctx: ReaderContext, version?: string): ReadResult {
  const source = stripBom(text);
  const starts = lineStarts(source);
  const file = ctx.file;
  const problems: FileProblem[] = [];
  const at = (offset: number): { file: string; line: number; column: number } => ({ file, ...positionAt(starts, offset) });
  const errors: ParseError[] = [];
  const root = parseTree(source, errors, { disallowComments: true, allowTrailingComma: false });
  if (errors.length > 0) {
    // What a broken export still parses is a guess: its first syntax error is the problem to fix.
    const first = errors[0]!;
    return { items: [], problems: [{ ...at(first.offset), message: `needs.json is not valid JSON: ${describeParseError(printParseErrorCode(first.error))}.` }] };
  }
  const versions = property(root, 'versions');
  if (!root || versions?.type !== 'object') {
    return { items: [], problems: [{ ...at(root?.offset ?? 0), message: 'needs.json has no "versions" object: not a sphinx-needs export.' }] };
  }
  const chosen = version === undefined ? currentVersion(root, versions, at, problems) : namedVersion(versions, version, at, problems);
  if (!chosen) return { items: [], problems };
  const needs = property(chosen, 'needs');
  if (needs?.type !== 'object') {
    problems.push({ ...at(chosen.offset), message: `The ${version === undefined ? 'current version' : `version "${version}"`} of needs.json has no "needs" object.` });
    return { items: [], problems };
  }
  const schemaLinks = linkFieldsOf(property(chosen, 'needs_schema'));
  const items: Item[] = [];
  for (const [key, keyNode, need] of properties(needs)) {
    const item = needItem(key, keyNode, need, schemaLinks, ctx, at, problems);
    if (item) items.push(item);
  }
  return { items: items.sort(compareLocations), problems: problems.sort(compareLocations) };
}

type At = (offset: number) => { file: string; line: number; column: number };

/** The version `current_version` names; the only one when it names none. */
function currentVersion(root: JsonNode, versions: JsonNode, at: At, problems: FileProblem[]): JsonNode | undefined {
  const currentNode = property(root, 'current_version');
  const current = stringValue(currentNode);
  const all = properties(versions);
  if (current !== undefined) {
    const found = all.find(([key]) => key === current)?.[2];
    if (!found) problems.push({ ...at(currentNode!.offset), message: `"current_version" is "${current}", but "versions" has no such version.` });
    return found;
  }
  if (all.length === 1) return all[0]![2];
  problems.push({ ...at(versions.offset), message: `needs.json has ${all.length === 0 ? 'no version' : 'several versions'} and no "current_version" to choose one.` });
  return undefined;
}

/** The version a needimport's `:version:` names. */
function namedVersion(versions: JsonNode, version: string, at: At, problems: FileProblem[]): JsonNode | undefined {
  const found = property(versions, version);
  if (!found) problems.push({ ...at(versions.offset), message: `"versions" has no version "${version}".` });
  return found;
}

/** Link fields a version's `needs_schema` declares (`"field_type": "links"`), or undefined without a schema. */
function linkFieldsOf(schema: JsonNode | undefined): Set<string> | undefined {
  if (schema?.type !== 'object') return undefined;
  // Newer exports nest the fields under `properties`; the documented older shape lists them directly.
  const fields = property(schema, 'properties') ?? schema;
  const links = new Set<string>();
  for (const [name, , field] of properties(fields)) {
    if (stringValue(property(field, 'field_type')) === 'links') links.add(name);
  }
  return links;
}

/** One need as an item, or undefined (with a problem) when it is not an object or its ID is malformed. */
function needItem(key: string, keyNode: JsonNode, need: JsonNode, schemaLinks: Set<string> | undefined, ctx: ReaderContext, at: At, problems: FileProblem[]): Item | undefined {
  const file = ctx.file;
  if (need.type !== 'object') {
    problems.push({ ...at(need.offset), message: `Need "${key}" must be an object.` });
    return undefined;
  }
  const idNode = property(need, 'id');
  const id = stringValue(idNode) ?? key;
  const idAt = idNode?.type === 'string' ? idNode : keyNode;
  if (!isId(id)) {
    problems.push({ ...at(idAt.offset + 1), message: `"${id}" is not a valid ID (expected something like REQ_001 or REQ-001).` });
    return undefined;
  }
  const fields = properties(need);
  const names = new Set(fields.map(([name]) => name));
  const type = stringValue(property(need, 'type'));
  const kind = type === undefined ? ctx.kindOf(id) : needKind(type, id, ctx);
  const isLinkField = (name: string, value: JsonNode): boolean => value.type === 'array' && !name.endsWith('_back') &&
    ((schemaLinks?.has(name) ?? false) || isLinkOption(name, ctx) || (schemaLinks === undefined && names.has(`${name}_back`)));

  const links: ItemLink[] = [];
  const raw: RawAttribute[] = [];
  const attributes: Record<string, string> = type === undefined ? {} : { type };
  for (const [name, , value] of fields) {
    if (name.endsWith('_back')) continue;
    if (isLinkField(name, value)) {
      const targets = (value.children ?? []).map(stringValue).filter((t): t is string => t !== undefined);
      if (targets.length > 0) attributes[name.toLowerCase()] = targets.join(', ');
      for (const element of value.children ?? []) addLink(element, name, linkKind(name, kind), at, links, problems);
    } else if (!COMPUTED_FIELDS.has(name) || name === 'docname' || name === 'doctype' || name === 'lineno') {
      const attribute = rawAttribute(name, value, at);
      if (attribute) raw.push(attribute);
    }
  }
  const { kind: stated, links: attributeLinks, attributes: written, ...rest } = interpretAttributes(raw, file, problems);
  const position = at(idAt.offset + 1);
  const content = stringValue(property(need, 'content'));
  const text = content !== undefined && content.trim() !== '' ? content : stringValue(property(need, 'description')) ?? '';
  return {
    ...position,
    endLine: Math.max(at(need.offset + need.length - 1).line, position.line), endColumn: position.column + id.length,
    id, kind: stated ?? kind,
    title: (stringValue(property(need, 'title')) ?? '').trim(), text: text.trim(),
    ...rest,
    links: [...attributeLinks, ...links].sort(compareLocations),
    attributes: { ...attributes, ...written },
    format: NEEDS_JSON_FORMAT,
  };
}

/** A scalar field (or a list of scalars, such as `tags`) as a raw attribute; undefined for empty and structured values. */
function rawAttribute(name: string, value: JsonNode, at: At): RawAttribute | undefined {
  if (value.type === 'string' || value.type === 'number' || value.type === 'boolean') {
    const text = String(value.value);
    if (text.trim() === '') return undefined;
    const start = at(value.offset + (value.type === 'string' ? 1 : 0));
    return { key: name, value: text, ...start, parts: value.type === 'string' ? splitInline(text, start.line, start.column) : [{ text, ...start }] };
  }
  if (value.type === 'array') {
    const elements = (value.children ?? []).filter((element) => element.type === 'string' && (element.value as string).trim() !== '');
    if (elements.length === 0) return undefined;
    return {
      key: name, value: elements.map((element) => element.value as string).join(', '), ...at(value.offset),
      parts: elements.map((element) => ({ text: (element.value as string).trim(), ...at(element.offset + 1) })),
    };
  }
  return undefined;
}

/** A link from one element of a link field; a condition (`REQ_1[status=="open"]`) or part suffix (`REQ_1.2`) is dropped. */
function addLink(element: JsonNode, field: string, kind: ItemLink['kind'], at: At, links: ItemLink[], problems: FileProblem[]): void {
  const raw = stringValue(element);
  if (raw === undefined) {
    problems.push({ ...at(element.offset), message: `"${field}" must list need IDs as strings.` });
    return;
  }
  const start = at(element.offset + 1);
  for (const part of splitInline(blankLinkDecorations(raw), start.line, start.column)) {
    if (isId(part.text)) links.push({ file: start.file, line: part.line, column: part.column, kind, target: part.text });
    else problems.push({ file: start.file, line: part.line, column: part.column, message: `"${part.text}" in "${field}" is not a need ID (expected something like REQ_001).` });
  }
}
