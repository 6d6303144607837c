// Implements: TL-217
/**
 * "Find code to trace": the functions and classes of a project ranked for one item, by the words
 * they share with it. A plain token-overlap score, so the order can be explained in one sentence:
 * each word of the item's title found in the unit's name counts 3, found only in its body 1; ties
 * go to untraced units, then to the unit whose body holds more words of the item's text, then to
 * file and line order.
 */
import type { CodeUnit } from '../../parsing/commentParser';

/** Words too common in requirement titles and code to say anything. */
const STOP_WORDS = new Set([
  'the', 'and', 'for', 'with', 'from', 'into', 'onto', 'that', 'this', 'these', 'those', 'when', 'then', 'than', 'shall',
  'should', 'must', 'will', 'not', 'are', 'was', 'were', 'been', 'has', 'have', 'its', 'per', 'all', 'any', 'each', 'via',
  'void', 'int', 'return', 'const', 'static', 'def', 'self', 'function', 'class', 'public', 'private', 'true', 'false', 'null',
]);

/**
 * The distinct words of a text or identifier, lower case: split at non-letters and at camelCase
 * humps (`lowBatteryMV` → low, battery, mv), three letters or more, common words left out, and a
 * plural `s` dropped so `warnings` meets `warning`.
 */
export function wordsOf(text: string): Set<string> {
  const words = new Set<string>();
  const split = text.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
  for (const raw of split.toLowerCase().split(/[^a-z]+/)) {
    if (raw.length < 3 || STOP_WORDS.has(raw)) continue;
    words.add(raw.length > 3 && raw.endsWith('s') && !raw.endsWith('ss') ? raw.slice(0, -1) : raw);
  }
  return words;
}

/** One code file as the ranking sees it. */
export interface CandidateFile {
  /** Project-relative POSIX path. */
  readonly file: string;
  /** The file's lines. */
  readonly lines: readonly string[];
  readonly units: readonly CodeUnit[];
  /** Symbols of the file that a tag already traces (references' `symbol`). */
  readonly traced: ReadonlySet<string>;
}

/** A function or class with its place in the ranking. */
export interface RankedUnit {
  readonly file: string;
  readonly unit: CodeUnit;
  /** 3 per title word in the name, 1 per title word only in the body. */
  readonly score: number;
  readonly traced: boolean;
}

function overlap(words: ReadonlySet<string>, within: ReadonlySet<string>): number {
  let count = 0;
  for (const word of words) if (within.has(word)) count++;
  return count;
}

/** The functions and classes of `files` (other definitions left out), best match for the item first. */
export function rankCodeUnits(item: { readonly title?: string; readonly text?: string }, files: readonly CandidateFile[]): RankedUnit[] {
  const titleWords = wordsOf(item.title ?? '');
  const textWords = wordsOf(item.text ?? '');
  const ranked: Array<RankedUnit & { readonly textScore: number }> = [];
  for (const { file, lines, units, traced } of files) {
    for (const unit of units) {
      if (unit.kind === 'other') continue;
      const nameWords = wordsOf(unit.name);
      const bodyWords = wordsOf(lines.slice(unit.startRow, unit.endRow + 1).join('\n'));
      let score = 0;
      for (const word of titleWords) score += nameWords.has(word) ? 3 : bodyWords.has(word) ? 1 : 0;
      ranked.push({ file, unit, score, traced: traced.has(unit.name), textScore: overlap(textWords, bodyWords) });
    }
  }
  ranked.sort((a, b) => b.score - a.score || Number(a.traced) - Number(b.traced) || b.textScore - a.textScore
    || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.unit.row - b.unit.row);
  return ranked.map(({ file, unit, score, traced }) => ({ file, unit, score, traced }));
}
