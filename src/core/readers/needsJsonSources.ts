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
 * the ID in the `:id:` option of the directive at `lineno`. A need whose source does not define it
 * there stays in the export. Links and problems stay where they are written, in the export.
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
      const moved = lines && lineno <= lines.length ? placed(item, source, lines, lineno, file) : undefined;
      if (moved) return moved;
    }
    return item;
  }));
  return { ...result, items };
}

/**
 * The item at its ID in the `:id:` option of the directive on line `lineno` of `lines`, or undefined
 * when that directive does not define it there: a file of the same name that is not the need's
 * source (an imported needs.json comes from another project), or a source changed since the export.
 */
function placed(item: Item, source: string, lines: readonly string[], lineno: number, origin: string): Item | undefined {
  if (!/^[ \t]*\.\.[ \t]+\S+::/.test(lines[lineno - 1]!)) return undefined;
  for (let i = lineno; i < Math.min(lines.length, lineno + ID_SEARCH_LINES); i++) {
    const option = /^[ \t]*:id:[ \t]*/.exec(lines[i]!);
    if (!option) continue;
    const column = indexOfId(lines[i]!, item.id, option[0].length);
    return column < 0 ? undefined : { ...item, file: source, line: i + 1, column: column + 1, endLine: i + 1, endColumn: column + 1 + item.id.length, origin };
  }
  return undefined;
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
