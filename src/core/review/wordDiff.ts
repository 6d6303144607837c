// Implements: TL-183
/**
 * What changed in an item since a review, word by word (jsdiff's `diffWords` over the normalised
 * texts): the parts for the editor's hover, and a short summary for a finding's message.
 */
import { diffWords } from 'diff';
import { normaliseText } from './fingerprint';

/** A run of words that both texts share, or that only the new (`added`) or old (`removed`) one has. */
export interface DiffPart {
  readonly kind: 'same' | 'added' | 'removed';
  readonly text: string;
}

/** The word diff from `before` to `after`, whitespace-insensitive as fingerprints are. */
export function wordDiff(before: string, after: string): DiffPart[] {
  return diffWords(normaliseText(before), normaliseText(after)).map((change) => ({
    kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
    text: change.value,
  }));
}

/** Changes a summary names before it counts the rest. */
const MAX_CHANGES = 3;

/** Characters of one changed run a summary quotes. */
const MAX_QUOTE = 40;

function quote(text: string): string {
  const trimmed = text.trim();
  return JSON.stringify(trimmed.length > MAX_QUOTE ? `${trimmed.slice(0, MAX_QUOTE - 1)}…` : trimmed);
}

/** `"10 mL" → "8 mL", added "at most", removed "per hour"`: the changed runs of a word diff. */
function summariseParts(parts: readonly DiffPart[]): string[] {
  const changes: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part.kind === 'same') continue;
    const next = parts[i + 1];
    if (part.kind === 'removed' && next?.kind === 'added') {
      changes.push(`${quote(part.text)} → ${quote(next.text)}`);
      i++;
    } else {
      changes.push(`${part.kind} ${quote(part.text)}`);
    }
  }
  return changes;
}

/**
 * What changed between two versions of an item, in words: `text: "10 mL" → "8 mL"`, `title and
 * text changed: …`; at most three changes named, the rest counted.
 */
export function describeChange(before: { title: string; text: string }, after: { title: string; text: string }): string {
  const changes: string[] = [];
  const fields: string[] = [];
  for (const name of ['title', 'text'] as const) {
    if (normaliseText(before[name]) === normaliseText(after[name])) continue;
    fields.push(name);
    for (const change of summariseParts(wordDiff(before[name], after[name]))) changes.push(`${name}: ${change}`);
  }
  if (fields.length === 0) return 'its other fingerprinted attributes changed';
  const named = changes.slice(0, MAX_CHANGES).join('; ');
  const more = changes.length > MAX_CHANGES ? ` (and ${changes.length - MAX_CHANGES} more)` : '';
  return `${named}${more}`;
}
