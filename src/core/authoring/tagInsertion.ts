/**
 * Editing tags in source text: the comment that traces a definition to a requirement, and the
 * removal of a reference to an inactive item. Pure line arithmetic, so the editor's quick fixes
 * are unit-tested without an editor. Lines and columns here are 0-based, as editors count them.
 */

/** One ID, of any prefix (the syntax of `ids.ts`), not anchored. */
const ANY_ID = String.raw`[A-Z][A-Z0-9]*(?:[-_][A-Z][A-Z0-9]*)*[-_][0-9]+[A-Z]?`;

/** A replacement within one line: `deleteCount` characters at `column` become `insertText`. */
export interface LineEdit {
  readonly line: number;
  readonly column: number;
  readonly deleteCount: number;
  readonly insertText: string;
}

/** What {@link planTagInsertion} needs to know. */
export interface TagInsertionOptions {
  /** The file's lines, without line breaks. */
  readonly lines: readonly string[];
  /** 0-based line of the definition (its first line, decorators included when the editor says so). */
  readonly definitionLine: number;
  readonly id: string;
  /** The keyword as written in the new tag: `Implements`, `Verifies`. */
  readonly keyword: string;
  /** Every keyword (lower case) with the same relation, so an existing `Satisfies:` tag is extended. */
  readonly sameRelationKeywords: readonly string[];
  /** The language's line comment token (`//`, `#`). */
  readonly lineComment: string;
  readonly eol?: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function indentOf(line: string): string {
  return /^[ \t]*/.exec(line)![0];
}

// Implements: TL-046
/**
 * The edit that traces a definition to `id`: the ID appended to a tag of the same relation in the
 * line comments right above the definition (`// Implements: REQ-1, REQ-2`), or a new tag comment
 * line above it at its indentation. A multi-line doc comment (`/** … *\/`) right above gets the
 * tag as its last line instead, so the doc comment stays attached to its definition. Undefined
 * when the ID is already there.
 */
export function planTagInsertion(options: TagInsertionOptions): LineEdit | undefined {
  const { lines, definitionLine, id, keyword, lineComment } = options;
  const eol = options.eol ?? '\n';
  const keywords = options.sameRelationKeywords.length > 0 ? options.sameRelationKeywords : [keyword.toLowerCase()];
  const tagPattern = new RegExp(String.raw`(?<![\w-])@?(?:${keywords.map(escapeRegExp).join('|')})\b\s*:?\s*(${ANY_ID}(?:\s*,\s*${ANY_ID})*)`, 'i');
  const commentStart = new RegExp(`^\\s*${escapeRegExp(lineComment)}`);

  // Line comments directly above: extend a tag of the same relation.
  for (let line = definitionLine - 1; line >= 0 && commentStart.test(lines[line]!); line--) {
    const text = lines[line]!;
    const match = tagPattern.exec(text);
    if (!match) continue;
    if (new RegExp(`(?<![\\w-])${escapeRegExp(id)}(?![\\w-])`).test(match[1]!)) return undefined;
    return { line, column: match.index + match[0].length, deleteCount: 0, insertText: `, ${id}` };
  }

  // A multi-line block comment directly above, closed on a line of its own.
  const above = lines[definitionLine - 1];
  if (above !== undefined && /^\s*\*+\/\s*$/.test(above)) {
    let start = definitionLine - 1;
    while (start >= 0 && !lines[start]!.includes('/*')) start--;
    if (start >= 0) {
      for (let line = start; line < definitionLine; line++) {
        const match = tagPattern.exec(lines[line]!);
        if (!match) continue;
        if (new RegExp(`(?<![\\w-])${escapeRegExp(id)}(?![\\w-])`).test(match[1]!)) return undefined;
        return { line, column: match.index + match[0].length, deleteCount: 0, insertText: `, ${id}` };
      }
      const inner = lines[definitionLine - 2];
      const gutter = inner !== undefined && definitionLine - 2 > start ? /^\s*\*?\s?/.exec(inner)![0] : `${indentOf(above)}* `;
      return { line: definitionLine - 1, column: 0, deleteCount: 0, insertText: `${gutter.endsWith(' ') || gutter === '' ? gutter : `${gutter} `}${keyword}: ${id}${eol}` };
    }
  }

  const indent = indentOf(lines[definitionLine] ?? '');
  return { line: definitionLine, column: 0, deleteCount: 0, insertText: `${indent}${lineComment} ${keyword}: ${id}${eol}` };
}

/** Separators between IDs in a tag list. */
const SEPARATOR_AFTER = /^\s*(?:[,;&/]|\band\b)\s*/i;
const SEPARATOR_BEFORE = /\s*(?:[,;&/]|\band\b)\s*$/i;

/** Whether a line holds nothing but comment punctuation (`//`, `#`, ` *`, `/* *\/`). */
export function isEmptyCommentLine(line: string): boolean {
  return /^\s*(?:\/\/[/!]?|#+|--|;+|\/\*+!?|\*+\/?)?\s*(?:\*+\/)?\s*$/.test(line);
}

/**
 * The line without the ID at `[start, end)`: with the separator that joined it to a neighbouring
 * ID, or, when it was the tag's only ID, with the tag's keyword too. Returns `null` when nothing
 * but comment punctuation would be left, meaning the whole line should go; an empty comment left
 * after code (`x = 1; //`) is dropped.
 */
export function removeReference(line: string, start: number, end: number, keywords: readonly string[]): string | null {
  const before = line.slice(0, start);
  const after = line.slice(end);
  const idAhead = new RegExp(`^${ANY_ID}`);
  const idBehind = new RegExp(`${ANY_ID}$`);
  let result: string;

  const sepAfter = SEPARATOR_AFTER.exec(after);
  const sepBefore = SEPARATOR_BEFORE.exec(before);
  if (sepAfter && idAhead.test(after.slice(sepAfter[0].length))) {
    result = before + after.slice(sepAfter[0].length);
  } else if (sepBefore && idBehind.test(before.slice(0, sepBefore.index))) {
    result = before.slice(0, sepBefore.index) + after;
  } else {
    const keywordPattern = keywords.length > 0
      ? new RegExp(String.raw`(\s*)@?(?:${keywords.map(escapeRegExp).join('|')})\s*:?\s*$`, 'i')
      : undefined;
    const keyword = keywordPattern?.exec(before);
    if (keyword && (keyword.index === 0 || /[^\w-]/.test(before[keyword.index - 1] ?? ' ') || keyword[1] !== '')) {
      // The whole tag goes, with a full stop or separator that ended it.
      result = before.slice(0, keyword.index) + after.replace(/^[.;,]/, '');
    } else {
      const head = before.replace(/[ \t]+$/, '');
      const tail = after.replace(/^[ \t]+/, '');
      result = head + (head !== '' && tail !== '' && !/^[.,;:)]/.test(tail) ? ' ' : '') + tail;
    }
  }
  if (isEmptyCommentLine(result)) return null;
  // Code followed by a comment that is now empty.
  return result.replace(/\s*(?:\/\/[/!]?|#)\s*$/, '').replace(/\s*\/\*+\s*\*\/\s*$/, '').replace(/\s+$/, '');
}
