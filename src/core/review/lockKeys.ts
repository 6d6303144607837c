// Implements: TL-182
/**
 * Where each link starts, as the lock names it: never a line number, so that moving code or
 * requirements leaves every review standing. A tag in code is named by its file and the symbol
 * (function, method, class) it documents or sits in; a tag outside any symbol by its file and its
 * place among the tags of the same ID outside symbols in that file (`#1`, `#2`…), which moving
 * lines keeps. An item's link is named by the linking item's ID.
 */
import type { Item, Reference } from '../model/types';
import type { LinkSource } from './lockFile';

/** The source of each reference, for references of one or more files in report order (file, then line). */
export function referenceSources(references: readonly Reference[]): Map<Reference, LinkSource> {
  const sources = new Map<Reference, LinkSource>();
  // Per file and ID: how many tags outside symbols came before.
  const counts = new Map<string, number>();
  for (const reference of references) {
    if (reference.symbol !== undefined && reference.symbol !== '') {
      sources.set(reference, { kind: 'code', file: reference.file, anchor: reference.symbol });
      continue;
    }
    const key = `${reference.file}\n${reference.id}`;
    const occurrence = (counts.get(key) ?? 0) + 1;
    counts.set(key, occurrence);
    sources.set(reference, { kind: 'code', file: reference.file, anchor: `#${occurrence}` });
  }
  return sources;
}

/** The source of an item's links. */
export function itemSource(item: Item): LinkSource {
  return { kind: 'item', id: item.id };
}
