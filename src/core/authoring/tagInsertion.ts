/**
 * Editing tags in source text: the comment that traces a definition to a requirement, and the
 * removal of a reference to an inactive item. Pure line arithmetic, so the editor's quick fixes
 * are unit-tested without an editor. Lines and columns here are 0-based, as editors count them.
 */

import type { CodeUnit } from '../../parsing/units';

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
  /** 0-based line of the definition (its first line, decorators and `export` included). */
  readonly definitionLine: number;
  /**
   * 0-based first line of the comments and annotations attached above the definition, as the
   * parse found them: a tag there is extended, else the new tag goes above them. Without it, the
   * line comments right above `definitionLine` are searched and a new tag goes right above it.
   */
  readonly leadingLine?: number;
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
 * comments attached above the definition (`// Implements: REQ-1, REQ-2`), or a new tag comment
 * line above them at the definition's indentation. Undefined when the ID is already there.
 */
export function planTagInsertion(options: TagInsertionOptions): LineEdit | undefined {
  const { lines, definitionLine, id, keyword, lineComment } = options;
  const eol = options.eol ?? '\n';
  const keywords = options.sameRelationKeywords.length > 0 ? options.sameRelationKeywords : [keyword.toLowerCase()];
  const tagPattern = new RegExp(String.raw`(?<![\w-])@?(?:${keywords.map(escapeRegExp).join('|')})\b\s*:?\s*(${ANY_ID}(?:\s*,\s*${ANY_ID})*)`, 'i');
  let leading = options.leadingLine;
  if (leading === undefined) {
    const commentStart = new RegExp(`^\\s*${escapeRegExp(lineComment)}`);
    leading = definitionLine;
    while (leading > 0 && commentStart.test(lines[leading - 1]!)) leading--;
  }

  // The comments above: extend the tag of the same relation nearest the definition, unless one holds the ID.
  const hasId = new RegExp(`(?<![\\w-])${escapeRegExp(id)}(?![\\w-])`);
  let nearest: LineEdit | undefined;
  for (let line = definitionLine - 1; line >= leading; line--) {
    const match = tagPattern.exec(lines[line]!);
    if (!match) continue;
    if (hasId.test(match[1]!)) return undefined;
    nearest ??= { line, column: match.index + match[0].length, deleteCount: 0, insertText: `, ${id}` };
  }
  if (nearest) return nearest;

  const at = options.leadingLine ?? definitionLine;
  const indent = indentOf(lines[definitionLine] ?? '');
  return { line: at, column: 0, deleteCount: 0, insertText: `${indent}${lineComment} ${keyword}: ${id}${eol}` };
}

/** The rows of a code unit the planner needs (see src/parsing/units.ts), 0-based. */
export type UnitRows = Pick<CodeUnit, 'startRow' | 'leadingRow' | 'endRow'>;

/**
 * The innermost unit around `line`: from its attached comments to its last line. Nested units
 * start later than the units holding them.
 */
export function enclosingUnit<T extends UnitRows>(units: readonly T[], line: number): T | undefined {
  let best: T | undefined;
  for (const unit of units) {
    if (line < unit.leadingRow || line > unit.endRow) continue;
    if (!best || unit.startRow > best.startRow || (unit.startRow === best.startRow && unit.endRow < best.endRow)) best = unit;
  }
  return best;
}

// Implements: TL-216
/**
 * The edit that traces the code at `line` to `id`: above the innermost unit around it (function,
 * method, class; above its doc comment, decorators or attributes), or at the line itself when it
 * lies outside every unit. `edit` is undefined when the ID is already there.
 */
export function planTraceInsertion<T extends UnitRows>(
  options: Omit<TagInsertionOptions, 'definitionLine' | 'leadingLine'> & { readonly units: readonly T[]; readonly line: number },
): { readonly unit: T | undefined; readonly edit: LineEdit | undefined } {
  const { units, line, ...rest } = options;
  const unit = enclosingUnit(units, line);
  const edit = unit
    ? planTagInsertion({ ...rest, definitionLine: unit.startRow, leadingLine: unit.leadingRow })
    : planTagInsertion({ ...rest, definitionLine: line });
  return { unit, edit };
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
