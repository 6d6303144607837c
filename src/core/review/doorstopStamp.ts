// Implements: TL-185
/**
 * Doorstop's fingerprint of an item (`Item.stamp()` in doorstop/core/item.py, `Stamp.digest` in
 * doorstop/core/types.py): SHA-256 over `str()` of the UID, the text and `ref` (and, when the item
 * has them, its `references` and the document's extended reviewed attributes), fed one after the
 * other with nothing between, encoded as URL-safe base64 with padding. A child's link
 * `- REQ001: <stamp>` records it when the link was reviewed (`doorstop clear`); Doorstop reports a
 * suspect link when the parent's stamp is no longer that.
 *
 * Doorstop's text is the attribute as loaded (`Text.load_text`: leading and trailing line feeds
 * dropped, trailing spaces of each line dropped), `ref` is stripped. `references` enter as Python's
 * `repr` of a list of dicts, which the items read here do not keep: for an item with references the
 * stamp is not computed (undefined), and the link is reported as not checked rather than judged.
 */
import type { Item } from '../model/types';
import { currentSha256 } from './sha256';

/** Doorstop's `Text.load_text`: line feeds at both ends dropped, each line's trailing whitespace dropped. */
export function doorstopText(text: string): string {
  if (text === '') return '';
  return text.replace(/^\n+/, '').replace(/\n+$/, '').split('\n').map((line) => line.replace(/\s+$/, '')).join('\n');
}

/**
 * `Stamp.digest(*values)`: SHA-256 over the values' text, one after the other (so over their
 * concatenation), as URL-safe base64 with padding (Python's `base64.urlsafe_b64encode`).
 */
export function doorstopDigest(values: readonly string[]): string {
  return currentSha256().base64(values.join('')).replace(/\+/g, '-').replace(/\//g, '_');
}

/**
 * Doorstop's stamp of a Doorstop item as it is now, or undefined when it cannot be reproduced
 * (the item is no Doorstop item, or it has `references`).
 */
export function doorstopStamp(item: Item): string | undefined {
  if (item.format !== 'doorstop') return undefined;
  if ((item.attributes['references'] ?? '').trim() !== '') return undefined;
  let stamp = stamps.get(item);
  if (stamp === undefined) stamps.set(item, stamp = doorstopDigest([item.id, doorstopText(item.text), (item.attributes['ref'] ?? '').trim()]));
  return stamp;
}

/** Stamps computed so far: many children link one parent (items are immutable). */
const stamps = new WeakMap<Item, string>();
