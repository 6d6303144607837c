// Implements: TL-180
/**
 * An item's fingerprint: what a review of a link to it is recorded against. A SHA-256 of the
 * item's normalised title and text (runs of whitespace are one space, ends trimmed, so re-wrapping
 * a paragraph or re-indenting a file changes nothing) and of the configured extra attributes,
 * written as 16 hex digits (64 bits): a change detector, not a signature, and 2^-64 makes two
 * versions of an item that share one negligible. Reports and hovers show the first 8.
 *
 * SHA-256 comes through the hashing port (sha256.ts): pure JavaScript in the engine, Node's native
 * one where the CLI or the extension installed it; both give the same fingerprints.
 */
import type { Item } from '../model/types';
import { currentSha256 } from './sha256';

/** Hex digits a fingerprint keeps. */
export const FINGERPRINT_LENGTH = 16;

/** Hex digits shown in hovers, messages and the text report. */
export const SHORT_FINGERPRINT_LENGTH = 8;

/** Whitespace-insensitive form of a title, a text or an attribute value. */
export function normaliseText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** What an item's fingerprint is computed from: its title and text, and the extra attributes that it has. */
export interface FingerprintSource {
  readonly title: string;
  readonly text: string;
  /** Extra attributes (lower-case names) in the order configured; absent ones are left out. */
  readonly attributes?: ReadonlyArray<readonly [string, string]>;
}

/**
 * The fingerprint of a title, a text and extra attributes. Fields are joined by a line feed, which
 * normalisation removes from every field, so no two different inputs give the same joined text.
 */
export function fingerprintOf(source: FingerprintSource): string {
  const parts = [normaliseText(source.title), normaliseText(source.text)];
  for (const [name, value] of source.attributes ?? []) parts.push(`${name}=${normaliseText(value)}`);
  return currentSha256().hex(parts.join('\n')).slice(0, FINGERPRINT_LENGTH);
}

/** The first {@link SHORT_FINGERPRINT_LENGTH} digits of a fingerprint. */
export function shortFingerprint(fingerprint: string): string {
  return fingerprint.slice(0, SHORT_FINGERPRINT_LENGTH);
}

/** The configured extra attributes an item has, as a fingerprint includes them. */
export function fingerprintAttributes(item: Item, names: readonly string[]): Array<readonly [string, string]> {
  const found: Array<readonly [string, string]> = [];
  for (const name of names) {
    const value = item.attributes[name.toLowerCase()];
    if (value !== undefined) found.push([name.toLowerCase(), value]);
  }
  return found;
}

/** Fingerprints computed so far, per item object and attribute list (items are immutable). */
const computed = new WeakMap<Item, { readonly key: string; readonly fingerprint: string }>();

/** The fingerprint of an item, with the configured extra attributes; computed once per item. */
export function itemFingerprint(item: Item, names: readonly string[] = []): string {
  const key = names.join('\n');
  const known = computed.get(item);
  if (known && known.key === key) return known.fingerprint;
  const fingerprint = fingerprintOf({ title: item.title, text: item.text, attributes: fingerprintAttributes(item, names) });
  computed.set(item, { key, fingerprint });
  return fingerprint;
}
