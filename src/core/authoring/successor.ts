/**
 * The successor an inactive item names: the item that replaces it, so that a reference to the old
 * one can be retargeted. Pure.
 */
import { ANY_ID_SOURCE, ID_AFTER, ID_BEFORE } from '../model/ids';
import { isInactive, type Item } from '../model/types';

/** Attributes (lower-cased, `-` or `_`) that name an item's successor. */
const SUCCESSOR_KEYS: readonly string[] = ['superseded-by', 'replaced-by'];
/** Attributes of the successor that name the item it replaces. */
const PREDECESSOR_KEYS: readonly string[] = ['supersedes', 'replaces'];

const ID = new RegExp(`${ID_BEFORE}${ANY_ID_SOURCE}${ID_AFTER}`, 'g');
/** "Superseded by REQ-020" / "replaced by REQ-020" in the item's text. */
const PHRASE = new RegExp(`\\b(?:superseded|replaced)\\s+by\\s+(${ANY_ID_SOURCE})${ID_AFTER}`, 'i');

function attribute(item: Item, keys: readonly string[]): string | undefined {
  for (const [key, value] of Object.entries(item.attributes)) {
    if (keys.includes(key.replace(/_/g, '-'))) return value;
  }
  return undefined;
}

// Implements: TL-226
/**
 * The active, defined item that replaces `item`, named by its `superseded-by` or `replaced-by`
 * attribute, by "superseded by REQ-020" in its text, or by another item's `supersedes` or
 * `replaces` attribute, in that order; undefined when none names one (or it is not active).
 */
export function successorOf(item: Item, lookup: (id: string) => Item | undefined, items: readonly Item[], inactiveStatuses: readonly string[]): Item | undefined {
  const active = (id: string | undefined): Item | undefined => {
    const found = id === undefined || id === item.id ? undefined : lookup(id);
    return found && !isInactive(found, inactiveStatuses) ? found : undefined;
  };
  const named = [...(attribute(item, SUCCESSOR_KEYS) ?? '').matchAll(ID)].map((match) => match[0]);
  for (const id of named) {
    const found = active(id);
    if (found) return found;
  }
  const phrase = active(PHRASE.exec(item.text)?.[1]);
  if (phrase) return phrase;
  return items.find((other) => other.id !== item.id && !isInactive(other, inactiveStatuses)
    && [...(attribute(other, PREDECESSOR_KEYS) ?? '').matchAll(ID)].some((match) => match[0] === item.id));
}
