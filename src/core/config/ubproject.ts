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
import { parseToml, TomlSyntaxError, type TableLines, type TomlTable, type TomlValue } from './tomlSubset';
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
  let parsed: { table: TomlTable; lines: TableLines };
  try {
    parsed = parseToml(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    if (!(error instanceof TomlSyntaxError)) throw error;
    return { problems: [{ file, line: error.line, column: error.column, message: `${UBPROJECT_FILE_NAME} is not valid TOML: ${error.message}.` }] };
  }
  const problems: FileProblem[] = [];
  const lineOf = (value: unknown): number => (typeof value === 'object' && value !== null ? parsed.lines.get(value) : undefined) ?? 1;
  const needs = tableOf(parsed.table['needs']);
  const types: Array<{ directive: string; title?: string }> = [];
  for (const entry of listOf(needs?.['types'])) {
    const type = tableOf(entry);
    const directive = type?.['directive'];
    if (typeof directive !== 'string' || directive.trim() === '') {
      problems.push({ file, line: lineOf(entry ?? needs), column: 1, message: 'A need type in [needs] types has no "directive".' });
      continue;
    }
    const title = type?.['title'];
    types.push({ directive: directive.trim(), ...(typeof title === 'string' ? { title } : {}) });
  }
  const links = Object.keys(tableOf(needs?.['links']) ?? {});
  for (const entry of listOf(needs?.['extra_links'])) {
    const option = typeof entry === 'string' ? entry : tableOf(entry)?.['option'];
    if (typeof option === 'string' && option.trim() !== '') links.push(option.trim());
    else problems.push({ file, line: lineOf(entry ?? needs), column: 1, message: 'A link type in [needs] extra_links has no "option".' });
  }
  return { declarations: { file, types, links: [...new Set(links)].sort() }, problems };
}

function tableOf(value: TomlValue | undefined): TomlTable | undefined {
  return typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}

function listOf(value: TomlValue | undefined): TomlValue[] {
  return Array.isArray(value) ? value : [];
}
