// Implements: TL-126
/**
 * Where a `needs.json` need is written: its `.rst` source, when the project holds it. sphinx-needs
 * records the source as `docname` (relative to the Sphinx source folder, without extension),
 * `doctype` (`.rst`) and `lineno` (the directive's line). The source folder is not in the export,
 * so the needs.json's own folder and each folder above it are tried, nearest first: an export in
 * `docs/_build/needs/` finds `docs/<docname>.rst`.
 *
 * A need read from its `.rst` source as well (both files are requirement files) is read once:
 * the `.rst` item stands, the export's copy is dropped.
 */

import { absoluteFromPosix, type FileSystem } from '../files/fileSystem';
import type { Item } from '../model/types';
import { NEEDS_JSON_FORMAT } from './needsJson';
import { indexOfId, splitLines } from './sourceText';
import type { ReadResult } from './types';

/** How far below its directive line a need's `:id:` option may sit (title lines, other options). */
const ID_SEARCH_LINES = 40;

const decoder = new TextDecoder('utf-8');

/** Folders from `file`'s own up to the root (''), nearest first. */
function foldersAbove(file: string): string[] {
  const folders: string[] = [];
  let folder = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
  for (;;) {
    folders.push(folder);
    if (folder === '') return folders;
    folder = folder.includes('/') ? folder.slice(0, folder.lastIndexOf('/')) : '';
  }
}

/**
 * Moves the needs of a needs.json result to their `.rst` sources where the project holds them: to
 * the ID in the need's `:id:` option, or to the directive line when the ID is not written there
 * (an ID sphinx-needs made up). Links and problems stay where they are written, in the export.
 */
export async function placeNeedsJsonItems(fs: FileSystem, root: string, file: string, result: ReadResult): Promise<ReadResult> {
  if (!result.items.some((item) => item.format === NEEDS_JSON_FORMAT && item.attributes['docname'] !== undefined)) return result;
  const texts = new Map<string, Promise<string[] | undefined>>();
  const linesOf = (path: string): Promise<string[] | undefined> => {
    let lines = texts.get(path);
    if (!lines) {
      lines = fs.readFile(absoluteFromPosix(root, path)).then((bytes) => splitLines(decoder.decode(bytes)), () => undefined);
      texts.set(path, lines);
    }
    return lines;
  };
  const folders = foldersAbove(file);
  const items = await Promise.all(result.items.map(async (item) => {
    const docname = item.attributes['docname'];
    const lineno = Number(item.attributes['lineno']);
    if (item.format !== NEEDS_JSON_FORMAT || docname === undefined || !Number.isInteger(lineno) || lineno < 1) return item;
    const name = `${docname.replace(/^\/+/, '')}${item.attributes['doctype'] ?? '.rst'}`;
    for (const folder of folders) {
      const source = folder === '' ? name : `${folder}/${name}`;
      const lines = await linesOf(source);
      if (lines && lineno <= lines.length) return placed(item, source, lines, lineno, file);
    }
    return item;
  }));
  return { items, problems: result.problems };
}

/** The item at its ID in `lines` below line `lineno`, or at the directive when the ID is not there. */
function placed(item: Item, source: string, lines: readonly string[], lineno: number, origin: string): Item {
  const directive = lines[lineno - 1]!;
  for (let i = lineno; i < Math.min(lines.length, lineno + ID_SEARCH_LINES); i++) {
    const line = lines[i]!;
    const option = /^[ \t]*:id:[ \t]*/.exec(line);
    if (!option) continue;
    const column = indexOfId(line, item.id, option[0].length);
    if (column >= 0) return { ...item, file: source, line: i + 1, column: column + 1, endLine: i + 1, endColumn: column + 1 + item.id.length, origin };
    break;
  }
  const column = Math.max(0, directive.search(/\S/)) + 1;
  return { ...item, file: source, line: lineno, column, endLine: lineno, endColumn: column + item.id.length, origin };
}

/** Items without the needs.json copies of needs read from their `.rst` source as well. */
export function withoutDuplicateNeeds(items: readonly Item[]): Item[] {
  const fromSource = new Set<string>();
  let exported = false;
  for (const item of items) {
    if (item.format === NEEDS_JSON_FORMAT) exported = true;
    else fromSource.add(`${item.file}\u0000${item.id}`);
  }
  if (!exported) return [...items];
  return items.filter((item) => item.format !== NEEDS_JSON_FORMAT || !fromSource.has(`${item.file}\u0000${item.id}`));
}
