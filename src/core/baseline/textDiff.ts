// Implements: TL-190
import { diffLines, diffWords } from 'diff';

/** A run of text that is in both versions, only in the old one (`removed`) or only in the new one (`added`). */
export interface DiffSegment {
  readonly op: 'equal' | 'removed' | 'added';
  readonly text: string;
}

/**
 * The word diff from `before` to `after` (jsdiff's `diffWords`: whitespace between words does not
 * count as a change), as segments whose equal and added parts spell `after`.
 */
export function wordDiff(before: string, after: string): DiffSegment[] {
  return diffWords(before, after).map((change) => ({ op: change.added ? 'added' : change.removed ? 'removed' : 'equal', text: change.value }));
}

/** The line diff from `before` to `after` (jsdiff's `diffLines`), as segments of whole lines. */
export function lineDiff(before: string, after: string): DiffSegment[] {
  return diffLines(before, after).map((change) => ({ op: change.added ? 'added' : change.removed ? 'removed' : 'equal', text: change.value }));
}
