// Implements: TL-128
/**
 * The sphinx-needs part of a project's `ubproject.toml` (the declarative configuration sphinx-needs
 * reads with `needs_from_toml`, and ubCode reads directly): need types (`[[needs.types]]` or
 * `[needs] types = [...]`, each a `directive` with a `title`) and link types (`[needs.links.X]`
 * tables, or the older `extra_links = [{ option = "X" }]`). conf.py is Python and is never run: types
 * declared only there are still needs by the `:id:` rule, their kinds come from their names or
 * `needTypes`, and their link types are not known.
 *
 * The file is looked for where the requirements are: in the folder each `requirements` glob starts
 * in, then in each folder above it up to the project root; the nearest one found is read.
 */

import { absoluteFromPosix, type FileSystem } from '../files/fileSystem';
import type { FileProblem } from '../model/types';
import type * as SmolToml from 'smol-toml' with { 'resolution-mode': 'import' };

// smol-toml ships CommonJS beside its ES module, but its typings say ES module only.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parse: parseToml, TomlError } = require('smol-toml') as typeof SmolToml;
import type { SphinxNeedsDeclarations } from './types';

export const UBPROJECT_FILE_NAME = 'ubproject.toml';

const decoder = new TextDecoder('utf-8');

/** The folder a glob starts in (`docs/reqs/**\/*.rst` → `docs/reqs`), '' for the root; a file's folder for a file. */
function baseFolder(glob: string): string {
  const segments = glob.split('/');
  const fixed: string[] = [];
  for (const segment of segments) {
    if (/[*?[\]{}]/.test(segment)) break;
    fixed.push(segment);
  }
  // A glob without wildcards names a file: its folder is where to look.
  if (fixed.length === segments.length) fixed.pop();
  return fixed.join('/');
}

/** The folders to look in for ubproject.toml, nearest to the requirements first. */
export function ubProjectFolders(requirementGlobs: readonly string[]): string[] {
  const folders: string[] = [];
  for (const glob of requirementGlobs) {
    let folder = baseFolder(glob);
    for (;;) {
      if (!folders.includes(folder)) folders.push(folder);
      if (folder === '') break;
      folder = folder.includes('/') ? folder.slice(0, folder.lastIndexOf('/')) : '';
    }
  }
  // The deepest folders first, so that the ubproject.toml nearest to the requirements wins.
  return folders.sort((a, b) => depth(b) - depth(a) || (a < b ? -1 : a > b ? 1 : 0));
}

function depth(folder: string): number {
  return folder === '' ? 0 : folder.split('/').length;
}

/**
 * Reads the ubproject.toml nearest to the requirements, if any. Its problems (TOML syntax, a type
 * without `directive`) are returned with their positions; what is readable still applies.
 */
export async function loadUbProject(fs: FileSystem, root: string, requirementGlobs: readonly string[]): Promise<{ declarations?: SphinxNeedsDeclarations; problems: FileProblem[] }> {
  for (const folder of ubProjectFolders(requirementGlobs)) {
    const file = folder === '' ? UBPROJECT_FILE_NAME : `${folder}/${UBPROJECT_FILE_NAME}`;
    const stat = await fs.stat(absoluteFromPosix(root, file));
    if (stat?.type !== 'file') continue;
    try {
      return readUbProject(decoder.decode(await fs.readFile(absoluteFromPosix(root, file))), file);
    } catch (error) {
      return { problems: [{ file, line: 1, column: 1, message: `cannot read file: ${(error as Error).message}` }] };
    }
  }
  return { problems: [] };
}

/** The need types and link types `text` (a ubproject.toml at `file`) declares. */
export function readUbProject(text: string, file: string): { declarations?: SphinxNeedsDeclarations; problems: FileProblem[] } {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let table: TomlTable;
  try {
    table = parseToml(source) as TomlTable;
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    const reason = error.message.split('\n')[0]!.replace(/^Invalid TOML document: /, '');
    return { problems: [{ file, line: error.line, column: error.column, message: `${UBPROJECT_FILE_NAME} is not valid TOML: ${reason}.` }] };
  }
  const problems: FileProblem[] = [];
  const lines = source.split(/\r\n|\r|\n/);
  const needs = tableOf(table['needs']);
  const typeEntries = listOf(needs?.['types']);
  const types: Array<{ directive: string; title?: string }> = [];
  typeEntries.forEach((entry, index) => {
    const type = tableOf(entry);
    const directive = type?.['directive'];
    if (typeof directive !== 'string' || directive.trim() === '') {
      problems.push({ file, line: entryLine(lines, 'types', index, typeEntries.length), column: 1, message: 'A need type in [needs] types has no "directive".' });
      return;
    }
    const title = type?.['title'];
    types.push({ directive: directive.trim(), ...(typeof title === 'string' ? { title } : {}) });
  });
  const links = Object.keys(tableOf(needs?.['links']) ?? {});
  const linkEntries = listOf(needs?.['extra_links']);
  linkEntries.forEach((entry, index) => {
    const option = typeof entry === 'string' ? entry : tableOf(entry)?.['option'];
    if (typeof option === 'string' && option.trim() !== '') links.push(option.trim());
    else problems.push({ file, line: entryLine(lines, 'extra_links', index, linkEntries.length), column: 1, message: 'A link type in [needs] extra_links has no "option".' });
  });
  return { declarations: { file, types, links: [...new Set(links)].sort() }, problems };
}

/**
 * The 1-based line of entry `index` of the `[needs]` array `key`: its `[[needs.key]]` header when
 * the array is written as tables, else the line of `key =` (the TOML library gives no positions).
 */
function entryLine(lines: readonly string[], key: string, index: number, count: number): number {
  const headers: number[] = [];
  let assignment: number | undefined;
  lines.forEach((line, at) => {
    if (new RegExp(`^\\s*\\[\\[\\s*needs\\.${key}\\s*\\]\\]`).test(line)) headers.push(at + 1);
    else if (assignment === undefined && new RegExp(`^\\s*${key}\\s*=`).test(line)) assignment = at + 1;
  });
  return (headers.length === count ? headers[index] : assignment) ?? 1;
}

type TomlValue = unknown;
interface TomlTable {
  readonly [key: string]: TomlValue;
}

function tableOf(value: TomlValue | undefined): TomlTable | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as TomlTable) : undefined;
}

function listOf(value: TomlValue | undefined): TomlValue[] {
  return Array.isArray(value) ? (value as TomlValue[]) : [];
}
