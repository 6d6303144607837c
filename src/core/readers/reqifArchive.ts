// Implements: TL-132
/**
 * `.reqifz` archives: a zip of one or more `.reqif` files and their attachments (images, OLE
 * objects), which are left unread. An editor cannot show a line of a zip, so everything read from
 * an inner file is placed at line 1, column 1 of the archive; the inner file and its own line
 * and column are in each problem's message (`specs/srs.reqif:57:3: …`) and in each item's
 * `reqif.file` and `reqif.line` attributes.
 */
import { unzipSync } from 'fflate';
import type { FileProblem, Item } from '../model/types';
import type { ReadResult, ReaderContext } from './types';

/** Inner files larger than this are not inflated: no exported document comes near it, a zip bomb does. */
export const MAX_INNER_FILE_BYTES = 256 * 1024 * 1024;

const decoder = new TextDecoder('utf-8');

function isInnerReqif(name: string): boolean {
  return /\.reqif$/i.test(name) && !name.startsWith('__MACOSX/');
}

/** Reads every `.reqif` file of an archive with `readText`, in the order of their names. Never throws. */
export function readReqifArchive(bytes: Uint8Array, ctx: ReaderContext, readText: (text: string, ctx: ReaderContext) => ReadResult): ReadResult {
  const problemAt = (message: string): FileProblem => ({ file: ctx.file, line: 1, column: 1, message });
  const oversized: string[] = [];
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (entry) => {
        if (!isInnerReqif(entry.name)) return false;
        if (entry.originalSize <= MAX_INNER_FILE_BYTES) return true;
        oversized.push(entry.name);
        return false;
      },
    });
  } catch (error) {
    return { items: [], problems: [problemAt(`Not a readable .reqifz archive (a zip of .reqif files): ${(error as Error).message}.`)] };
  }
  const problems: FileProblem[] = oversized.sort().map((name) => problemAt(`${name}: larger than ${MAX_INNER_FILE_BYTES} bytes unpacked, not read.`));
  const names = Object.keys(entries).sort();
  if (names.length === 0 && oversized.length === 0) return { items: [], problems: [problemAt('The .reqifz archive holds no .reqif file.')] };
  const items: Item[] = [];
  for (const name of names) {
    const inner = readText(decoder.decode(entries[name]), ctx);
    for (const item of inner.items) items.push(atArchiveStart(item, name));
    for (const problem of inner.problems) problems.push(problemAt(`${name}:${problem.line}:${problem.column}: ${problem.message}`));
  }
  return { items, problems };
}

/** An inner file's item placed at the archive's first line, its own place kept as attributes. */
function atArchiveStart(item: Item, inner: string): Item {
  const top = { line: 1, column: 1 };
  return {
    ...item, ...top, endLine: 1, endColumn: 1,
    links: item.links.map((link) => ({ ...link, ...top })),
    ...(item.needs ? { needs: item.needs.map((need) => ({ ...need, ...top })) } : {}),
    attributes: { ...item.attributes, 'reqif.file': inner, 'reqif.line': String(item.line) },
  };
}
