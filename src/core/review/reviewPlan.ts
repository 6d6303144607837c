// Implements: TL-187
/**
 * What a review writes: the new tracelens.lock text, planned purely from the links' review states
 * (the CLI writes it atomically, the editor's quick fix and command the same way). A review of
 * everything records every link as it is now and drops the records of links that are gone; a
 * review of some IDs or some links replaces only their records and keeps every other line.
 * Doorstop links that record Doorstop's own fingerprint are left to Doorstop (`doorstop clear`),
 * and a link whose target is defined twice keeps its record until the duplicate is resolved.
 */
import type { Item } from '../model/types';
import { formatLock, textKey, type LinkRecord, type ReviewedText, type ReviewLock } from './lockFile';
import type { LinkReview } from './reviewState';

/** Which links a review records: all, those to some IDs, or some links by key. */
export interface ReviewSelection {
  /** Target IDs: every link to them. */
  readonly ids?: readonly string[];
  /** {@link LinkReview.key}s: these links. */
  readonly keys?: readonly string[];
}

/** A planned review: the lock's new text and the links it records, changed ones apart. */
export interface ReviewPlan {
  readonly text: string;
  /** Links whose record is new or changed (they were suspect or unreviewed). */
  readonly changed: readonly LinkReview[];
  /** Links selected whose record already matched. */
  readonly unchanged: number;
}

/** Whether a review selects a link. */
function selects(selection: ReviewSelection, review: LinkReview): boolean {
  if (!selection.ids && !selection.keys) return true;
  return (selection.ids?.includes(review.target) ?? false) || (selection.keys?.includes(review.key) ?? false);
}

/**
 * Plans a review of `links` (every link of the project with its state, see reviewLinks) against
 * the current `lock` (undefined: none yet); `itemOf` gives the item a target ID stands for now.
 */
export function planReview(links: readonly LinkReview[], lock: ReviewLock | undefined, itemOf: (id: string) => Item | undefined, selection: ReviewSelection = {}): ReviewPlan {
  const everything = !selection.ids && !selection.keys;
  const records = new Map<string, LinkRecord>();
  const texts = new Map<string, ReviewedText>();
  for (const text of lock?.texts.values() ?? []) texts.set(textKey(text.target, text.fingerprint), text);
  // A partial review keeps every other record, even of links that are gone: it was not asked about them.
  if (!everything) {
    for (const [key, record] of lock?.links ?? []) {
      if (!selection.ids?.includes(record.target) && !selection.keys?.includes(key)) records.set(key, record);
    }
  }
  const changed: LinkReview[] = [];
  let unchanged = 0;
  for (const review of links) {
    if (review.doorstop) continue;
    if (!selects(selection, review)) continue;
    const record = lock?.links.get(review.key);
    // A link that cannot be judged now (its target is defined twice) keeps the record it has.
    if (review.state === 'not-checked') {
      if (record) records.set(review.key, record);
      continue;
    }
    const target = itemOf(review.target);
    if (!target) continue;
    records.set(review.key, { target: review.target, fingerprint: review.fingerprint, source: review.source });
    texts.set(textKey(review.target, review.fingerprint), { target: review.target, fingerprint: review.fingerprint, title: target.title, text: target.text });
    if (record?.fingerprint === review.fingerprint) unchanged++;
    else changed.push(review);
  }
  return { text: formatLock(records.values(), texts.values()), changed, unchanged };
}
