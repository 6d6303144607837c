// Implements: TL-006
/**
 * Line and column arithmetic over a requirement file's text. Every position the readers report
 * is 1-based and counted in UTF-16 code units, which is what editors use for columns.
 */

/** Line breaks as Markdown and YAML parsers see them: CRLF, CR or LF. */
const LINE_BREAK = /\r\n?|\n/;

/** The text without a leading byte-order mark, which editors do not count as a column. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The text's lines, without their line breaks. */
export function splitLines(text: string): string[] {
  // Splitting at one character is several times faster than at a pattern, and the same without CR.
  return text.includes('\r') ? text.split(LINE_BREAK) : text.split('\n');
}

/** Lines joined back with LF, leading and trailing blank lines dropped. */
export function joinTrimmed(lines: readonly string[]): string {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === '') start++;
  while (end > start && lines[end - 1]!.trim() === '') end--;
  return lines.slice(start, end).join('\n');
}

/**
 * The 0-based index of the last non-blank line in `[from, to)`, or `fallback` when all are blank.
 */
export function lastNonBlankLine(lines: readonly string[], from: number, to: number, fallback: number): number {
  for (let i = Math.min(to, lines.length) - 1; i >= from; i--) {
    if (lines[i]!.trim() !== '') return i;
  }
  return fallback;
}

/**
 * The 0-based line of the text's last non-blank line (as {@link lastNonBlankLine} over
 * {@link splitLines}), or 0 when all are blank; without splitting the text into lines.
 */
export function lastNonBlankLineOf(text: string): number {
  let end = text.length - 1;
  while (end >= 0 && text[end]!.trim() === '') end--;
  let line = 0;
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 10 || (code === 13 && text.charCodeAt(i + 1) !== 10)) line++;
  }
  return line;
}

/** The text's first line, without its line break. */
export function firstLineOf(text: string): string {
  const end = text.search(/\r|\n/);
  return end < 0 ? text : text.slice(0, end);
}

/** The index of `id` in `line` at or after `from`, standing alone (not part of a longer word). */
export function indexOfId(line: string, id: string, from = 0): number {
  for (let i = line.indexOf(id, from); i >= 0; i = line.indexOf(id, i + 1)) {
    const before = i === 0 ? '' : line[i - 1]!;
    const after = line[i + id.length] ?? '';
    if (!/[A-Za-z0-9_-]/.test(before) && !/[A-Za-z0-9_]/.test(after)) return i;
  }
  return -1;
}
