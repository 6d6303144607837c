import { formatLock, parseLock, LOCK_FILE, type LinkRecord, type ReviewedText } from './lockFile';

// Implements: TL-264
/**
 * The lock's text after an item is renamed from `from` to `to`: every record that names it, as
 * the target of a link, as the linking item, or as the owner of a reviewed text, is kept under the
 * new ID. A fingerprint is computed from an item's title, text and attributes, never its ID, so
 * the reviews still hold. Undefined when no record names `from`, or when the lock has problems: a
 * malformed lock is never rewritten (its problems are shown where they are).
 */
export function renameInLock(text: string, from: string, to: string, file: string = LOCK_FILE): string | undefined {
  const lock = parseLock(text, file);
  if (lock.problems.length > 0) return undefined;
  let changed = false;
  const rename = (id: string): string => {
    if (id !== from) return id;
    changed = true;
    return to;
  };
  const links: LinkRecord[] = [...lock.links.values()].map(({ target, fingerprint, source }) => ({
    target: rename(target),
    fingerprint,
    source: source.kind === 'item' ? { kind: 'item', id: rename(source.id) } : source,
  }));
  const texts: ReviewedText[] = [...lock.texts.values()].map((reviewed) => ({ ...reviewed, target: rename(reviewed.target) }));
  return changed ? formatLock(links, texts) : undefined;
}
