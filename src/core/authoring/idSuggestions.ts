/**
 * Nearest-ID suggestions for unknown IDs: the hover's "did you mean" and the quick fix that
 * changes a typo into a defined ID. Pure, so the editor and the CLI can share it.
 */
import { idPrefix } from '../model/ids';

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and transpositions of
 * two adjacent characters each cost 1 (`REQ-012` → `REQ-021` is one edit, a swapped pair of digits).
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous2: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, previous2[j - 2]! + 1);
      current.push(value);
    }
    previous2 = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/** The trailing number of an ID (`12` for `REQ-012`), or undefined. */
export function idNumber(id: string): number | undefined {
  const match = /([0-9]+)[A-Z]?$/.exec(id);
  return match ? Number(match[1]) : undefined;
}

/** Options of {@link nearestIds}. */
export interface SuggestOptions {
  /** How many suggestions at most (default 3). */
  readonly limit?: number;
}

interface Scored {
  readonly id: string;
  readonly distance: number;
  readonly numberGap: number;
}

// Implements: TL-043, TL-046
/**
 * Defined IDs close to `id`, best first. IDs with the same prefix come first and may differ in one
 * character per three of their tail (`-012` → `-013`, `-021`); IDs with another prefix are
 * offered only when the whole ID is within two edits (`RQE-001` → `REQ-001`). Ties go to the
 * nearest number, then to the ID's order, so the result is stable.
 */
export function nearestIds(id: string, candidates: Iterable<string>, options: SuggestOptions = {}): string[] {
  const limit = options.limit ?? 3;
  const prefix = idPrefix(id);
  const tail = id.slice(prefix.length);
  const number = idNumber(id);
  const samePrefix: Scored[] = [];
  const otherPrefix: Scored[] = [];
  for (const candidate of new Set(candidates)) {
    if (candidate === id) continue;
    const candidatePrefix = idPrefix(candidate);
    const candidateNumber = idNumber(candidate);
    const numberGap = number !== undefined && candidateNumber !== undefined ? Math.abs(number - candidateNumber) : Number.MAX_SAFE_INTEGER;
    if (candidatePrefix === prefix) {
      const distance = editDistance(tail, candidate.slice(candidatePrefix.length));
      if (distance <= Math.max(1, Math.floor(tail.length / 3))) samePrefix.push({ id: candidate, distance, numberGap });
    } else {
      const distance = editDistance(id, candidate);
      if (distance <= 2) otherPrefix.push({ id: candidate, distance, numberGap });
    }
  }
  const byCloseness = (a: Scored, b: Scored): number =>
    a.distance - b.distance || a.numberGap - b.numberGap || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return [...samePrefix.sort(byCloseness), ...otherPrefix.sort(byCloseness)].slice(0, limit).map((s) => s.id);
}
