// Implements: TL-171
/** What the manifest parsers share: JSON trees with positions, TOML values, a dependency's place. */
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type * as SmolToml from 'smol-toml' with { 'resolution-mode': 'import' };
import { lineStarts, positionAt, type LineColumn } from '../../model/positions';
import type { FileProblem } from '../../model/types';

// smol-toml ships CommonJS beside its ES module, but its typings say ES module only.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parse: parseTomlText, TomlError } = require('smol-toml') as typeof SmolToml;

/** Offset → 1-based line and column of one text. */
export type Positioner = (offset: number) => LineColumn;

/** The positioner of a text. */
export function positioner(text: string): Positioner {
  const starts = lineStarts(text);
  return (offset) => positionAt(starts, offset);
}

/** A parsed JSON file: its tree (undefined when nothing parsed), positions, and its syntax problems. */
export interface JsonFile {
  readonly root: JsonNode | undefined;
  readonly position: Positioner;
  readonly problems: FileProblem[];
}

/** Parses JSON keeping positions; syntax errors are problems at their place, never exceptions. */
export function parseJsonFile(text: string, file: string): JsonFile {
  const position = positioner(text);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  const problems = errors.slice(0, 5).map((error) => ({ file, ...position(error.offset), message: `JSON syntax error: ${printParseErrorCode(error.error)}.` }));
  return { root, position, problems };
}

/** The value node of `key` in an object node, or undefined. */
export function jsonProperty(object: JsonNode | undefined, key: string): JsonNode | undefined {
  if (object?.type !== 'object') return undefined;
  for (const property of object.children ?? []) {
    if (property.children?.[0]?.value === key) return property.children[1];
  }
  return undefined;
}

/** The properties of an object node as [key, key node, value node]; [] for anything else. */
export function jsonEntries(object: JsonNode | undefined): Array<[string, JsonNode, JsonNode]> {
  if (object?.type !== 'object') return [];
  const entries: Array<[string, JsonNode, JsonNode]> = [];
  for (const property of object.children ?? []) {
    const [key, value] = property.children ?? [];
    if (key && value && typeof key.value === 'string') entries.push([key.value, key, value]);
  }
  return entries;
}

/** A string node's value, or undefined. */
export function jsonString(node: JsonNode | undefined): string | undefined {
  return node?.type === 'string' ? (node.value as string) : undefined;
}

/** The place of a name inside a JSON string node (past its opening quote). */
export function jsonNameAt(node: JsonNode, position: Positioner, skip = 0): { line: number; column: number } {
  return position(node.offset + 1 + skip);
}

/** A parsed TOML file: its value, or the problem that stopped smol-toml, at its line. */
export type TomlFile = { readonly value: Record<string, unknown>; readonly problem?: undefined } | { readonly value?: undefined; readonly problem: FileProblem };

/** Parses TOML with smol-toml; a syntax error is a problem at its line and column. */
export function parseTomlFile(text: string, file: string): TomlFile {
  try {
    return { value: parseTomlText(text) as Record<string, unknown> };
  } catch (error) {
    if (error instanceof TomlError) {
      return { problem: { file, line: error.line, column: error.column, message: `TOML syntax error: ${error.message.split('\n', 1)[0]!.trim()}` } };
    }
    return { problem: { file, line: 1, column: 1, message: `cannot read TOML: ${(error as Error).message}` } };
  }
}

/** A table (plain object) inside a TOML value, by key path; undefined when absent or not a table. */
export function tomlTable(value: unknown, ...path: string[]): Record<string, unknown> | undefined {
  let current: unknown = value;
  for (const key of path) {
    if (!isTable(current)) return undefined;
    current = current[key];
  }
  return isTable(current) ? current : undefined;
}

/** Whether a TOML value is a table. */
export function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** The folder of a POSIX path, '' at the root. */
export function folderOf(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash < 0 ? '' : file.slice(0, slash);
}

/** `folder` + `/` + `name`, without a leading slash at the root. */
export function inFolder(folder: string, name: string): string {
  return folder === '' ? name : `${folder}/${name}`;
}
