/**
 * What workspace and document symbols list for requirement items: a search of items by ID or by
 * the words of their title, and the outline of a requirement file. Pure; no `vscode` import.
 */
import type { Item } from '../../core/model/types';

/** At most this many workspace symbols per project: the picker shows a screenful anyway. */
export const SYMBOL_LIMIT = 500;

/** The name a symbol shows and is filtered by: the ID and the title, as a heading writes them. */
export function symbolName(item: Pick<Item, 'id' | 'title'>): string {
  return item.title ? `${item.id}: ${item.title}` : item.id;
}

// Implements: TL-222
/**
 * Items matching a workspace symbol query (a leading `#` ignored): by ID (exact, then a prefix of
 * it, then containing it) or by every word of the query in the title, in that order, then by ID.
 * An empty query lists every item. At most {@link SYMBOL_LIMIT}.
 */
export function searchItems(items: readonly Item[], query: string): Item[] {
  const wanted = query.trim().replace(/^#\s*/, '').toLowerCase();
  const words = wanted.split(/\s+/).filter(Boolean);
  const ranked: Array<{ item: Item; rank: number }> = [];
  for (const item of items) {
    const id = item.id.toLowerCase();
    const title = item.title.toLowerCase();
    let rank: number | undefined;
    if (wanted === '') rank = 4;
    else if (id === wanted) rank = 0;
    else if (id.startsWith(wanted)) rank = 1;
    else if (id.includes(wanted)) rank = 2;
    else if (words.every((word) => title.includes(word) || id.includes(word))) rank = 3;
    if (rank !== undefined) ranked.push({ item, rank });
  }
  ranked.sort((a, b) => a.rank - b.rank || a.item.id.localeCompare(b.item.id, 'en', { numeric: true }) || a.item.file.localeCompare(b.item.file));
  return ranked.slice(0, SYMBOL_LIMIT).map((entry) => entry.item);
}

/** One entry of a requirement file's outline: an item, with the items its lines hold. */
export interface OutlineNode {
  readonly item: Item;
  readonly children: OutlineNode[];
}

/** Whether the Markdown outline VS Code already shows lists the item (its heading). */
function isMarkdownHeading(item: Item, lines: readonly string[]): boolean {
  return item.format === 'markdown-headings' && /^ {0,3}#{1,6}\s/.test(lines[item.line - 1] ?? '');
}

// Implements: TL-222
/**
 * The outline of a requirement file: its items in file order, an item whose lines lie within
 * another's nested under it (a StrictDoc composite, an item under a section item). Items that are
 * Markdown headings are left out when `text` is given (VS Code's Markdown outline lists them
 * already); table rows and front matter, which it does not see, stay.
 */
export function documentOutline(items: readonly Item[], text?: string): OutlineNode[] {
  const lines = text === undefined ? [] : text.split(/\r\n|\r|\n/);
  const shown = [...items].filter((item) => text === undefined || !isMarkdownHeading(item, lines)).sort((a, b) => a.line - b.line || a.column - b.column);
  const roots: OutlineNode[] = [];
  const open: OutlineNode[] = [];
  for (const item of shown) {
    const node: OutlineNode = { item, children: [] };
    while (open.length > 0 && open[open.length - 1]!.item.endLine < item.line) open.pop();
    const parent = open[open.length - 1];
    if (parent && item.endLine <= parent.item.endLine) parent.children.push(node);
    else {
      open.length = 0;
      roots.push(node);
    }
    open.push(node);
  }
  return roots;
}
