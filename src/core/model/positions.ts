/** Lines and columns of offsets in a text, counted as VS Code counts them. */

/** A 1-based line and UTF-16 column. */
export interface LineColumn {
  readonly line: number;
  readonly column: number;
}

/**
 * Offsets at which each line of `text` starts. Lines end at `\n`, `\r\n` or a lone `\r`, as in
 * VS Code, so that reported lines match what the editor shows.
 */
export function lineStarts(text: string): number[] {
  const starts = [0];
  let from = 0;
  // Each search result is kept until passed, so a text without `\r` is not rescanned per line.
  let cr = text.indexOf('\r');
  let lf = text.indexOf('\n');
  for (;;) {
    if (cr >= 0 && cr < from) cr = text.indexOf('\r', from);
    if (lf >= 0 && lf < from) lf = text.indexOf('\n', from);
    if (cr < 0 && lf < 0) return starts;
    if (lf >= 0 && (cr < 0 || lf < cr)) {
      from = lf + 1;
    } else {
      from = text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
    }
    starts.push(from);
  }
}

/** Index of the line holding `offset`, by binary search over `starts` (0-based). */
function lineIndexAt(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** The 1-based line and column of a UTF-16 offset, given the text's `lineStarts`. */
export function positionAt(starts: readonly number[], offset: number): LineColumn {
  const index = lineIndexAt(starts, offset);
  return { line: index + 1, column: offset - starts[index]! + 1 };
}
